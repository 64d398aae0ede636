"""The reviewer's automatic checks: each passing, failing (or warning) and not applicable."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from seedreg.introductions import check_rules as c
from seedreg.introductions.check_rules import Case, ImprovedVariety, Outcome
from seedreg.varieties.rules import Kind

DAY = date(2026, 12, 7)
NATIONAL = ImprovedVariety(
    number="国S-SV-PS-001-2010",
    species="樟子松",
    kind=Kind.APPROVAL,
    body_code="000000",
    zone_codes=("150000", "230000"),
)
CASE = Case(
    species="樟子松",
    species_recommended=True,
    origin_code="150700",
    site_codes=("152221", "152223"),
    on=DAY,
    variety=NATIONAL,
    native=True,
)


def outcome(check, case):
    result = check(case)
    assert result.message
    assert result.source
    assert result.title
    return result.outcome


def test_recommended_species_passes_and_an_unlisted_one_only_warns():
    assert outcome(c.recommended_species, CASE) is Outcome.PASSED
    assert (
        outcome(c.recommended_species, replace(CASE, species_recommended=False)) is Outcome.WARNING
    )


def test_the_variety_must_be_of_the_species_applied_for():
    assert outcome(c.same_species, CASE) is Outcome.PASSED
    other = replace(CASE, species="油松")
    assert outcome(c.same_species, other) is Outcome.FAILED
    assert "樟子松" in c.same_species(other).message
    assert outcome(c.same_species, replace(CASE, variety=None)) is Outcome.NOT_APPLICABLE


def test_the_zone_must_cover_every_site():
    assert outcome(c.zone_covers_sites, CASE) is Outcome.PASSED
    narrow = replace(NATIONAL, zone_codes=("152221",))
    result = c.zone_covers_sites(replace(CASE, variety=narrow))
    assert result.outcome is Outcome.FAILED
    assert "152223" in result.message
    assert "152221" not in result.message
    assert outcome(c.zone_covers_sites, replace(CASE, site_codes=())) is Outcome.FAILED
    assert outcome(c.zone_covers_sites, replace(CASE, variety=None)) is Outcome.NOT_APPLICABLE


def test_a_recorded_filing_extends_the_zone():
    jilin = replace(NATIONAL, body_code="220000", zone_codes=("220000",))
    case = replace(CASE, variety=jilin)
    assert outcome(c.zone_covers_sites, case) is Outcome.FAILED
    filed = replace(case, filing_number="蒙林备〔2026〕3号", filing_zone_codes=("152200",))
    assert outcome(c.zone_covers_sites, filed) is Outcome.PASSED
    # a filing area typed without its number does not count
    assert outcome(c.zone_covers_sites, replace(filed, filing_number="")) is Outcome.FAILED


def test_another_provinces_variety_needs_its_filing():
    jilin = replace(NATIONAL, body_code="220000")
    result = c.other_province_filing(replace(CASE, variety=jilin))
    assert result.outcome is Outcome.FAILED
    assert "吉林省" in result.message
    assert result.source == "种子法第十九条第一款"
    filed = replace(CASE, variety=jilin, filing_number="备-2026-01")
    assert outcome(c.other_province_filing, filed) is Outcome.PASSED


@pytest.mark.parametrize("body", ["000000", "150000"])
def test_national_and_regional_varieties_need_no_filing(body):
    case = replace(CASE, variety=replace(NATIONAL, body_code=body))
    assert outcome(c.other_province_filing, case) is Outcome.NOT_APPLICABLE
    assert outcome(c.other_province_filing, replace(CASE, variety=None)) is Outcome.NOT_APPLICABLE


def test_a_variety_not_native_needs_trial_evidence():
    assert outcome(c.native_or_trialled, CASE) is Outcome.NOT_APPLICABLE
    foreign = replace(CASE, native=False)
    result = c.native_or_trialled(foreign)
    assert result.outcome is Outcome.FAILED
    assert result.source == "种子法第十九条第二款"
    assert (
        outcome(c.native_or_trialled, replace(foreign, trial_evidence="2024 引种试验报告"))
        is Outcome.PASSED
    )
    assert outcome(c.native_or_trialled, replace(CASE, native=None)) is Outcome.WARNING


def test_a_stop_ordered_variety_is_refused_from_the_day_of_the_order():
    assert outcome(c.not_stopped, CASE) is Outcome.PASSED
    stopped = replace(CASE, variety=replace(NATIONAL, stopped_on=DAY))
    result = c.not_stopped(stopped)
    assert result.outcome is Outcome.FAILED
    assert "停止推广" in result.message
    assert result.source == "种子法第七十七条第一款第三项"
    later = replace(CASE, variety=replace(NATIONAL, stopped_on=date(2026, 12, 8)))
    assert outcome(c.not_stopped, later) is Outcome.PASSED
    assert outcome(c.not_stopped, replace(CASE, variety=None)) is Outcome.NOT_APPLICABLE


def test_an_expired_recognition_is_refused_the_last_day_is_not():
    recognised = replace(NATIONAL, kind=Kind.RECOGNITION, valid_until=DAY)
    assert outcome(c.recognition_in_force, replace(CASE, variety=recognised)) is Outcome.PASSED
    expired = replace(recognised, valid_until=date(2026, 12, 6))
    result = c.recognition_in_force(replace(CASE, variety=expired))
    assert result.outcome is Outcome.FAILED
    assert "2026年12月6日" in result.message
    no_end = replace(recognised, valid_until=None)
    assert outcome(c.recognition_in_force, replace(CASE, variety=no_end)) is Outcome.FAILED
    assert outcome(c.recognition_in_force, CASE) is Outcome.NOT_APPLICABLE


def test_from_another_province_the_requirement_document_is_needed():
    assert outcome(c.requirement_document, CASE) is Outcome.NOT_APPLICABLE
    jilin = replace(CASE, origin_code="220100")
    result = c.requirement_document(jilin)
    assert result.outcome is Outcome.FAILED
    assert result.source == "植物检疫条例第十条"
    assert (
        outcome(c.requirement_document, replace(jilin, requirement_number="蒙检要〔2026〕12号"))
        is Outcome.PASSED
    )


def test_run_checks_lists_every_check_and_blocking_keeps_the_failures():
    results = c.run_checks(CASE)
    assert [r.key for r in results] == [
        "species",
        "variety_species",
        "zone",
        "filing",
        "trial",
        "stopped",
        "recognition",
        "requirement",
    ]
    assert c.blocking(results) == []
    bad = c.run_checks(replace(CASE, species_recommended=False, origin_code="220100"))
    assert [r.key for r in c.blocking(bad)] == ["requirement"]  # the warning does not block
