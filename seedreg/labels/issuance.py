"""Issuing labels for a lot, 补发 (reprints) and voiding.

The labelled quantity never exceeds the lot, also under concurrent requests on both engines:
one conditional UPDATE reserves the quantity (PostgreSQL re-checks the condition on the row it
waited for; SQLite serialises writers with BEGIN IMMEDIATE). Labels are inserted many rows per
statement; a serial collision (rare: 36^11 serials) is retried with a fresh serial.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from seedreg.accounts.rules import Actor, Role, covers_division
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import Conflict, Forbidden, RuleViolation
from seedreg.introductions.scope_rules import cited_as
from seedreg.labels import rules
from seedreg.labels.content import MANDATORY_FIELDS, OPTIONAL_FOR_ORDINARY
from seedreg.labels.readiness import LotState, lot_state
from seedreg.labels.records import get_issue, get_label, load_label
from seedreg.labels.schemas import IssueIn, IssueOut, LabelOut
from seedreg.labels.tables import LabelIssue
from seedreg.lots import labelled
from seedreg.lots import services as lots
from seedreg.lots.rules import (
    PACKAGED_REFUSAL,
    LotStatus,
    Material,
    SourceKind,
    label_wording,
    show_quantity,
    to_base_units,
)
from seedreg.notifications.services import notify_label_voided
from seedreg.settings import get_settings

ROWS_PER_INSERT = 500  # × 8 parameters: well under SQLite's and PostgreSQL's limits
MAX_SERIAL_ROUNDS = 8
INT4_MAX = 2**31 - 1  # Lot.quantity and Label.quantity are INTEGER columns


# --- content ----------------------------------------------------------------------------------


def issue_content(state: LotState) -> dict[str, Any]:
    """The Art. 40 items every label of the issue prints, taken from the records."""
    from seedreg.quality.rules import describe_indicators

    lot, org, licence, quality = state.lot, state.organisation, state.licence, state.quality
    wording = label_wording(SourceKind(lot["source_kind"]), lot["origin"], lot)
    if number := lot.get("introduction_number"):  # issue 16: the approval (or filing) it rests on
        wording = {
            **wording,
            "origin": f"{wording['origin']}（{cited_as(number)}{number}）",
        }
    assert licence is not None
    assert quality is not None
    assert state.quarantine is not None
    return {
        "lot_number": lot["number"],
        "material": lot["material"],
        "improved": bool(lot["improved"]),
        "category": "林木良种" if lot["improved"] else "普通种",
        "species": lot["species"],
        "latin_name": state.latin_name,
        "variety": lot["variety"],
        "variety_right_number": lot["variety_right_number"],
        "approval_number": lot["approval_number"] if lot["improved"] else "",
        "suitable_area": lot["suitable_area"],
        "suitable_season": lot["suitable_season"],
        "producer": org.get("name", ""),
        "organisation_kind": org.get("kind", ""),
        "registered_address": licence["registered_address"] or org.get("address", ""),
        "quality": describe_indicators(lot["material"], quality["indicators"], quality["grade"]),
        "quality_certificate_number": quality["number"],
        "quarantine_number": state.quarantine["number"],
        "licence_number": licence["number"],
        "produced_on": lot["produced_on"].isoformat(),
        **wording,  # origin (with the source of a bought-in lot) and the two captions
        "phone": org.get("phone", ""),
        "instructions": lot["instructions"],
    }


def label_gaps(state: LotState) -> list[str]:
    """What ``missing_items`` will refuse at issue, as far as the records tell it now: every
    empty item once the licence and both certificates are there; before that the
    organisation's phone (联系电话, Art. 40), which no certificate brings."""
    if state.licence and state.quality and state.quarantine:
        return missing_items(issue_content(state))
    return [] if str(state.organisation.get("phone") or "").strip() else [rules.PHONE_CAPTION]


def missing_items(content: dict[str, Any]) -> list[str]:
    """Mandatory label items the records leave empty (the quantity and serial come later)."""
    out = []
    for name, caption in MANDATORY_FIELDS:
        if name in ("serial", "quantity") or (
            name in OPTIONAL_FOR_ORDINARY and not content["improved"]
        ):
            continue
        if not str(content.get(name, "")).strip():
            out.append(caption)
    return out


# --- issuing ----------------------------------------------------------------------------------


