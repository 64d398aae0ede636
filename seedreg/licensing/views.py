"""Pages for licensing (林木种子生产经营许可): the applicant's home and the officer's inbox, and
every licensing page's handlers — the public guide, register and verification (public_views), the
admin's material checklist (oversight_views), one application (application_views) and the
licences and notices (licence_views).

Each POST reads its form, calls one service use-case and redirects (303) to the page to look at
next, or re-renders the page with the service's Chinese message beside the field (422). The
rules live in the services; what is here is reading forms and choosing templates.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Role
from seedreg.accounts.web import CurrentActor
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.licensing import (
    application_views,
    applications,
    licence_list,
    licence_register,
    licence_views,
    oversight_views,
    public_views,
    rules,
)
from seedreg.licensing.common import OFFICER_ROLES
from seedreg.licensing.forms import (
    KIND_OPTIONS,
    STATUS_OPTIONS,
    placed_error,
    read_form,
)
from seedreg.licensing.licence_list import LicenceFilter
from seedreg.licensing.rule_settings import PROMISED_DECISION_WORKDAYS
from seedreg.licensing.schemas import (
    ApplicationCreate,
)
from seedreg.organisations import identity
from seedreg.organisations import services as organisations

# --- the applicant's and the official's lists -------------------------------------------------


async def _home_context(actor: CurrentActor, page_no: int = 1) -> dict[str, Any]:
    items, total = await applications.search(actor, page=page_no)
    return {
        "apps": items,
        "total": total,
        "page_no": page_no,
        "page_size": applications.PAGE_SIZE,
        **await _licences(actor),
        "may_import_licences": actor.role in OFFICER_ROLES,
        "kind_options": KIND_OPTIONS,
        "failed": "",
    }


async def _licences(actor: CurrentActor) -> dict[str, Any]:
    """An operator's own licences (its renewal form picks from them); an official's latest
    ten, with the count of the whole book behind the link to its list."""
    if actor.is_operator:
        return {"licences": await licence_register.for_actor(actor), "licence_total": None}
    latest, total = await licence_list.search(actor, LicenceFilter(), per_page=10)
    return {"licences": latest, "licence_total": total}


@get("/licensing", include_in_schema=False)
async def licensing_home(
    request: Request, actor: CurrentActor, page_no: ViewPageNo = 1
) -> Template:
    return page(request, "licensing/home.html", **await _home_context(actor, page_number(page_no)))


async def _inbox_context(
    actor: CurrentActor,
    status: str = "",
    org_q: str = "",
    page_no: int = 1,
    pending_overdue: bool = False,
) -> dict[str, Any]:
    status = status if status in dict(STATUS_OPTIONS) else ""
    items, total = await applications.search(
        actor, status=status, open_only=True, pending_overdue=pending_overdue, page=page_no
    )
    orgs: list[Any] = []
    counter_licences: list[Any] = []
    if actor.role in OFFICER_ROLES:  # counter filing: the applicants found and their licences
        orgs, _ = await organisations.search(actor, q=org_q.strip()[:60])
        counter_licences = await licence_register.valid_of(actor, [o.id for o in orgs])
    return {
        "items": items,
        "unverified": await identity.unverified_among([a.organisation_id for a in items]),
        "total": total,
        "status": status,
        "status_options": STATUS_OPTIONS,
        "pending_overdue": pending_overdue,
        "org_q": org_q[:60],
        "orgs": orgs,
        "counter_licences": counter_licences,
        "kind_options": KIND_OPTIONS,
        "page_no": page_no,
        "page_size": applications.PAGE_SIZE,
        "failed": "",
        # the 办事指南's promise beside the law's limit (行政许可法 Art. 42)
        "promised_limit": PROMISED_DECISION_WORKDAYS.display(
            await rs.value(PROMISED_DECISION_WORKDAYS)
        ),
        "statutory_limit": f"{rules.DECISION_WORKDAYS}个工作日",
    }


INBOX_EXPORT = (
    ExportColumn("受理编号", "reference", text=True),
    ExportColumn("申请事项", "kind_label"),
    ExportColumn("申请人", "organisation_name"),
    ExportColumn("状态", "status_label"),
    ExportColumn("提交时间", "submitted_at"),
    ExportColumn("受理日期", "accepted_on"),
    ExportColumn("承诺办结日", "promised_due"),
    ExportColumn("法定办结日", "statutory_due"),
    ExportColumn("剩余工作日", "days_left"),
)


@get("/licensing/inbox", include_in_schema=False)
async def inbox(
    request: Request,
    actor: CurrentActor,
    status: FromQuery[str] = "",
    org_q: FromQuery[str] = "",
    page_no: ViewPageNo = 1,
    pending_overdue: FromQuery[str] = "",
) -> Template | Redirect | Response:
    if actor.role is Role.OPERATOR:
        return see_other("/licensing")
    if exporting.wanted(request):
        status = status if status in dict(STATUS_OPTIONS) else ""
        return await exporting.xlsx_paged(
            "待办申请",
            INBOX_EXPORT,
            lambda n: applications.search(
                actor, status=status, open_only=True, pending_overdue=bool(pending_overdue), page=n
            ),
            "licensing-inbox.xlsx",
        )
    context = await _inbox_context(
        actor, status, org_q, page_number(page_no), bool(pending_overdue)
    )
    return page(request, "licensing/inbox.html", **context)


@post("/licensing/applications", include_in_schema=False)
async def application_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await read_form(request)
    fields = ("kind", "licence_id", "organisation_id", "division_code")
    try:
        data = parse(ApplicationCreate, {k: values[k] for k in fields if k in values})
        created = await applications.create(actor, data)
    except DomainError as exc:
        if actor.role is Role.OPERATOR:
            template, context = "licensing/home.html", await _home_context(actor)
        else:
            template, context = "licensing/inbox.html", await _inbox_context(actor)
        context["failed"] = "create"
        return form_error(request, template, placed_error(exc, fields), values, **context)
    return see_other(f"/licensing/applications/{created.id}")


HANDLERS = [
    *public_views.HANDLERS,
    *oversight_views.HANDLERS,
    licensing_home,
    inbox,
    application_create,
    *application_views.HANDLERS,
    *licence_views.HANDLERS,
]
