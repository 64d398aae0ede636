"""Use-cases of the archive: record an entry, correct it (appended, never overwritten), read an
operator's archive, trace a label to its sale. Only this package writes the archive tables."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.archive import rules
from seedreg.archive.rule_settings import RETENTION_YEARS
from seedreg.archive.rules import CORRECTABLE, DETAIL_FIELDS, EntryKind
from seedreg.archive.schemas import (
    ChangeOut,
    CorrectionIn,
    CorrectionOut,
    DocumentOut,
    EntryIn,
    EntryOut,
)
from seedreg.archive.tables import (
    ArchiveCorrection,
    ArchiveDocument,
    ArchiveEntry,
    ArchiveSaleLabel,
)
from seedreg.core import clock, rulesettings
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.labels.tables import Label
from seedreg.lots.rules import Material, show_quantity, to_base_units
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation

NOT_FOUND = "未找到该档案记录"
SUBJECT = "archive_entry"


async def organisation(actor: Actor, organisation_id: int) -> dict[str, Any]:
    """The operator whose archive is read, if the actor may see it (else NotFound)."""
    org = await Organisation.select().where(Organisation.id == organisation_id).first()
    if org is None or not rules.may_see(actor, org["id"], org["division_code"]):
        raise NotFound("未找到该生产经营者的档案")
    return org


async def organisation_options(actor: Actor) -> list[tuple[str, str]]:
    """The operators an official may open the archive of: those of its jurisdiction."""
    if actor.role is Role.OPERATOR:
        return []
    rows = (
        await Organisation.select(Organisation.id, Organisation.name)
        .where(in_jurisdiction(Organisation.division_code, actor))
        .order_by(Organisation.name)
    )
    return [(str(r["id"]), r["name"]) for r in rows]


async def own_lots(actor: Actor) -> list[dict[str, Any]]:
    if actor.organisation_id is None:
        return []
    rows: list[dict[str, Any]] = (
        await Lot.select(Lot.id, Lot.number, Lot.species, Lot.material)
        .where(Lot.organisation == actor.organisation_id)
        .order_by(Lot.id, ascending=False)
        .limit(500)
    )
    return rows


async def _own_lot(actor: Actor, lot_id: int) -> dict[str, Any]:
    lot = await Lot.select().where(Lot.id == lot_id).first()
    if lot is None or not rules.may_record(actor, lot["organisation"]):
        raise RuleViolation("批次不存在或不属于本单位", field="lot_id")
    return lot


def _quantity(lot: dict[str, Any], text: str, kind: EntryKind) -> int:
    if not text.strip():
        if kind is EntryKind.PRODUCTION:
            return 0
        raise RuleViolation("请填写数量", field="quantity")
    try:
        return to_base_units(Material(lot["material"]), text.strip())
    except ValueError as exc:
        raise RuleViolation(str(exc), field="quantity") from None


def _date(day: date, field: str = "occurred_on") -> date:
    if day > clock.today():
        raise RuleViolation("日期不能晚于今天", field=field)
    if day.year < 2000:
        raise RuleViolation("日期不正确", field=field)
    return day


def _require_kind_fields(data: EntryIn) -> None:
    if data.kind is EntryKind.SALE and not (data.counterparty and data.destination):
        field = "counterparty" if not data.counterparty else "destination"
        raise RuleViolation("销售记录须写明购买方和销售去向（种子法第三十六条）", field=field)
    if data.kind is EntryKind.PRODUCTION and not data.activity:
        raise RuleViolation("请填写生产作业", field="activity")


async def _labels_of(lot_id: int, text: str) -> list[dict[str, Any]]:
    """The lot's labels a sale names (sequence ranges or serials); every one must exist."""
    try:
        spec = rules.parse_serials(text)
    except ValueError as exc:
        raise RuleViolation(str(exc), field="serials") from None
    found: dict[str, dict[str, Any]] = {}
    base = Label.select(Label.id, Label.serial, Label.sequence).where(Label.lot == lot_id)
    for first, last in spec.ranges:
        rows = await base.where((Label.sequence >= first) & (Label.sequence <= last))
        if len(rows) != last - first + 1:
            raise RuleViolation(f"本批次没有序号 {first}–{last} 的全部标签", field="serials")
        found |= {r["serial"]: r for r in rows}
    if spec.serials:
        rows = await Label.select(Label.id, Label.serial, Label.sequence).where(
            (Label.lot == lot_id) & Label.serial.is_in(list(spec.serials))
        )
        missing = set(spec.serials) - {r["serial"] for r in rows}
        if missing:
            listed = "、".join(sorted(missing))
            raise RuleViolation(f"这些标签不属于本批次：{listed}", field="serials")
        found |= {r["serial"]: r for r in rows}
    return list(found.values())


