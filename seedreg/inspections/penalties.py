"""The fine a violation carries, as the law words it, and the range it gives for a 货值. Pure.

The Seed Law's fines come in a few shapes (种子法 Arts. 72–86, read in the 2021 text):

- a fixed range (Art. 79: 二千元以上二万元以下);
- a multiple of the value at or above a threshold, a fixed range below it (Art. 76: 货值金额不足
  一万元的三千元以上三万元以下，一万元以上的三倍以上五倍以下);
- a multiple of a value with no threshold (Art. 82: 所采种子货值金额二倍以上五倍以下);
- no fine the law sets (植物检疫条例 Art. 18 names no amount).

A rule may also carry a minimum (a floor under a multiple) and the range to use when the value
cannot be computed; the Seed Law itself gives neither, so none of the catalogue's rows do, but
a rule the league enters may.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any


class FineKind(StrEnum):
    FIXED = "fixed"
    VALUE_THRESHOLD = "value_threshold"
    VALUE_MULTIPLE = "value_multiple"
    NONE = "none"

    @property
    def label(self) -> str:
        return {
            "fixed": "固定幅度",
            "value_threshold": "按货值：不足起点为固定幅度，达到起点按倍数",
            "value_multiple": "按价值的倍数",
            "none": "法律未规定罚款数额",
        }[self.value]


@dataclass(frozen=True)
class FineRule:
    """One item's fine. Yuan are whole yuan; multiples may be fractional (Decimal)."""

    kind: FineKind
    article: str  # the penalty article, as users read it (种子法第七十六条)
    min_yuan: int | None = None  # fixed range, or the range below the threshold
    max_yuan: int | None = None
    threshold_yuan: int | None = None  # 货值 at or above which the multiple applies
    multiple_min: Decimal | None = None
    multiple_max: Decimal | None = None
    minimum_yuan: int | None = None  # a floor under a multiple ("不低于…元")
    unknown_min_yuan: int | None = None  # when the value cannot be computed, if the rule says
    unknown_max_yuan: int | None = None
    value_basis: str = "货值金额"  # Art. 82 multiplies the value of the collected seed
    condition: str = ""  # e.g. Art. 84: only when not corrected by the deadline
    escalation: str = ""  # e.g. "无标签的按假种子论处（种子法第四十八条）"

    @property
    def uses_value(self) -> bool:
        return self.kind in (FineKind.VALUE_THRESHOLD, FineKind.VALUE_MULTIPLE)


@dataclass(frozen=True)
class PenaltyRange:
    """What the law allows for one case: ``None`` bounds mean the law gives no number."""

    min_yuan: int | None
    max_yuan: int | None
    words: str  # the rule in words, then the part that applied
    article: str
    applied: str  # which branch: the range below/at the threshold, unknown value, no fine

    @property
    def determined(self) -> bool:
        return self.min_yuan is not None and self.max_yuan is not None


def yuan(amount: int | Decimal) -> str:
    """12000 → "12,000元" (whole yuan; a fine is never in fen)."""
    return f"{int(amount):,}元"


def _times(m: Decimal) -> str:
    return f"{m.normalize():f}倍"


def rule_words(rule: FineRule) -> str:
    """The rule as the article words it, in the order the law gives it."""
    basis = rule.value_basis
    parts: list[str] = []
    if rule.escalation:
        parts.append(rule.escalation)
    if rule.kind is FineKind.FIXED:
        parts.append(f"处{yuan(rule.min_yuan or 0)}以上{yuan(rule.max_yuan or 0)}以下罚款")
    elif rule.kind is FineKind.VALUE_THRESHOLD:
        parts.append(
            f"{basis}不足{yuan(rule.threshold_yuan or 0)}的，处{yuan(rule.min_yuan or 0)}以上"
            f"{yuan(rule.max_yuan or 0)}以下罚款；{yuan(rule.threshold_yuan or 0)}以上的，处"
            f"{basis}{_multiples(rule)}罚款"
        )
    elif rule.kind is FineKind.VALUE_MULTIPLE:
        parts.append(f"处{basis}{_multiples(rule)}罚款")
    else:
        parts.append("法律、法规未规定罚款数额")
    if rule.minimum_yuan is not None:
        parts.append(f"罚款不低于{yuan(rule.minimum_yuan)}")
    if rule.unknown_min_yuan is not None and rule.unknown_max_yuan is not None:
        parts.append(
            f"{basis}无法计算的，处{yuan(rule.unknown_min_yuan)}以上"
            f"{yuan(rule.unknown_max_yuan)}以下罚款"
        )
    if rule.condition:
        parts.append(rule.condition)
    return "；".join(parts) + f"（{rule.article}）"


