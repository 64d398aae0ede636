"""预约 (兴署发〔2021〕5号 Art. 15): windows, weekly slot patterns on working days, online
booking with a booking code, cancellation, the day's list for window staff, and one SMS
reminder the day before.

A slot is never over-booked: each booking holds a seat whose key ``slot:seat`` is unique in the
database, claimed by INSERT … ON CONFLICT DO NOTHING, so of any number of requests for the last
seat exactly one lands (cancelling clears the key and frees the seat)."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.notifications.sms import queue_sms
from seedreg.servicedesk import desk, rules
from seedreg.servicedesk.rules import BookingStatus
from seedreg.servicedesk.schemas import (
    BookingIn,
    BookingOut,
    PatternIn,
    SlotOut,
    WindowIn,
    WindowOut,
)
from seedreg.servicedesk.tables import Booking, ServiceWindow, Slot, VisitRating

CODE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
BOOKING_HORIZON_DAYS = 60


def _ensure_admin(actor: Actor) -> None:
    if not rules.may_manage_windows(actor):
        raise Forbidden("只有管理员可以设置窗口和预约时段")


async def add_window(actor: Actor, data: WindowIn) -> WindowOut:
    _ensure_admin(actor)
    async with transaction():
        row = ServiceWindow(**data.model_dump())
        await row.save()
        await audit.record(
            actor, "window:create", "service_window", row.id, after=data.model_dump()
        )
    return WindowOut(id=row.id, **data.model_dump())


async def windows() -> list[WindowOut]:
    rows = (
        await ServiceWindow.select().where(ServiceWindow.active.eq(True)).order_by(ServiceWindow.id)
    )
    return [WindowOut(**{k: r[k] for k in WindowOut.model_fields}) for r in rows]


async def _window(window_id: int) -> dict[str, Any]:
    row = await ServiceWindow.select().where(ServiceWindow.id == window_id).first()
    if row is None:
        raise NotFound("没有这个窗口")
    return row


async def add_pattern(actor: Actor, window_id: int, data: PatternIn) -> int:
    """Slots of a weekly pattern on the working days of a date range; repeats are skipped.
    Returns how many slots were added."""
    _ensure_admin(actor)
    await _window(window_id)
    matter = await desk.check_matter(data.matter_code, required=True)
    if any(not 0 <= d <= 6 for d in data.weekdays):
        raise RuleViolation("星期应为0（周一）到6（周日）", field="weekdays")
    pattern = rules.SlotPattern(
        frozenset(data.weekdays), data.starts, data.ends, data.minutes, data.capacity
    )
    times = rules.slot_times(pattern)
    days = list(rules.pattern_days(pattern, data.first, data.last, await desk.work_calendar()))
    added = 0
    async with transaction():
        for day in days:
            for starts, ends in times:
                key = f"{window_id}:{matter}:{day.isoformat()}:{starts}"
                got = (
                    await Slot.insert(
                        Slot(
                            key=key,
                            window=window_id,
                            matter_code=matter,
                            day=day,
                            starts=starts,
                            ends=ends,
                            capacity=data.capacity,
                        )
                    )
                    .on_conflict(target=Slot.key, action="DO NOTHING")
                    .returning(Slot.id)
                )
                added += len(got)
        await audit.record(
            actor,
            "slot:create",
            "service_window",
            window_id,
            after={**data.model_dump(mode="json"), "count": added},
        )
    return added


async def _taken(slot_ids: list[int]) -> dict[int, int]:
    rows = await Booking.select(Booking.slot, Booking.seat).where(
        Booking.slot.is_in(slot_ids or [0]) & Booking.seat_key.is_not_null()
    )
    taken: dict[int, int] = {}
    for r in rows:
        taken[r["slot"]] = taken.get(r["slot"], 0) + 1
    return taken


async def slots(matter_code: str = "", window_id: int | None = None) -> list[SlotOut]:
    """Bookable slots from today on (the next 60 days), with free seats."""
    today = clock.today()
    where = (Slot.day >= today) & (Slot.day <= today + timedelta(days=BOOKING_HORIZON_DAYS))
    if matter_code:
        where &= Slot.matter_code == matter_code
    if window_id:
        where &= Slot.window == window_id
    rows = (
        await Slot.select(*Slot.all_columns(), Slot.window._.name.as_alias("window_name"))
        .where(where)
        .order_by(Slot.day)
        .order_by(Slot.starts)
        .limit(500)
    )
    taken = await _taken([r["id"] for r in rows])
    return [
        SlotOut(
            id=r["id"],
            window_id=r["window"],
            window_name=r["window_name"],
            matter_code=r["matter_code"],
            day=r["day"],
            starts=r["starts"],
            ends=r["ends"],
            capacity=r["capacity"],
            free=r["capacity"] - taken.get(r["id"], 0),
        )
        for r in rows
    ]


def _code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(8))


async def book(actor: Actor | None, data: BookingIn, *, client: str) -> BookingOut | None:
    """Book a seat of a slot; None when the honeypot was filled."""
    if data.website:
        return None
    phone = desk.mobile(data.phone)
    slot = await Slot.select().where(Slot.id == data.slot_id).first()
    if slot is None:
        raise NotFound("没有这个预约时段")
    if slot["day"] <= clock.today():
        raise RuleViolation("只能预约明天及以后的时段", field="slot_id")
    if actor is None:
        await desk.check_rate(client[:64])
    who = actor or desk.PublicActor(phone)
    taken = {
        r["seat"]
        for r in await Booking.select(Booking.seat).where(
            (Booking.slot == slot["id"]) & Booking.seat_key.is_not_null()
        )
    }
    for seat in range(1, slot["capacity"] + 1):
        if seat in taken:
            continue
        async with transaction():
            code = _code()
            got = (
                await Booking.insert(
                    Booking(
                        code=code,
                        slot=slot["id"],
                        seat=seat,
                        seat_key=f"{slot['id']}:{seat}",
                        name=data.name,
                        phone=phone,
                        booker=actor.user_id if actor else None,
                        client=client[:64] if actor is None else "",
                        created_at=clock.now(),
                    )
                )
                .on_conflict(target=Booking.seat_key, action="DO NOTHING")
                .returning(Booking.id)
            )
            if got:
                await audit.record(
                    who,
                    "booking:create",
                    "booking",
                    got[0]["id"],
                    after={"slot": slot["id"], "seat": seat, "code": code},
                )
                return await get(code, phone)
    raise Conflict("该时段已约满，请选择其他时段")


async def _booking(code: str) -> dict[str, Any]:
    row = (
        await Booking.select(
            *Booking.all_columns(),
            Booking.slot._.day.as_alias("day"),
            Booking.slot._.starts.as_alias("starts"),
            Booking.slot._.ends.as_alias("ends"),
            Booking.slot._.matter_code.as_alias("matter_code"),
            Booking.slot._.window._.name.as_alias("window_name"),
            Booking.slot._.window._.place.as_alias("place"),
            Booking.slot._.window._.division_code.as_alias("division_code"),
        )
        .where(Booking.code == code.strip().upper()[:12])
        .first()
    )
    if row is None:
        raise NotFound("没有这个预约")
    return row


def _out(row: dict[str, Any], score: int | None = None) -> BookingOut:
    return BookingOut(
        **{k: row[k] for k in BookingOut.model_fields if k in row}, rating_score=score
    )


async def get(code: str, phone: str) -> BookingOut:
    """A booking by its code and the phone it was made with (both are needed)."""
    row = await _booking(code)
    if row["phone"] != desk.mobile(phone):
        raise NotFound("没有这个预约")
    score = (
        await VisitRating.select(VisitRating.score).where(VisitRating.booking == row["id"]).first()
    )
    return _out(row, score["score"] if score else None)


async def cancel(actor: Actor | None, code: str, phone: str) -> BookingOut:
    """The booker cancels before the day; the seat is free again at once."""
    row = await _booking(code)
    if row["phone"] != desk.mobile(phone):
        raise NotFound("没有这个预约")
    if row["status"] != BookingStatus.BOOKED or row["day"] <= clock.today():
        raise RuleViolation("只能在预约日前取消尚未办理的预约")
    async with transaction():
        await Booking.update(
            {Booking.status: BookingStatus.CANCELLED, Booking.seat_key: None}
        ).where(Booking.id == row["id"])
        await audit.record(
            actor or desk.PublicActor(row["phone"]),
            "booking:cancel",
            "booking",
            row["id"],
            before={"status": row["status"]},
            after={"status": BookingStatus.CANCELLED.value},
        )
    return await get(code, phone)


async def day_list(actor: Actor, window_id: int, day: date) -> list[dict[str, Any]]:
    """The window staff's list of the day (cancelled ones left out)."""
    window = await _window(window_id)
    desk.ensure_handler(actor, window["division_code"])
    return (
        await Booking.select(
            Booking.id,
            Booking.code,
            Booking.name,
            Booking.phone,
            Booking.status,
            Booking.slot._.starts.as_alias("starts"),
            Booking.slot._.ends.as_alias("ends"),
            Booking.slot._.matter_code.as_alias("matter_code"),
        )
        .where(
            (Booking.slot._.window == window_id)
            & (Booking.slot._.day == day)
            & (Booking.status != BookingStatus.CANCELLED)
        )
        .order_by(Booking.slot._.starts)
    )


