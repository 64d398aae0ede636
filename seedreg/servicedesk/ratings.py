"""好差评 一次一评 (兴署发〔2021〕5号 Art. 38(二)): one rating per window visit (a booking that
arrived) and per consultation; a 差评 is verified and answered within 7 days (Art. 38(三)), the
rule licensing applies to applications. Open 差评 stand in the officials' queue."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, NotFound, RuleViolation
from seedreg.servicedesk import desk, rules
from seedreg.servicedesk.rules import BookingStatus, QuestionStatus
from seedreg.servicedesk.schemas import FollowUpIn, RatingIn, RatingOut
from seedreg.servicedesk.tables import Booking, Question, VisitRating


def _out(r: dict[str, Any]) -> RatingOut:
    kind = "booking" if r["booking"] else "question"
    return RatingOut(
        id=r["id"],
        kind=kind,
        subject_id=r["booking"] or r["question"],
        division_code=r["division_code"],
        score=r["score"],
        comment=r["comment"],
        follow_up_due=r["follow_up_due"],
        follow_up_answer=r["follow_up_answer"],
    )


async def _save(actor: Any, data: RatingIn, division: str, kind: str, subject_id: int) -> RatingOut:
    rating = VisitRating(
        division_code=division,
        score=data.score,
        comment=data.comment,
        rated_at=clock.now(),
        follow_up_due=rules.follow_up_due(data.score, clock.today()),
    )
    setattr(rating, kind, subject_id)  # the booking or the question: unique, so rated once
    async with transaction():
        got = (
            await VisitRating.insert(rating)
            .on_conflict(action="DO NOTHING")
            .returning(VisitRating.id)
        )
        if not got:
            raise Conflict("已评价过，一次服务只评一次")
        await audit.record(
            actor,
            "visit_rating:create",
            kind,
            subject_id,
            after={"score": data.score, "comment": data.comment},
        )
    row = await VisitRating.select().where(VisitRating.id == got[0]["id"]).first()
    return _out(row or {})


async def rate_question(token: str, data: RatingIn) -> RatingOut:
    """The asker (holder of the link) rates an answered consultation, once."""
    row = await Question.select().where(Question.token == token[:32]).first()
    if row is None:
        raise NotFound("没有这条咨询")
    if row["status"] != QuestionStatus.ANSWERED:
        raise RuleViolation("答复后才能评价")
    who = desk.PublicActor(row["phone"] or "----")
    return await _save(who, data, row["division_code"], "question", row["id"])


async def rate_visit(code: str, phone: str, data: RatingIn) -> RatingOut:
    """The booker rates a window visit that took place, once."""
    row = (
        await Booking.select(
            Booking.id,
            Booking.phone,
            Booking.status,
            Booking.slot._.window._.division_code.as_alias("division_code"),
        )
        .where(Booking.code == code.strip().upper()[:12])
        .first()
    )
    if row is None or row["phone"] != desk.mobile(phone):
        raise NotFound("没有这个预约")
    if row["status"] != BookingStatus.ARRIVED:
        raise RuleViolation("到窗口办理后才能评价")
    return await _save(
        desk.PublicActor(row["phone"]), data, row["division_code"], "booking", row["id"]
    )


async def poor_open(actor: Actor) -> list[RatingOut]:
    """差评 of the jurisdiction still waiting for their follow-up, soonest due first."""
    desk.ensure_official(actor)
    rows = (
        await VisitRating.select()
        .where(
            in_jurisdiction(VisitRating.division_code, actor)
            & (VisitRating.score <= rules.POOR)
            & VisitRating.answered_at.is_null()
        )
        .order_by(VisitRating.follow_up_due)
    )
    return [_out(r) for r in rows]


async def follow_up(actor: Actor, rating_id: int, data: FollowUpIn) -> RatingOut:
    """核实整改 or an explanation for a 差评 (Art. 38(三)), once."""
    row = await VisitRating.select().where(VisitRating.id == rating_id).first()
    if row is None:
        raise NotFound("没有这条评价")
    desk.ensure_handler(actor, row["division_code"])
    if row["score"] > rules.POOR:
        raise RuleViolation("只有差评需要整改反馈")
    if row["answered_at"]:
        raise Conflict("该差评已反馈")
    async with transaction():
        await VisitRating.update(
            {
                VisitRating.follow_up_answer: data.answer,
                VisitRating.answered_at: clock.now(),
                VisitRating.answered_by: actor.user_id,
            }
        ).where(VisitRating.id == rating_id)
        await audit.record(
            actor, "visit_rating:answer", "visit_rating", rating_id, after={"answer": data.answer}
        )
    done = await VisitRating.select().where(VisitRating.id == rating_id).first()
    return _out(done or {})
