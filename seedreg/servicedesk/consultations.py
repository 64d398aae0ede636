"""咨询 with 首问负责制 (兴署发〔2021〕5号 Art. 14): online questions get a named first responder,
who owns them until answered or handed over with a reason, and an answer deadline in working
days (a local setting: the text names none); phone, window and letter consultations are logged."""

from __future__ import annotations

import logging
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.accounts.scope import in_jurisdiction
from seedreg.accounts.tables import User
from seedreg.core import clock, paging
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.notifications.sms import queue_sms
from seedreg.servicedesk import desk, rules
from seedreg.servicedesk.rule_settings import ANSWER_WORKDAYS
from seedreg.servicedesk.rules import Channel, QuestionStatus
from seedreg.servicedesk.schemas import (
    AnswerIn,
    HandoverIn,
    LoggedQuestionIn,
    QuestionIn,
    QuestionOut,
)
from seedreg.servicedesk.tables import Question, VisitRating
from seedreg.settings import get_settings

log = logging.getLogger("seedreg.servicedesk")
SUBJECT = "question"
PAGE_SIZE = 20  # questions a page of 我的咨询 (page and API)
QUEUE_PAGE_SIZE = 20  # open questions a page of the desk's queue (page and API)


async def _out(rows: list[dict[str, Any]], *, with_band: bool = False) -> list[QuestionOut]:
    names = await desk.user_names({r["responder"] for r in rows if r["responder"]})
    rated = {
        r["question"]: r["score"]
        for r in await VisitRating.select(VisitRating.question, VisitRating.score).where(
            VisitRating.question.is_in([r["id"] for r in rows] or [0])
        )
    }
    cal = await desk.work_calendar() if with_band else None
    return [
        QuestionOut(
            **{k: r[k] for k in QuestionOut.model_fields if k in r},
            responder_name=names.get(r["responder"], ""),
            band=desk.band_of(r["due_on"], cal) if cal else None,
            rating_score=rated.get(r["id"]),
        )
        for r in rows
    ]


async def ask(actor: Actor | None, data: QuestionIn, *, client: str) -> QuestionOut | None:
    """An online question. Signed in: the account asks; otherwise name and a mobile number
    (the answer's SMS goes there), rate-limited per client. None: the honeypot was filled."""
    if data.website:
        log.info("question honeypot filled from %s", client)
        return None
    matter = await desk.check_matter(data.matter_code)
    if actor is None:
        if not data.asker_name:
            raise RuleViolation("请填写姓名", field="asker_name")
        phone = desk.mobile(data.phone)
        await desk.check_rate(client[:64])
    else:
        phone = desk.mobile(data.phone) if data.phone else ""
    today = clock.today()
    due = rules.due_in_workdays(
        today, int(await rs.value(ANSWER_WORKDAYS)), await desk.work_calendar()
    )
    who = actor or desk.PublicActor(phone)
    async with transaction():
        row = Question(
            token=desk.token(),
            channel=Channel.ONLINE,
            asker=actor.user_id if actor else None,
            asker_name=actor.display_name if actor else data.asker_name,
            phone=phone,
            client=client[:64] if actor is None else "",
            matter_code=matter,
            division_code=data.division_code,
            text=data.text,
            asked_on=today,
            due_on=due,
            created_at=clock.now(),
        )
        await row.save()
        await audit.record(
            who,
            "question:ask",
            "question",
            row.id,
            after={"matter_code": matter, "division_code": data.division_code, "deadline": due},
        )
    return (await _out([await _row(row.id)]))[0]


async def log_consultation(actor: Actor, data: LoggedQuestionIn) -> QuestionOut:
    """A phone, window or letter consultation, logged with the answer given by who logs it."""
    desk.ensure_handler(actor, data.division_code)
    matter = await desk.check_matter(data.matter_code)
    phone = desk.mobile(data.phone) if data.phone else ""
    now, today = clock.now(), clock.today()
    async with transaction():
        row = Question(
            token=desk.token(),
            channel=data.channel,
            asker_name=data.asker_name,
            phone=phone,
            matter_code=matter,
            division_code=data.division_code,
            text=data.text,
            asked_on=today,
            due_on=today,
            status=QuestionStatus.ANSWERED,
            responder=actor.user_id,
            taken_at=now,
            answer=data.answer,
            answered_at=now,
            created_at=now,
        )
        await row.save()
        await audit.record(
            actor,
            "question:log",
            "question",
            row.id,
            after={"channel": data.channel, "matter_code": matter, "answer": data.answer},
        )
    return (await _out([await _row(row.id)]))[0]


async def _row(question_id: int) -> dict[str, Any]:
    row = await Question.select().where(Question.id == question_id).first()
    if row is None:
        raise NotFound("没有这条咨询")
    return row


