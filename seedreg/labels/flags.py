"""Clone flags (疑似仿冒标签) for the 种苗站: raised by the scan checks, confirmed or dismissed."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, Role, covers_division
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound
from seedreg.labels import rules
from seedreg.labels.schemas import FlagOut
from seedreg.labels.tables import CloneFlag, Label
from seedreg.notifications.services import notify_stations

FLAG_ROLES = (Role.SEED_STATION, Role.ADMIN)
STATUS_LABELS = {s.value: s.label for s in rules.FlagStatus}
PAGE_SIZE = 50


def _in(values: list[Any]) -> str:
    return "(" + ", ".join("{}" for _ in values) + ")"


async def open_keys(
    serials: list[str], lot_ids: list[int]
) -> tuple[set[tuple[str, str]], set[int]]:
    """Open flags already there: (serial, reason) pairs, and lots flagged as overscanned."""
    rows = await fetch(
        f"SELECT serial, reason FROM clone_flag WHERE status = {{}} AND serial IN {_in(serials)}",  # noqa: S608 (placeholders only)
        rules.FlagStatus.OPEN.value,
        *serials,
    )
    lots = await fetch(
        "SELECT DISTINCT l.lot FROM clone_flag f JOIN label l ON l.id = f.label "  # noqa: S608 (placeholders only)
        f"WHERE f.status = {{}} AND f.reason = {{}} AND l.lot IN {_in(lot_ids)}",
        rules.FlagStatus.OPEN.value,
        rules.CloneReason.LOT_OVERSCANNED.value,
        *lot_ids,
    )
    return {(r["serial"], r["reason"]) for r in rows}, {r["lot"] for r in lots}


async def raise_flag(label: dict[str, Any], reason: rules.CloneReason, detail: dict) -> int:
    """Store one flag and tell the stations covering the lot's division (in the caller's
    transaction)."""
    flag = CloneFlag(
        serial=label["serial"],
        label=label["id"],
        division_code=label["division_code"],
        reason=reason.value,
        detail={**detail, "lot": label["number"]},
        raised_at=clock.now(),
    )
    await flag.save()
    await audit.record(
        audit.SYSTEM,
        "clone_flag:raise",
        "clone_flag",
        flag.id,
        after={"serial": label["serial"], "reason": reason.value, **detail},
    )
    await notify_stations(
        label["division_code"],
        f"疑似仿冒标签：{label['serial']}",
        f"批次 {label['number']} 的标签 {label['serial']}{reason.label}，请核查。",
        f"/labels/clone-flags/{flag.id}",
    )
    return flag.id


def _may_handle(actor: Actor) -> None:
    if actor.role not in FLAG_ROLES:
        raise Forbidden("只有种苗站可以查看和处理疑似仿冒标签")


def flag_out(row: dict[str, Any]) -> FlagOut:
    detail = row["detail"] if isinstance(row["detail"], dict) else {}
    return FlagOut(
        id=row["id"],
        serial=row["serial"],
        label_id=row["label"],
        lot_number=str(detail.get("lot", "")),
        division_code=row["division_code"],
        reason=row["reason"],
        reason_label=rules.CloneReason(row["reason"]).label,
        detail=detail,
        raised_at=row["raised_at"],
        status=row["status"],
        status_label=rules.FlagStatus(row["status"]).label,
        handled=row["status"] != rules.FlagStatus.OPEN,
        note=row["note"],
        handled_at=row["handled_at"],
    )


async def list_flags(
    actor: Actor, status: str = "open", page: int = 1
) -> tuple[list[FlagOut], int]:
    """Flags in the actor's jurisdiction, newest first."""
    _may_handle(actor)
    where = in_jurisdiction(CloneFlag.division_code, actor)
    if status in STATUS_LABELS:  # the filter's choice; anything else lists all
        where = where & (CloneFlag.status == status)
    rows, total = await paging.page_of(CloneFlag, [where], page=page, per_page=PAGE_SIZE)
    return [flag_out(r) for r in rows], total


async def get_flag(actor: Actor, flag_id: int) -> FlagOut:
    _may_handle(actor)
    row = await CloneFlag.select().where(CloneFlag.id == flag_id).first().output(load_json=True)
    if row is None or not covers_division(actor.jurisdiction or "", row["division_code"]):
        raise NotFound("未找到该预警")
    return flag_out(row)


async def handle(actor: Actor, flag_id: int, action: str, note: str) -> FlagOut:
    """确认仿冒 (confirmed) or 排除 (dismissed) an open flag, audited."""
    before = await get_flag(actor, flag_id)
    status = {"confirm": rules.FlagStatus.CONFIRMED, "dismiss": rules.FlagStatus.DISMISSED}[action]
    async with transaction():
        done = (
            await CloneFlag.update(
                {
                    CloneFlag.status: status,
                    CloneFlag.note: note.strip(),
                    CloneFlag.handled_by: actor.user_id,
                    CloneFlag.handled_at: clock.now(),
                }
            )
            .where((CloneFlag.id == flag_id) & (CloneFlag.status == rules.FlagStatus.OPEN))
            .returning(CloneFlag.id)
        )
        if not done:
            raise Conflict("该预警已处理")
        if action == "confirm" and before.reason != rules.CloneReason.LOT_OVERSCANNED:
            # Copies of this serial are in use: its public check now says so (a lot-wide
            # overscan names no single serial, so it marks none).
            await Label.update({Label.copied: True}).where(Label.serial == before.serial)
        await audit.record(
            actor,
            f"clone_flag:{action}",
            "clone_flag",
            flag_id,
            before={"status": before.status},
            after={"status": status, "note": note.strip()},
        )
    return await get_flag(actor, flag_id)


async def flag_counts_by_organisation(organisation_ids: list[int]) -> dict[int, int]:
    """Clone flags not dismissed on each organisation's labels (open or confirmed), for the
    inspections' risk weighting (双随机: scan anomalies weigh a target up)."""
    if not organisation_ids:
        return {}
    rows = await fetch(
        "SELECT lot.organisation AS org, COUNT(*) AS n FROM clone_flag f "  # noqa: S608 (placeholders only)
        "JOIN label l ON l.id = f.label JOIN lot ON lot.id = l.lot "
        f"WHERE f.status != {{}} AND lot.organisation IN {_in(organisation_ids)} "
        "GROUP BY lot.organisation",
        rules.FlagStatus.DISMISSED.value,
        *organisation_ids,
    )
    return {int(r["org"]): int(r["n"]) for r in rows}
