"""What the officials' desk page shows: the two open queues (咨询, 投诉), each paged on its own
(``qpage``, ``cpage``) so no open item hides behind a cap, beside the 差评 awaiting their
answer and the windows; and its export, which holds every open item of both queues."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from litestar import Response

from seedreg.accounts.rules import LEAGUE_CODE
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.exporting import ExportColumn
from seedreg.reference import services as reference
from seedreg.servicedesk import appointments, complaints, consultations, desk, ratings, rules
from seedreg.servicedesk.rules import ABOUT_LABELS, STATUS_LABELS


async def choices() -> dict[str, Any]:
    counties = [(d["code"], d["name"]) for d in await reference.league_counties()]
    return {
        "division_options": [(LEAGUE_CODE, "兴安盟（盟级）"), *counties],
        "matter_options": list((await desk.matter_names()).items()),
        "status_labels": STATUS_LABELS,
        "about_labels": ABOUT_LABELS,
    }


def pages_query(qpage: int, cpage: int) -> str:
    """The two queues' page numbers as a query string ("" on the first pages), kept by the
    desk's forms so an action returns to the pages it was taken on."""
    kept = [(k, n) for k, n in (("qpage", qpage), ("cpage", cpage)) if n > 1]
    return urlencode(kept)


async def desk_context(actor: Any, qpage: int = 1, cpage: int = 1) -> dict[str, Any]:
    qpage, cpage = page_number(qpage), page_number(cpage)
    questions, q_total = await consultations.queue(actor, page=qpage)
    open_complaints, c_total = await complaints.queue(actor, page=cpage)
    query = pages_query(qpage, cpage)
    return {
        "questions": [
            {
                "item": q,
                "may_take": q.responder is None,
                "may_answer": q.responder == actor.user_id,
            }
            for q in questions
        ],
        "complaints": [
            {
                "item": c,
                "may_take": c.handler is None,
                "may_reply": c.handler == actor.user_id and not c.reply,
                "may_close": bool(c.reply) and c.handler == actor.user_id,
            }
            for c in open_complaints
        ],
        # each pager keeps the other queue's page
        "q_pager": {"page_no": qpage, "total": q_total, "query": pages_query(1, cpage)},
        "c_pager": {"page_no": cpage, "total": c_total, "query": pages_query(qpage, 1)},
        "q_page_size": consultations.QUEUE_PAGE_SIZE,
        "c_page_size": complaints.QUEUE_PAGE_SIZE,
        "back": f"?{query}" if query else "",
        "poor": await ratings.poor_open(actor),
        "windows": await appointments.in_jurisdiction_windows(actor),
        "colleagues": await desk.colleagues(actor),
        "may_manage_windows": rules.may_manage_windows(actor),
        "channel_options": [(c.value, c.label) for c in rules.LOGGED_CHANNELS],
        **await choices(),
        "band_labels": {b.value: b.label for b in rules.Band},
        "matters": await desk.matter_names(),
    }


def _either(*names: str) -> Callable[[Any], Any]:
    """A question's or a complaint's value under its own name (the two lists share a sheet's
    columns; an unanswered question has an empty responder, which is not a complaint's handler)."""
    return lambda r: next((v for n in names if (v := getattr(r, n, None))), "")


DESK_EXPORT = (
    ExportColumn("编号", "token", text=True),
    ExportColumn("提出人", _either("asker_name", "complainant_name")),
    ExportColumn("内容", "text"),
    ExportColumn("收到日期", _either("asked_on", "received_on")),
    ExportColumn("办结期限", "due_on"),
    ExportColumn("状态", lambda r: rules.STATUS_LABELS.get(r.status, r.status)),
    ExportColumn("经办人", _either("responder_name", "handler_name")),
)


async def desk_export(actor: Any) -> Response[bytes]:
    """Every open question and complaint of the jurisdiction (up to the export's cap), not the
    pages on screen."""
    questions, _ = await consultations.queue(actor, per_page=exporting.MAX_ROWS)
    open_complaints, _ = await complaints.queue(actor, per_page=exporting.MAX_ROWS)
    return exporting.xlsx_sheets(
        "servicedesk.xlsx",
        exporting.sheet("咨询", DESK_EXPORT, questions),
        exporting.sheet("投诉", DESK_EXPORT, open_complaints),
    )
