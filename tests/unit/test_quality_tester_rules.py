"""Pure rules of who issues a 质量检验合格证: overruling, paths in force, tester actions."""

from __future__ import annotations

from datetime import date

import pytest

from seedreg.accounts.rules import Actor, Role
from seedreg.quality import tester_rules as r
from seedreg.quality.tester_rules import Basis


@pytest.mark.parametrize(
    ("cert_grade", "passed", "grade", "expected"),
    [
        ("I", True, "I", False),  # as good: confirms
        ("II", True, "I", False),  # better: confirms
        ("I", True, "II", True),  # lower: overrules
        ("II", True, "III", True),
        ("I", False, None, True),  # failed: overrules
        ("III", False, None, True),
        ("I", None, None, False),  # could not be graded: decides nothing
    ],
)
def test_a_station_inspection_overrules_only_when_it_fails_or_grades_lower(
    cert_grade, passed, grade, expected
):
    assert r.overrules(cert_grade, passed, grade) is expected


@pytest.mark.parametrize(
    ("paths", "basis", "refused"),
    [
        ("both", Basis.SELF, False),
        ("both", Basis.STATION, False),
        ("self", Basis.SELF, False),
        ("self", Basis.STATION, True),
        ("station", Basis.STATION, False),
        ("station", Basis.SELF, True),
        ("unknown", Basis.SELF, False),  # an unreadable value falls back to the default
    ],
)
def test_which_paths_issue(paths, basis, refused):
    reason = r.path_refusal(paths, basis)
    assert (reason is not None) is refused
    if reason:
        assert "本地设定" in reason


def _actor(role: Role, org: int | None = None) -> Actor:
    return Actor(1, "u", "u", role, organisation_id=org, jurisdiction=None if org else "152200")


def test_who_may_do_what_to_a_tester():
    station, operator = _actor(Role.SEED_STATION), _actor(Role.OPERATOR, 7)
    officer = _actor(Role.LICENSING_OFFICER)
    assert r.tester_actions(station, "pending") == ("verify", "withdraw")
    assert r.tester_actions(station, "verified") == ("withdraw",)
    assert r.tester_actions(operator, "pending") == ("withdraw",)
    assert r.tester_actions(officer, "pending") == ()
    assert r.tester_actions(station, "withdrawn") == ()
    assert r.may_register_testers(operator)
    assert not r.may_register_testers(station)


def test_a_tester_is_usable_only_verified_and_of_the_lots_organisation():
    assert r.tester_refusal("verified", 7, 7) is None
    assert "尚未经种苗站核验" in r.tester_refusal("pending", 7, 7)
    assert "已撤回" in r.tester_refusal("withdrawn", 7, 7)
    assert "不属于" in r.tester_refusal("verified", 8, 7)


def test_self_certificate_numbers_and_the_overrule_reason():
    assert r.self_certificate_number(2026, "152201", 12) == "ZJ2026-152201-Z0012"
    with pytest.raises(ValueError, match="序号"):
        r.self_certificate_number(2026, "152201", 10**4)
    reason = r.overrule_reason(date(2026, 11, 27), "不合格", "I")
    assert reason.startswith("种苗站2026年11月27日抽检结论为不合格")


def test_which_inspections_can_issue_and_who_issues_from_them():
    assert r.issuable(True, True, None)  # a passed station inspection
    assert r.issuable(True, False, 5)  # a passed 自检 naming a tester
    assert not r.issuable(True, False, None)  # a 自检 naming no tester: only a record
    assert not r.issuable(False, True, None)
    assert not r.issuable(None, False, 5)  # not graded
    assert r.issuer_role(True) is Role.SEED_STATION
    assert r.issuer_role(False) is Role.OPERATOR


def test_the_statuses_sort_pending_first_as_the_register_lists_them():
    """quality.testers.search orders by the status's stored value: pending (the station's
    work) first, withdrawn last."""
    assert sorted(s.value for s in r.TesterStatus) == ["pending", "verified", "withdrawn"]