def _multiples(rule: FineRule) -> str:
    low, high = rule.multiple_min or Decimal(0), rule.multiple_max or Decimal(0)
    return f"{_times(low)}以上{_times(high)}以下"


def _round(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def penalty_range(rule: FineRule, goods_value: Decimal | int | None) -> PenaltyRange:
    """The fine range for ``goods_value`` (yuan; ``None`` when it cannot be computed).

    At the threshold the multiple applies: the law says 不足 (below) for the fixed range and
    以上 (at or above) for the multiple, and 以上 includes the number itself (刑法 Art. 99's
    reading, which administrative practice follows).
    """
    words = rule_words(rule)

    def out(low: int | None, high: int | None, applied: str) -> PenaltyRange:
        return PenaltyRange(low, high, words, rule.article, applied)

    if rule.kind is FineKind.NONE:
        return out(None, None, "法律、法规未规定罚款数额，不能计算幅度")
    if rule.kind is FineKind.FIXED:
        return out(rule.min_yuan, rule.max_yuan, "固定幅度，与货值无关")
    if goods_value is None:
        if rule.unknown_min_yuan is not None and rule.unknown_max_yuan is not None:
            return out(rule.unknown_min_yuan, rule.unknown_max_yuan, f"{rule.value_basis}无法计算")
        return out(None, None, f"{rule.value_basis}未知：请先核定{rule.value_basis}")
    value = Decimal(goods_value)
    if value < 0:
        raise ValueError("货值不能为负数")
    threshold = rule.threshold_yuan
    if rule.kind is FineKind.VALUE_THRESHOLD and threshold is not None and value < threshold:
        return out(rule.min_yuan, rule.max_yuan, f"{rule.value_basis}不足{yuan(threshold)}")
    low = _round(value * (rule.multiple_min or Decimal(0)))
    high = _round(value * (rule.multiple_max or Decimal(0)))
    if rule.minimum_yuan is not None:
        low, high = max(low, rule.minimum_yuan), max(high, rule.minimum_yuan)
    where = f"{rule.value_basis}{yuan(value)}×{_multiples(rule)}"
    if rule.kind is FineKind.VALUE_THRESHOLD:
        where = f"{rule.value_basis}达到{yuan(threshold or 0)}以上：{where}"
    return out(low, high, where)


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text not in (None, "") else None


def rule_from_row(row: Mapping[str, Any], by_code: Mapping[str, Mapping[str, Any]]) -> FineRule:
    """A catalogue row's fine rule. An item ``treated_as`` another takes that one's penalty,
    with the escalation said in words: a seed without a label is a fake seed (种子法 Art. 48),
    so V3-1 takes Art. 74's fine, not Art. 79's."""
    source = row
    escalation = ""
    target = row.get("treated_as") or ""
    if target:
        if target not in by_code or by_code[target].get("treated_as"):
            raise ValueError(f"{row['code']} 按 {target} 论处，但目录中没有可用的 {target}")
        source = by_code[target]
        escalation = f"按“{source['name']}”论处（{row['breached_article']}）"
    return FineRule(
        kind=FineKind(source["fine_kind"]),
        article=source["penalty_article"],
        min_yuan=source.get("min_yuan"),
        max_yuan=source.get("max_yuan"),
        threshold_yuan=source.get("threshold_yuan"),
        multiple_min=_decimal(source.get("multiple_min")),
        multiple_max=_decimal(source.get("multiple_max")),
        minimum_yuan=source.get("minimum_yuan"),
        unknown_min_yuan=source.get("unknown_min_yuan"),
        unknown_max_yuan=source.get("unknown_max_yuan"),
        value_basis=source.get("value_basis") or "货值金额",
        condition=source.get("condition") or "",
        escalation=escalation,
    )


def check_rule(rule: FineRule) -> str | None:
    """What is missing or contradictory in a rule the admin typed, in words (None when sound)."""
    ranged = rule.min_yuan is not None and rule.max_yuan is not None
    if rule.kind in (FineKind.FIXED, FineKind.VALUE_THRESHOLD) and not ranged:
        return "请填写罚款幅度的下限和上限"
    if ranged and (rule.min_yuan or 0) > (rule.max_yuan or 0):
        return "罚款下限不能大于上限"
    if rule.kind is FineKind.VALUE_THRESHOLD and not rule.threshold_yuan:
        return "请填写货值起点"
    if rule.uses_value:
        if rule.multiple_min is None or rule.multiple_max is None:
            return "请填写倍数的下限和上限"
        if rule.multiple_min > rule.multiple_max or rule.multiple_min <= 0:
            return "倍数下限应大于0且不大于上限"
    return None
