"""An approval's scope and draws on it: boundaries of quantity and period, and each mismatch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from seedreg.introductions.scope_rules import Draw, Scope, Unit, check_draw, scope_problems

SCOPE = Scope(
    variety="樟子松 蒙S-SS-PS-001-2019",
    origin_code="150700",
    supplier="呼伦贝尔某种苗公司",
    max_quantity=Decimal("1000"),
    unit=Unit.PLANTS,
    valid_from=date(2026, 4, 1),
    valid_to=date(2026, 6, 30),
    site_codes=("152221", "152223"),
)
DRAW = Draw(
    quantity=Decimal("400"),
    unit=Unit.PLANTS,
    on=date(2026, 5, 1),
    site_code="152221",
    variety="樟子松 蒙S-SS-PS-001-2019",
    origin_code="150700",
    supplier="呼伦贝尔某种苗公司",
)


def test_a_draw_inside_the_scope_is_allowed_and_counts_down():
    decision = check_draw(SCOPE, DRAW, Decimal("100"))
    assert decision.allowed
    assert decision.reasons == ()
    assert decision.remaining_after == Decimal("500")


def test_exactly_the_remaining_quantity_is_allowed_one_more_is_refused():
    assert check_draw(SCOPE, replace(DRAW, quantity=Decimal("600")), Decimal("400")).allowed
    refused = check_draw(SCOPE, replace(DRAW, quantity=Decimal("601")), Decimal("400"))
    assert not refused.allowed
    assert "超出批准数量" in refused.reasons[0]
    assert "剩余600" in refused.reasons[0]


def test_kilograms_compare_exactly_at_the_gram():
    scope = replace(SCOPE, unit=Unit.KG, max_quantity=Decimal("12.5"))
    draw = replace(DRAW, unit=Unit.KG)
    assert check_draw(scope, replace(draw, quantity=Decimal("2.5")), Decimal("10")).allowed
    assert not check_draw(scope, replace(draw, quantity=Decimal("2.501")), Decimal("10")).allowed


def test_cumulative_draws_past_the_maximum_are_refused():
    assert not check_draw(SCOPE, replace(DRAW, quantity=Decimal("1")), Decimal("1000")).allowed


def test_the_last_valid_day_is_allowed_the_day_after_is_refused():
    assert check_draw(SCOPE, replace(DRAW, on=date(2026, 6, 30))).allowed
    late = check_draw(SCOPE, replace(DRAW, on=date(2026, 7, 1)))
    assert not late.allowed
    assert late.reasons == ("批准有效期已于2026年6月30日届满",)


def test_the_first_day_is_allowed_the_day_before_is_refused():
    assert check_draw(SCOPE, replace(DRAW, on=date(2026, 4, 1))).allowed
    early = check_draw(SCOPE, replace(DRAW, on=date(2026, 3, 31)))
    assert not early.allowed
    assert "尚未开始" in early.reasons[0]


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"quantity": Decimal("0")}, "数量须大于0"),
        ({"quantity": Decimal("-5")}, "数量须大于0"),
        ({"unit": Unit.KG}, "计量单位应为株"),
        ({"variety": "樟子松"}, "品种"),
        ({"origin_code": "150100"}, "来源地"),
        ({"supplier": "另一家公司"}, "供应商"),
        ({"site_code": "152201"}, "不在批准的种植"),
    ],
)
def test_each_mismatch_is_refused_with_its_reason(change, words):
    decision = check_draw(SCOPE, replace(DRAW, **change))
    assert not decision.allowed
    assert any(words in r for r in decision.reasons), decision.reasons
    assert decision.remaining_after == Decimal("1000")


def test_an_unknown_supplier_is_not_compared_and_spaces_do_not_matter():
    assert check_draw(SCOPE, replace(DRAW, supplier="")).allowed
    assert check_draw(SCOPE, replace(DRAW, variety="樟子松  蒙S-SS-PS-001-2019")).allowed


def test_a_league_wide_site_covers_every_banner():
    assert check_draw(
        replace(SCOPE, site_codes=("152200",)), replace(DRAW, site_code="152224")
    ).allowed


# --- a scope as typed (issue 16 "Bad input") ------------------------------------------------------

TODAY = date(2026, 3, 15)


def fields(scope: Scope) -> dict[str, str]:
    return {p.field: p.message for p in scope_problems(scope, TODAY)}


def test_a_sound_scope_has_no_problems():
    assert scope_problems(SCOPE, TODAY) == []


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"max_quantity": Decimal(0)}, "max_quantity", "大于0"),
        ({"max_quantity": Decimal(-3)}, "max_quantity", "大于0"),
        ({"max_quantity": Decimal("1.5")}, "max_quantity", "整数（株）"),
        ({"max_quantity": Decimal(2**31)}, "max_quantity", "过大"),
        ({"unit": Unit.KG, "max_quantity": Decimal("0.0005")}, "max_quantity", "0.001 kg"),
        ({"unit": Unit.KG, "max_quantity": Decimal(2_147_484)}, "max_quantity", "过大"),
        ({"valid_to": date(2026, 3, 31)}, "valid_to", "不能早于起日"),
        ({"valid_from": date(2025, 1, 1), "valid_to": date(2026, 3, 14)}, "valid_to", "已过"),
        ({"site_codes": ()}, "site_codes", "至少"),
        ({"site_codes": ("152221", "150700")}, "site_codes", "150700 不在兴安盟"),
        ({"origin_code": "152201"}, "origin_code", "无需审批"),
        ({"supplier": " "}, "supplier", "供应商"),
    ],
)
def test_each_bad_input_names_its_field(change, field, words):
    problems = fields(replace(SCOPE, **change))
    assert list(problems) == [field]
    assert words in problems[field]


def test_the_boundaries_of_a_scope():
    assert scope_problems(replace(SCOPE, max_quantity=Decimal(2**31 - 1)), TODAY) == []
    kg = replace(SCOPE, unit=Unit.KG, max_quantity=Decimal("2147483.647"))
    assert scope_problems(kg, TODAY) == []
    assert scope_problems(replace(SCOPE, valid_from=date(2026, 3, 1), valid_to=TODAY), TODAY) == []
    one_day = replace(SCOPE, valid_from=TODAY, valid_to=TODAY)
    assert scope_problems(one_day, TODAY) == []


def test_a_filing_is_cited_as_a_filing_and_an_approval_as_an_approval():
    from seedreg.introductions.scope_rules import cited_as

    assert cited_as("兴林草引备〔2026〕3号") == "引种备案"
    assert cited_as("兴林草引〔2026〕12号") == "引种批准"
    assert cited_as("内林草种苗许〔2026〕7号") == "引种批准"  # the region's approval