async def check_entry(actor: Actor, data: EntryIn) -> None:
    """The checks recording would make, writing nothing (an import's preview): the lot is the
    actor's, the kind's own fields are there, the quantity reads, the date is not ahead."""
    lot = await _own_lot(actor, data.lot_id)
    _require_kind_fields(data)
    _quantity(lot, data.quantity, data.kind)
    _date(data.occurred_on)


async def record_entry(actor: Actor, data: EntryIn) -> EntryOut:
    lot = await _own_lot(actor, data.lot_id)
    _require_kind_fields(data)
    quantity = _quantity(lot, data.quantity, data.kind)
    details = {k: getattr(data, k) for k in DETAIL_FIELDS if getattr(data, k)}
    async with transaction():
        labels = await _labels_of(lot["id"], data.serials) if data.serials.strip() else []
        if labels and data.kind is not EntryKind.SALE:
            raise RuleViolation("只有销售记录登记所售标签", field="serials")
        entry = ArchiveEntry(
            organisation=lot["organisation"],
            division_code=lot["division_code"],
            lot=lot["id"],
            kind=data.kind.value,
            occurred_on=_date(data.occurred_on),
            quantity=quantity,
            responsible=data.responsible,
            details=details,
            serial_spec=data.serials.strip(),
            recorded_by=actor.user_id,
            recorded_at=clock.now(),
        )
        await entry.save()
        if labels:
            await ArchiveSaleLabel.insert(
                *(
                    ArchiveSaleLabel(entry=entry.id, label=r["id"], serial=r["serial"])
                    for r in labels
                )
            )
        await audit.record(
            actor, "archive_entry:record", SUBJECT, entry.id,
            after={"kind": data.kind.value, "lot": lot["number"], "quantity": quantity},
        )  # fmt: skip
    return await get_entry(actor, entry.id)


async def _entry_row(actor: Actor, entry_id: int) -> dict[str, Any]:
    row: dict[str, Any] | None = (
        await ArchiveEntry.select()
        .where(ArchiveEntry.id == entry_id)
        .first()
        .output(load_json=True)
    )
    if row is None or not rules.may_see(actor, row["organisation"], row["division_code"]):
        raise NotFound(NOT_FOUND)
    return row


async def get_entry(actor: Actor, entry_id: int) -> EntryOut:
    return (await entry_outs(actor, [await _entry_row(actor, entry_id)]))[0]


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """An entry's correctable values in one dict (quantity as stored)."""
    return {
        "occurred_on": row["occurred_on"].isoformat(),
        "quantity": row["quantity"],
        "responsible": row["responsible"],
        **{k: (row["details"] or {}).get(k, "") for k in DETAIL_FIELDS},
    }


def _shown(field: str, value: Any, material: Material, hidden: bool) -> str:
    if hidden and field in rules.BUYER_FIELDS and value:
        return "（仅执法和主管人员可见）"
    if field == "quantity":
        return show_quantity(material, int(value or 0))
    return str(value)


async def entry_outs(actor: Actor, rows: list[dict[str, Any]]) -> list[EntryOut]:
    """Entries as they stand (corrections applied), the original kept beside them."""
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    corrections = await (
        ArchiveCorrection.select()
        .where(ArchiveCorrection.entry.is_in(ids))
        .order_by(ArchiveCorrection.id)
        .output(load_json=True)
    )
    documents = await ArchiveDocument.select().where(ArchiveDocument.entry.is_in(ids))
    lots = {
        r["id"]: r
        for r in await Lot.select(Lot.id, Lot.number, Lot.species, Lot.material).where(
            Lot.id.is_in(list({r["lot"] for r in rows}))
        )
    }
    counts: dict[int, int] = {}
    for r in await ArchiveSaleLabel.select(ArchiveSaleLabel.entry).where(
        ArchiveSaleLabel.entry.is_in(ids)
    ):
        counts[r["entry"]] = counts.get(r["entry"], 0) + 1
    years = await rulesettings.value(RETENTION_YEARS)
    return [
        _entry_out(actor, row, lots[row["lot"]], corrections, documents, counts, years)
        for row in rows
    ]


