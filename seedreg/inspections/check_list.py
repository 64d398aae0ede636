"""The list of on-site checks (现场检查记录) an inspector or the area's admin may read: filtered
in the database by jurisdiction, banner, month, catalogue item found and the party's name,
newest first, a page at a time (the export of the same filters walks every page)."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from pydantic import BaseModel, Field

from seedreg.accounts.rules import Actor
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import paging
from seedreg.core.clock import CHINA
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.inspections import check_rules as cr
from seedreg.inspections.check_out import check_out
from seedreg.inspections.check_schemas import CheckOut
from seedreg.inspections.tables import CheckFinding, FieldCheck

PAGE_SIZE = 50
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class CheckFilter(BaseModel):
    """What the list is narrowed to; every field may be empty."""

    division: str = Field(default="", max_length=6, description="旗县市区划代码")
    month: str = Field(default="", max_length=7, description="检查月份，如 2026-12")
    finding: str = Field(default="", max_length=12, description="发现的违法事项（目录编号）")
    q: str = Field(default="", max_length=60, description="被检查单位名称包含")


class CheckPage(BaseModel):
    items: list[CheckOut]
    total: int = Field(description="符合条件的检查记录数")
    page: int
    page_size: int


def _month_range(month: str) -> tuple[datetime, datetime]:
    if not MONTH.match(month):
        raise RuleViolation("月份应写作“2026-12”这样的年-月", field="month")
    year, mon = int(month[:4]), int(month[5:])
    first = date(year, mon, 1)
    after = date(year + mon // 12, mon % 12 + 1, 1)
    # A check belongs to the month of China's calendar in which it started.
    return (
        datetime.combine(first, time(), tzinfo=CHINA),
        datetime.combine(after, time(), tzinfo=CHINA),
    )


async def _clauses(actor: Actor, wanted: CheckFilter) -> list[Any] | None:
    """The filters as query clauses; None when nothing can match (an empty finding set)."""
    clauses = [in_jurisdiction(FieldCheck.division_code, actor)]
    if wanted.division:
        clauses.append(FieldCheck.division_code == wanted.division)
    if wanted.month:
        start, end = _month_range(wanted.month)
        clauses += [FieldCheck.started_at >= start, FieldCheck.started_at < end]
    if wanted.q.strip():
        clauses.append(FieldCheck.target_name.ilike(f"%{wanted.q.strip()}%"))
    if wanted.finding:
        found = await CheckFinding.select(CheckFinding.field_check).where(
            CheckFinding.code == wanted.finding
        )
        ids = sorted({r["field_check"] for r in found})
        if not ids:
            return None
        clauses.append(FieldCheck.id.is_in(ids))
    return clauses


async def list_checks(
    actor: Actor, wanted: CheckFilter | None = None, *, page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[dict[str, Any]], int]:
    """One page of the checks of the actor's area, newest first, and how many match; operators
    are refused, other officials (not inspectors, not the admin) see none."""
    if not actor.is_official:
        raise Forbidden("现场检查记录供执法人员查看")
    if not cr.may_see_check(actor, actor.jurisdiction or "-"):
        return [], 0
    clauses = await _clauses(actor, wanted or CheckFilter())
    if clauses is None:
        return [], 0
    return await paging.page_of(FieldCheck, clauses, page=page, per_page=per_page)


async def check_page(actor: Actor, wanted: CheckFilter, page: int) -> CheckPage:
    """The API's page: each check as its full record."""
    rows, total = await list_checks(actor, wanted, page=page)
    items = [await check_out(r) for r in rows]
    return CheckPage(items=items, total=total, page=page, page_size=PAGE_SIZE)