async def mark(actor: Actor, code: str, status: BookingStatus) -> BookingOut:
    """Window staff mark a booking arrived or no-show, on or after its day."""
    if status not in (BookingStatus.ARRIVED, BookingStatus.NO_SHOW):
        raise RuleViolation("只能标记为已到场或未到场")
    row = await _booking(code)
    desk.ensure_handler(actor, row["division_code"])
    if row["status"] != BookingStatus.BOOKED or row["day"] > clock.today():
        raise RuleViolation("只能在预约当天或之后标记尚未办理的预约")
    async with transaction():
        await Booking.update({Booking.status: status}).where(Booking.id == row["id"])
        await audit.record(
            actor,
            "booking:mark",
            "booking",
            row["id"],
            before={"status": row["status"]},
            after={"status": status.value},
        )
    return _out({**row, "status": status.value})


async def in_jurisdiction_windows(actor: Actor) -> list[WindowOut]:
    rows = await ServiceWindow.select().where(
        in_jurisdiction(ServiceWindow.division_code, actor) & ServiceWindow.active.eq(True)
    )
    return [WindowOut(**{k: r[k] for k in WindowOut.model_fields}) for r in rows]


async def send_reminders(today: date) -> int:
    """The day before: one SMS per booking still booked. The conditional UPDATE claims it, so
    two workers (or two runs in a day) never send it twice."""
    rows = await Booking.select(Booking.id).where(
        (Booking.status == BookingStatus.BOOKED)
        & Booking.reminded_at.is_null()
        & (Booking.slot._.day == today + timedelta(days=1))
    )
    sent = 0
    for r in rows:
        async with transaction():
            won = await fetch(
                "UPDATE booking SET reminded_at = {} WHERE id = {} AND reminded_at IS NULL "
                "AND status = {} RETURNING id",
                clock.now(),
                r["id"],
                BookingStatus.BOOKED.value,
            )
            if not won:
                continue
            b = await _booking(
                (
                    await Booking.select(Booking.code).where(Booking.id == r["id"]).first()
                    or {"code": ""}
                )["code"]
            )
            await queue_sms(
                b["phone"],
                f"预约提醒：您已预约{b['day'].month}月{b['day'].day}日{b['starts']}在"
                f"{b['window_name']}（{b['place']}）办理，预约码{b['code']}。",
            )
            sent += 1
    return sent
