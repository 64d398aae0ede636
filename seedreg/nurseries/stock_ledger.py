"""存苗台账 from xlsx: each row one line of a base's stock (树种, 苗龄, 等级, 株数), the base named
as in the register. A file is a stock-taking: the rows it has for a base replace that base's
stock (the lines typed on the base's form), so importing the list's own export changes
nothing. Bases the user may not edit are unknown to the import. Long files (100,000 rows) are
checked against lookups loaded once and stored a batch at a time."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.errors import RuleViolation
from seedreg.core.importer import Column, Importer, integer, text
from seedreg.core.importer.cells import code, name
from seedreg.core.xlsx import ExportColumn
from seedreg.nurseries import rules, services
from seedreg.nurseries.agecodes import parse_age_code
from seedreg.nurseries.tables import NurseryBase
from seedreg.organisations.tables import Organisation

GRADE_WORDS = {"Ⅰ级": "Ⅰ级苗", "Ⅱ级": "Ⅱ级苗", "I级苗": "Ⅰ级苗", "II级苗": "Ⅱ级苗", "I级": "Ⅰ级苗"}
GRADE_WORDS |= {"II级": "Ⅱ级苗", "1级苗": "Ⅰ级苗", "2级苗": "Ⅱ级苗"}
MAX_QUANTITY = 2_000_000_000


@dataclass
class StockLine:
    base: str
    uscc: str
    species: str
    age_code: str
    grade: str
    quantity: int
    base_id: int = 0


@dataclass
class Lookups:
    """The bases the actor may edit, by name (and 经营单位 code when names repeat)."""

    by_name: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    replaced: set[int] = field(default_factory=set)  # bases whose stock this import replaced


def grade(value: Any) -> str:
    word = text(value)
    word = GRADE_WORDS.get(word, word)
    if word and word not in rules.GRADES:
        raise ValueError("应为" + "、".join(rules.GRADES) + "之一")
    return word


def age(value: Any) -> str:
    word = text(value)
    if not word:
        return ""
    return parse_age_code(word).code  # ValueError in Chinese


def quantity(value: Any) -> int | None:
    count = integer(value)
    if count is not None and not 0 < count <= MAX_QUANTITY:
        raise ValueError("株数应大于0")
    return count


COLUMNS = (
    Column("苗圃基地", "base", True, name, "与苗圃基地登记中的名称一致", "红星苗圃"),
    Column("经营单位统一社会信用代码", "uscc", False, code, "基地同名时必填", ""),
    Column("树种", "species", True, name, "如 樟子松", "樟子松"),
    Column("苗龄", "age_code", True, age, "GB 6000 苗龄，如 2-1、1(2)-0", "2-1"),
    Column("等级", "grade", True, grade, "Ⅰ级苗、Ⅱ级苗 或 未分级", "Ⅰ级苗"),
    Column("株数", "quantity", True, quantity, "整数（株）", 120000),
)


def build(values: dict[str, Any]) -> StockLine:
    if len(values["species"]) > 40:
        raise RuleViolation("树种名称应为1至40个字", field="species")
    return StockLine(
        values["base"],
        values.get("uscc", ""),
        values["species"],
        values["age_code"],
        values["grade"],
        values["quantity"],
    )


async def prepare(actor: Actor) -> Lookups:
    rows = await services.visible_rows(actor)
    editable = [r for r in rows if "edit" in rules.allowed_actions(actor, r)]
    orgs = await Organisation.select(Organisation.id, Organisation.uscc).where(
        Organisation.id.is_in([r["organisation"] for r in editable] or [-1])
    )
    codes = {o["id"]: o["uscc"] or "" for o in orgs}
    lookups = Lookups()
    for row in editable:
        lookups.by_name.setdefault(row["name"], []).append((row["id"], codes[row["organisation"]]))
    return lookups


async def check_in(lookups: Lookups, line: StockLine) -> None:
    """The base is one the user may edit; a repeated name needs the 经营单位's code."""
    found = lookups.by_name.get(line.base, [])
    if line.uscc:
        found = [f for f in found if f[1] == line.uscc]
    if not found:
        raise RuleViolation("未找到该苗圃基地（或您无权修改它）：请核对名称", field="base")
    if len(found) > 1:
        raise RuleViolation("有同名的苗圃基地：请填写经营单位统一社会信用代码", field="uscc")
    line.base_id = found[0][0]


async def save_batch(actor: Actor, lookups: Lookups, lines: list[StockLine]) -> list[int]:
    """Each base's lines of this batch: replacing its stock the first time the import meets
    the base, added to it after. One audit event a base a batch, with the counts."""
    by_base: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in lines:
        by_base[line.base_id].append(
            {
                "species": line.species,
                "age_code": line.age_code,
                "grade": line.grade,
                "quantity": line.quantity,
            }
        )
    rows = (
        await NurseryBase.select(NurseryBase.id, NurseryBase.stock)
        .where(NurseryBase.id.is_in(list(by_base)))
        .output(load_json=True)
    )
    before = {r["id"]: r["stock"] or [] for r in rows}
    for base_id, added in by_base.items():
        kept = before.get(base_id, []) if base_id in lookups.replaced else []
        lookups.replaced.add(base_id)
        stock = kept + added
        await NurseryBase.update(
            {NurseryBase.stock: stock, NurseryBase.updated_at: clock.now()}
        ).where(NurseryBase.id == base_id)
        await audit.record(
            actor,
            "nursery_base:stock_import",
            "nursery_base",
            base_id,
            before={"stock_lines": len(before.get(base_id, []))},
            after={"stock_lines": len(stock), "stock_total": sum(s["quantity"] for s in stock)},
        )
    return [line.base_id for line in lines]


STOCK = Importer(
    name="nursery_stock",
    title="苗圃基地存苗台账",
    columns=COLUMNS,
    build=build,
    prepare=prepare,
    check_in=check_in,
    save_batch=save_batch,
    max_bytes=20_000_000,
    max_rows=200_000,
)


EXPORT = (
    ExportColumn("苗圃基地", "base"),
    ExportColumn("经营单位统一社会信用代码", "uscc", text=True),
    ExportColumn("树种", "species"),
    ExportColumn("苗龄", "age_code", text=True),
    ExportColumn("等级", "grade"),
    ExportColumn("株数", "quantity"),
)


def export_rows(bases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The listed bases' stock (``ledger.with_codes``), one line a row, in the import's columns."""
    return [
        {"base": b["name"], "uscc": b["organisation_uscc"], **s} for b in bases for s in b["stock"]
    ]
