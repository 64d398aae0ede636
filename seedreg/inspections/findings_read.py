"""A finding as another package (a case, 立案) reads it: the finding, its check and its
catalogue item in one dict. Read only; the check's visibility rules apply."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.errors import NotFound
from seedreg.inspections import checks
from seedreg.inspections.check_out import catalogue_rows, penalty, when
from seedreg.inspections.tables import CheckFinding


async def finding_for_case(actor: Actor, finding_id: int) -> dict[str, Any]:
    """NotFound for an unknown finding; Forbidden where the actor may not see its check."""
    row = await CheckFinding.select().where(CheckFinding.id == finding_id).first()
    if row is None:
        raise NotFound("未找到该检查发现的问题")
    check = await checks.load(actor, row["field_check"])
    item = (await catalogue_rows())[row["code"]]
    return {
        "finding_id": row["id"],
        "text": row["text"],
        "goods_value": row["goods_value"],
        "check_id": check["id"],
        "check_number": check["number"],
        "found_on": when(check["started_at"]).astimezone(clock.CHINA).date(),
        "division_code": check["division_code"],
        "target_kind": check["target_kind"],
        "target_id": check["target_id"],
        "target_name": check["target_name"],
        "representative": check["representative"],
        "code": row["code"],
        "item_name": item["name"],
        "breached_article": item["breached_article"],
        "penalty_article": item["penalty_article"],
        "licence_effect": item["licence_effect"],
    }


async def penalty_range(code: str, goods_value: str) -> tuple[int | None, int | None, str]:
    """The fine range of a catalogue item for a 货值 (text yuan, '' unknown): low, high, words."""
    found = penalty(code, Decimal(goods_value) if goods_value else None, await catalogue_rows())
    return found.min_yuan, found.max_yuan, f"{found.words}；本案：{found.applied}"
