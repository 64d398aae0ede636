"""The service desk's pure rules: deadlines in working days over a holiday and a 调休 Saturday,
the 7-day 差评 follow-up (兴署发〔2021〕5号 Art. 38(三)), handover reasons, who may handle what,
and weekly slot patterns on working days only."""

from __future__ import annotations

from datetime import date

import pytest

from seedreg.accounts.rules import Actor, Role
from seedreg.core.errors import RuleViolation
from seedreg.core.workdays import WorkCalendar
from seedreg.servicedesk import rules

# 2026-10-01 (Thu) to 10-07 a holiday; Saturday 10-10 a make-up working day.
CAL = WorkCalendar(
    holidays=frozenset(date(2026, 10, d) for d in range(1, 8)),
    makeup_workdays=frozenset({date(2026, 10, 10)}),
    known_years=frozenset({2026}),
)


def test_the_answer_deadline_skips_the_holiday_and_counts_the_makeup_saturday():
    # asked Wed 09-30: Thu–Wed are the holiday, then Thu 10-08, Fri 10-09, Sat 10-10 (调休)
    assert rules.due_in_workdays(date(2026, 9, 30), 3, CAL) == date(2026, 10, 10)
    # an ordinary week: Mon + 3 working days = Thu
    assert rules.due_in_workdays(date(2026, 11, 2), 3, CAL) == date(2026, 11, 5)
    # asked on a Saturday: counting starts from it all the same
    assert rules.due_in_workdays(date(2026, 11, 7), 1, CAL) == date(2026, 11, 9)


def test_a_poor_rating_is_followed_up_within_seven_days_and_a_good_one_is_not():
    assert rules.follow_up_due(1, date(2026, 12, 7)) == date(2026, 12, 14)
    assert rules.follow_up_due(2, date(2026, 12, 7)) == date(2026, 12, 14)
    assert rules.follow_up_due(3, date(2026, 12, 7)) is None


def test_a_handover_needs_a_reason():
    with pytest.raises(RuleViolation, match="移交须说明理由"):
        rules.ensure_handover_reason("  ")
    assert rules.ensure_handover_reason(" 属检疫业务 ") == "属检疫业务"


def _actor(role: Role, where: str | None) -> Actor:
    return Actor(1, "u", "某人", role, jurisdiction=where)


def test_officials_handle_their_jurisdiction_and_operators_nothing():
    assert rules.may_handle(_actor(Role.LICENSING_OFFICER, "152200"), "152201")
    assert rules.may_handle(_actor(Role.LICENSING_OFFICER, "152201"), "152201")
    assert not rules.may_handle(_actor(Role.LICENSING_OFFICER, "152221"), "152201")
    assert not rules.may_handle(_actor(Role.LICENSING_OFFICER, "152201"), "152200")
    assert not rules.may_handle(_actor(Role.OPERATOR, None), "152201")


def test_slot_patterns_fall_on_working_days_only():
    pattern = rules.SlotPattern(frozenset({3, 4, 5}), "09:00", "10:00", 20, 2)
    assert rules.slot_times(pattern) == [("09:00", "09:20"), ("09:20", "09:40"), ("09:40", "10:00")]
    days = list(rules.pattern_days(pattern, date(2026, 10, 1), date(2026, 10, 17), CAL))
    # Thu/Fri in the holiday left out; the 调休 Saturday 10-10 counts, an ordinary one not
    assert days == [
        date(2026, 10, 8),
        date(2026, 10, 9),
        date(2026, 10, 10),
        date(2026, 10, 15),
        date(2026, 10, 16),
    ]
    with pytest.raises(RuleViolation):
        rules.slot_times(rules.SlotPattern(frozenset({0}), "10:00", "09:00", 30, 1))
