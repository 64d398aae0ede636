"""What an approved introduction covers, and whether a lot or an inbound consignment may draw on
it. No I/O.

Issue 16: an approval states its variety, origin, supplier, maximum quantity, validity period
and sites, and enforces them: exceeding it or using it after its period is refused with the
reason. Quantities are exact decimals (kg for seed, 株 for seedlings); the period includes both
its first and its last day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from seedreg.reference import rules as divisions
from seedreg.varieties.rules import cn_day

# The class code in a 引种备案回执's number (兴林草引备〔2026〕3号): where the league's step is a
# filing, lots draw on the filing as on an approval, and what they print says which it is.
FILING_CLASS = "引备"


def cited_as(number: str) -> str:
    """How a label or a lot names the introduction it rests on: 引种备案 for a filing's number,
    引种批准 for an approval's (the league's or the region's)."""
    return "引种备案" if FILING_CLASS in number else "引种批准"


class Unit(StrEnum):
    KG = "kg"
    PLANTS = "株"


@dataclass(frozen=True)
class Scope:
    variety: str
    origin_code: str
    supplier: str
    max_quantity: Decimal
    unit: Unit
    valid_from: date
    valid_to: date
    site_codes: tuple[str, ...]


@dataclass(frozen=True)
class Draw:
    """A proposed use: a lot registered or a consignment received under the approval."""

    quantity: Decimal
    unit: Unit
    on: date
    site_code: str
    variety: str
    origin_code: str
    supplier: str = ""  # "" when the caller does not know it: not compared


@dataclass(frozen=True)
class DrawDecision:
    allowed: bool
    reasons: tuple[str, ...]
    remaining_after: Decimal  # what is left once this draw is taken (unchanged if refused)


def _same(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _reasons(scope: Scope, draw: Draw, drawn: Decimal) -> list[str]:
    reasons = []
    if draw.quantity <= 0:
        reasons.append("数量须大于0")
    if draw.unit is not scope.unit:
        reasons.append(f"计量单位应为{scope.unit.value}（引种批准按{scope.unit.value}计）")
    remaining = scope.max_quantity - drawn
    if draw.unit is scope.unit and draw.quantity > remaining:
        reasons.append(
            f"超出批准数量：批准{scope.max_quantity}{scope.unit.value}，已使用{drawn}，"
            f"剩余{max(remaining, Decimal(0))}，本次{draw.quantity}"
        )
    if draw.on < scope.valid_from:
        reasons.append(f"批准有效期自{cn_day(scope.valid_from)}起，尚未开始")
    if draw.on > scope.valid_to:
        reasons.append(f"批准有效期已于{cn_day(scope.valid_to)}届满")
    if not _same(draw.variety, scope.variety):
        reasons.append(f"品种“{draw.variety}”不是批准的“{scope.variety}”")
    if draw.origin_code != scope.origin_code:
        reasons.append(f"来源地 {draw.origin_code} 不是批准的来源地 {scope.origin_code}")
    if draw.supplier and not _same(draw.supplier, scope.supplier):
        reasons.append(f"供应商“{draw.supplier}”不是批准的“{scope.supplier}”")
    if not divisions.any_covers(scope.site_codes, draw.site_code):
        reasons.append(f"地点 {draw.site_code} 不在批准的种植（生产）地点内")
    return reasons


def check_draw(scope: Scope, draw: Draw, drawn: Decimal = Decimal(0)) -> DrawDecision:
    """Whether ``draw`` fits ``scope`` given what earlier draws took (``drawn``); every reason
    it does not, in Chinese. Exactly the remaining quantity is allowed; the last valid day too."""
    reasons = _reasons(scope, draw, drawn)
    if reasons:
        return DrawDecision(False, tuple(reasons), scope.max_quantity - drawn)
    return DrawDecision(True, (), scope.max_quantity - drawn - draw.quantity)


# Quantities are stored as lots store them (grams or 株) in a PostgreSQL integer: a larger
# number cannot be kept, so it is refused as absurd rather than ending as a server error.
MAX_STORED = 2**31 - 1
GRAMS_PER_KG = 1000


@dataclass(frozen=True)
class Problem:
    field: str
    message: str


def _quantity_problem(quantity: Decimal, unit: Unit) -> str | None:
    if not quantity.is_finite() or quantity <= 0:
        return "批准数量须大于0"
    stored = quantity * GRAMS_PER_KG if unit is Unit.KG else quantity
    if unit is Unit.PLANTS and quantity != quantity.to_integral_value():
        return "苗木数量应为整数（株）"
    if stored != stored.to_integral_value():
        return "种子数量最多精确到 0.001 kg（1 克）"
    if stored > MAX_STORED:
        return f"批准数量过大，请核对单位（{unit.value}）"
    return None


def scope_problems(scope: Scope, today: date) -> list[Problem]:
    """Why a scope cannot be granted as typed (issue 16 "Bad input"): quantity zero, negative
    or absurd; a reversed or past period; sites outside the league; an origin inside it."""
    problems = []
    quantity = _quantity_problem(scope.max_quantity, scope.unit)
    if quantity:
        problems.append(Problem("max_quantity", quantity))
    if scope.valid_to < scope.valid_from:
        problems.append(Problem("valid_to", "有效期止日不能早于起日"))
    elif scope.valid_to < today:
        problems.append(Problem("valid_to", f"有效期止日{cn_day(scope.valid_to)}已过"))
    if not scope.site_codes:
        problems.append(Problem("site_codes", "至少填写一个种植（生产）地点"))
    outside = [
        s
        for s in scope.site_codes
        if not divisions.is_code(s) or not s.startswith(divisions.LEAGUE_PREFIX)
    ]
    if outside:
        problems.append(Problem("site_codes", f"地点 {'、'.join(outside)} 不在兴安盟"))
    if scope.origin_code.startswith(divisions.LEAGUE_PREFIX):
        problems.append(Problem("origin_code", "来源在兴安盟内，不属于引种，无需审批"))
    for field, value, label in (
        ("variety", scope.variety, "品种"),
        ("supplier", scope.supplier, "供应商"),
    ):
        if not value.strip():
            problems.append(Problem(field, f"须填写{label}"))
    return problems