async def get(actor: Actor, question_id: int) -> QuestionOut:
    """The asker or an official of its jurisdiction; anyone else is told it does not exist."""
    row = await _row(question_id)
    mine = row["asker"] is not None and row["asker"] == actor.user_id
    if not mine and not rules.may_handle(actor, row["division_code"]):
        raise NotFound("没有这条咨询")
    return (await _out([row], with_band=actor.is_official))[0]


async def by_token(token: str) -> QuestionOut:
    """The public asker's view through the unguessable link of the SMS."""
    row = await Question.select().where(Question.token == token[:32]).first()
    if row is None:
        raise NotFound("没有这条咨询")
    return (await _out([row]))[0]


async def mine(
    actor: Actor, *, page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[QuestionOut], int]:
    """One page of the account's own questions, newest first, and how many there are."""
    rows, total = await paging.page_of(
        Question, [Question.asker == actor.user_id], page=page, per_page=per_page
    )
    return await _out(rows), total


async def queue(
    actor: Actor, *, page: int = 1, per_page: int = QUEUE_PAGE_SIZE
) -> tuple[list[QuestionOut], int]:
    """One page of the jurisdiction's open questions, soonest due first (then by id, so pages
    are stable), with the inbox's colour bands, and how many are open: none hides past a cap."""
    desk.ensure_official(actor)
    rows, total = await paging.page_of(
        Question,
        [
            in_jurisdiction(Question.division_code, actor),
            Question.status.is_in([QuestionStatus.OPEN, QuestionStatus.TAKEN]),
        ],
        page=page,
        per_page=per_page,
        order_by=[(Question.due_on, True), (Question.id, True)],
    )
    return await _out(rows, with_band=True), total


async def take(actor: Actor, question_id: int) -> QuestionOut:
    """The official who first takes an open question becomes its 首问负责人; of two at once,
    the conditional UPDATE lets one win."""
    row = await _row(question_id)
    desk.ensure_handler(actor, row["division_code"])
    async with transaction():
        won = await fetch(
            "UPDATE question SET responder = {}, taken_at = {}, status = {} "
            "WHERE id = {} AND responder IS NULL AND status = {} RETURNING id",
            actor.user_id,
            clock.now(),
            QuestionStatus.TAKEN.value,
            question_id,
            QuestionStatus.OPEN.value,
        )
        if not won:
            raise Conflict("该咨询已由其他工作人员接手")
        await audit.record(
            actor, "question:take", "question", question_id, after={"responder": actor.user_id}
        )
    return await get(actor, question_id)


def _ensure_owner(actor: Actor, row: dict[str, Any]) -> None:
    if row["responder"] != actor.user_id:
        raise Forbidden("该咨询由首问负责人办理，请先接手或由其移交")


async def handover(actor: Actor, question_id: int, data: HandoverIn) -> QuestionOut:
    """The first responder hands the question to another official, with a reason."""
    row = await _row(question_id)
    desk.ensure_handler(actor, row["division_code"])
    _ensure_owner(actor, row)
    if row["status"] != QuestionStatus.TAKEN:
        raise RuleViolation("已答复的咨询不能移交")
    reason = rules.ensure_handover_reason(data.reason)
    target = await User.select().where((User.id == data.to_user_id) & User.active.eq(True)).first()
    to = desk.actor_of(target) if target else None
    if to is None or to.user_id == actor.user_id or not rules.may_handle(to, row["division_code"]):
        raise RuleViolation("接手人须为管辖该地区的其他工作人员", field="to_user_id")
    async with transaction():
        await Question.update(
            {Question.responder: to.user_id, Question.taken_at: clock.now()}
        ).where(Question.id == question_id)
        await audit.record(
            actor,
            "question:handover",
            "question",
            question_id,
            before={"responder": actor.user_id},
            after={"responder": to.user_id, "reason": reason},
        )
    return await get(to, question_id)


async def answer(actor: Actor, question_id: int, data: AnswerIn) -> QuestionOut:
    """Only the first responder answers; the asker sees it in the account or by the link, and
    a public asker gets an SMS with the link."""
    row = await _row(question_id)
    desk.ensure_handler(actor, row["division_code"])
    _ensure_owner(actor, row)
    if row["status"] == QuestionStatus.ANSWERED:
        raise Conflict("该咨询已答复")
    async with transaction():
        await Question.update(
            {
                Question.answer: data.answer,
                Question.answered_at: clock.now(),
                Question.status: QuestionStatus.ANSWERED,
            }
        ).where(Question.id == question_id)
        await audit.record(
            actor, "question:answer", "question", question_id, after={"answer": data.answer}
        )
        if row["phone"]:
            await queue_sms(
                row["phone"],
                f"您{row['asked_on'].month}月{row['asked_on'].day}日的咨询已答复，请查看："
                f"{get_settings().public_base_url}/servicedesk/q/{row['token']}",
            )
    return await get(actor, question_id)
