"""The 良种 register's pure rules: status on a day, kind and validity, the soft number check
(facts §14 examples), and division-code coverage."""

from __future__ import annotations

from datetime import date

import pytest

from seedreg.reference import rules as divisions
from seedreg.varieties.rules import (
    Kind,
    Standing,
    VarietyStatus,
    kind_problem,
    number_warnings,
    status_on,
    status_problem,
)

DAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    "number", ["国S-SF-PT-030-2008", "国S-SV-CC-031-2008", "国S-SC-CO-006-2008"]
)
def test_the_published_national_examples_pass_the_soft_check(number):
    year = int(number[-4:])
    assert number_warnings(number, kind=Kind.APPROVAL, body_code="000000", year=year) == []


def test_a_regional_recognition_number_passes():
    assert (
        number_warnings("蒙R-SC-PS-002-2020", kind=Kind.RECOGNITION, body_code="150000", year=2020)
        == []
    )


@pytest.mark.parametrize(
    ("number", "kind", "body", "year", "words"),
    [
        ("樟子松良种1号", Kind.APPROVAL, "000000", 2008, "常见格式"),
        ("国S-SV-CC-31-2008", Kind.APPROVAL, "000000", 2008, "常见格式"),
        ("蒙S-SV-CC-031-2008", Kind.APPROVAL, "000000", 2008, "应为“国”"),
        ("国R-SV-CC-031-2008", Kind.APPROVAL, "000000", 2008, "审定为S"),
        ("国S-XY-CC-031-2008", Kind.APPROVAL, "000000", 2008, "类别“XY”"),
        ("国S-SV-CC-031-2008", Kind.APPROVAL, "000000", 2009, "年份2009"),
    ],
)
def test_each_difference_is_one_warning(number, kind, body, year, words):
    warnings = number_warnings(number, kind=kind, body_code=body, year=year)
    assert len(warnings) == 1
    assert words in warnings[0]


def test_either_abbreviation_of_a_province_is_accepted():
    assert (
        number_warnings("蜀S-SV-PT-001-2015", kind=Kind.APPROVAL, body_code="510000", year=2015)
        == []
    )
    assert (
        number_warnings("川S-SV-PT-001-2015", kind=Kind.APPROVAL, body_code="510000", year=2015)
        == []
    )


def test_status_valid_expired_stopped():
    assert status_on(Standing(Kind.APPROVAL), DAY) is VarietyStatus.VALID
    recognised = Standing(Kind.RECOGNITION, valid_until=DAY)
    assert status_on(recognised, DAY) is VarietyStatus.VALID
    assert status_on(recognised, date(2026, 12, 8)) is VarietyStatus.EXPIRED
    stopped = Standing(Kind.APPROVAL, stopped_on=date(2026, 12, 8))
    assert status_on(stopped, DAY) is VarietyStatus.VALID
    assert status_on(stopped, date(2026, 12, 8)) is VarietyStatus.STOPPED
    both = Standing(Kind.RECOGNITION, valid_until=date(2020, 1, 1), stopped_on=date(2019, 1, 1))
    assert status_on(both, DAY) is VarietyStatus.STOPPED
    assert VarietyStatus.EXPIRED.label == "认定已过期"


def test_status_problem_names_the_article():
    assert status_problem(Standing(Kind.APPROVAL), DAY) is None
    stopped = status_problem(Standing(Kind.APPROVAL, stopped_on=DAY), DAY)
    assert stopped
    assert "第七十七条" in stopped
    assert "2026年12月7日" in stopped
    expired = status_problem(Standing(Kind.RECOGNITION, valid_until=date(2026, 1, 1)), DAY)
    assert expired
    assert "第二十三条" in expired


def test_a_recognition_has_an_end_an_approval_none():
    assert kind_problem(Kind.RECOGNITION, None)
    assert kind_problem(Kind.APPROVAL, DAY)
    assert kind_problem(Kind.RECOGNITION, DAY) is None
    assert kind_problem(Kind.APPROVAL, None) is None


@pytest.mark.parametrize(
    ("zone", "site", "covered"),
    [
        ("150000", "152221", True),
        ("152200", "152221", True),
        ("152200", "152200", True),
        ("152221", "152221", True),
        ("152221", "152222", False),
        ("150700", "152221", False),
        ("220000", "152221", False),
        ("000000", "152221", True),
    ],
)
def test_zone_coverage_by_prefix(zone, site, covered):
    assert divisions.covers(zone, site) is covered


def test_parse_codes():
    assert divisions.parse_codes("150000，152200\n152200、220000") == ["150000", "152200", "220000"]
    with pytest.raises(ValueError, match="15220"):
        divisions.parse_codes("150000, 15220")
    assert divisions.body_abbreviations("000000") == ("国",)
    assert divisions.body_abbreviations("150000") == ("蒙",)
    assert divisions.body_abbreviations("990000") == ()
