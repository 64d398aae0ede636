"""The violation catalogue: loading it from the fixture, reading it, the admin's edits, and the
fine range for a 货值 (the one place pages, the API and later the field check ask)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.inspections import penalties, rules
from seedreg.inspections.schemas import PenaltyRangeOut, ViolationItemIn, ViolationItemOut
from seedreg.inspections.tables import ViolationItem
from seedreg.settings import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "fixtures" / "inspections" / "violations.csv"
_INTS = ("min_yuan", "max_yuan", "threshold_yuan", "minimum_yuan")


def _fixture_rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    out = []
    for row in rows:
        item: dict[str, Any] = {k: v.strip() for k, v in row.items()}
        for key in _INTS:
            item[key] = int(item[key]) if item[key] else None
        item["confiscation"] = [c for c in item["confiscation"].split(";") if c]
        out.append(item)
    return out


async def load(path: Path = FIXTURE) -> int:
    """Add new codes and bring unedited rows in line with the file; rows the admin edited stay
    as saved. Returns the rows changed (a second run changes none). Audited when any change."""
    rows = _fixture_rows(path)
    async with transaction():
        existing = {r["code"]: r for r in await ViolationItem.select().output(load_json=True)}
        changed = 0
        for row in rows:
            old = existing.get(row["code"])
            if old is None:
                await ViolationItem.insert(ViolationItem(**row))
                changed += 1
            elif old["edited_at"] is None and any(old[k] != v for k, v in row.items()):
                await ViolationItem.update(dict(row.items())).where(
                    ViolationItem.code == row["code"]
                )
                changed += 1
        if changed:
            await audit.record(
                audit.SYSTEM,
                "violation:load",
                "violation_item",
                "fixtures",
                after={"rows": changed},
            )
    return changed


def _ensure_reader(actor: Actor) -> None:
    if not rules.may_read_catalogue(actor):
        raise Forbidden("违法行为目录供执法和管理人员使用")


async def _rows() -> dict[str, dict[str, Any]]:
    return {
        r["code"]: r
        for r in await ViolationItem.select().output(load_json=True).order_by(ViolationItem.code)
    }


def item_out(row: dict[str, Any], by_code: dict[str, dict[str, Any]]) -> ViolationItemOut:
    rule = penalties.rule_from_row(row, by_code)
    confiscation = [rules.Confiscation(c) for c in row["confiscation"] or []]
    effect = rules.LicenceEffect(row["licence_effect"])
    return ViolationItemOut(
        **{k: v for k, v in row.items() if k not in ("id", "confiscation", "licence_effect")},
        group_label=rules.group_label(row["directive_group"]),
        fine_words=penalties.rule_words(rule),
        confiscation=confiscation,
        confiscation_labels=[c.label for c in confiscation],
        licence_effect=effect,
        licence_effect_label=effect.label,
    )


async def list_items(actor: Actor) -> list[ViolationItemOut]:
    _ensure_reader(actor)
    by_code = await _rows()
    return [item_out(row, by_code) for row in by_code.values()]


async def get_item(actor: Actor, code: str) -> ViolationItemOut:
    _ensure_reader(actor)
    by_code = await _rows()
    if code not in by_code:
        raise NotFound("目录中没有该违法行为")
    return item_out(by_code[code], by_code)


async def penalty_for(actor: Actor, code: str, goods_value: Decimal | None) -> PenaltyRangeOut:
    """The fine range for one item and a 货值 (``None``: the value cannot be computed)."""
    _ensure_reader(actor)
    by_code = await _rows()
    if code not in by_code:
        raise NotFound("目录中没有该违法行为")
    rule = penalties.rule_from_row(by_code[code], by_code)
    found = penalties.penalty_range(rule, goods_value)
    return PenaltyRangeOut(
        code=code,
        goods_value=goods_value,
        min_yuan=found.min_yuan,
        max_yuan=found.max_yuan,
        words=found.words,
        applied=found.applied,
        article=found.article,
    )


async def update_item(actor: Actor, code: str, data: ViolationItemIn) -> ViolationItemOut:
    """The league admin corrects an item (its articles, its fine rule); audited with before and
    after. A later fixture load leaves the edited item alone."""
    if not rules.may_edit_catalogue(actor):
        raise Forbidden("只有盟林草局管理员可以修改违法行为目录")
    values: dict[str, Any] = data.model_dump()
    values["multiple_min"] = _decimal_text(data.multiple_min)
    values["multiple_max"] = _decimal_text(data.multiple_max)
    values["confiscation"] = [c.value for c in data.confiscation]
    async with transaction():
        by_code = await _rows()
        before = by_code.get(code)
        if before is None:
            raise NotFound("目录中没有该违法行为")
        candidate = {**before, **values}
        problem = penalties.check_rule(penalties.rule_from_row(candidate, by_code))
        if problem:
            raise RuleViolation(problem, field="fine_kind")
        values["edited_at"] = clock.now()
        await ViolationItem.update(dict(values.items())).where(ViolationItem.code == code)
        after = {**before, **values}
        await audit.record(
            actor,
            "violation:update",
            "violation_item",
            code,
            before={k: before[k] for k in values if k != "edited_at"},
            after={k: after[k] for k in values if k != "edited_at"},
        )
    return item_out(after, {**by_code, code: after})


def _decimal_text(value: Decimal | None) -> str:
    return "" if value is None else f"{value.normalize():f}"
