"""The admin's page for 办事窗口 and their weekly appointment slots (on working days only)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.rules import LEAGUE_CODE, Actor
from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.reference import services as reference
from seedreg.servicedesk import appointments, desk, rules
from seedreg.servicedesk.schemas import PatternIn, WindowIn

ADMIN = "servicedesk/admin.html"
WEEKDAYS = [
    (0, "周一"),
    (1, "周二"),
    (2, "周三"),
    (3, "周四"),
    (4, "周五"),
    (5, "周六"),
    (6, "周日"),
]


async def _context(actor: Actor) -> dict[str, Any]:
    if not rules.may_manage_windows(actor):
        raise Forbidden("只有管理员可以设置窗口和预约时段")
    counties = [(d["code"], d["name"]) for d in await reference.league_counties()]
    return {
        "windows": await appointments.windows(),
        "division_options": [(LEAGUE_CODE, "兴安盟（盟级）"), *counties],
        "matter_options": list((await desk.matter_names()).items()),
        "weekdays": WEEKDAYS,
        "added": None,
    }


@get("/servicedesk/admin", include_in_schema=False)
async def admin_page(
    request: Request, actor: CurrentActor, added: FromQuery[int | None] = None
) -> Template:
    return page(request, ADMIN, **{**await _context(actor), "added": added})


@post("/servicedesk/admin/windows", include_in_schema=False)
async def add_window(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    try:
        await appointments.add_window(actor, parse(WindowIn, values))
    except DomainError as exc:
        return form_error(request, ADMIN, exc, values, **await _context(actor))
    return see_other("/servicedesk/admin")


@post("/servicedesk/admin/windows/{window_id:int}/patterns", include_in_schema=False)
async def add_pattern(
    request: Request, actor: CurrentActor, window_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    form = await request.form()
    values["weekdays"] = [int(d) for d in form.getall("weekdays") if str(d).isdigit()]
    try:
        added = await appointments.add_pattern(actor, window_id, parse(PatternIn, values))
    except DomainError as exc:
        return form_error(request, ADMIN, exc, values, **await _context(actor))
    return see_other(f"/servicedesk/admin?added={added}")


HANDLERS = [admin_page, add_window, add_pattern]
