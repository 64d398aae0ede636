"""投诉 (兴署发〔2021〕5号 Art. 37): recorded online by the complainant or by staff on their
behalf, about a matter, an office or a person; a handling deadline in working days (a local
setting: the text names none), a handler, a reply to the complainant and closure. A complaint
alleging a violation carries the 涉嫌违法 flag and its allegation, for the inspections later."""

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
from seedreg.servicedesk.rule_settings import COMPLAINT_WORKDAYS
from seedreg.servicedesk.rules import ComplaintStatus
from seedreg.servicedesk.schemas import ComplaintIn, ComplaintOut, ReplyIn
from seedreg.servicedesk.tables import Complaint
from seedreg.settings import get_settings

log = logging.getLogger("seedreg.servicedesk")
QUEUE_PAGE_SIZE = 20  # open complaints a page of the desk's queue (page and API)
OPEN_STATUSES = [ComplaintStatus.OPEN, ComplaintStatus.ASSIGNED, ComplaintStatus.REPLIED]


async def _out(rows: list[dict[str, Any]], *, with_band: bool = False) -> list[ComplaintOut]:
    names = await desk.user_names({r["handler"] for r in rows if r["handler"]})
    cal = await desk.work_calendar() if with_band else None
    return [
        ComplaintOut(
            **{k: r[k] for k in ComplaintOut.model_fields if k in r},
            handler_name=names.get(r["handler"], ""),
            band=desk.band_of(r["due_on"], cal)
            if cal and r["status"] in (ComplaintStatus.OPEN, ComplaintStatus.ASSIGNED)
            else None,
        )
        for r in rows
    ]


async def record(actor: Actor | None, data: ComplaintIn, *, client: str) -> ComplaintOut | None:
    """A complaint: by the public (name and mobile), a signed-in user, or staff on someone's
    behalf (then the complainant's name and phone are theirs). None: the honeypot was filled."""
    if data.website:
        log.info("complaint honeypot filled from %s", client)
        return None
    on_behalf = actor is not None and actor.is_official
    if (on_behalf or actor is None) and not data.complainant_name:
        raise RuleViolation("请填写投诉人姓名", field="complainant_name")
    phone = desk.mobile(data.phone)
    matter = await desk.check_matter(data.matter_code, required=data.about == "matter")
    if data.about != "matter" and not data.about_text:
        raise RuleViolation("请写明被投诉的机构或人员", field="about_text")
    if data.alleged_violation and len(data.allegation) < 4:
        raise RuleViolation("标记涉嫌违法时，请写明涉嫌违法的事实", field="allegation")
    if actor is None:
        await desk.check_rate(client[:64])
    today = clock.today()
    due = rules.due_in_workdays(
        today, int(await rs.value(COMPLAINT_WORKDAYS)), await desk.work_calendar()
    )
    own = actor if actor is not None and not on_behalf else None  # the account complains
    name = own.display_name if own else data.complainant_name
    async with transaction():
        row = Complaint(
            token=desk.token(),
            complainant=own.user_id if own else None,
            complainant_name=name,
            phone=phone,
            client=client[:64] if actor is None else "",
            recorded_by=actor.user_id if actor and on_behalf else None,
            about=data.about,
            matter_code=matter,
            about_text=data.about_text,
            division_code=data.division_code,
            text=data.text,
            alleged_violation=data.alleged_violation,
            allegation=data.allegation if data.alleged_violation else "",
            received_on=today,
            due_on=due,
            created_at=clock.now(),
        )
        await row.save()
        await audit.record(
            actor or desk.PublicActor(phone),
            "complaint:create",
            "complaint",
            row.id,
            after={
                "about": data.about,
                "deadline": due,
                "alleged_violation": data.alleged_violation,
            },
        )
    return (await _out([await _row(row.id)]))[0]


async def _row(complaint_id: int) -> dict[str, Any]:
    row = await Complaint.select().where(Complaint.id == complaint_id).first()
    if row is None:
        raise NotFound("没有这件投诉")
    return row


async def get(actor: Actor, complaint_id: int) -> ComplaintOut:
    row = await _row(complaint_id)
    mine = row["complainant"] is not None and row["complainant"] == actor.user_id
    if not mine and not rules.may_handle(actor, row["division_code"]):
        raise NotFound("没有这件投诉")
    return (await _out([row], with_band=actor.is_official))[0]


async def by_token(token: str) -> ComplaintOut:
    row = await Complaint.select().where(Complaint.token == token[:32]).first()
    if row is None:
        raise NotFound("没有这件投诉")
    return (await _out([row]))[0]


