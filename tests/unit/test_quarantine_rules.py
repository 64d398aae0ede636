"""Pure quarantine rules: numbers, validity and state, who signs, inter-province moves,
quantities per lot, and the exchange of a 产地检疫合格证 for a 植物检疫证书."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from seedreg.quarantine import rules
from seedreg.quarantine.rules import CertificateState, Kind, LotFacts

DAY = date(2026, 11, 27)


def lot(
    lot_id: int = 1, *, organisation: int = 7, status: str = "active", quantity: int = 1000
) -> LotFacts:
    return LotFacts(
        id=lot_id,
        number=f"P26{lot_id:07d}",
        organisation=organisation,
        status=status,
        material="seedling",
        quantity=quantity,
    )


# --- numbers and validity ----------------------------------------------------------------------


def test_numbers_name_the_kind_division_year_and_sequence():
    site = rules.certificate_number(Kind.SITE, "152201", 2026, 7)
    consignment = rules.certificate_number(Kind.CONSIGNMENT, "152200", 2026, 1234)
    assert site == "CD2026-152201-0007"
    assert consignment == "JY2026-152200-1234"
    assert len(rules.certificate_number(Kind.SITE, "152201", 2026, 999_999)) <= 24
    with pytest.raises(ValueError, match="序号"):
        rules.certificate_number(Kind.SITE, "152201", 2026, 0)
    assert rules.sequence_name(Kind.SITE, "152201", 2026) != rules.sequence_name(
        Kind.CONSIGNMENT, "152201", 2026
    )


def test_validity_counts_days_from_issue():
    assert rules.valid_to(DAY, 20) == date(2026, 12, 17)
    assert rules.valid_to(DAY, 180) == DAY + timedelta(days=180)


@pytest.mark.parametrize(
    ("status", "on", "state"),
    [
        ("valid", DAY, CertificateState.VALID),
        ("valid", DAY + timedelta(days=1), CertificateState.EXPIRED),
        ("valid", DAY - timedelta(days=30), CertificateState.VALID),
        ("revoked", DAY - timedelta(days=1), CertificateState.REVOKED),
        ("revoked", DAY + timedelta(days=9), CertificateState.REVOKED),
    ],
)
def test_state_on_a_day(status: str, on: date, state: CertificateState):
    assert rules.state_on(status, DAY, on) is state  # DAY is the last valid day


def test_state_labels_are_chinese():
    assert [s.label for s in CertificateState] == ["有效", "已过期", "已撤销"]
    assert Kind.SITE.label == "产地检疫合格证"
    assert Kind.CONSIGNMENT.label == "植物检疫证书"


# --- who signs ---------------------------------------------------------------------------------


def test_only_full_time_quarantine_officers_sign():
    assert rules.signing_problem("quarantine_officer", True) is None
    assert rules.signing_problem("quarantine_officer", False) == "兼职检疫员不得签发检疫证书"
    assert "检疫员" in (rules.signing_problem("licensing_officer", True) or "")
    assert "停用" in (rules.signing_problem("quarantine_officer", True, active=False) or "")


# --- destinations ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "inter"),
    [("152201", False), ("150100", False), ("152200", False), ("230200", True), ("110101", True)],
)
def test_a_destination_outside_inner_mongolia_is_inter_province(code: str, inter: bool):
    assert rules.is_inter_province(code) is inter


def test_inter_province_needs_the_requirement_number():
    problem = rules.requirement_problem("230200", "")
    assert problem is not None
    assert "要求书" in problem
    assert "黑龙江省" in problem
    assert "第十条" in problem
    assert rules.requirement_problem("230200", "   ") is not None
    assert rules.requirement_problem("230200", "黑检要2026-1") is None
    assert rules.requirement_problem("152221", "") is None  # within the region


@pytest.mark.parametrize(
    ("code", "fragment"),
    [("15220", "6位"), ("15220a", "6位"), ("990000", "省级"), ("000000", "省级")],
)
def test_destination_codes_are_checked(code: str, fragment: str):
    assert fragment in (rules.destination_problem(code) or "")


def test_valid_destination_codes_pass():
    assert rules.destination_problem("152201") is None
    assert rules.destination_problem("220800") is None
    assert rules.province_name("220800") == "吉林省"


def test_shipping_date_lies_within_the_certificate():
    last = DAY + timedelta(days=20)
    assert rules.ships_on_problem(DAY, DAY, last) is None
    assert rules.ships_on_problem(last, DAY, last) is None
    assert "早于" in (rules.ships_on_problem(DAY - timedelta(1), DAY, last) or "")
    assert "晚于" in (rules.ships_on_problem(last + timedelta(1), DAY, last) or "")
    assert rules.inspected_on_problem(DAY, DAY) is None
    assert rules.inspected_on_problem(DAY + timedelta(1), DAY) is not None


# --- lots and quantities ------------------------------------------------------------------------


def test_a_certificate_covers_only_the_organisations_active_lots():
    assert rules.lot_problem(lot(), 7) is None
    assert "不属于" in (rules.lot_problem(lot(organisation=8), 7) or "")
    assert "召回" in (rules.lot_problem(lot(status="recalled"), 7) or "")


def test_quantities_must_be_positive():
    problems = rules.quantity_problems([(1, 0)], {1: lot()}, {})
    assert len(problems) == 1
    assert "大于 0" in problems[0]


def test_quantities_up_to_the_lot_pass():
    assert rules.quantity_problems([(1, 1000)], {1: lot()}, {}) == []
    assert rules.quantity_problems([(1, 400)], {1: lot()}, {1: 600}) == []


def test_the_total_certified_never_exceeds_the_lot():
    lots = {1: lot(), 2: lot(2, quantity=50)}
    over = rules.quantity_problems([(1, 401)], lots, {1: 600})
    assert over == [
        "批次 P260000001 检疫数量超过批次数量：批次共 1000 株，已签发 600 株，本次 401 株"
    ]
    # two rows for one lot count together; each lot is checked on its own
    assert len(rules.quantity_problems([(1, 600), (1, 401), (2, 50)], lots, {})) == 1
    assert len(rules.quantity_problems([(1, 1), (2, 51)], lots, {})) == 1


def test_seed_quantities_are_shown_in_kg():
    seed = LotFacts(1, "P260000001", 7, "active", "seed", 10_000)
    assert (
        "批次共 10 kg，已签发 9.5 kg，本次 0.6 kg"
        in rules.quantity_problems([(1, 600)], {1: seed}, {1: 9_500})[0]
    )


# --- exchange ----------------------------------------------------------------------------------


def test_only_a_valid_site_certificate_is_exchanged():
    assert rules.exchange_problem("valid", DAY, DAY) is None
    expired = rules.exchange_problem("valid", DAY, DAY + timedelta(days=1))
    assert expired is not None
    assert "过期" in expired
    assert "2026-11-27" in expired
    revoked = rules.exchange_problem("revoked", DAY + timedelta(days=99), DAY)
    assert revoked is not None
    assert "撤销" in revoked


def test_an_exchanged_certificate_says_where_its_result_comes_from():
    findings = rules.exchange_findings("CD2026-152201-0001", "未发现检疫对象")
    assert findings.startswith("凭产地检疫合格证 CD2026-152201-0001 换发")
    assert "未发现检疫对象" in findings
    assert "未发现检疫对象" in rules.exchange_findings("CD2026-152201-0001", "")


def test_only_covered_lots_may_be_exchanged():
    assert rules.uncovered_lots([1, 2, 3], [1, 3]) == [2]
    assert rules.uncovered_lots([1], [1, 2]) == []
