"""Routing an introduction by origin (兴署发〔2021〕6号 五(一)): every origin class, the league's
step from the setting, abroad and 港澳台, and invalid codes."""

from __future__ import annotations

import pytest

from seedreg.core.errors import RuleViolation
from seedreg.introductions.routing_rules import (
    LEAGUE_BUREAU,
    REGION_BUREAU,
    LeagueStep,
    Origin,
    RouteKind,
    route_introduction,
)


@pytest.mark.parametrize("code", ["152200", "152201", "152221", "152224"])
def test_in_league_needs_no_approval_and_says_it_is_a_movement(code):
    route = route_introduction(Origin(division_code=code))
    assert route.kind is RouteKind.IN_LEAGUE
    assert not route.needs_application
    assert not route.refused
    assert "无需审批" in route.explanation
    assert "调运" in route.explanation
    assert route.decided_by == ""


@pytest.mark.parametrize(
    ("code", "city"), [("150700", "呼伦贝尔市"), ("150502", "通辽市"), ("152900", "阿拉善盟")]
)
def test_another_city_of_the_region_is_decided_by_the_league(code, city):
    route = route_introduction(Origin(division_code=code))
    assert route.kind is RouteKind.OTHER_CITY
    assert route.needs_application
    assert not route.refused
    assert route.decided_by == LEAGUE_BUREAU
    assert route.forwarded_to == ""
    assert route.league_step is LeagueStep.CONSENT
    assert city in route.origin_name
    assert "同意" in route.explanation
    assert "6号" in route.basis


def test_the_league_step_follows_the_setting():
    route = route_introduction(Origin(division_code="150100"), LeagueStep.FILING)
    assert route.league_step is LeagueStep.FILING
    assert "备案" in route.explanation


@pytest.mark.parametrize(
    ("code", "province"),
    [("220000", "吉林省"), ("210100", "辽宁省"), ("650000", "新疆维吾尔自治区")],
)
def test_another_province_is_reviewed_here_and_forwarded_to_the_region(code, province):
    route = route_introduction(Origin(division_code=code))
    assert route.kind is RouteKind.OTHER_PROVINCE
    assert route.needs_application
    assert not route.refused
    assert route.decided_by == REGION_BUREAU
    assert route.forwarded_to == REGION_BUREAU
    assert route.origin_name == province
    assert "检疫要求书" in route.explanation
    assert "第十九条第一款" in route.basis


@pytest.mark.parametrize("country", ["RU", "mn", "US"])
def test_abroad_is_refused_as_the_national_procedure(country):
    route = route_introduction(Origin(country=country, division_code=""))
    assert route.kind is RouteKind.ABROAD
    assert route.refused
    assert not route.needs_application
    assert "国家" in route.explanation
    assert "不在本系统受理范围" in route.explanation
    assert "第五十七条" in route.basis


@pytest.mark.parametrize("code", ["710000", "810000", "820000"])
def test_hong_kong_macao_taiwan_route_as_abroad(code):
    route = route_introduction(Origin(division_code=code))
    assert route.kind is RouteKind.ABROAD
    assert route.refused


@pytest.mark.parametrize(
    "code",
    [
        "",
        "15220",
        "1522011",
        "abcdef",
        "990000",
        "000000",
        "150000",
        "151000",
        "152300",
        "１５２２０１",
    ],
)
def test_an_unknown_code_is_a_clear_error(code):
    with pytest.raises(RuleViolation) as caught:
        route_introduction(Origin(division_code=code))
    assert caught.value.field == "division_code"
    assert "代码" in caught.value.message