async def queue(
    actor: Actor, *, page: int = 1, per_page: int = QUEUE_PAGE_SIZE
) -> tuple[list[ComplaintOut], int]:
    """One page of the jurisdiction's open complaints, soonest due first (then by id, so pages
    are stable), with the colour bands, and how many are open: none hides past a cap."""
    desk.ensure_official(actor)
    rows, total = await paging.page_of(
        Complaint,
        [
            in_jurisdiction(Complaint.division_code, actor),
            Complaint.status.is_in(OPEN_STATUSES),
        ],
        page=page,
        per_page=per_page,
        order_by=[(Complaint.due_on, True), (Complaint.id, True)],
    )
    return await _out(rows, with_band=True), total


async def alleging_violation(actor: Actor) -> list[ComplaintOut]:
    """Every open complaint of the jurisdiction whose complainant ticked 涉嫌违法 (for the
    leads' daily gathering: the whole list, not a page of the queue)."""
    desk.ensure_official(actor)
    rows = await Complaint.select().where(
        in_jurisdiction(Complaint.division_code, actor)
        & Complaint.alleged_violation.eq(True)
        & Complaint.status.is_in(
            [ComplaintStatus.OPEN, ComplaintStatus.ASSIGNED, ComplaintStatus.REPLIED]
        )
    )
    return await _out(rows)


async def take(actor: Actor, complaint_id: int) -> ComplaintOut:
    """An official of the jurisdiction becomes the handler (one wins if two try at once)."""
    row = await _row(complaint_id)
    desk.ensure_handler(actor, row["division_code"])
    async with transaction():
        won = await fetch(
            "UPDATE complaint SET handler = {}, status = {} WHERE id = {} AND handler IS NULL "
            "AND status = {} RETURNING id",
            actor.user_id,
            ComplaintStatus.ASSIGNED.value,
            complaint_id,
            ComplaintStatus.OPEN.value,
        )
        if not won:
            raise Conflict("该投诉已有承办人")
        await audit.record(
            actor, "complaint:take", "complaint", complaint_id, after={"handler": actor.user_id}
        )
    return await get(actor, complaint_id)


async def assign(actor: Actor, complaint_id: int, to_user_id: int) -> ComplaintOut:
    """An official of the jurisdiction names (or changes) the handler of an unanswered complaint."""
    row = await _row(complaint_id)
    desk.ensure_handler(actor, row["division_code"])
    if row["status"] not in (ComplaintStatus.OPEN, ComplaintStatus.ASSIGNED):
        raise Conflict("该投诉已答复，不能再指定承办人")
    target = await User.select().where((User.id == to_user_id) & User.active.eq(True)).first()
    to = desk.actor_of(target) if target else None
    if to is None or not rules.may_handle(to, row["division_code"]):
        raise RuleViolation("承办人须为管辖该地区的工作人员", field="to_user_id")
    async with transaction():
        await Complaint.update(
            {Complaint.handler: to.user_id, Complaint.status: ComplaintStatus.ASSIGNED}
        ).where(Complaint.id == complaint_id)
        await audit.record(
            actor,
            "complaint:assign",
            "complaint",
            complaint_id,
            before={"handler": row["handler"]},
            after={"handler": to.user_id},
        )
    return await get(actor, complaint_id)


async def reply(actor: Actor, complaint_id: int, data: ReplyIn) -> ComplaintOut:
    """The handler's reply; the complainant gets an SMS with the link (Art. 37: 反馈)."""
    row = await _row(complaint_id)
    desk.ensure_handler(actor, row["division_code"])
    if row["handler"] != actor.user_id:
        raise Forbidden("只有承办人可以答复")
    if row["status"] != ComplaintStatus.ASSIGNED:
        raise Conflict("该投诉已答复")
    async with transaction():
        await Complaint.update(
            {
                Complaint.reply: data.reply,
                Complaint.replied_at: clock.now(),
                Complaint.status: ComplaintStatus.REPLIED,
            }
        ).where(Complaint.id == complaint_id)
        await audit.record(
            actor, "complaint:reply", "complaint", complaint_id, after={"reply": data.reply}
        )
        await queue_sms(
            row["phone"],
            "您的投诉已有答复，请查看："
            f"{get_settings().public_base_url}/servicedesk/c/{row['token']}",
        )
    return await get(actor, complaint_id)


async def close(actor: Actor, complaint_id: int) -> ComplaintOut:
    """Closure after the reply (办结)."""
    row = await _row(complaint_id)
    desk.ensure_handler(actor, row["division_code"])
    if row["status"] != ComplaintStatus.REPLIED:
        raise RuleViolation("答复投诉人后才能办结")
    async with transaction():
        await Complaint.update(
            {Complaint.status: ComplaintStatus.CLOSED, Complaint.closed_at: clock.now()}
        ).where(Complaint.id == complaint_id)
        await audit.record(
            actor,
            "complaint:close",
            "complaint",
            complaint_id,
            before={"status": row["status"]},
            after={"status": ComplaintStatus.CLOSED.value},
        )
    return await get(actor, complaint_id)
