"""Pages: the public species list; the admin's reference data and working-day calendar."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from pydantic import Field

from seedreg.accounts.web import CurrentActor
from seedreg.core import calendar, clock
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.inputs import Input
from seedreg.core.web.bounds import db_id
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.reference import services
from seedreg.reference.schemas import SpeciesIn


class CalendarDayIn(Input):
    day: date
    is_workday: bool = False
    note: str = Field(default="", max_length=64, pattern=r"^[^\x00-\x1f\x7f]*$")


@get("/species", include_in_schema=False)
async def species_public(request: Request) -> Template:
    return page(request, "reference/species.html", species=await services.species_list())


def _admin_only(actor: CurrentActor) -> None:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护基础数据")


# Division levels (divisions.csv) in words.
LEVELS = {"region": "自治区", "province": "省级", "league_city": "盟市", "banner_county": "旗县市"}


@get("/admin/reference", include_in_schema=False)
async def reference_admin(request: Request, actor: CurrentActor) -> Template:
    _admin_only(actor)
    return page(
        request,
        "reference/admin.html",
        species=await services.species_list(include_retired=True),
        divisions=await services.divisions(),
        levels=LEVELS,
    )


@post("/admin/reference/species", include_in_schema=False)
async def species_save(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    species_id = values.pop("species_id", None)
    values["recommended"] = values.get("recommended") == "on"
    values["latin_confirmed"] = values.get("latin_confirmed") == "on"
    try:
        number = db_id(species_id) if species_id else None
        if species_id and number is None:
            raise ValueError(species_id)  # not an id, or one no table can hold
        await services.save_species(actor, parse(SpeciesIn, values), number)
    except (DomainError, ValueError) as exc:
        if not isinstance(exc, DomainError):
            exc = DomainError("树种编号不正确")
        _admin_only(actor)
        return form_error(
            request,
            "reference/admin.html",
            exc,
            values,
            species=await services.species_list(include_retired=True),
            divisions=await services.divisions(),
            levels=LEVELS,
        )
    return see_other("/admin/reference#species")


# How sure the fixture's sources are of a Latin name, in words (issue 14 item 10).
CONFIDENCE = {
    "high": "高",
    "medium-high": "较高",
    "medium": "中",
    "low-medium": "较低",
    "low": "低",
    "not found": "未查到",
}


@get("/admin/reference/latin", include_in_schema=False)
async def latin_admin(request: Request, actor: CurrentActor) -> Template:
    """Species whose Latin names await the administrator's confirmation."""
    _admin_only(actor)
    return page(
        request,
        "reference/latin.html",
        species=await services.latin_awaiting(),
        confidence=CONFIDENCE,
    )


@post("/admin/reference/species/{species_id:int}/confirm-latin", include_in_schema=False)
async def latin_confirm(
    request: Request, actor: CurrentActor, species_id: FromPath[int]
) -> Template | Redirect:
    try:
        await services.confirm_latin(actor, species_id)
    except DomainError as exc:
        _admin_only(actor)
        return form_error(
            request,
            "reference/latin.html",
            exc,
            {},
            species=await services.latin_awaiting(),
            confidence=CONFIDENCE,
        )
    return see_other("/admin/reference/latin")


class ConfirmYearIn(Input):
    year: int = Field(ge=2000, le=2100)


async def _calendar_context(recounted: int | None = None) -> dict[str, Any]:
    cal = await calendar.work_calendar()
    return {
        "days": await calendar.overrides(),
        "known_years": sorted(cal.known_years)[-5:],
        "to_check": await calendar.arrangements_to_check(clock.today()),
        "recounted": recounted,
    }


def _done(recounted: int) -> Redirect:
    """Back to the page, which says how many open deadlines the change moved."""
    return see_other(f"/admin/calendar?recounted={recounted}")


@get("/admin/calendar", include_in_schema=False)
async def calendar_admin(
    request: Request, actor: CurrentActor, recounted: FromQuery[int | None] = None
) -> Template:
    _admin_only(actor)
    return page(request, "reference/calendar.html", **await _calendar_context(recounted))


@post("/admin/calendar/confirm", include_in_schema=False)
async def calendar_confirm(request: Request, actor: CurrentActor) -> Template | Redirect:
    """Enter the 放假办法's days of a year as rest days in one step (the admin confirms them)."""
    values = await form_data(request)
    try:
        data = parse(ConfirmYearIn, values)
        entered = await calendar.confirm_year(actor, data.year)
    except DomainError as exc:
        _admin_only(actor)
        return form_error(
            request, "reference/calendar.html", exc, values, **await _calendar_context()
        )
    return _done(entered.recounted)


@post("/admin/calendar", include_in_schema=False)
async def calendar_set_day(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    values["is_workday"] = values.get("is_workday") == "on"
    try:
        data = parse(CalendarDayIn, values)
        done = await calendar.set_day(actor, data.day, is_workday=data.is_workday, note=data.note)
    except DomainError as exc:
        _admin_only(actor)
        return form_error(
            request, "reference/calendar.html", exc, values, **await _calendar_context()
        )
    return _done(done)


class CalendarRemoveIn(Input):
    day: date


@post("/admin/calendar/remove", include_in_schema=False)
async def calendar_remove_day(request: Request, actor: CurrentActor) -> Template | Redirect:
    """Take an entered day out, after the confirmation step; open deadlines are recounted."""
    values = await form_data(request)
    try:
        _admin_only(actor)
        day = parse(CalendarRemoveIn, {"day": values.get("day", "")}).day
        if not confirmed(values):
            return confirmation(
                request,
                values,
                question=f"确认删除录入的{day.year}年{day.month}月{day.day}日？",
                button="删除",
                back="/admin/calendar",
                consequence="删除后该日按国务院办公厅公布的安排或放假办法计算，"
                "在办事项的期限将按新日历重新计算。",
                danger=True,
            )
        done = await calendar.remove_day(actor, day)
    except DomainError as exc:
        _admin_only(actor)
        return form_error(
            request, "reference/calendar.html", exc, values, **await _calendar_context()
        )
    return _done(done)


HANDLERS = [
    species_public,
    reference_admin,
    species_save,
    latin_admin,
    latin_confirm,
    calendar_admin,
    calendar_set_day,
    calendar_confirm,
    calendar_remove_day,
]
