"""The routing page "从哪里引种？" (public, works without JavaScript: a GET form) and its JSON
twin: who decides an introduction from the chosen origin, before anyone applies."""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from seedreg.core.errors import DomainError
from seedreg.core.web.pages import form_error, page
from seedreg.introductions import services
from seedreg.introductions.routing_rules import CHINA, Origin, Route
from seedreg.introductions.schemas import RouteOut

TEMPLATE = "introductions/route.html"


def route_out(route: Route) -> RouteOut:
    return RouteOut(
        kind=route.kind,
        kind_label=route.kind.label,
        origin_name=route.origin_name,
        needs_application=route.needs_application,
        refused=route.refused,
        decided_by=route.decided_by,
        league_step=route.league_step,
        league_step_label=route.league_step.label if route.league_step else "",
        forwarded_to=route.forwarded_to,
        explanation=route.explanation,
        basis=route.basis,
    )


@get("/introductions/route", include_in_schema=False)
async def route_page(request: Request, origin: FromQuery[str] = "") -> Template:
    groups = services.origin_groups()
    values = {"origin": origin[:20]}
    if not origin:
        return page(request, TEMPLATE, values=values, groups=groups, route=None)
    try:
        route = await services.route(services.origin_of(origin[:20]))
    except DomainError as exc:
        exc.field = "origin"
        return form_error(request, TEMPLATE, exc, values, groups=groups, route=None)
    return page(request, TEMPLATE, values=values, groups=groups, route=route)


@get(
    "/api/introductions/route",
    tags=["引种"],
    summary="引种去向：按来源地判断由谁审批（兴署发〔2021〕6号 五(一)）",
)
async def route_api(
    country: FromQuery[str] = CHINA, division_code: FromQuery[str] = ""
) -> RouteOut:
    origin = Origin(country=country[:2], division_code=division_code[:12])
    return route_out(await services.route(origin))


HANDLERS = [route_page, route_api]
