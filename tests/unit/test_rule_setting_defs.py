"""Local settings: parsing, display and the source label, without a database."""

from __future__ import annotations

import pytest

from seedreg.core import rulesettings as rs
from seedreg.core.errors import RuleViolation

DAYS = rs.SettingDef(
    key="test.days",
    group="测试",
    label="测试天数",
    default=30,
    unit="日",
    minimum=0,
    maximum=365,
    basis=rs.Basis.STATUTORY,
    source="行政许可法第五十条",
)
PATHS = rs.SettingDef(
    key="test.paths",
    group="测试",
    label="途径",
    default="both",
    choices=(("both", "两者"), ("self", "自检")),
    basis=rs.Basis.LOCAL,
)
FLAG = rs.SettingDef(
    key="test.flag", group="测试", label="开关", default=False, basis=rs.Basis.LOCAL
)


def test_it_labels_the_source_as_statutory_or_local() -> None:
    assert DAYS.source_label == "法定：行政许可法第五十条"
    assert PATHS.source_label == "本地设定"


@pytest.mark.parametrize(("raw", "value"), [("45", 45), (" 0 ", 0), (365, 365)])
def test_it_parses_whole_numbers_in_bounds(raw: object, value: int) -> None:
    assert DAYS.parse(raw) == value


@pytest.mark.parametrize(
    ("raw", "message"),
    [("abc", "应为整数"), ("-1", "应在0至365日之间"), ("366", "应在0至365日之间")],
)
def test_it_refuses_bad_numbers_in_chinese(raw: str, message: str) -> None:
    with pytest.raises(RuleViolation, match=message):
        DAYS.parse(raw)


def test_it_keeps_choices_to_the_list() -> None:
    assert PATHS.parse("self") == "self"
    with pytest.raises(RuleViolation, match="只能从列出的选项中选择"):
        PATHS.parse("station")


def test_it_reads_yes_and_no() -> None:
    assert FLAG.parse("true") is True
    assert FLAG.parse("否") is False
    with pytest.raises(RuleViolation, match="应为“是”或“否”"):
        FLAG.parse("maybe")


def test_it_displays_units_and_choice_labels() -> None:
    assert DAYS.display(30) == "30日"
    assert PATHS.display("self") == "自检"
    assert FLAG.display(True) == "是"


def test_a_default_outside_its_bounds_is_a_programming_error() -> None:
    with pytest.raises(RuleViolation):
        rs.define(
            rs.SettingDef(
                key="test.bad",
                group="测试",
                label="坏",
                default=-5,
                minimum=0,
                basis=rs.Basis.LOCAL,
            )
        )


def test_one_key_cannot_mean_two_things() -> None:
    rs.define(DAYS)
    rs.define(DAYS)  # the same definition twice is harmless (module re-import)
    with pytest.raises(ValueError, match="defined twice"):
        rs.define(rs.SettingDef(**{**DAYS.__dict__, "default": 31}))


def test_values_fall_back_to_the_default() -> None:
    rs.define(DAYS)
    values = rs.Values({"test.days": 45})
    assert values.of(DAYS) == 45
    assert not values.is_default("test.days")
    assert rs.Values({}).of(DAYS) == 30
