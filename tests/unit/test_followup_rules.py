"""Pure rules of issue 23: the re-inspection's result, overdue rectifications, the statistics'
counts, the 检查码's printed form, and who decides a lead."""

from __future__ import annotations

from datetime import date

import pytest

from seedreg.accounts.rules import Actor, Role
from seedreg.inspections import followup_rules as fr
from seedreg.inspections.inspected import ALPHABET, LENGTH, new_code, normalise
from seedreg.leads import rules as lr


def test_a_result_needs_a_decision_and_what_was_seen():
    assert fr.outcome_problem(fr.FollowUpState.PENDING, "x") == "请选择复查结果：已整改或未整改"
    assert fr.outcome_problem(fr.FollowUpState.RECTIFIED, "  ") is not None
    assert fr.outcome_problem(fr.FollowUpState.ESCALATED, "仍无标签") is None


@pytest.mark.parametrize(
    ("state", "due", "overdue"),
    [
        ("pending", date(2026, 12, 6), True),
        ("pending", date(2026, 12, 7), False),  # due today is not late yet
        ("rectified", date(2026, 1, 1), False),
        ("escalated", date(2026, 1, 1), False),
    ],
)
def test_overdue_is_a_pending_rectification_past_its_day(state, due, overdue):
    assert fr.overdue(state, due, date(2026, 12, 7)) is overdue


def test_counts_by_item_banner_and_month():
    facts = [
        fr.FindingFact("V4-1", "152201", "2026-03"),
        fr.FindingFact("V4-1", "152221", "2026-03"),
        fr.FindingFact("V1-1", "152201", "2026-07"),
    ]
    assert fr.by_item(facts) == {"V1-1": 1, "V4-1": 2}
    assert fr.by_division(facts) == {"152201": 2, "152221": 1}
    assert fr.by_month(facts) == {"2026-03": 2, "2026-07": 1}


def test_the_code_is_long_unambiguous_and_read_back_as_typed():
    code = new_code()
    assert len(code) == LENGTH
    assert set(code) <= set(ALPHABET)
    assert not set("01IOL") & set(ALPHABET)
    assert normalise(fr.grouped(code).lower()) == code
    assert fr.grouped("") == ""
    assert fr.case_link(7) == "/cases/new?finding=7"


def _actor(role: Role, where: str) -> Actor:
    return Actor(user_id=1, username="u", display_name="u", role=role, jurisdiction=where)


def test_a_lead_is_decided_once_by_an_inspector_of_its_area():
    banner, league = _actor(Role.INSPECTOR, "152201"), _actor(Role.INSPECTOR, "152200")
    assert lr.may_decide(banner, "152201", "new")
    assert lr.may_decide(league, "152221", "new")
    assert not lr.may_decide(banner, "152221", "new")
    assert not lr.may_decide(banner, "152201", "dismissed")
    assert not lr.may_decide(_actor(Role.ADMIN, "152200"), "152201", "new")
    assert lr.may_see(_actor(Role.ADMIN, "152200"), "152201")
    assert not lr.may_see(_actor(Role.SEED_STATION, "152200"), "152201")
    assert lr.dismiss_problem("无") is not None
    assert lr.dismiss_problem("经核实不属实") is None
