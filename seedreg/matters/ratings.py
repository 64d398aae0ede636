"""好差评 for every matter: the applicant rates each decided application once (一事一评); a
差评 must be followed up and answered within 7 days (兴署发〔2021〕5号 Art. 38 (三));
compliance per handling bureau. The matter's own service loads the application (with its
access check) and passes the row."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.matters import applications as shared
from seedreg.matters import rules
from seedreg.matters.clocks import RATING_FOLLOW_UP_DAYS
from seedreg.matters.inbox import audit_subject
from seedreg.matters.tables import Application, Rating
from seedreg.matters.transitions import Clock

POOR = 2  # scores 1–2 are 差评


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise RuleViolation(message)


async def rate(actor: Actor, row: dict[str, Any], score: int, comment: str) -> dict[str, Any]:
    """One rating per application, by the applicant, once a decision ended it (a withdrawal
    is not a service to rate)."""
    if actor.role is not Role.OPERATOR:
        raise Forbidden("只有申请人可以评价")
    state = rules.flow(row["matter"]).states.get(row["status"])
    _require(bool(state and state.decided), "办结后才能评价")
    follow_up = clock.today() + timedelta(days=RATING_FOLLOW_UP_DAYS) if score <= POOR else None
    async with transaction():
        if await Rating.exists().where(Rating.application == row["id"]):
            raise Conflict("该申请已评价")
        await shared.add_rating(
            {
                "application": row["id"],
                "score": score,
                "comment": comment,
                "rated_at": clock.now(),
                "follow_up_due": follow_up,
            }
        )
        await audit.record(
            actor,
            "rating:create",
            audit_subject(row["matter"]),
            row["id"],
            after={"score": score, "comment": comment},
        )
    return await _rating(row["id"])


async def answer(actor: Actor, row: dict[str, Any], text: str) -> dict[str, Any]:
    """The bureau's follow-up to a 差评: verification, correction or explanation."""
    if actor.role not in rules.flow(row["matter"]).handlers:
        raise Forbidden("只有审批人员可以办理此事项")
    rating = await _rating(row["id"])
    _require(rating["score"] <= POOR, "只有差评需要整改反馈")
    _require(not rating["answered_at"], "该差评已反馈")
    async with transaction():
        await shared.update_rating(
            row["id"],
            {"follow_up_answer": text, "answered_at": clock.now(), "answered_by": actor.user_id},
        )
        await audit.record(
            actor, "rating:answer", audit_subject(row["matter"]), row["id"], after={"answer": text}
        )
    return await _rating(row["id"])


async def _rating(application_id: int) -> dict[str, Any]:
    rating = await rating_of(application_id)
    if rating is None:
        raise NotFound("尚未评价")
    return rating


async def rating_of(application_id: int) -> dict[str, Any] | None:
    return await Rating.select().where(Rating.application == application_id).first()


async def compliance(actor: Actor, matter: str) -> list[dict[str, Any]]:
    """Per handling bureau: decided applications, decided on time, ratings and open 差评."""
    if not actor.is_official:
        raise Forbidden("无权查看")
    apps = await Application.select(
        Application.id,
        Application.division_code,
        Application.status,
        Application.decided_on,
        Application.forwarded_on,
        Application.statutory_due,
        Application.promised_due,
    ).where(Application.matter == matter, in_jurisdiction(Application.division_code, actor))
    ratings = {
        r["application"]: r
        for r in await Rating.select().where(Rating.application.matter == matter)
    }
    # the bureau's own review clock runs in these states (licensing: accepted)
    reviewing = {s for s, st in rules.flow(matter).states.items() if st.clock is Clock.DECISION}
    today = clock.today()
    stats: dict[str, dict[str, Any]] = {}
    for a in apps:
        _count(stats, a, ratings.get(a["id"]), today, reviewing)
    return sorted(stats.values(), key=lambda s: s["division_code"])


def _count(
    stats: dict[str, dict[str, Any]],
    a: dict[str, Any],
    rating: dict[str, Any] | None,
    today: date,
    reviewing: set[str],
) -> None:
    s = stats.setdefault(
        a["division_code"],
        {
            "division_code": a["division_code"],
            "decided": 0,
            "on_time": 0,
            "within_promise": 0,
            "overdue_open": 0,
            "ratings": 0,
            "good": 0,
            "poor": 0,
            "poor_open": 0,
            "poor_late": 0,
        },
    )
    # A bureau that only reviews (良种) is done when it forwards: the region's time is not its.
    done_on = a["forwarded_on"] or a["decided_on"]
    if done_on and a["statutory_due"]:
        s["decided"] += 1
        s["on_time"] += done_on <= a["statutory_due"]
        s["within_promise"] += done_on <= (a["promised_due"] or a["statutory_due"])
    elif a["status"] in reviewing and a["statutory_due"] and a["statutory_due"] < today:
        s["overdue_open"] += 1
    if rating:
        s["ratings"] += 1
        poor = rating["score"] <= POOR
        s["poor" if poor else "good"] += 1
        if poor and not rating["answered_at"]:
            s["poor_open"] += 1
            s["poor_late"] += rating["follow_up_due"] < today
