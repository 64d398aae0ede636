"""The period report's pure rules: periods, the field list setting, the sums per banner."""

from __future__ import annotations

import pytest

from seedreg.core.errors import RuleViolation
from seedreg.reports import report_fields as rf
from seedreg.reports.rules import Metric, Row


def test_a_month_covers_itself_and_a_year_its_twelve_months():
    month = rf.parse_period("2026-11")
    assert month.months == ("2026-11",)
    assert (month.words, month.kind_words, month.annual) == ("2026年11月", "月报", False)
    year = rf.parse_period(" 2026 ")
    assert year.months == tuple(f"2026-{m:02d}" for m in range(1, 13))
    assert (year.words, year.kind_words, year.annual) == ("2026年", "年报", True)


@pytest.mark.parametrize("text", ["2026-13", "2026-1", "26", "2026/11", "", "十一月"])
def test_a_period_typed_wrong_is_refused_in_chinese(text):
    with pytest.raises(RuleViolation, match="统计期应为月份") as caught:
        rf.parse_period(text)
    assert caught.value.field == "period"


def test_the_default_field_list_is_every_field_by_its_chinese_name():
    assert [f.key for f in rf.parse_field_list(rf.DEFAULT_LIST)] == [f.key for f in rf.FIELDS]
    assert all(f.unit in rf.UNITS for f in rf.FIELDS)
    assert all("、" not in f.name for f in rf.FIELDS)  # the list's own separator


def test_a_field_list_keeps_its_order_and_accepts_keys_and_commas():
    fields = rf.parse_field_list("差评，lots, 签发标签")
    assert [f.key for f in fields] == ["poor", "lots", "labels"]


@pytest.mark.parametrize(
    ("text", "words"),
    [("批次、标签", "没有这些报表字段：批次、标签"), ("  ", "至少要有一项"),
     ("差评、poor", "不能重复")],
)  # fmt: skip
def test_a_field_list_with_unknown_empty_or_repeated_fields_is_refused(text, words):
    with pytest.raises(RuleViolation, match=words):
        rf.parse_field_list(text)


def test_fields_sum_their_metric_and_keys_over_the_period_per_banner():
    rows = [
        Row(Metric.LOT_MONTH, "152201", "2026-03", "樟子松", 2),
        Row(Metric.LOT_MONTH, "152201", "2026-03", "山杏", 1),
        Row(Metric.LOT_MONTH, "152201", "2026-04", "樟子松", 5),  # another month
        Row(Metric.APPLICATION_DEADLINE, "152221", "2026-03", "on_time", 4),
        Row(Metric.APPLICATION_DEADLINE, "152221", "2026-03", "late", 1),
        Row(Metric.APPLICATION_DEADLINE, "152221", "2026-03", "deemed", 7),
        Row(Metric.LICENCE_MONTH, "152221", "2026-03", "annulled", 1),
        Row(Metric.LICENCE_MONTH, "152221", "2026-03", "revoked", 2),
    ]
    fields = rf.parse_field_list("登记种苗批次、办结申请、超期办结、吊销或撤销许可证")
    per = rf.sum_fields(rows, fields, ("2026-03",))
    assert per == {
        "152201": {"lots": 3, "handled": 0, "late": 0, "licences_revoked": 0},
        "152221": {"lots": 0, "handled": 5, "late": 1, "licences_revoked": 3},
    }
    assert rf.total(per, fields) == {"lots": 3, "handled": 5, "late": 1, "licences_revoked": 3}
    year = rf.sum_fields(rows, fields, rf.parse_period("2026").months)
    assert year["152201"]["lots"] == 8


def test_the_setting_refuses_an_unknown_field_where_the_admin_types_it():
    from seedreg.reports.rule_settings import REPORT_FIELDS

    assert REPORT_FIELDS.parse("差评、签发标签") == "差评、签发标签"
    with pytest.raises(RuleViolation, match="没有这些报表字段"):
        REPORT_FIELDS.parse("差评、好评")