def _entry_out(
    actor: Actor,
    row: dict[str, Any],
    lot: dict[str, Any],
    corrections: list[dict[str, Any]],
    documents: list[dict[str, Any]],
    counts: dict[int, int],
    years: int,
) -> EntryOut:
    material = Material(lot["material"])
    hidden = not rules.may_see_buyer(actor, row["organisation"])
    mine = [c for c in corrections if c["entry"] == row["id"]]
    original = _flat(row)
    current = rules.current_values(original, mine)
    shown = {k: _shown(k, v, material, hidden) for k, v in current.items()}
    return EntryOut(
        id=row["id"],
        organisation_id=row["organisation"],
        lot_id=row["lot"],
        lot_number=lot["number"],
        species=lot["species"],
        kind=EntryKind(row["kind"]),
        kind_label=EntryKind(row["kind"]).label,
        occurred_on=date.fromisoformat(str(current["occurred_on"])[:10]),
        quantity=int(current["quantity"] or 0),
        quantity_text=shown["quantity"],
        responsible=str(current["responsible"]),
        details={k: shown[k] for k in DETAIL_FIELDS if current.get(k)},
        original={k: _shown(k, v, material, hidden) for k, v in original.items() if v != ""},
        buyer_hidden=hidden,
        serial_spec=row["serial_spec"] if not hidden else "",
        serial_count=counts.get(row["id"], 0),
        corrections=[_correction_out(c, material, hidden) for c in mine],
        documents=[document_out(d) for d in documents if d["entry"] == row["id"]],
        kept_until=rules.kept_until(row["occurred_on"], years),
    )


def _correction_out(row: dict[str, Any], material: Material, hidden: bool) -> CorrectionOut:
    return CorrectionOut(
        id=row["id"],
        reason=row["reason"],
        corrected_at=row["corrected_at"],
        changes=[
            ChangeOut(
                field=field,
                label=CORRECTABLE[field],
                old=_shown(field, old, material, hidden),
                new=_shown(field, new, material, hidden),
            )
            for field, (old, new) in row["changes"].items()
        ],
    )


def document_out(row: dict[str, Any]) -> DocumentOut:
    kind = rules.DocumentKind(row["kind"])
    return DocumentOut(
        id=row["id"],
        kind=kind,
        kind_label=kind.label,
        original_name=row["original_name"],
        size=row["size"],
        entry_id=row["entry"],
        lot_id=row["lot"],
        uploaded_at=row["uploaded_at"],
    )


async def correct_entry(actor: Actor, entry_id: int, data: CorrectionIn) -> EntryOut:
    """Append a correction: the record keeps what was first written (档案 within retention are
    never overwritten or deleted); the page shows the original struck through."""
    row = await _entry_row(actor, entry_id)
    if not rules.may_record(actor, row["organisation"]):
        raise Forbidden("档案由生产经营者本单位更正")
    lot = await Lot.select().where(Lot.id == row["lot"]).first()
    assert lot is not None  # the entry's foreign key
    proposed: dict[str, Any] = {}
    for field in CORRECTABLE:
        value = getattr(data, field)
        if value is None:
            continue
        if field == "occurred_on":
            value = _date(value).isoformat()
        elif field == "quantity":
            value = _quantity(lot, value, EntryKind(row["kind"]))
        proposed[field] = value
    async with transaction():
        previous = (
            await ArchiveCorrection.select()
            .where(ArchiveCorrection.entry == entry_id)
            .output(load_json=True)
        )
        current = rules.current_values(_flat(row), previous)
        try:
            changes = rules.changed_fields(current, proposed)
        except ValueError as exc:
            raise RuleViolation(str(exc)) from None
        correction = ArchiveCorrection(
            entry=entry_id,
            changes=changes,
            reason=data.reason,
            corrected_by=actor.user_id,
            corrected_at=clock.now(),
        )
        await correction.save()
        await audit.record(
            actor, "archive_entry:correct", SUBJECT, entry_id,
            before={k: v[0] for k, v in changes.items()},
            after={**{k: v[1] for k, v in changes.items()}, "reason": data.reason},
        )  # fmt: skip
    return await get_entry(actor, entry_id)


async def entries(
    actor: Actor, organisation_id: int, date_from: date, date_to: date
) -> list[EntryOut]:
    """An operator's records dated in the range (as first recorded), oldest first."""
    await organisation(actor, organisation_id)
    rows = await (
        ArchiveEntry.select()
        .where(
            (ArchiveEntry.organisation == organisation_id)
            & (ArchiveEntry.occurred_on >= date_from)
            & (ArchiveEntry.occurred_on <= date_to)
        )
        .order_by(ArchiveEntry.occurred_on)
        .order_by(ArchiveEntry.id)
        .limit(5000)
        .output(load_json=True)
    )
    return await entry_outs(actor, rows)
