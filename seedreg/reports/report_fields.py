"""The period report's rules, pure: the periods a report covers (a month or a year), the fields
it may show (each summing stored monthly figures), and the field list read from its setting.

The league's 林木种苗统计报表 forms are not yet provided, so which fields a report shows and in
what order is the local setting ``reports.report_fields``; each field here names the stored
metric and keys it sums, so a field is never counted from the owners' tables on request."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from seedreg.core.errors import RuleViolation
from seedreg.reports.rules import Metric, Row

UNITS = ("件", "批", "张", "次", "株", "kg")


@dataclass(frozen=True)
class Field:
    """One row of the report: its key, Chinese name and unit, and what it sums."""

    key: str
    name: str
    unit: str
    metric: Metric
    keys: tuple[str, ...] = ()  # the stored keys summed; () sums every key of the metric


FIELDS: tuple[Field, ...] = (
    Field("lots", "登记种苗批次", "批", Metric.LOT_MONTH),
    Field("labels", "签发标签", "张", Metric.LABEL_MONTH),
    Field("scans", "标签扫码核验", "次", Metric.SCAN_MONTH),
    Field("licences_issued", "核发生产经营许可证", "件", Metric.LICENCE_MONTH, ("issued",)),
    Field("licences_cancelled", "注销许可证", "件", Metric.LICENCE_MONTH, ("cancelled",)),
    Field(
        "licences_revoked", "吊销或撤销许可证", "件", Metric.LICENCE_MONTH, ("revoked", "annulled")
    ),
    Field("handled", "办结申请", "件", Metric.APPLICATION_DEADLINE, ("on_time", "late")),
    Field("on_time", "按期办结", "件", Metric.APPLICATION_DEADLINE, ("on_time",)),
    Field("late", "超期办结", "件", Metric.APPLICATION_DEADLINE, ("late",)),
    Field("deemed", "逾期视为受理", "件", Metric.APPLICATION_DEADLINE, ("deemed",)),
    Field("supplemented", "一次性告知补正的件数", "件", Metric.PUBLICATION, ("supplemented",)),
    Field("ratings", "好差评评价", "件", Metric.PUBLICATION, ("ratings",)),
    Field("poor", "差评", "件", Metric.PUBLICATION, ("poor",)),
    Field("findings", "检查发现的问题", "件", Metric.FINDING_ITEM),
    Field("cases_opened", "行政处罚立案", "件", Metric.CASE_MONTH, ("opened",)),
    Field("cases_decided", "作出行政处罚决定", "件", Metric.CASE_MONTH, ("decided",)),
)
BY_KEY = {f.key: f for f in FIELDS}
# the setting names fields by their Chinese names (pages show no English), its keys also accepted
BY_NAME = {**BY_KEY, **{f.name: f for f in FIELDS}}
DEFAULT_LIST = "、".join(f.name for f in FIELDS)

MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
YEAR = re.compile(r"^(\d{4})$")


def parse_field_list(text: str) -> list[Field]:
    """The setting's field names (separated by 、 or commas) as fields, in order; RuleViolation
    names an unknown field (so the settings page refuses it) and an empty or repeated list."""
    names = [k.strip() for k in re.split(r"[,，、;；\s]+", text) if k.strip()]
    unknown = [k for k in names if k not in BY_NAME]
    if unknown:
        known = "、".join(f.name for f in FIELDS)
        raise RuleViolation(
            f"没有这些报表字段：{'、'.join(unknown)}。可用字段：{known}", field="value"
        )
    if not names:
        raise RuleViolation("报表字段至少要有一项", field="value")
    fields = [BY_NAME[k] for k in names]
    if len(set(fields)) != len(fields):
        raise RuleViolation("报表字段不能重复", field="value")
    return fields


def check_field_list(text: str) -> None:
    parse_field_list(text)


@dataclass(frozen=True)
class Period:
    """A month (YYYY-MM) or a year (YYYY) and the stored months it sums."""

    text: str
    months: tuple[str, ...]

    @property
    def annual(self) -> bool:
        return len(self.text) == 4

    @property
    def words(self) -> str:
        if self.annual:
            return f"{self.text}年"
        return f"{self.text[:4]}年{int(self.text[5:])}月"

    @property
    def kind_words(self) -> str:
        return "年报" if self.annual else "月报"


def parse_period(text: str) -> Period:
    """'2026-11' → that month; '2026' → its twelve months; else a clear refusal."""
    text = text.strip()
    if MONTH.match(text):
        return Period(text, (text,))
    if YEAR.match(text):
        return Period(text, tuple(f"{text}-{m:02d}" for m in range(1, 13)))
    raise RuleViolation("统计期应为月份（如 2026-11）或年份（如 2026）", field="period")


def metrics_of(fields: Iterable[Field]) -> set[Metric]:
    return {f.metric for f in fields}


def sum_fields(
    rows: Iterable[Row], fields: list[Field], months: Iterable[str]
) -> dict[str, dict[str, int]]:
    """Per division code: each field's sum over the period's months (0 where nothing stored)."""
    wanted = set(months)
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        if row.period not in wanted:
            continue
        for f in fields:
            if row.metric is f.metric and (not f.keys or row.key in f.keys):
                per = out.setdefault(row.division_code, {x.key: 0 for x in fields})
                per[f.key] += row.value
    return out


def total(per_division: dict[str, dict[str, int]], fields: list[Field]) -> dict[str, int]:
    return {f.key: sum(p[f.key] for p in per_division.values()) for f in fields}
