"""The officials' inbox across matters as a page: every open application of the jurisdiction
with its clock and band, the actions the matter's table allows, and the assignment form."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.matters import inbox
from seedreg.matters.schemas import AssignIn, OfficerOut

INBOX_PAGE = "/matters/inbox"


async def _context(actor: CurrentActor, matter: str = "", page_no: int = 1) -> dict[str, Any]:
    options = await inbox.matter_options()
    matter = matter if matter in dict(options) else ""
    items, total = await inbox.inbox(actor, matter=matter, page=page_no)
    officers: dict[int, list[OfficerOut]] = {}
    by_place: dict[tuple[str, str], list[OfficerOut]] = {}
    for item in items:
        if item.may_assign:
            place = (item.matter, item.division_code)
            if place not in by_place:
                by_place[place] = await inbox.officers_for(*place)
            officers[item.id] = by_place[place]
    return {
        "items": items,
        "total": total,
        "officers": officers,
        "matter": matter,
        "matter_options": options,
        "page_no": page_no,
        "page_size": inbox.PAGE_SIZE,
        "failed_id": None,
    }


EXPORT = (
    ExportColumn("受理编号", "reference", text=True),
    ExportColumn("事项", "matter_name"),
    ExportColumn("申请人", "organisation_name"),
    ExportColumn("状态", "status_label"),
    ExportColumn("时限", "clock_label"),
    ExportColumn("期限", "due"),
    ExportColumn("剩余工作日", "days_left"),
    ExportColumn("承办人", "assigned_name"),
)


@get(INBOX_PAGE, include_in_schema=False)
async def inbox_page(
    request: Request, actor: CurrentActor, matter: FromQuery[str] = "", page_no: ViewPageNo = 1
) -> Template | Response:
    if exporting.wanted(request):
        options = dict(await inbox.matter_options())
        chosen = matter if matter in options else ""
        return await exporting.xlsx_paged(
            "全部事项待办",
            EXPORT,
            lambda n: inbox.inbox(actor, matter=chosen, page=n),
            "matters-inbox.xlsx",
        )
    context = await _context(actor, matter, page_number(page_no))
    context["export_url"] = exporting.export_url(request)
    return page(request, "matters/inbox.html", **context)


@post("/matters/applications/{application_id:int}/assign", include_in_schema=False)
async def assign_page(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(AssignIn, values)
        await inbox.assign(actor, application_id, data.officer_id)
    except DomainError as exc:
        context = {**await _context(actor), "failed_id": application_id}
        return form_error(request, "matters/inbox.html", exc, values, **context)
    return see_other(f"{INBOX_PAGE}#a-{application_id}")


HANDLERS = [inbox_page, assign_page]
