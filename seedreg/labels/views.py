"""Label pages for signed-in users: a lot's 两证一签 and labels, issuing, an issue with its
labels and print preview, one label with 补发/作废 and PDFs, and the station's clone flags.

Each POST calls one service and redirects (303), or re-renders its page with the message (422,
409 or 403 as the service said)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Role
from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, NotFound
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.core.web.responses import pdf_response
from seedreg.labels import flags, issuance, printable, records, rules, standing
from seedreg.labels.readiness import readiness
from seedreg.labels.schemas import FlagNoteIn, IssueIn, VoidIn
from seedreg.lots.rules import Material
from seedreg.requests import rules as request_rules

LOT = "/labels/lots/{lot_id:int}"
ITEM = "/labels/items/{label_id:int}"


async def _lot_context(actor: CurrentActor, lot_id: int, page_no: int = 1) -> dict[str, Any]:
    state = await readiness(actor, lot_id)
    found = (await standing.lot_verdicts([lot_id]))[lot_id]
    return {
        "state": state,
        "verdict": standing.shown(found),
        "unit": Material(state.material).unit,
        "issues": await records.issues_of_lot(actor, lot_id),
        "labels": await records.labels_page(actor, lot_id=lot_id, page=page_no),
        "may_issue": actor.role is Role.OPERATOR,
        # one button per missing link of 两证一签, to the request form pre-filled (issue 17)
        "request_buttons": [
            *request_rules.buttons(lot_id, state.problems),
            request_rules.consignment_button(lot_id),
        ]
        if actor.role is Role.OPERATOR
        else [],
    }


LABELS_EXPORT = (
    ExportColumn("序列号", "serial", text=True),
    ExportColumn("序号", "sequence"),
    ExportColumn("版本", "version_label"),
    ExportColumn("数量", "quantity_display"),
    ExportColumn("状态", lambda label: label.verdict.word),
    ExportColumn("说明", lambda label: label.verdict.label),
    ExportColumn("补发为", "superseded_by", text=True),
    ExportColumn("签发日期", "issued_on"),
)


async def _labels_of_lot(actor: CurrentActor, lot_id: int, page_no: int) -> tuple[Any, int]:
    found = await records.labels_page(actor, lot_id=lot_id, page=page_no)
    return found.items, found.total


@get(LOT, include_in_schema=False)
async def lot_page(
    request: Request, actor: CurrentActor, lot_id: FromPath[int], page_no: ViewPageNo = 1
) -> Template | Response:
    if exporting.wanted(request):
        return await exporting.xlsx_paged(
            "标签",
            LABELS_EXPORT,
            lambda n: _labels_of_lot(actor, lot_id, n),
            f"labels-lot-{lot_id}.xlsx",
        )
    context = await _lot_context(actor, lot_id, page_number(page_no))
    return page(request, "labels/lot.html", export_url=exporting.export_url(request), **context)


@post(f"{LOT}/issues", include_in_schema=False)
async def issue_form(
    request: Request, actor: CurrentActor, lot_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(IssueIn, {k: values.get(k) for k in ("count", "quantity_each")})
        out = await issuance.issue_labels(actor, lot_id, data)
    except DomainError as exc:
        context = await _lot_context(actor, lot_id)
        return form_error(request, "labels/lot.html", exc, values, **context)
    return see_other(f"/labels/issues/{out.id}")


@get("/labels/issues/{issue_id:int}", include_in_schema=False)
async def issue_page(
    request: Request, actor: CurrentActor, issue_id: FromPath[int], page_no: ViewPageNo = 1
) -> Template:
    found = await records.get_issue(actor, issue_id)
    labels = await records.labels_page(actor, issue_id=issue_id, page=page_number(page_no))
    return page(request, "labels/issue.html", issue=found, labels=labels, layouts=rules.LAYOUTS)


@get("/labels/issues/{issue_id:int}/preview", include_in_schema=False)
async def preview_page(
    request: Request,
    actor: CurrentActor,
    issue_id: FromPath[int],
    layout: FromQuery[str] = "single_100x70",
    label: FromQuery[int] = 0,
) -> Template:
    found = await records.get_issue(actor, issue_id)
    if not label:  # the first label of the issue
        first = await records.labels_page(actor, issue_id=issue_id)
        label = first.items[0].id if first.items else 0
    chosen = await records.get_label(actor, label) if label else None
    if chosen is None or chosen.issue_id != issue_id:
        raise NotFound("该签发记录中没有这张标签")
    contents = await printable.label_contents(actor, label_ids=[label], valid_only=False)
    layout = layout if layout in rules.FIELD_BOXES else "single_100x70"
    return page(
        request,
        "labels/preview.html",
        issue=found,
        view=printable.preview(contents[0], layout),
        layouts=rules.LAYOUTS,
        label_id=label,
        label=chosen,
    )


async def _label_context(actor: CurrentActor, label_id: int) -> dict[str, Any]:
    label = await records.get_label(actor, label_id)
    row = await records.load_label(actor, label_id)
    valid = label.status == rules.LabelStatus.VALID  # the row's own state; the verdict is shown
    return {
        "label": label,
        "may_reissue": actor.role is Role.OPERATOR and valid,
        "may_void": issuance.may_void(actor, row) and valid,
        "may_print": valid,
        "single_layouts": [(k, rules.LAYOUTS[k]) for k in rules.SINGLE_LAYOUTS],
    }


@get(ITEM, include_in_schema=False)
async def label_page(request: Request, actor: CurrentActor, label_id: FromPath[int]) -> Template:
    return page(request, "labels/label.html", **await _label_context(actor, label_id))


@post(f"{ITEM}/reissue", include_in_schema=False)
async def reissue_form(
    request: Request, actor: CurrentActor, label_id: FromPath[int]
) -> Template | Redirect:
    try:
        new = await issuance.reissue(actor, label_id)
    except DomainError as exc:
        context = await _label_context(actor, label_id)
        return form_error(request, "labels/label.html", exc, {}, **context)
    return see_other(f"/labels/items/{new.id}")


@post(f"{ITEM}/void", include_in_schema=False)
async def void_form(
    request: Request, actor: CurrentActor, label_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(VoidIn, {"reason": values.get("reason", "")})
        if not confirmed(values):
            label = await records.load_label(actor, label_id)
            return confirmation(
                request,
                values,
                question=f"确认作废 标签 {label['serial']}（批次 {label['lot_number']}）？",
                button="确认作废",
                back=f"/labels/items/{label_id}",
                facts=[("作废原因", data.reason)],
                consequence="作废后扫码显示无效，此操作不能撤销。",
                danger=True,
            )
        await issuance.void_label(actor, label_id, data.reason)
    except DomainError as exc:
        context = await _label_context(actor, label_id)
        return form_error(request, "labels/label.html", exc, values, **context)
    return see_other(f"/labels/items/{label_id}")


@get(f"{ITEM}/label.pdf", include_in_schema=False, media_type="application/pdf")
async def label_pdf(
    actor: CurrentActor, label_id: FromPath[int], layout: FromQuery[str] = "single_100x70"
) -> Response:
    pdf, serial = await printable.label_pdf(actor, label_id, layout[:24])
    return pdf_response(pdf, f"label-{serial}.pdf")


# --- clone flags (种苗站) ----------------------------------------------------------------------


@get("/labels/clone-flags", include_in_schema=False)
async def flags_page(
    request: Request,
    actor: CurrentActor,
    status: FromQuery[str] = "open",
    page_no: ViewPageNo = 1,
) -> Template:
    items, total = await flags.list_flags(actor, status[:12], page_number(page_no))
    return page(
        request,
        "labels/flags.html",
        items=items,
        total=total,
        status=status,
        page_no=page_number(page_no),
        page_size=flags.PAGE_SIZE,
        status_labels=flags.STATUS_LABELS,
    )


@get("/labels/clone-flags/{flag_id:int}", include_in_schema=False)
async def flag_page(request: Request, actor: CurrentActor, flag_id: FromPath[int]) -> Template:
    flag = await flags.get_flag(actor, flag_id)
    return page(request, "labels/flag.html", flag=flag)


def _flag_action(action: str) -> Any:
    async def handler(
        request: Request, actor: CurrentActor, flag_id: FromPath[int]
    ) -> Template | Redirect:
        values = await form_data(request)
        try:
            data = parse(FlagNoteIn, {"note": values.get("note", "")})
            await flags.handle(actor, flag_id, action, data.note)
        except DomainError as exc:
            flag = await flags.get_flag(actor, flag_id)
            return form_error(
                request,
                "labels/flag.html",
                exc,
                values,
                flag=flag,
            )
        return see_other(f"/labels/clone-flags/{flag_id}")

    handler.__name__ = f"flag_{action}"
    return post(f"/labels/clone-flags/{{flag_id:int}}/{action}", include_in_schema=False)(handler)


confirm_flag = _flag_action("confirm")
dismiss_flag = _flag_action("dismiss")

HANDLERS = [
    lot_page,
    issue_form,
    issue_page,
    preview_page,
    label_page,
    reissue_form,
    void_form,
    label_pdf,
    flags_page,
    flag_page,
    confirm_flag,
    dismiss_flag,
]
