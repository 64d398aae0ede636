"""Pages of a booking: the booker looks it up by code and phone, cancels it (after the
server-side confirmation) or rates the visit; window staff see the day's list and mark who
came (兴署发〔2021〕5号 Arts. 15, 38(二))."""

from __future__ import annotations

from datetime import date
from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor, MaybeActor
from seedreg.core import clock
from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.licensing.forms import RATING_OPTIONS
from seedreg.servicedesk import appointments, desk, ratings
from seedreg.servicedesk.rules import STATUS_LABELS, BookingStatus
from seedreg.servicedesk.schemas import BookingOut, RatingIn

LOOKUP = "servicedesk/booking.html"
DAY = "servicedesk/day.html"


async def _context(item: BookingOut | None, phone: str = "") -> dict[str, Any]:
    state = BookingStatus(item.status) if item else None
    return {
        "item": item,
        "phone": phone,
        "matters": await desk.matter_names(),
        "status_labels": STATUS_LABELS,
        "may_cancel": bool(item and state is BookingStatus.BOOKED and item.day > clock.today()),
        "may_rate": bool(item and state is BookingStatus.ARRIVED and item.rating_score is None),
        "rating_options": RATING_OPTIONS,
    }


@get("/servicedesk/booking", include_in_schema=False)
async def lookup_form(request: Request) -> Template:
    return page(request, LOOKUP, **await _context(None))


async def _shown(request: Request, values: dict[str, Any]) -> Template:
    code, phone = values.get("code", ""), values.get("phone", "")
    try:
        item = await appointments.get(code, phone)
    except DomainError as exc:
        return form_error(request, LOOKUP, exc, values, **await _context(None))
    return page(request, LOOKUP, values=values, **await _context(item, phone))


@post("/servicedesk/booking", include_in_schema=False)
async def lookup(request: Request) -> Template:
    return await _shown(request, await form_data(request))


@post("/servicedesk/booking/cancel", include_in_schema=False)
async def cancel(request: Request, maybe_actor: MaybeActor) -> Template:
    values = await form_data(request)
    code, phone = values.get("code", ""), values.get("phone", "")
    if not confirmed(values):
        return confirmation(
            request,
            values,
            question=f"确认取消预约 {code}？",
            button="取消预约",
            back="/servicedesk/booking",
            consequence="取消后该时段的位置将让给他人，不能恢复。",
            danger=True,
        )
    try:
        await appointments.cancel(maybe_actor, code, phone)
    except DomainError as exc:
        return form_error(request, LOOKUP, exc, values, **await _context(None))
    return await _shown(request, {"code": code, "phone": phone})


@post("/servicedesk/booking/rating", include_in_schema=False)
async def rate(request: Request) -> Template:
    values = await form_data(request)
    code, phone = values.get("code", ""), values.get("phone", "")
    try:
        data = parse(RatingIn, {k: values[k] for k in ("score", "comment") if k in values})
        await ratings.rate_visit(code, phone, data)
    except DomainError as exc:
        item = await appointments.get(code, phone)
        return form_error(request, LOOKUP, exc, values, **await _context(item, phone))
    return await _shown(request, {"code": code, "phone": phone})


# --- window staff -----------------------------------------------------------------------------


async def _day_context(actor: Any, window_id: int, day: date) -> dict[str, Any]:
    return {
        "rows": await appointments.day_list(actor, window_id, day),
        "window_id": window_id,
        "day": day,
        "markable": {BookingStatus.BOOKED.value} if day <= clock.today() else set(),
        "status_labels": STATUS_LABELS,
        "matters": await desk.matter_names(),
    }


@get("/servicedesk/windows/{window_id:int}/day", include_in_schema=False)
async def day_page(
    request: Request,
    actor: CurrentActor,
    window_id: FromPath[int],
    day: FromQuery[date | None] = None,
) -> Template:
    return page(request, DAY, **await _day_context(actor, window_id, day or clock.today()))


@post("/servicedesk/windows/{window_id:int}/mark", include_in_schema=False)
async def mark(
    request: Request, actor: CurrentActor, window_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await appointments.mark(actor, values.get("code", ""), BookingStatus(values["status"]))
    except (DomainError, KeyError, ValueError) as exc:
        error = exc if isinstance(exc, DomainError) else RuleViolation("请选择到场情况")
        context = await _day_context(actor, window_id, clock.today())
        return form_error(request, DAY, error, values, **context)
    return see_other(f"/servicedesk/windows/{window_id}/day")


HANDLERS = [lookup_form, lookup, cancel, rate, day_page, mark]
