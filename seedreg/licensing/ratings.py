"""好差评: the applicant rates each finished application; a 差评 must be followed up and
answered within 7 days (兴署发〔2021〕5号 Art. 38 (三)); compliance per bureau for the admin."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound
from seedreg.licensing.common import ensure_officer, load, of_licensing, require
from seedreg.licensing.rules import RATING_FOLLOW_UP_DAYS, Status
from seedreg.licensing.schemas import FollowUpIn, RatingIn
from seedreg.licensing.states import MATTER
from seedreg.matters import applications as shared
from seedreg.matters.tables import Application, Rating

POOR = 2  # scores 1–2 are 差评


async def rate(actor: Actor, application_id: int, data: RatingIn) -> dict[str, Any]:
    """One rating per application, by the applicant, once it is finished (一事一评)."""
    row = await load(actor, application_id)
    if actor.role is not Role.OPERATOR:
        raise Forbidden("只有申请人可以评价")
    require(Status(row["status"]).is_final and row["status"] != Status.WITHDRAWN, "办结后才能评价")
    follow_up = (
        clock.today() + timedelta(days=RATING_FOLLOW_UP_DAYS) if data.score <= POOR else None
    )
    async with transaction():
        if await Rating.exists().where(Rating.application == application_id):
            raise Conflict("该申请已评价")
        await shared.add_rating(
            {
                "application": application_id,
                "score": data.score,
                "comment": data.comment,
                "rated_at": clock.now(),
                "follow_up_due": follow_up,
            }
        )
        await audit.record(
            actor,
            "rating:create",
            "licence_application",
            application_id,
            after={"score": data.score, "comment": data.comment},
        )
    return await _rating(application_id)


async def answer(actor: Actor, application_id: int, data: FollowUpIn) -> dict[str, Any]:
    """The bureau's follow-up to a 差评: verification, correction or explanation."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    rating = await _rating(application_id)
    require(rating["score"] <= POOR, "只有差评需要整改反馈")
    require(not rating["answered_at"], "该差评已反馈")
    async with transaction():
        await shared.update_rating(
            row["id"],
            {
                "follow_up_answer": data.answer,
                "answered_at": clock.now(),
                "answered_by": actor.user_id,
            },
        )
        await audit.record(
            actor, "rating:answer", "licence_application", row["id"], after={"answer": data.answer}
        )
    return await _rating(application_id)


async def _rating(application_id: int) -> dict[str, Any]:
    rating = await Rating.select().where(Rating.application == application_id).first()
    if rating is None:
        raise NotFound("尚未评价")
    return rating


async def get_rating(actor: Actor, application_id: int) -> dict[str, Any] | None:
    await load(actor, application_id)
    return await Rating.select().where(Rating.application == application_id).first()


async def compliance(actor: Actor) -> list[dict[str, Any]]:
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
    ).where(of_licensing(), in_jurisdiction(Application.division_code, actor))
    ratings = {
        r["application"]: r
        for r in await Rating.select().where(Rating.application.matter == MATTER)
    }
    today = clock.today()
    stats: dict[str, dict[str, Any]] = {}
    for a in apps:
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
        elif a["status"] == Status.ACCEPTED and a["statutory_due"] and a["statutory_due"] < today:
            s["overdue_open"] += 1
        if r := ratings.get(a["id"]):
            s["ratings"] += 1
            poor = r["score"] <= POOR
            s["poor" if poor else "good"] += 1
            if poor and not r["answered_at"]:
                s["poor_open"] += 1
                s["poor_late"] += r["follow_up_due"] < today
    return sorted(stats.values(), key=lambda s: s["division_code"])
