"""Pages of issue 23 in inspections: the re-inspection queue (复查, with the inbox's colour
bands) and its result form, the statistics, and the inspected business's public 检查码 page
(no login; rate-limited look-ups). Each calls the same services as followup_api.py."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import DomainError, RuleViolation, TooManyAttempts
from seedreg.core.validation import parse
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.inspections import followup_rules as fr
from seedreg.inspections import followups, inspected, statistics
from seedreg.inspections.followup_schemas import FollowUpIn, RatingIn
from seedreg.labels.ratelimit import TokenBucket
from seedreg.matters.clocks import Band

FOLLOW_UP = "inspections/follow_up.html"
INSPECTED = "inspections/inspected.html"
# Look-ups of a 检查码 by one address: enough for a business, too few to try codes.
_lookups = TokenBucket(rate_per_minute=20, burst=30)


def limit_lookups(request: Request[Any, Any, Any]) -> None:
    if not _lookups.allow(request.client.host if request.client else "", time.monotonic()):
        raise TooManyAttempts("查询过于频繁，请稍后再试")


def _band_labels() -> dict[str, str]:
    return {b.value: b.label for b in Band}


@get("/inspections/follow-ups", include_in_schema=False)
async def queue_page(
    request: Request, actor: CurrentActor, done: FromQuery[bool] = False
) -> Template:
    rows = await followups.queue(actor, pending_only=not done)
    return page(
        request, "inspections/follow_ups.html", rows=rows, band_labels=_band_labels(),
        showing_all=done,
    )  # fmt: skip


async def _detail(request: Request, actor: CurrentActor, follow_up_id: int) -> dict[str, Any]:
    row = await followups.load(actor, follow_up_id)
    return {
        "f": row,
        "band_labels": _band_labels(),
        "outcomes": [
            (s.value, s.label) for s in fr.FollowUpState if s is not fr.FollowUpState.PENDING
        ],
        "escalate_basis": fr.ESCALATE_BASIS,
    }


@get("/inspections/follow-ups/{follow_up_id:int}", include_in_schema=False)
async def follow_up_page(
    request: Request, actor: CurrentActor, follow_up_id: FromPath[int]
) -> Template:
    return page(request, FOLLOW_UP, **await _detail(request, actor, follow_up_id))


@post("/inspections/follow-ups/{follow_up_id:int}", include_in_schema=False)
async def follow_up_submit(
    request: Request, actor: CurrentActor, follow_up_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(FollowUpIn, {k: v for k, v in values.items() if k in FollowUpIn.model_fields})
        state = fr.FollowUpState(data.state)
        if (problem := fr.outcome_problem(state, data.note)) is not None:
            field = "state" if state is fr.FollowUpState.PENDING else "note"
            raise RuleViolation(problem, field=field)
        if not confirmed(values):  # recorded once: asked first (the finding closes or escalates)
            f = (await _detail(request, actor, follow_up_id))["f"]
            return confirmation(
                request,
                values,
                question=f"确认复查结论“{state.label}”：{f['target_name']} {f['code']}？",
                button=f"确认：{state.label}",
                back=f"/inspections/follow-ups/{follow_up_id}",
                facts=[("复查情况", data.note), ("证据", data.evidence_ref)],
                consequence="复查结论记录后不能更改。",
                danger=state is fr.FollowUpState.ESCALATED,
            )
        await followups.record(actor, follow_up_id, state, data.note, data.evidence_ref)
    except DomainError as exc:
        context = await _detail(request, actor, follow_up_id)
        return form_error(request, FOLLOW_UP, exc, values, **context)
    return see_other(f"/inspections/follow-ups/{follow_up_id}")


def _period(start: str, end: str) -> tuple[date, date]:
    today = clock.today()
    try:
        first = date.fromisoformat(start) if start else date(today.year, 1, 1)
        last = date.fromisoformat(end) if end else today
    except ValueError as exc:
        raise RuleViolation("日期格式应为 2026-01-31", field="start") from exc
    if last < first:
        raise RuleViolation("结束日期不能早于开始日期", field="end")
    return first, last


@get("/inspections/statistics", include_in_schema=False)
async def statistics_page(
    request: Request,
    actor: CurrentActor,
    start: FromQuery[str] = "",
    end: FromQuery[str] = "",
    division: FromQuery[str] = "",
) -> Template:
    values = {"start": start, "end": end, "division": division}
    try:
        first, last = _period(start[:10], end[:10])
        found = await statistics.figures(actor, start=first, end=last, division=division[:6])
    except RuleViolation as exc:
        return form_error(request, "inspections/statistics.html", exc, values, stats=None)
    return page(request, "inspections/statistics.html", stats=found, values=values)


@get("/inspected", include_in_schema=False)
async def inspected_lookup(request: Request, code: FromQuery[str] = "") -> Template | Redirect:
    if code:
        return see_other(f"/inspected/{inspected.normalise(code[:40])}")
    return page(request, "inspections/inspected_lookup.html")


async def _history(request: Request, code: str) -> dict[str, Any]:
    limit_lookups(request)
    base = request.app.state.settings.public_base_url
    return {
        "history": await inspected.history(code[:40], base),
        "code": inspected.normalise(code[:40]),
        "ratings": [(r.value, r.label) for r in fr.Rating],
    }


@get("/inspected/{code:str}", include_in_schema=False)
async def inspected_page(request: Request, code: FromPath[str]) -> Template:
    try:
        context = await _history(request, code)
    except DomainError as exc:
        status = exc.status_code if exc.status_code in (404, 429) else 422
        return page(
            request, "inspections/inspected_lookup.html", status_code=status, error=exc.message
        )
    return page(request, INSPECTED, **context)


@post("/inspected/{code:str}/rating", include_in_schema=False)
async def inspected_rate(request: Request, code: FromPath[str]) -> Template | Redirect:
    values = await form_data(request)
    try:
        context = await _history(request, code)
        data = parse(RatingIn, values)
        await inspected.rate(code[:40], data.rating, data.comment)
    except DomainError as exc:
        if exc.status_code in (404, 429):
            return page(
                request,
                "inspections/inspected_lookup.html",
                status_code=exc.status_code,
                error=exc.message,
            )
        return form_error(request, INSPECTED, exc, values, **await _history(request, code))
    return see_other(f"/inspected/{context['code']}")


HANDLERS = [
    queue_page,
    follow_up_page,
    follow_up_submit,
    statistics_page,
    inspected_lookup,
    inspected_page,
    inspected_rate,
]
