"""The pure rules of a case: the limitation (行政处罚法 Art. 36), the 90-day clock (Art. 60) with
an extension and pauses, the hearing right (Art. 63), legal review (Art. 58), the amount and the
notice (Arts. 44–45), the actions offered, and masking for 行政执法公示."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from seedreg.cases import rules
from seedreg.cases.rules import Band, Stage

FOUND = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("act_on", "serious", "refused"),
    [
        (date(2024, 11, 27), False, False),  # exactly two years: still in time
        (date(2024, 11, 26), False, True),
        (date(2021, 11, 27), True, False),  # five years where life or health was harmed
        (date(2021, 11, 26), True, True),
        (FOUND, False, False),
        (FOUND + timedelta(days=1), False, True),  # after it was found: a typing mistake
    ],
)
def test_the_limitation(act_on, serious, refused):
    problem = rules.limitation_problem(act_on, FOUND, serious=serious)
    assert (problem is not None) is refused
    if refused and act_on < FOUND:
        assert "第三十六条" in problem


def test_a_leap_day_act_counts_to_the_28th():
    assert rules.limitation_problem(date(2024, 2, 29), date(2026, 2, 28), serious=False) is None
    assert rules.limitation_problem(date(2024, 2, 29), date(2026, 3, 1), serious=False)


def clock(on: date, **changes):
    values = {"extension_days": 0, "paused_before": 0, "pause_started_on": None,
              "stage": Stage.INVESTIGATING, "on": on} | changes  # fmt: skip
    return rules.clock(date(2026, 1, 1), **values)


@pytest.mark.parametrize(
    ("days", "band"),
    [(0, Band.GREEN), (59, Band.GREEN), (60, Band.AMBER), (80, Band.RED), (90, Band.RED),
     (91, Band.OVERDUE)],
)  # fmt: skip
def test_the_ninety_day_clock_and_its_bands(days, band):
    found = clock(date(2026, 1, 1) + timedelta(days=days))
    assert found.due_on == date(2026, 4, 1)
    assert found.days_left == 90 - days
    assert found.band is band


def test_an_extension_and_pauses_move_the_due_day():
    assert clock(date(2026, 1, 1), extension_days=30).due_on == date(2026, 5, 1)
    assert clock(date(2026, 1, 1), paused_before=5).due_on == date(2026, 4, 6)
    running = clock(date(2026, 1, 20), pause_started_on=date(2026, 1, 10))
    assert running.paused
    assert running.band is Band.PAUSED
    assert running.due_on == date(2026, 4, 11)
    assert clock(date(2026, 9, 1), stage=Stage.DECIDED).band is Band.DONE


def test_the_hearing_right_at_the_threshold_and_for_a_revocation():
    assert not rules.hearing_right(49_999, revoke=False, threshold=50_000)
    assert rules.hearing_right(50_000, revoke=False, threshold=50_000)
    assert rules.hearing_right(0, revoke=True, threshold=50_000)


def test_review_before_a_major_decision():
    assert not rules.review_required(1000, revoke=False, hearing_held=False, major_amount=50_000)
    assert rules.review_required(50_000, revoke=False, hearing_held=False, major_amount=50_000)
    assert rules.review_required(0, revoke=True, hearing_held=False, major_amount=50_000)
    assert rules.review_required(0, revoke=False, hearing_held=True, major_amount=50_000)


def test_the_amount_within_the_range_and_never_above_the_notice():
    assert rules.amount_problem(2000, 2000, 20000) is None
    assert "2,000元至20,000元" in rules.amount_problem(1999, 2000, 20000)
    assert rules.amount_problem(20001, 2000, 20000)
    assert rules.amount_problem(0, None, None) is None
    assert rules.amount_problem(1, None, None)
    assert rules.heavier_problem(5000, False, 5000, False) is None
    assert rules.heavier_problem(5001, False, 5000, False)
    assert rules.heavier_problem(5000, True, 5000, False)


def test_the_actions_offered():
    offered = rules.allowed_actions(Stage.NOTIFIED, handler=True, paused=False, extended=False,
                                    review_needed=True)  # fmt: skip
    assert "review" in offered
    assert "decide" not in offered
    assert rules.allowed_actions(Stage.OPENED, handler=False, paused=False, extended=False,
                                 review_needed=False) == []  # fmt: skip
    assert rules.allowed_actions(Stage.OPENED, handler=True, paused=True, extended=False,
                                 review_needed=False) == ["resume"]  # fmt: skip
    assert rules.action_problem(Stage.OPENED, "decide", paused=False)
    assert rules.action_problem(Stage.OPENED, "investigate", paused=True)
    assert rules.action_problem(Stage.OPENED, "investigate", paused=False) is None


def test_masking_names_ids_and_phones():
    assert rules.mask_name("张三丰") == "张某某"
    assert rules.mask_name("李") == "李某"
    masked = rules.mask_text("身份证152201198501011234，电话13912345678，座机0482-8123456")
    for secret in ("152201198501011234", "13912345678", "8123456"):
        assert secret not in masked
