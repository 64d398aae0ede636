"""Pure rules of the production-and-trade archive (生产经营档案, 种子法第三十六条;
《林木种子生产经营档案管理办法》第六条): the kinds of entry, what each records, the serials a
sale names, corrections appended to a record, and who may see what. No I/O."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from seedreg.accounts.rules import Actor, Role, covers_division
from seedreg.labels.serials import TYPO, normalise_serial, serial_is_well_formed

BASIS = "《中华人民共和国种子法》第三十六条"


class EntryKind(StrEnum):
    """One record of the archive (档案管理办法第六条第（一）项: production and trade records)."""

    PRODUCTION = "production"  # 生产记录: sowing, transplanting, fertilising, pest control …
    STOCK_IN = "stock_in"  # 入库
    STOCK_OUT = "stock_out"  # 出库
    SALE = "sale"  # 销售（去向、日期）

    @property
    def label(self) -> str:
        return ENTRY_LABELS[self]


ENTRY_LABELS = {
    EntryKind.PRODUCTION: "生产记录",
    EntryKind.STOCK_IN: "入库",
    EntryKind.STOCK_OUT: "出库",
    EntryKind.SALE: "销售",
}


class DocumentKind(StrEnum):
    """Papers proving source, origin and destination (第六条第（二）项)."""

    CONTRACT = "contract"
    INVOICE = "invoice"
    LEDGER = "ledger"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"contract": "合同", "invoice": "发票", "ledger": "账簿", "other": "其他材料"}[
            self.value
        ]


# The fields of an entry a correction may change (the kind, lot and owner never change: a
# record of the wrong kind is corrected by a new record and a note on the old one).
CORRECTABLE = {
    "occurred_on": "日期",
    "quantity": "数量",
    "responsible": "责任人",
    "activity": "生产作业",
    "seed_source": "种子来源",
    "site": "生产地点",
    "inputs": "投入品",
    "counterparty": "购买方/供货方",
    "buyer_contact": "购买方联系方式",
    "destination": "销售去向（目的地）",
    "certificate_number": "调运检疫证书编号",
    "note": "备注",
}
# Fields that name the buyer: officials see them, and the operator that recorded them.
BUYER_FIELDS = ("counterparty", "buyer_contact")
DETAIL_FIELDS = tuple(k for k in CORRECTABLE if k not in ("occurred_on", "quantity", "responsible"))

MAX_SERIALS = 20_000  # one sale's labels; a larger sale is recorded in parts
_SEQUENCE = re.compile(r"^(\d{1,6})(?:[-~～至](\d{1,6}))?$")
_SPLIT = re.compile(r"[\s,，;；、]+")


@dataclass(frozen=True)
class SerialSpec:
    """What a sale names: ranges of label sequence numbers within the lot, and serials."""

    ranges: tuple[tuple[int, int], ...]
    serials: tuple[str, ...]

    @property
    def empty(self) -> bool:
        return not self.ranges and not self.serials

    @property
    def size(self) -> int:
        return sum(b - a + 1 for a, b in self.ranges) + len(self.serials)


def parse_serials(text: str) -> SerialSpec:
    """ "1-50, 61, 3K7QH2M9XT4" → the label sequences 1–50 and 61 of the lot, and one serial
    (its check character verified). ValueError with a Chinese message on a bad token."""
    ranges: list[tuple[int, int]] = []
    serials: list[str] = []
    for token in (t for t in _SPLIT.split(text.strip()) if t):
        if m := _SEQUENCE.match(token):
            first, last = int(m[1]), int(m[2] or m[1])
            if first < 1 or last < first:
                raise ValueError(f"标签序号范围“{token}”不正确：应从小到大，且从 1 开始")
            ranges.append((first, last))
            continue
        serial = normalise_serial(token)
        if not serial_is_well_formed(serial):
            raise ValueError(f"“{token}”：{TYPO}")
        serials.append(serial)
    spec = SerialSpec(tuple(ranges), tuple(dict.fromkeys(serials)))
    if spec.size > MAX_SERIALS:
        raise ValueError(f"一次销售最多登记 {MAX_SERIALS} 张标签，请分几条记录")
    return spec


def current_values(original: dict[str, Any], corrections: list[dict[str, Any]]) -> dict[str, Any]:
    """The record as it stands: the original with each correction applied in order."""
    values = dict(original)
    for correction in corrections:
        for field, (_, new) in correction["changes"].items():
            values[field] = new
    return values


def changed_fields(current: dict[str, Any], proposed: dict[str, Any]) -> dict[str, list[Any]]:
    """{field: [old, new]} for each correctable field the correction changes; ValueError if
    none (a correction that changes nothing is not recorded)."""
    changes = {
        field: [current.get(field, ""), value]
        for field, value in proposed.items()
        if field in CORRECTABLE and value != current.get(field, "")
    }
    if not changes:
        raise ValueError("更正内容与现有记录相同，没有需要更正的项目")
    return changes


def kept_until(occurred_on: date, years: int) -> date:
    """The last day the record must be kept (retention counted from the record's date)."""
    try:
        return occurred_on.replace(year=occurred_on.year + years)
    except ValueError:  # 29 February
        return occurred_on.replace(year=occurred_on.year + years, day=28)


# --- who may do what --------------------------------------------------------------------------


def may_see(actor: Actor, organisation_id: int, division_code: str) -> bool:
    """The operator its own archive; an official the archives of its jurisdiction."""
    if actor.role is Role.OPERATOR:
        return actor.organisation_id == organisation_id
    return actor.jurisdiction is not None and covers_division(actor.jurisdiction, division_code)


def may_record(actor: Actor, organisation_id: int) -> bool:
    """The archive is the operator's own record (Art. 36): only it writes and corrects it."""
    return actor.role is Role.OPERATOR and actor.organisation_id == organisation_id


def may_see_buyer(actor: Actor, organisation_id: int) -> bool:
    """Buyers' names and contacts: officials, and the seller who recorded them."""
    return actor.is_official or actor.organisation_id == organisation_id


def may_export(actor: Actor) -> bool:
    """An official exports an operator's archive (inspection, 种子法第四十九条)."""
    return actor.is_official


def allowed_actions(actor: Actor, organisation_id: int) -> frozenset[str]:
    actions = set()
    if may_record(actor, organisation_id):
        actions |= {"record", "correct", "attach"}
    if may_export(actor):
        actions.add("export")
    return frozenset(actions)
