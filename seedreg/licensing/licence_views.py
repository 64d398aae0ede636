"""Licence pages (licensing): a licence, its end (注销, 撤销, 吊销), its printed original and
duplicate, and the notices (文书) as PDFs."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import DomainError, NotFound, RuleViolation
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.core.web.responses import pdf_response
from seedreg.elicences import services as elicences
from seedreg.licensing import documents, licence_list, licence_register, licences, permissions
from seedreg.licensing.forms import pick, placed_error, read_form
from seedreg.licensing.licence_list import LicenceFilter
from seedreg.licensing.rules import LicenceStatus, end_problem
from seedreg.licensing.schemas import StatusChangeIn
from seedreg.reference import services as reference

LIST_EXPORT = (
    ExportColumn("许可证编号", "number", text=True),
    ExportColumn("持证者", "holder_name"),
    ExportColumn("生产经营种类", "species"),
    ExportColumn("有效期自", "valid_from"),
    ExportColumn("有效期至", "valid_to"),
    ExportColumn("发证机关", "issuing_authority"),
    ExportColumn("状态", "status_label"),
    ExportColumn("状态说明", "status_note"),
)


@get("/licensing/licences", include_in_schema=False)
async def licences_page(
    request: Request,
    actor: CurrentActor,
    status: FromQuery[str] = "",
    division: FromQuery[str] = "",
    expiring_within: FromQuery[str] = "",
    q: FromQuery[str] = "",
    page_no: ViewPageNo = 1,
) -> Template | Response[Any]:
    """The office's whole book of licences (an operator: its own), ended ones included."""
    wanted = LicenceFilter(
        status=LicenceStatus(status) if status in STATUS_CHOICES else None,
        division=division[:6],
        expiring_within=int(expiring_within) if expiring_within in EXPIRY_CHOICES else None,
        q=q[:60],
    )
    if exporting.wanted(request):
        return await exporting.xlsx_paged(
            "许可证",
            LIST_EXPORT,
            lambda n: licence_list.search(actor, wanted, page=n),
            "licences.xlsx",
        )
    page_no = page_number(page_no)
    items, total = await licence_list.search(actor, wanted, page=page_no)
    shown = {k: v for k, v in wanted.model_dump(mode="json").items() if v not in (None, "")}
    return page(
        request,
        "licensing/licences.html",
        items=items,
        total=total,
        page_no=page_no,
        page_size=licence_list.PAGE_SIZE,
        wanted=shown,
        filter_query=urlencode(shown),
        status_options=[(s.value, s.label) for s in LicenceStatus],
        expiry_options=[(d, f"{d}日内到期") for d in EXPIRY_CHOICES],
        divisions=[] if actor.is_operator else await reference.league_counties(),
    )


STATUS_CHOICES = {s.value for s in LicenceStatus}
EXPIRY_CHOICES = ("30", "90", "180")


@get("/licensing/notices/{notice_file:str}", include_in_schema=False)
async def notice_pdf(request: Request, actor: CurrentActor, notice_file: FromPath[str]) -> Response:
    """/licensing/notices/<id>.pdf (the router cannot mix a parameter and text in a segment)."""
    match = re.fullmatch(r"(\d{1,9})\.pdf", notice_file)  # an integer id (PostgreSQL int4)
    if match is None:
        raise NotFound("未找到该文书")
    notice_id = int(match.group(1))
    base_url = request.app.state.settings.public_base_url
    return pdf_response(
        await documents.notice_pdf(actor, notice_id, base_url), f"notice-{notice_id}.pdf"
    )


# --- licences -------------------------------------------------------------------------------


async def _licence_context(actor: CurrentActor, licence_id: int) -> dict[str, Any]:
    licence = await licence_register.get(actor, licence_id)
    return {
        "licence": licence,
        "may": permissions.licence_access(actor, LicenceStatus(licence.status)),
        "history_terms": licence_register.term_history(licence),
        # GB/T 36904 identifiers of its versions (兴署发〔2021〕5号 Art. 27)
        "elicences": await elicences.shown(licence_id),
        "names": await reference.division_names(),
        "scope_labels": documents.SCOPE_LABELS,
        "today": clock.today().isoformat(),
        "failed": "",
    }


@get("/licensing/licences/{licence_id:int}", include_in_schema=False)
async def licence_detail(
    request: Request, actor: CurrentActor, licence_id: FromPath[int]
) -> Template:
    return page(request, "licensing/licence.html", **await _licence_context(actor, licence_id))


PENALTY_FIELDS = ("penalty_decision_number", "penalty_decided_on")
END_VERBS = {"revoked": "吊销", "annulled": "撤销"}


async def _confirm_end(
    request: Request,
    actor: CurrentActor,
    licence_id: int,
    values: dict[str, Any],
    data: StatusChangeIn,
) -> Template:
    """吊销 / 撤销 ask first, naming the licence and its holder (issue 14 item 6)."""
    licence = await licence_register.get(actor, licence_id)
    problem = end_problem(
        LicenceStatus(data.kind),
        decision_number=data.penalty_decision_number,
        decided_on=data.penalty_decided_on,
        on=clock.today(),
    )
    if problem:  # what the service would refuse is said on the form, before asking
        raise RuleViolation(problem[0], field=problem[1])
    verb = END_VERBS[data.kind]
    return confirmation(
        request,
        values,
        question=f"确认{verb} 许可证 {licence.number}（{licence.holder_name}）？",
        button=f"确认{verb}许可证",
        back=f"/licensing/licences/{licence_id}",
        facts=[("理由", data.reasons), ("行政处罚决定书", data.penalty_decision_number)],
        consequence="许可证将在公示名录上显示为无效，此操作不能撤销。",
        danger=True,
    )


@post("/licensing/licences/{licence_id:int}/end", include_in_schema=False)
async def licence_end(
    request: Request, actor: CurrentActor, licence_id: FromPath[int]
) -> Template | Redirect:
    values = await read_form(request)
    try:
        data = parse(StatusChangeIn, pick(values, "kind", "reasons", *PENALTY_FIELDS))
        if not confirmed(values):
            return await _confirm_end(request, actor, licence_id, values, data)
        await licences.end_licence(actor, licence_id, data)
    except DomainError as exc:
        context = {**await _licence_context(actor, licence_id), "failed": "end"}
        placed = placed_error(exc, ("kind", "reasons", *PENALTY_FIELDS))
        return form_error(request, "licensing/licence.html", placed, values, **context)
    return see_other(f"/licensing/licences/{licence_id}")


@get("/licensing/licences/{licence_id:int}/original.pdf", include_in_schema=False)
async def licence_original_pdf(actor: CurrentActor, licence_id: FromPath[int]) -> Response:
    pdf = await documents.licence_pdf(actor, licence_id, "original")
    return pdf_response(pdf, f"licence-{licence_id}-original.pdf")


@get("/licensing/licences/{licence_id:int}/duplicate.pdf", include_in_schema=False)
async def licence_duplicate_pdf(actor: CurrentActor, licence_id: FromPath[int]) -> Response:
    pdf = await documents.licence_pdf(actor, licence_id, "duplicate")
    return pdf_response(pdf, f"licence-{licence_id}-duplicate.pdf")


HANDLERS = [
    licences_page,
    notice_pdf,
    licence_detail,
    licence_end,
    licence_original_pdf,
    licence_duplicate_pdf,
]
