"""生产经营档案 from xlsx: the production and trade records an operator kept in Excel before
(档案管理办法第六条; 种子法第三十六条), one row an entry, recorded through
``services.record_entry`` (its checks, its audit). The lot is named by its 批次号 among the
operator's own lots; the preview runs the same checks as recording (``check_entry``).
Sold labels are not imported (they are named on the entry's page, where the lot's labels are)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.archive import rules, services
from seedreg.archive.schemas import EntryIn
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.core.importer import Column, Importer, text
from seedreg.core.importer.cells import code, day, name
from seedreg.core.validation import parse
from seedreg.lots.tables import Lot

KINDS = {"生产记录": "production", "生产": "production", "入库": "stock_in"}
KINDS |= {"出库": "stock_out", "销售": "sale"}


def kind(value: Any) -> str:
    word = text(value)
    if word and word not in KINDS:
        raise ValueError("应为“生产记录”、“入库”、“出库”或“销售”")
    return KINDS[word] if word else ""


COLUMNS = (
    Column("日期", "occurred_on", True, day, "如 2026-05-10 或 2026年5月10日", "2026-05-10"),
    Column("类别", "kind", True, kind, "生产记录、入库、出库 或 销售", "生产记录"),
    Column("批次号", "lot", True, code, "本单位的批次号", "P260000042"),
    Column("数量", "quantity", False, text, "苗木按株，种子按千克；生产记录可不填", "1200"),
    Column("责任人", "responsible", True, name, "", "张三"),
    Column("生产作业", "activity", False, text, "生产记录必填：播种、移植、施肥等", "移植"),
    Column("种子来源", "seed_source", False, text, ""),
    Column("生产地点", "site", False, text, "苗圃基地或地块"),
    Column("投入品", "inputs", False, text, "肥料、农药等及用量"),
    Column("购买方/供货方", "counterparty", False, text, "销售必填购买方"),
    Column("购买方联系方式", "buyer_contact", False, code, ""),
    Column("销售去向", "destination", False, text, "销售必填（目的地）"),
    Column("调运检疫证书编号", "certificate_number", False, code, ""),
    Column("备注", "note", False, text, ""),
)


@dataclass
class EntryLine:
    lot: str
    data: EntryIn


@dataclass
class Lookups:
    actor: Actor
    lots: dict[str, int]  # the operator's own lots: 批次号 → id


def build(values: dict[str, Any]) -> EntryLine:
    fields = {k: v for k, v in values.items() if k != "lot"}
    return EntryLine(values["lot"], parse(EntryIn, {**fields, "lot_id": 0}))


def ensure_recorder(actor: Actor) -> None:
    if not rules.may_record(actor, actor.organisation_id or 0):
        raise Forbidden("档案由生产经营者本单位登记")


async def prepare(actor: Actor) -> Lookups:
    rows = await Lot.select(Lot.id, Lot.number).where(
        Lot.organisation == (actor.organisation_id or -1)
    )
    return Lookups(actor, {r["number"]: r["id"] for r in rows})


async def check_in(lookups: Lookups, line: EntryLine) -> None:
    lot_id = lookups.lots.get(line.lot)
    if lot_id is None:
        raise RuleViolation("本单位没有这个批次号", field="lot")
    line.data = line.data.model_copy(update={"lot_id": lot_id})
    await services.check_entry(lookups.actor, line.data)


async def save(actor: Actor, line: EntryLine) -> int:
    return (await services.record_entry(actor, line.data)).id


ENTRIES = Importer(
    name="archive_entry",
    title="生产经营档案",
    columns=COLUMNS,
    build=build,
    save=save,
    prepare=prepare,
    check_in=check_in,
    field_headers={"lot_id": "批次号"},
)