def _each(material: Material, amount: Any) -> int:
    try:
        each = to_base_units(material, amount)
    except ValueError as exc:
        raise RuleViolation(str(exc), field="quantity_each") from None
    if each > INT4_MAX:
        raise RuleViolation("每张标签的数量过大", field="quantity_each")
    return each


async def _reserve(lot: dict[str, Any], total: int) -> None:
    """Add ``total`` to the lot's labelled quantity, or Conflict when it would not fit."""
    if not (total <= lot["quantity"] and await labelled.add_labelled(lot["id"], total)):
        left = await labelled.labelled_left(lot["id"])
        shown = show_quantity(Material(lot["material"]), left)
        raise Conflict(f"超出批次剩余数量（剩余 {shown}）", field="count")


async def insert_labels(
    *,
    lot_id: int,
    issue_id: int,
    sequences: Sequence[int],
    quantity: int,
    version: int,
    issued_on: date,
) -> dict[int, str]:
    """Insert one label per sequence with fresh serials; returns {sequence: serial}."""
    created = clock.now()
    done: dict[int, str] = {}
    pending = list(sequences)
    for _ in range(MAX_SERIAL_ROUNDS):
        if not pending:
            return done
        retry: list[int] = []
        for start in range(0, len(pending), ROWS_PER_INSERT):
            chunk = pending[start : start + ROWS_PER_INSERT]
            serials = {seq: rules.new_serial() for seq in chunk}
            stored = await _insert_chunk(
                serials, lot_id, issue_id, quantity, version, issued_on, created
            )
            done.update({seq: serials[seq] for seq in stored})
            retry += [seq for seq in chunk if seq not in stored]
        pending = retry
    raise Conflict("生成标签序列号时多次重复，请重试")


async def _insert_chunk(
    serials: dict[int, str],
    lot_id: int,
    issue_id: int,
    quantity: int,
    version: int,
    issued_on: date,
    created: datetime,
) -> set[int]:
    values = ", ".join(["({}, {}, {}, {}, {}, {}, {}, '', '', {}, {})"] * len(serials))
    args: list[Any] = []
    valid = rules.LabelStatus.VALID.value
    for seq, serial in serials.items():
        args += [serial, lot_id, issue_id, seq, quantity, version, valid, issued_on, created]
    rows = await fetch(
        "INSERT INTO label (serial, lot, issued_in, sequence, quantity, version, status, "  # noqa: S608 (placeholders only)
        f"void_reason, superseded_by, issued_on, created_at) VALUES {values} "
        "ON CONFLICT (serial) DO NOTHING RETURNING sequence",
        *args,
    )
    return {int(r["sequence"]) for r in rows}


async def issue_labels(actor: Actor, lot_id: int, data: IssueIn) -> IssueOut:
    """签发标签 for one of the operator's own lots, only with 两证一签 complete."""
    if actor.role is not Role.OPERATOR:
        raise Forbidden("只有生产经营者可以为本单位的批次签发标签")
    settings = get_settings()
    if data.count > settings.label_max_per_issue:
        raise RuleViolation(f"一次最多签发 {settings.label_max_per_issue} 张标签", field="count")
    lot = await lots.load(actor, lot_id)
    if lot["source_kind"] == SourceKind.PACKAGED:
        raise RuleViolation(PACKAGED_REFUSAL)
    each = _each(Material(lot["material"]), data.quantity_each)
    today = clock.today()
    async with transaction():
        lot = await lots.load(actor, lot_id)  # re-read under the write lock
        state = await lot_state(lot, today)
        if state.blocking:
            only_gaps = bool(state.gaps) and len(state.blocking) == 1
            what = "记录不全" if only_gaps else "两证一签不齐全"
            raise RuleViolation(f"{what}，不能签发标签：" + "；".join(state.blocking))
        content = issue_content(state)
        if missing := missing_items(content):
            raise RuleViolation(
                f"标签必填项在记录中为空：{'、'.join(missing)}。请先补全批次或本单位信息"
            )
        await _reserve(lot, data.count * each)
        last = await fetch(
            "SELECT COALESCE(MAX(sequence), 0) AS last FROM label WHERE lot = {}", lot_id
        )
        first = int(last[0]["last"]) + 1
        issue = LabelIssue(
            lot=lot_id,
            label_count=data.count,
            quantity_each=each,
            first_sequence=first,
            quality_certificate=state.quality["id"],  # type: ignore[index]
            content=content,
            requested_by=actor.user_id,
            issued_on=today,
            created_at=clock.now(),
        )
        issue.site_quarantine, issue.quarantine = _quarantine_ids(state.quarantine)
        await issue.save()
        await insert_labels(
            lot_id=lot_id,
            issue_id=issue.id,
            sequences=range(first, first + data.count),
            quantity=each,
            version=1,
            issued_on=today,
        )
        await audit.record(
            actor,
            "label:issue",
            "label_issue",
            issue.id,
            after={
                "lot": lot["number"],
                "count": data.count,
                "quantity_each": each,
                "sequences": [first, first + data.count - 1],
            },
        )
    return await get_issue(actor, issue.id)


