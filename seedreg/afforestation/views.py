"""Pages of key afforestation projects: the list, the form (种苗站), and the project page where
deliveries are recorded by scanning the labels' QR codes or typing serials, with the 良种
share against the plan and the lead it raises."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Actor
from seedreg.accounts.web import CurrentActor
from seedreg.afforestation import rules, services
from seedreg.afforestation.schemas import DeliveryIn, ProjectIn
from seedreg.core import clock
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.paging import page_number
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.labels.serials import TYPO
from seedreg.reference import services as reference


@get("/afforestation", include_in_schema=False)
async def project_list(request: Request, actor: CurrentActor, page_no: ViewPageNo = 1) -> Template:
    page_no = page_number(page_no)
    items, total = await services.projects(actor, page=page_no)
    return page(
        request,
        "afforestation/list.html",
        items=items,
        total=total,
        page_no=page_no,
        page_size=services.PAGE_SIZE,
        may_create=rules.may_create(actor),
    )


async def _form_context(actor: Actor) -> dict[str, Any]:
    if not rules.may_create(actor):
        raise Forbidden("重点工程造林项目由种苗站登记")
    counties = await reference.league_counties()
    return {
        "organisation_options": await services.organisation_options(actor),
        "division_options": [(c["code"], c["name"]) for c in counties],
    }


@get("/afforestation/new", include_in_schema=False)
async def project_new(request: Request, actor: CurrentActor) -> Template:
    context = await _form_context(actor)
    values = {"year": str(clock.today().year), "state_funded": "on", "improved_percent": "80"}
    return page(request, "afforestation/form.html", values=values, **context)


@post("/afforestation/new", include_in_schema=False)
async def project_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    context = await _form_context(actor)
    values = await form_data(request)
    data = {
        **values,
        "state_funded": bool(values.get("state_funded")),
        "species": [s for s in values.get("species", "").replace("，", "、").split("、") if s],
    }
    try:
        project = await services.create(actor, parse(ProjectIn, data))
    except DomainError as exc:
        return form_error(request, "afforestation/form.html", exc, values, **context)
    return see_other(f"/afforestation/{project.id}")


async def _detail(actor: Actor, project_id: int) -> dict[str, Any]:
    project = await services.get(actor, project_id)
    actions = rules.allowed_actions(actor, project.organisation_id, project.division_code)
    return {
        "project": project,
        "may_record": "record" in actions,
        "may_assess": "assess" in actions,
        "typo": TYPO,
        "lead_title": rules.LEAD_TITLE,
    }


@get("/afforestation/{project_id:int}", include_in_schema=False)
async def project_detail(
    request: Request, actor: CurrentActor, project_id: FromPath[int]
) -> Template:
    values = {"delivered_on": clock.today().isoformat()}
    return page(
        request, "afforestation/detail.html", values=values, **await _detail(actor, project_id)
    )


@post("/afforestation/{project_id:int}/deliveries", include_in_schema=False)
async def delivery_create(
    request: Request, actor: CurrentActor, project_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await services.record_deliveries(actor, project_id, parse(DeliveryIn, values))
    except DomainError as exc:
        context = await _detail(actor, project_id)
        return form_error(request, "afforestation/detail.html", exc, values, **context)
    return see_other(f"/afforestation/{project_id}#deliveries")


@post("/afforestation/{project_id:int}/assess", include_in_schema=False)
async def project_assess(
    request: Request, actor: CurrentActor, project_id: FromPath[int]
) -> Template | Redirect:
    try:
        await services.assess(actor, project_id)
    except DomainError as exc:
        context = await _detail(actor, project_id)
        return form_error(request, "afforestation/detail.html", exc, {}, **context)
    return see_other(f"/afforestation/{project_id}#share")


HANDLERS = [
    project_list,
    project_new,
    project_create,
    project_detail,
    delivery_create,
    project_assess,
]
