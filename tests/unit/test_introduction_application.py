"""The pure rules of an introduction application: bad input named by field, the route's
refusals, the 良种 number of another species, the soft number warning, and who sees and acts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from seedreg.accounts.rules import Actor, Role
from seedreg.introductions import application_rules as rules
from seedreg.introductions.routing_rules import Origin, route_introduction
from seedreg.introductions.scope_rules import Unit

TODAY = date(2026, 12, 7)
GOOD = rules.Applied(
    species="樟子松",
    variety="樟子松（普通）",
    improved=False,
    variety_number="",
    origin_code="150400",
    supplier="赤峰市林木种苗有限公司",
    quantity=Decimal(1000),
    unit=Unit.PLANTS,
    site_codes=("152201",),
    valid_from=TODAY,
    valid_to=date(2027, 6, 30),
)
CITY = route_introduction(Origin(division_code="150400"))


def fields(applied: rules.Applied, route=CITY, species: str | None = None) -> dict[str, str]:
    return {p.field: p.message for p in rules.problems(applied, route, species, TODAY)}


def test_a_complete_application_has_no_problem():
    assert fields(GOOD) == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"quantity": Decimal(0)}, "max_quantity", "大于0"),
        ({"quantity": Decimal(-3)}, "max_quantity", "大于0"),
        ({"quantity": Decimal(10) ** 12}, "max_quantity", "过大"),
        ({"quantity": Decimal("1.5")}, "max_quantity", "整数"),
        ({"valid_to": date(2026, 1, 1)}, "valid_to", "不能早于"),
        ({"valid_from": date(2025, 1, 1), "valid_to": date(2025, 2, 1)}, "valid_to", "已过"),
        ({"site_codes": ("150402",)}, "site_codes", "不在兴安盟"),
        ({"site_codes": ()}, "site_codes", "至少填写"),
        ({"improved": True}, "variety_number", "审定（认定）编号"),
    ],
)
def test_bad_input_is_named_by_its_field(changes, field, words):
    found = fields(replace(GOOD, **changes))
    assert words in found[field]


def test_abroad_and_the_league_itself_are_not_applied_for_here():
    abroad = route_introduction(Origin(country="US"))
    assert "境外" in fields(replace(GOOD, origin_code=""), abroad)["origin_code"]
    home = route_introduction(Origin(division_code="152222"))
    assert "无需审批" in fields(replace(GOOD, origin_code="152222"), home)["origin_code"]


def test_a_number_the_register_holds_for_another_species_is_refused():
    applied = replace(GOOD, improved=True, variety_number="国S-SV-LO-001-2010")
    assert "兴安落叶松" in fields(applied, species="兴安落叶松")["variety_number"]
    assert fields(applied, species="樟子松") == {}
    assert fields(applied, species=None) == {}  # not held: the reviewer's check fails it


def test_an_unusual_number_is_a_warning_only():
    odd = replace(GOOD, improved=True, variety_number="樟子松2010号")
    [warning] = rules.warnings(odd)
    assert "常见格式" in warning
    assert fields(odd) == {}
    assert rules.warnings(replace(odd, variety_number="国S-SV-PS-001-2010")) == []


def actor(role: Role, *, org: int | None = None, where: str | None = None) -> Actor:
    return Actor(1, "u", "某人", role, organisation_id=org, jurisdiction=where)


@pytest.mark.parametrize(
    ("who", "sees", "decides"),
    [
        (actor(Role.OPERATOR, org=7), True, False),
        (actor(Role.OPERATOR, org=8), False, False),
        (actor(Role.LICENSING_OFFICER, where="152200"), True, True),
        (actor(Role.LICENSING_OFFICER, where="152221"), True, False),  # a site in its banner
        (actor(Role.LICENSING_OFFICER, where="152201"), False, False),
        (actor(Role.INSPECTOR, where="152221"), True, False),
    ],
)
def test_applicant_own_banner_by_its_sites_league_all(who, sees, decides):
    seen = rules.may_see(
        who, organisation_id=7, handling_division="152200", site_codes=("152221", "152222")
    )
    assert seen is sees
    if who.role is not Role.OPERATOR:
        assert rules.may_decide(who, "152200") is decides