def _quarantine_ids(quarantine: dict[str, Any] | None) -> tuple[int | None, int | None]:
    """(产地检疫合格证, 植物检疫证书): the issue names the one certificate it was issued under."""
    assert quarantine is not None
    site = quarantine["kind"] == "site"
    return (quarantine["id"], None) if site else (None, quarantine["id"])


# --- 补发 and voiding -------------------------------------------------------------------------


async def reissue(actor: Actor, label_id: int) -> LabelOut:
    """补发: a new serial, version + 1, same sequence and quantity; the old label is void and
    points to the new one. The labelled quantity does not change."""
    if actor.role is not Role.OPERATOR:
        raise Forbidden("只有生产经营者可以补发本单位的标签")
    async with transaction():
        old = await load_label(actor, label_id)
        if old["lot_status"] != LotStatus.ACTIVE:
            raise Conflict("该批次已召回，不能补发标签")
        if old["status"] != rules.LabelStatus.VALID:
            raise Conflict("该标签已作废，不能补发；请补发它的最新版本")
        if old["version"] >= 255:
            raise Conflict("该标签补发次数已达上限")
        today = clock.today()
        made = await insert_labels(
            lot_id=old["lot"],
            issue_id=old["issued_in"],
            sequences=[old["sequence"]],
            quantity=old["quantity"],
            version=old["version"] + 1,
            issued_on=today,
        )
        serial = made[old["sequence"]]
        voided = await fetch(
            "UPDATE label SET status = {}, void_reason = {}, superseded_by = {} "
            "WHERE id = {} AND status = {} RETURNING id",
            rules.LabelStatus.VOID.value,
            f"已补发，新序列号 {serial}",
            serial,
            label_id,
            rules.LabelStatus.VALID.value,
        )
        if not voided:
            raise Conflict("该标签刚被作废或补发，请刷新后查看")
        await audit.record(
            actor,
            "label:reissue",
            "label",
            label_id,
            before={"serial": old["serial"], "version": old["version"]},
            after={"superseded_by": serial, "version": old["version"] + 1},
        )
        new = await fetch("SELECT id FROM label WHERE serial = {}", serial)
    return await get_label(actor, new[0]["id"])


def may_void(actor: Actor, row: dict[str, Any]) -> bool:
    """The holder itself, or the 种苗站 (or the league's administrator) covering the lot."""
    if actor.role is Role.OPERATOR:
        return row["organisation"] == actor.organisation_id
    return (
        actor.role in (Role.SEED_STATION, Role.ADMIN)
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, row["division_code"])
    )


async def void_label(actor: Actor, label_id: int, reason: str) -> LabelOut:
    """作废 a label; its quantity goes back to the lot (labelled quantity decremented)."""
    row = await load_label(actor, label_id)
    if not may_void(actor, row):
        raise Forbidden("只有生产经营者本人或辖区种苗站可以作废标签")
    async with transaction():
        voided = await fetch(
            "UPDATE label SET status = {}, void_reason = {} "
            "WHERE id = {} AND status = {} RETURNING quantity, lot",
            rules.LabelStatus.VOID.value,
            reason.strip()[:200],
            label_id,
            rules.LabelStatus.VALID.value,
        )
        if not voided:
            raise Conflict("该标签已作废")
        await labelled.release_labelled(voided[0]["lot"], voided[0]["quantity"])
        await audit.record(
            actor,
            "label:void",
            "label",
            label_id,
            before={"status": rules.LabelStatus.VALID.value},
            after={
                "status": rules.LabelStatus.VOID.value,
                "reason": reason.strip()[:200],
                "serial": row["serial"],
            },
        )
        if actor.organisation_id != row["organisation"]:  # voided by the 种苗站: tell the holder
            await notify_label_voided(
                row["organisation"],
                row["serial"],
                row["lot_number"],
                reason.strip()[:200],
                f"/labels/items/{label_id}",
            )
    return await get_label(actor, label_id)
