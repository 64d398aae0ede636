"""Pure licensing rules (seedreg.licensing.rules) with the real working-day calendar.

Every expected date below was counted by hand on the official 2026 schedule:
  春节 2026: rest 02-15 (Sun) … 02-23 (Mon); make-up working Saturdays 02-14 and 02-28.
  中秋 2026: rest 09-25 (Fri) … 09-27 (Sun).
  国庆 2026: rest 10-01 (Thu) … 10-07 (Wed); make-up working days Sun 09-20 and Sat 10-10.
  清明 2026: rest 04-04 (Sat) … 04-06 (Mon); March 2026 has no holiday at all.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from itertools import product

import pytest

from seedreg.core.workdays import from_chinese_calendar
from seedreg.licensing.rules import (
    LICENCE_NUMBER,
    Action,
    ApplicationKind,
    Band,
    LicenceStatus,
    Pause,
    PauseGround,
    Status,
    TransitionError,
    band,
    change_is_late,
    check_supplement_items,
    counted_pauses,
    days_left,
    decision_due,
    deemed_acceptance_day,
    filing_warnings,
    intake_due,
    is_deemed_accepted,
    is_paused,
    issuing_division,
    issuing_due,
    licence_number,
    licence_status_on,
    licence_validity,
    material_item_problem,
    next_status,
    pause_ground_problem,
    paused_workdays,
    region_decides,
    region_decision_problem,
    region_grant_problem,
    reminder_due,
    renewal_problem,
    renewal_window_opens,
)

CAL = from_chinese_calendar()
D = date


def test_the_calendar_is_the_2026_schedule_these_tests_count_on():
    # If the package's schedule changed, every hand count below would be wrong: say so first.
    assert [d for d in (D(2026, 2, 14), D(2026, 2, 28)) if CAL.is_workday(d)] == [
        D(2026, 2, 14),
        D(2026, 2, 28),
    ]
    assert not any(CAL.is_workday(D(2026, 2, 15) + timedelta(i)) for i in range(9))
    assert CAL.is_workday(D(2026, 2, 24))
    assert CAL.is_workday(D(2026, 9, 20))
    assert CAL.is_workday(D(2026, 10, 10))
    assert not CAL.is_workday(D(2026, 9, 25))
    assert not any(CAL.is_workday(D(2026, 10, 1) + timedelta(i)) for i in range(7))
    assert CAL.is_workday(D(2026, 10, 8))


# --- state machine ------------------------------------------------------------------------

# Written out by hand (not read from TRANSITIONS), so a wrong edge there fails here.
ALLOWED = {
    (Status.DRAFT, Action.SUBMIT): Status.SUBMITTED,
    (Status.SUBMITTED, Action.REQUEST_SUPPLEMENT): Status.SUPPLEMENT_REQUESTED,
    (Status.SUBMITTED, Action.ACCEPT): Status.ACCEPTED,
    (Status.SUBMITTED, Action.DEEM_ACCEPTED): Status.ACCEPTED,
    (Status.SUBMITTED, Action.REJECT_INTAKE): Status.REJECTED_INTAKE,
    (Status.SUBMITTED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.SUPPLEMENT_REQUESTED, Action.RESUBMIT): Status.SUBMITTED,
    (Status.SUPPLEMENT_REQUESTED, Action.WITHDRAW): Status.WITHDRAWN,
    (Status.ACCEPTED, Action.GRANT): Status.GRANTED,
    (Status.ACCEPTED, Action.REFUSE): Status.REFUSED,
    (Status.ACCEPTED, Action.WITHDRAW): Status.WITHDRAWN,
    # 良种: the bureau reviews and forwards, the officer records the region's decision.
    (Status.ACCEPTED, Action.FORWARD): Status.FORWARDED,
    (Status.FORWARDED, Action.EXTEND_ISSUING): Status.FORWARDED,
    (Status.FORWARDED, Action.REGION_GRANT): Status.GRANTED,
    (Status.FORWARDED, Action.REGION_REFUSE): Status.REFUSED,
    (Status.FORWARDED, Action.WITHDRAW): Status.WITHDRAWN,
}
FORBIDDEN = [pair for pair in product(Status, Action) if pair not in ALLOWED]


@pytest.mark.parametrize(
    ("current", "action", "expected"),
    [(s, a, t) for (s, a), t in ALLOWED.items()],
    ids=[f"{s}-{a}" for s, a in ALLOWED],
)
def test_every_allowed_transition(current, action, expected):
    assert next_status(current, action) is expected


@pytest.mark.parametrize(("current", "action"), FORBIDDEN, ids=[f"{s}-{a}" for s, a in FORBIDDEN])
def test_every_other_transition_is_refused_in_chinese(current, action):
    with pytest.raises(TransitionError) as caught:
        next_status(current, action)
    message = str(caught.value)
    assert f"申请当前状态为“{current.label}”" in message
    assert "不能执行此操作" in message


@pytest.mark.parametrize(
    "decided", [Status.GRANTED, Status.REFUSED, Status.WITHDRAWN, Status.REJECTED_INTAKE]
)
@pytest.mark.parametrize("action", [Action.GRANT, Action.REFUSE, Action.ACCEPT, Action.WITHDRAW])
def test_a_decided_application_cannot_be_decided_again(decided, action):
    assert decided.is_final
    with pytest.raises(TransitionError, match=decided.label):
        next_status(decided, action)


@pytest.mark.parametrize(
    ("status", "final"),
    [
        (Status.DRAFT, False),
        (Status.SUBMITTED, False),
        (Status.SUPPLEMENT_REQUESTED, False),
        (Status.ACCEPTED, False),
        (Status.GRANTED, True),
        (Status.REFUSED, True),
        (Status.REJECTED_INTAKE, True),
        (Status.WITHDRAWN, True),
    ],
)
def test_which_states_are_final(status, final):
    assert status.is_final is final
    assert re.search(r"[\u4e00-\u9fff]", status.label)


# --- decision deadline (20 working days, +10, excluded periods) -----------------------------


@pytest.mark.parametrize(
    ("accepted_on", "extended", "expected"),
    [
        # Accepted Fri 02-06. 1–5: 02-09…02-13; 6: Sat 02-14 (make-up); 02-15…23 rest;
        # 7–10: 02-24…02-27; 11: Sat 02-28 (make-up); 12–16: 03-02…03-06; 17–20: 03-09…03-12.
        (D(2026, 2, 6), False, D(2026, 3, 12)),
        # … 21: 03-13; 22–26: 03-16…03-20; 27–30: 03-23…03-26.
        (D(2026, 2, 6), True, D(2026, 3, 26)),
        # Accepted on the make-up Sat 02-14 (a working day itself, not counted): 1–4: 02-24…
        # 02-27; 5: Sat 02-28; 6–10: 03-02…03-06; 11–15: 03-09…03-13; 16–20: 03-16…03-20.
        (D(2026, 2, 14), False, D(2026, 3, 20)),
        # Accepted Fri 09-18. 1: Sun 09-20 (make-up); 2–5: 09-21…09-24; 09-25…27 中秋;
        # 6–8: 09-28…09-30; 10-01…07 国庆; 9–10: 10-08, 10-09; 11: Sat 10-10 (make-up);
        # 12–16: 10-12…10-16; 17–20: 10-19…10-22.
        (D(2026, 9, 18), False, D(2026, 10, 22)),
        # … 21: 10-23; 22–26: 10-26…10-30; 27–30: 11-02…11-05.
        (D(2026, 9, 18), True, D(2026, 11, 5)),
        # Accepted Mon 03-02, no holiday: 20 working days = four weeks → Mon 03-30.
        (D(2026, 3, 2), False, D(2026, 3, 30)),
    ],
)
def test_decision_due_counts_working_days_across_holidays(accepted_on, extended, expected):
    assert decision_due(accepted_on, CAL, extended=extended) == expected


def test_a_forwarded_application_cannot_be_granted_or_refused_by_the_bureau():
    # Once the file is with the region only its decision, recorded, ends the application.
    for action in (Action.GRANT, Action.REFUSE, Action.FORWARD, Action.ACCEPT):
        with pytest.raises(TransitionError):
            next_status(Status.FORWARDED, action)
    assert not Status.FORWARDED.is_final


@pytest.mark.parametrize(
    ("forwarded_on", "extended", "expected"),
    [
        # The region's own 20 working days start from the file's arrival, not from acceptance:
        # forwarded Fri 09-18 → 10-22 (the 中秋 and 国庆 count as for the bureau), +10 → 11-05.
        (D(2026, 9, 18), False, D(2026, 10, 22)),
        (D(2026, 9, 18), True, D(2026, 11, 5)),
        # Forwarded Mon 03-02, no holiday: four weeks → Mon 03-30.
        (D(2026, 3, 2), False, D(2026, 3, 30)),
    ],
)
def test_the_issuing_clock_runs_twenty_working_days_from_forwarding(
    forwarded_on, extended, expected
):
    assert issuing_due(forwarded_on, CAL, extended=extended) == expected


K = ApplicationKind


@pytest.mark.parametrize(
    ("kind", "handler", "varieties", "issuer", "expected"),
    [
        (K.ISSUE, "152201", True, None, True),  # 良种: the region issues (种子法第三十一条第二款)
        (K.ISSUE, "152200", True, None, True),  # the league cannot either
        (K.ISSUE, "152201", False, None, False),
        (K.CHANGE, "152201", True, "152201", True),  # a change bringing in 良种
        (K.CHANGE, "152201", False, "152201", False),
        (K.RENEWAL, "152201", True, "152201", False),  # the bureau renews its own licences
        (K.RENEWAL, "152201", False, "150000", True),  # the region renews its own
        (K.CANCELLATION, "152201", True, "150000", True),
        (K.CANCELLATION, "152221", False, "152221", False),
        (K.ISSUE, "150000", True, None, False),  # the region itself decides directly
    ],
)
def test_who_decides_a_licence_application(kind, handler, varieties, issuer, expected):
    decides = region_decides(
        kind,
        handling_division=handler,
        covers_improved_varieties=varieties,
        licence_issuing_division=issuer,
    )
    assert decides is expected


@pytest.mark.parametrize(
    ("decided_on", "problem"),
    [
        (D(2026, 3, 9), "不能早于报送日期"),
        (D(2026, 3, 10), None),  # the day it was forwarded
        (D(2026, 3, 20), None),  # today
        (D(2026, 3, 21), "不能晚于今天"),
    ],
)
def test_the_region_decides_between_forwarding_and_today(decided_on, problem):
    found = region_decision_problem(
        decided_on=decided_on, forwarded_on=D(2026, 3, 10), on=D(2026, 3, 20)
    )
    if problem is None:
        assert found is None
    else:
        assert found == (found[0], "decided_on")
        assert problem in found[0]


LIC = ("15000020200007", D(2026, 6, 30))


@pytest.mark.parametrize(
    ("kind", "terms", "field"),
    [
        (K.ISSUE, {"number": "15000020260001", "valid_from": D(2026, 3, 20)}, "valid_to"),
        (K.ISSUE, {"valid_from": D(2026, 3, 20), "valid_to": D(2031, 3, 19)}, "number"),
        (
            K.ISSUE,
            {"number": "15000020260001", "valid_from": D(2026, 3, 19), "valid_to": D(2031, 3, 18)},
            "valid_from",  # valid before the region decided
        ),
        (
            K.ISSUE,
            {"number": "15000020260001", "valid_from": D(2026, 3, 20), "valid_to": D(2031, 3, 19)},
            None,
        ),
        (K.RENEWAL, {}, "valid_to"),
        (K.RENEWAL, {"valid_to": D(2026, 6, 30)}, "valid_to"),  # not later than it was
        (K.RENEWAL, {"valid_to": D(2031, 6, 29)}, None),
        (K.RENEWAL, {"number": "15000020200008", "valid_to": D(2031, 6, 29)}, "number"),
        (K.CHANGE, {"number": LIC[0]}, None),
        (K.CANCELLATION, {}, None),
    ],
)
def test_what_a_recorded_region_grant_must_state(kind, terms, field):
    problem = region_grant_problem(
        kind,
        number=terms.get("number"),
        valid_from=terms.get("valid_from"),
        valid_to=terms.get("valid_to"),
        decided_on=D(2026, 3, 20),
        licence=None if kind is K.ISSUE else LIC,
    )
    assert (problem[1] if problem else None) == field


def test_decision_due_without_the_holidays_would_be_earlier():
    # The same count on a calendar that knows only weekends: 20 days after Fri 02-06 is 03-06.
    from seedreg.core.workdays import WorkCalendar

    plain = WorkCalendar(frozenset(), frozenset(), frozenset())
    assert decision_due(D(2026, 2, 6), plain) == D(2026, 3, 6)
    assert decision_due(D(2026, 2, 6), CAL) == D(2026, 3, 12)


ACCEPTED = D(2026, 3, 2)  # Mon; plain due date 03-30 (see above)


@pytest.mark.parametrize(
    ("pauses", "on", "excluded", "expected"),
    [
        # Paused Tue 03-10, resumed Fri 03-13: 03-10, 03-11, 03-12 excluded (3 days);
        # 03-30 + 3 working days = 03-31, 04-01, 04-02.
        ([Pause(D(2026, 3, 10), D(2026, 3, 13))], D(2026, 3, 20), 3, D(2026, 4, 2)),
        # Paused and resumed the same day: nothing excluded.
        ([Pause(D(2026, 3, 10), D(2026, 3, 10))], D(2026, 3, 20), 0, D(2026, 3, 30)),
        # Still paused since 03-10, counted up to (not including) on=03-12: 03-10, 03-11.
        ([Pause(D(2026, 3, 10), None)], D(2026, 3, 12), 2, D(2026, 4, 1)),
        # Still paused, on=03-10 itself: nothing yet.
        ([Pause(D(2026, 3, 10), None)], D(2026, 3, 10), 0, D(2026, 3, 30)),
        # Paused Fri 03-13 over the weekend to Tue 03-17: 03-13 and 03-16 (2 working days).
        ([Pause(D(2026, 3, 13), D(2026, 3, 17))], D(2026, 3, 20), 2, D(2026, 4, 1)),
        # Two pauses: 03-10…03-12 (3) and 03-18 (1, resumed 03-19) → 4: 03-30 + 4 = 04-03.
        (
            [Pause(D(2026, 3, 10), D(2026, 3, 13)), Pause(D(2026, 3, 18), D(2026, 3, 19))],
            D(2026, 3, 20),
            4,
            D(2026, 4, 3),
        ),
        # A pause that ends after ``on`` counts only up to ``on``: 03-10, 03-11.
        ([Pause(D(2026, 3, 10), D(2026, 3, 20))], D(2026, 3, 12), 2, D(2026, 4, 1)),
    ],
)
def test_pauses_move_the_due_date_by_the_working_days_excluded(pauses, on, excluded, expected):
    assert paused_workdays(pauses, on, CAL) == excluded
    assert decision_due(ACCEPTED, CAL, pauses=pauses, on=on) == expected


def test_a_three_working_day_pause_across_the_spring_festival():
    # Accepted Fri 02-06 (plain due 03-12). Paused Fri 02-13, resumed Wed 02-25: excluded are
    # Fri 02-13, Sat 02-14 (make-up) and Tue 02-24 – the nine rest days count for nothing.
    pause = Pause(D(2026, 2, 13), D(2026, 2, 25))
    assert paused_workdays([pause], D(2026, 3, 1), CAL) == 3
    # 03-12 + 3 working days: 03-13, 03-16, 03-17.
    assert decision_due(D(2026, 2, 6), CAL, pauses=[pause], on=D(2026, 3, 1)) == D(2026, 3, 17)
    # With the extension as well: 03-26 + 3 = 03-27, 03-30, 03-31.
    assert decision_due(D(2026, 2, 6), CAL, extended=True, pauses=[pause], on=D(2026, 3, 1)) == D(
        2026, 3, 31
    )


def test_the_limit_can_be_overridden():
    # 5 working days from Fri 09-18: 09-20, 21, 22, 23, 24.
    assert decision_due(D(2026, 9, 18), CAL, limit=5) == D(2026, 9, 24)


# --- acceptance clocks ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("received_on", "expected"),
    [
        (D(2026, 2, 12), D(2026, 2, 13)),  # Thu → Fri
        (D(2026, 2, 13), D(2026, 2, 14)),  # Fri → the make-up Saturday
        (D(2026, 2, 14), D(2026, 2, 24)),  # make-up Sat → first day after the holiday
        (D(2026, 9, 30), D(2026, 10, 8)),  # before 国庆 → Thu 10-08
        (D(2026, 9, 18), D(2026, 9, 20)),  # Fri → the make-up Sunday
        (D(2026, 3, 6), D(2026, 3, 9)),  # Fri → Mon
    ],
)
def test_intake_is_due_the_next_working_day(received_on, expected):
    assert intake_due(received_on, CAL) == expected


def test_deemed_acceptance_after_five_working_days_across_national_day():
    # Received Wed 09-30; 10-01…07 rest; 1: 10-08, 2: 10-09, 3: Sat 10-10 (make-up),
    # 4: Mon 10-12, 5: Tue 10-13. Deemed accepted from the day after the 5th working day.
    received = D(2026, 9, 30)
    assert deemed_acceptance_day(received, CAL) == D(2026, 10, 13)
    for on in (D(2026, 10, 1), D(2026, 10, 7), D(2026, 10, 12), D(2026, 10, 13)):
        assert not is_deemed_accepted(received, on, CAL), on
    for on in (D(2026, 10, 14), D(2026, 10, 20)):
        assert is_deemed_accepted(received, on, CAL), on


def test_deemed_acceptance_across_the_spring_festival():
    # Received Thu 02-12: 1: 02-13, 2: Sat 02-14, 3: 02-24, 4: 02-25, 5: 02-26.
    assert deemed_acceptance_day(D(2026, 2, 12), CAL) == D(2026, 2, 26)
    assert not is_deemed_accepted(D(2026, 2, 12), D(2026, 2, 26), CAL)
    assert is_deemed_accepted(D(2026, 2, 12), D(2026, 2, 27), CAL)


# --- days left and colour bands -------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "on", "left"),
    [
        (D(2026, 3, 30), D(2026, 3, 30), 0),  # due today
        (D(2026, 3, 30), D(2026, 3, 27), 1),  # Fri → Mon
        (D(2026, 3, 30), D(2026, 3, 31), -1),  # one day late
        (D(2026, 2, 24), D(2026, 2, 13), 2),  # 02-14 (make-up) and 02-24, the holiday is free
        (D(2026, 10, 8), D(2026, 9, 30), 1),  # 国庆 in between
        (D(2026, 2, 13), D(2026, 2, 24), -2),  # overdue across the holiday: 02-14, 02-24
    ],
)
def test_days_left_in_working_days(due, on, left):
    assert days_left(due, on, CAL) == left


@pytest.mark.parametrize(
    ("left", "colour"),
    [
        (-10, Band.OVERDUE),
        (-1, Band.OVERDUE),
        (0, Band.RED),
        (1, Band.RED),
        (2, Band.RED),
        (3, Band.AMBER),
        (5, Band.AMBER),
        (6, Band.GREEN),
        (20, Band.GREEN),
    ],
)
def test_band_thresholds(left, colour):
    assert band(left) is colour


@pytest.mark.parametrize(
    ("left", "promised_left", "colour"),
    [
        (12, 2, Band.GREEN),
        (10, 0, Band.GREEN),  # the promised day itself is still kept
        (9, -1, Band.PROMISE),
        (4, -6, Band.PROMISE),  # a missed promise outranks "≤5 days"
        (2, -8, Band.RED),  # the statutory last days outrank it
        (-1, -11, Band.OVERDUE),
        (4, None, Band.AMBER),  # no promise running (not under review)
    ],
)
def test_a_missed_promise_has_its_own_band(left, promised_left, colour):
    assert band(left, promised_left) is colour
    assert colour.label


# --- 一次性告知 ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("requested", "earlier", "problem"),
    [
        (set(), None, "补正通知必须列明需要补正的全部材料"),
        ({"A04"}, None, None),
        ({"A04", "A06"}, None, None),
        ({"A04"}, {"A04", "A06"}, None),  # a later notice may narrow down
        ({"A04", "A06"}, {"A04", "A06"}, None),
        ({"A05"}, {"A04", "A06"}, "只能就首次补正通知列明的材料再次要求补正"),
        ({"A04", "A05"}, {"A04", "A06"}, "只能就首次补正通知列明的材料再次要求补正"),
        (set(), {"A04"}, "补正通知必须列明需要补正的全部材料"),
    ],
)
def test_check_supplement_items(requested, earlier, problem):
    result = check_supplement_items(requested, earlier)
    if problem is None:
        assert result is None
    else:
        assert result is not None
        assert problem in result


# --- licence numbers and validity -----------------------------------------------------------


@pytest.mark.parametrize(
    ("division", "year", "seq", "number"),
    [
        ("152201", 2026, 1, "15220120260001"),
        ("152201", 2026, 42, "15220120260042"),
        ("152200", 2027, 9999, "15220020279999"),
        ("150000", 2026, 7, "15000020260007"),
    ],
)
def test_licence_number_format(division, year, seq, number):
    got = licence_number(division, year, seq)
    assert got == number
    assert len(got) == 14
    assert LICENCE_NUMBER.fullmatch(got).groups() == (division, str(year), f"{seq:04d}")


@pytest.mark.parametrize(
    ("division", "seq"),
    [
        ("152201", 0),
        ("152201", -1),
        ("152201", 10000),
        ("15220", 1),
        ("1522011", 1),
        ("15220a", 1),
        ("", 1),
    ],
)
def test_licence_number_out_of_range(division, seq):
    with pytest.raises(ValueError, match="许可证号无法生成"):
        licence_number(division, 2026, seq)


@pytest.mark.parametrize(
    ("valid_from", "years", "valid_to"),
    [
        (D(2026, 11, 27), 5, D(2031, 11, 26)),
        (D(2026, 1, 1), 5, D(2030, 12, 31)),
        (D(2026, 3, 1), 5, D(2031, 2, 28)),
        (D(2027, 3, 1), 5, D(2032, 2, 29)),  # ends on a leap day
        # From 29 Feb: five years later has no 29 Feb, so 28 Feb, less a day.
        (D(2024, 2, 29), 5, D(2029, 2, 27)),
        (D(2024, 2, 29), 4, D(2028, 2, 28)),  # 2028 is a leap year: 29 Feb less a day
        (D(2026, 6, 15), 1, D(2027, 6, 14)),
    ],
)
def test_licence_validity(valid_from, years, valid_to):
    assert licence_validity(valid_from, years) == valid_to


def test_renewal_window_and_problems():
    valid_to = D(2031, 11, 26)
    # 30 days before 11-26 is 10-27.
    assert renewal_window_opens(valid_to) == D(2031, 10, 27)
    assert renewal_problem(valid_to, D(2026, 11, 27)) is None
    assert renewal_problem(valid_to, D(2031, 10, 27)) is None  # the last day in time
    late = renewal_problem(valid_to, D(2031, 10, 28))
    assert late is not None
    assert "30日前" in late
    assert "2031-10-27" in late
    assert renewal_problem(valid_to, valid_to) == late  # same message up to the last day
    expired = renewal_problem(valid_to, D(2031, 11, 27))
    assert expired is not None
    assert "已过期" in expired
    assert "重新申请核发" in expired


def test_a_local_rule_may_set_another_renewal_lead():
    # 行政许可法 Art. 50: 30 days "unless a law, regulation or rule says otherwise".
    valid_to = D(2031, 11, 26)
    assert renewal_window_opens(valid_to, 45) == D(2031, 10, 12)
    late = renewal_problem(valid_to, D(2031, 10, 13), 45)
    assert late is not None
    assert "45日前" in late
    assert renewal_problem(valid_to, D(2031, 10, 13)) is None
    warnings = filing_warnings(
        ApplicationKind.RENEWAL,
        filed_on=D(2031, 10, 20),
        change_occurred_on=None,
        licence_valid_to=valid_to,
        renewal_lead_days=45,
    )
    assert warnings == [
        "未在有效期届满45日前申请延续：到期前未作出决定的，不视为准予延续（行政许可法第五十条）"
    ]


@pytest.mark.parametrize(
    ("occurred", "filed", "late"),
    [
        (D(2026, 1, 1), D(2026, 1, 1), False),
        (D(2026, 1, 1), D(2026, 1, 31), False),  # the 30th day
        (D(2026, 1, 1), D(2026, 2, 1), True),  # the 31st day
        (D(2026, 2, 1), D(2026, 3, 3), False),  # 30 days in a short month
        (D(2026, 2, 1), D(2026, 3, 4), True),
    ],
)
def test_change_is_late(occurred, filed, late):
    assert change_is_late(occurred, filed) is late


@pytest.mark.parametrize(
    ("stored", "on", "expected"),
    [
        (LicenceStatus.VALID, D(2031, 11, 26), LicenceStatus.VALID),  # the last valid day
        (LicenceStatus.VALID, D(2031, 11, 27), LicenceStatus.EXPIRED),
        (LicenceStatus.CANCELLED, D(2027, 1, 1), LicenceStatus.CANCELLED),
        (LicenceStatus.CANCELLED, D(2032, 1, 1), LicenceStatus.CANCELLED),  # stays cancelled
        (LicenceStatus.REVOKED, D(2032, 1, 1), LicenceStatus.REVOKED),
        (LicenceStatus.ANNULLED, D(2027, 1, 1), LicenceStatus.ANNULLED),
    ],
)
def test_licence_status_on(stored, on, expected):
    assert licence_status_on(stored, D(2031, 11, 26), on) is expected


VALID_TO = D(2027, 6, 30)


@pytest.mark.parametrize(
    ("days_before", "sent", "due"),
    [
        (120, [], None),
        (91, [], None),
        (90, [], 90),
        (85, [], 90),
        (85, [90], None),  # not twice
        (61, [90], None),
        (60, [90], 60),
        (60, [], 60),  # missed the 90-day one: only the nearer reminder goes out
        (45, [90, 60], None),
        (59, [60], None),  # the 90-day reminder is stale once the 60-day one is out
        (45, [60], None),
        (25, [30], None),
        (25, [60, 90], 30),
        (30, [90, 60], 30),
        (29, [], 30),
        (1, [90, 60], 30),
        (0, [90, 60], 30),  # the last valid day still reminds
        (0, [90, 60, 30], None),
        (-1, [], None),  # never after expiry
        (-30, [90], None),
    ],
)
def test_reminder_due(days_before, sent, due):
    assert reminder_due(VALID_TO, VALID_TO - timedelta(days=days_before), sent) == due


CATCH_ALL = "兜底性表述"
NO_BASIS = "必须注明法律法规或规章依据"


@pytest.mark.parametrize(
    ("name", "basis", "problem"),
    [
        ("营业执照复印件", "《种子法》第三十二条", None),
        ("其他材料", "《种子法》第三十二条", CATCH_ALL),
        ("其它证明文件", "《种子法》第三十二条", CATCH_ALL),
        ("有关材料", "《种子法》第三十二条", CATCH_ALL),
        ("生产用地相关材料", "《种子法》第三十二条", CATCH_ALL),
        ("技术人员证明等材料", "《种子法》第三十二条", CATCH_ALL),
        # a bare "有关…"/"相关…" item (兴署发〔2021〕5号 Arts. 10, 16(二))
        ("有关证明", "《种子法》第三十二条", CATCH_ALL),
        ("有关部门批准文件", "《种子法》第三十二条", CATCH_ALL),
        ("相关部门出具的证明", "《种子法》第三十二条", CATCH_ALL),
        ("生产经营有关的文件", "《种子法》第三十二条", CATCH_ALL),
        # naming the thing is fine even with 有关 inside it
        ("检疫有关的苗圃平面示意图", "《种子法》第三十二条", None),
        ("种子检验室仪器设备说明", "《种子法》第三十二条", None),
        ("营业执照复印件", "", NO_BASIS),
        ("营业执照复印件", "   ", NO_BASIS),
        ("其他材料", "", CATCH_ALL),  # the catch-all is named first
    ],
)
def test_material_item_problem(name, basis, problem):
    result = material_item_problem(name, basis)
    if problem is None:
        assert result is None
    else:
        assert result is not None
        assert problem in result


@pytest.mark.parametrize(
    ("bureau", "improved", "issuer"),
    [
        ("152201", False, "152201"),
        ("152200", False, "152200"),
        ("152201", True, "150000"),  # 林木良种: the region's bureau (种子法第三十一条)
        ("152200", True, "150000"),
    ],
)
def test_issuing_division_for_improved_varieties(bureau, improved, issuer):
    assert issuing_division(bureau, covers_improved_varieties=improved) == issuer


@pytest.mark.parametrize(
    ("kind", "filed", "occurred", "valid_to", "expected"),
    [
        (ApplicationKind.CHANGE, date(2026, 3, 31), date(2026, 3, 1), None, 0),  # day 30
        (ApplicationKind.CHANGE, date(2026, 4, 1), date(2026, 3, 1), None, 1),  # day 31
        (ApplicationKind.RENEWAL, date(2026, 5, 1), None, date(2026, 5, 31), 0),  # 30 days ahead
        (ApplicationKind.RENEWAL, date(2026, 5, 2), None, date(2026, 5, 31), 1),  # 29 days
        (ApplicationKind.ISSUE, date(2026, 5, 2), None, None, 0),
    ],
)
def test_late_filings_are_flagged(kind, filed, occurred, valid_to, expected):
    warnings = filing_warnings(
        kind, filed_on=filed, change_occurred_on=occurred, licence_valid_to=valid_to
    )
    assert len(warnings) == expected


def test_the_pause_grounds_are_the_closed_list_of_article_45():
    # 行政许可法第四十五条: 听证、招标、拍卖、检验、检测、检疫、鉴定和专家评审; nothing else.
    assert [g.label for g in PauseGround] == [
        "听证",
        "招标",
        "拍卖",
        "检验",
        "检测",
        "检疫",
        "鉴定",
        "专家评审",
    ]
    assert {g.basis for g in PauseGround} == {"行政许可法第四十五条"}
    assert not any("核查" in g.label for g in PauseGround)


@pytest.mark.parametrize("ground", [None, "", "site_check", "现场核查", "other"])
def test_a_pause_without_a_lawful_ground_is_refused(ground):
    problem = pause_ground_problem(ground)
    assert problem is not None
    assert "第四十五条" in problem
    assert "专家评审" in problem


@pytest.mark.parametrize("ground", list(PauseGround))
def test_each_lawful_ground_may_pause(ground):
    assert pause_ground_problem(ground) is None
    assert pause_ground_problem(ground.value) is None


def test_an_annulled_pause_neither_excludes_time_nor_keeps_the_application_paused():
    records = [
        {"start": "2026-03-10", "end": "2026-03-13", "ground": "testing"},
        {"start": "2026-03-16", "end": "2026-03-20", "annulled_on": "2026-12-07"},
        {"start": "2026-03-23", "end": None, "annulled_on": "2026-12-07"},
    ]
    assert counted_pauses(records) == [Pause(D(2026, 3, 10), D(2026, 3, 13))]
    assert not is_paused(records)
    assert is_paused([*records, {"start": "2026-03-24", "end": None, "ground": "hearing"}])


def test_a_revocation_names_its_penalty_decision():
    from seedreg.licensing.rules import end_problem

    on = D(2026, 12, 7)
    revoked = LicenceStatus.REVOKED
    assert end_problem(revoked, decision_number="", decided_on=on, on=on)[1] == (
        "penalty_decision_number"
    )
    assert end_problem(revoked, decision_number="  ", decided_on=on, on=on) is not None
    assert end_problem(revoked, decision_number="兴林罚决字〔2026〕1号", decided_on=None, on=on)[
        1
    ] == ("penalty_decided_on")
    late = end_problem(
        revoked, decision_number="兴林罚决字〔2026〕1号", decided_on=on + timedelta(1), on=on
    )
    assert late is not None
    assert "晚于今天" in late[0]
    assert (
        end_problem(revoked, decision_number="兴林罚决字〔2026〕1号", decided_on=on, on=on) is None
    )
    # 撤销 is not a penalty: no decision number asked for.
    assert end_problem(LicenceStatus.ANNULLED, decision_number="", decided_on=None, on=on) is None


def test_a_renewal_term_starts_the_day_after_the_old_one_ends():
    from seedreg.licensing.rules import renewal_term

    assert renewal_term(D(2031, 1, 31), D(2036, 1, 31), D(2026, 12, 7)) == {
        "kind": "renewal",
        "valid_from": "2031-02-01",
        "valid_to": "2036-01-31",
        "issued_on": "2026-12-07",
    }


def test_a_conditional_acceptance_is_overdue_only_after_its_day_while_under_review():
    from seedreg.licensing.rules import pending_overdue

    day = D(2026, 12, 7)
    assert not pending_overdue(Status.ACCEPTED, day, day)
    assert pending_overdue(Status.ACCEPTED, day, day + timedelta(1))
    assert not pending_overdue(Status.ACCEPTED, None, day)
    assert not pending_overdue(Status.REFUSED, day, day + timedelta(1))


@pytest.mark.parametrize("kind", list(ApplicationKind))
def test_every_kind_has_a_decision_basis_of_its_own(kind):
    from seedreg.licensing.rules import DECISION_BASES

    mine = DECISION_BASES[kind]
    others = [b for k, b in DECISION_BASES.items() if k is not kind]
    assert mine.basis not in [b.basis for b in others]
    assert mine.title not in [b.title for b in others]
    if kind is ApplicationKind.CANCELLATION:
        assert "准予行政许可" not in mine.title + mine.decided
        assert "第七十条" in mine.basis


def test_a_material_the_system_supplied_is_not_asked_for_again():
    problem = check_supplement_items({"A02", "A05"}, None, {"A02", "A08"})
    assert problem is not None
    assert "A02" in problem
    assert "已由系统调取" in problem
    assert "A08" not in problem
    assert check_supplement_items({"A05"}, None, {"A02"}) is None
