"""Pure rules of the nursery-base register (issue 18): 苗龄 notation (GB 6000), areas in 亩 and
公顷, the league's box, who may edit and confirm, the state-nursery target under each scope."""

from __future__ import annotations

from decimal import Decimal

import pytest

from seedreg.accounts.rules import Actor, Role
from seedreg.nurseries import rules
from seedreg.nurseries.agecodes import parse_age_code
from seedreg.nurseries.rules import BaseStatus, TargetScope

STATION = Actor(4, "s", "种苗站", Role.SEED_STATION, jurisdiction="152200")
BANNER_STATION = Actor(7, "s2", "旗种苗站", Role.SEED_STATION, jurisdiction="152221")
OFFICER = Actor(2, "o1", "审批", Role.LICENSING_OFFICER, jurisdiction="152201")
HOLDER = Actor(5, "h", "持有人", Role.OPERATOR, organisation_id=10)
OTHER = Actor(6, "x", "他人", Role.OPERATOR, organisation_id=11)


@pytest.mark.parametrize(
    ("typed", "code", "age", "transplants"),
    [
        ("1-0", "1-0", 1, 0),
        ("2-0", "2-0", 2, 0),
        ("2-1", "2-1", 3, 1),
        ("2-2", "2-2", 4, 1),
        ("2-2-2", "2-2-2", 6, 2),
        ("0.2-0.8", "0.2-0.8", 1, 1),
        ("0.5-0", "0.5-0", Decimal("0.5"), 0),
        ("1(2)-0", "1(2)-0", 1, 0),
        (" 2 － 1 ", "2-1", 3, 1),  # spaces and a full-width hyphen as typed
        ("1（2）—0", "1(2)-0", 1, 0),
    ],
)
def test_age_codes_of_gb_6000_are_read(typed, code, age, transplants):
    parsed = parse_age_code(typed)
    assert (parsed.code, parsed.age, parsed.transplants) == (code, Decimal(age), transplants)


def test_an_age_code_reads_as_words():
    assert parse_age_code("2-1").text == "3年生，移植1次"
    assert parse_age_code("1-0").text == "1年生，未移植"


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("", "不能为空"),
        ("2", "GB 6000"),
        ("0-1", "第一个数"),
        ("1-0-2", "未再移植"),
        ("2-1-0", "以0结尾"),
        ("a-b", "GB 6000"),
        ("2-1-1-1-1", "GB 6000"),
        ("20-20", "超过30年"),
        ("1(2)-1(2)", "GB 6000"),
    ],
)
def test_a_wrong_age_code_is_refused_in_chinese(typed, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_age_code(typed)


def test_stock_lines_are_read_and_wrong_lines_named():
    rows = rules.parse_stock("樟子松 2-1 Ⅰ级苗 120000\n\n兴安落叶松，1-0，Ⅱ级，50000")
    assert [(r.species, r.age_code, r.grade, r.quantity) for r in rows] == [
        ("樟子松", "2-1", "Ⅰ级苗", 120000),
        ("兴安落叶松", "1-0", "Ⅱ级苗", 50000),
    ]
    with pytest.raises(ValueError, match=r"第2行.*苗龄"):
        rules.parse_stock("樟子松 2-1 Ⅰ级苗 1\n樟子松 2x1 Ⅰ级苗 1")
    with pytest.raises(ValueError, match=r"第1行.*等级"):
        rules.parse_stock("樟子松 2-1 特级 1")
    with pytest.raises(ValueError, match=r"第1行.*四项"):
        rules.parse_stock("樟子松 2-1")
    with pytest.raises(ValueError, match="数量"):
        rules.parse_stock("樟子松 2-1 Ⅰ级苗 很多")


def test_areas_are_stored_in_mu_and_shown_in_both_units():
    assert rules.to_mu("10", "ha") == Decimal("150.00")
    assert rules.to_mu("33.333", "mu") == Decimal("33.33")
    assert rules.area_text(Decimal("150")) == "150.00亩（10.0000公顷）"
    assert rules.mu_from_square_metres(10_000) == Decimal("15.00")
    for bad, unit in (("-1", "mu"), ("abc", "mu"), ("1", "acre"), ("NaN", "mu")):
        with pytest.raises(ValueError, match="面积"):
            rules.to_mu(bad, unit)


def test_area_gap_is_flagged_past_the_tolerance():
    assert rules.area_gap(Decimal(120), Decimal(100)) == Decimal("0.2")
    assert not rules.area_flagged(Decimal(120), Decimal(100), 20)
    assert rules.area_flagged(Decimal(121), Decimal(100), 20)
    assert rules.area_flagged(Decimal(79), Decimal(100), 20)
    assert rules.area_gap(Decimal(50), Decimal(0)) is None  # nothing declared: nothing to compare


def test_a_point_outside_the_league_is_refused():
    assert rules.point_problem(46.07, 122.09) is None  # 乌兰浩特
    assert "经纬度" in (rules.point_problem(122.09, 46.07) or "")  # swapped
    assert rules.point_problem(39.9, 116.4) is not None  # 北京


def _base(organisation=10, division="152201", status=BaseStatus.PENDING):
    return {"organisation": organisation, "division_code": division, "status": status}


def test_the_operator_edits_its_own_base_and_the_station_confirms():
    assert rules.allowed_actions(HOLDER, _base()) == {"edit"}
    assert rules.allowed_actions(OTHER, _base()) == frozenset()
    assert rules.allowed_actions(STATION, _base()) == {"edit", "confirm"}
    assert rules.allowed_actions(STATION, _base(status=BaseStatus.CONFIRMED)) == {"edit"}
    assert rules.allowed_actions(BANNER_STATION, _base()) == frozenset()  # another banner
    assert rules.allowed_actions(OFFICER, _base()) == frozenset()  # sees, does not keep
    assert rules.may_see(OFFICER, _base())
    assert not rules.may_see(OFFICER, _base(division="152221"))


def test_an_operators_edit_sends_a_confirmed_base_back_to_pending():
    assert rules.status_after_edit(HOLDER, BaseStatus.CONFIRMED) is BaseStatus.PENDING
    assert rules.status_after_edit(STATION, BaseStatus.CONFIRMED) is BaseStatus.CONFIRMED


BANNERS = [("152201", "乌兰浩特市"), ("152202", "阿尔山市"), ("152221", "科尔沁右翼前旗")]
LEAGUE = ("152200", "兴安盟")


def test_the_target_for_the_league_counts_the_total():
    rows = rules.target_table(
        {"152201": 2, "152221": 2},
        BANNERS,
        scope=TargetScope.LEAGUE,
        minimum=3,
        maximum=5,
        league=LEAGUE,
    )
    assert [(r.name, r.count, r.standing) for r in rows] == [
        ("乌兰浩特市", 2, ""),
        ("阿尔山市", 0, ""),
        ("科尔沁右翼前旗", 2, ""),
        ("兴安盟", 4, "within"),
    ]


def test_the_target_per_banner_judges_each_banner():
    rows = rules.target_table(
        {"152201": 6, "152221": 3},
        BANNERS,
        scope=TargetScope.BANNER,
        minimum=3,
        maximum=5,
        league=LEAGUE,
    )
    assert [(r.count, r.standing_label) for r in rows] == [
        (6, "超过上限"),
        (0, "未达到"),
        (3, "达到"),
        (9, "—"),
    ]
