"""Stored deadlines counted again after the calendar changed: the core's same-working-days
recount and an open application's dates (matters.recount_rules)."""

from __future__ import annotations

from datetime import date

from seedreg.core.recount import CalendarChange, recounted
from seedreg.core.workdays import WorkCalendar
from seedreg.matters.recount_rules import recounted_dates
from seedreg.matters.transitions import Clock

MON = date(2041, 7, 1)  # a Monday
SAT = date(2041, 7, 6)
WED = date(2041, 7, 10)


def weekends(*, rest: tuple[date, ...] = (), work: tuple[date, ...] = ()) -> WorkCalendar:
    return WorkCalendar(frozenset(rest), frozenset(work), frozenset({2041}))


BEFORE = weekends()
SATURDAY_WORKED = weekends(work=(SAT,))
WEDNESDAY_OFF = weekends(rest=(WED,))


def test_the_same_working_days_end_earlier_after_a_working_saturday():
    due = BEFORE.add_workdays(MON, 10)
    assert due == date(2041, 7, 15)
    assert recounted(MON, due, BEFORE, SATURDAY_WORKED) == date(2041, 7, 12)  # one day sooner
    assert recounted(MON, due, BEFORE, WEDNESDAY_OFF) == date(2041, 7, 16)


def test_a_change_outside_the_window_or_a_past_day_moves_nothing():
    due = date(2041, 7, 5)  # before the Saturday; and a rest day stays as stored
    assert recounted(MON, due, BEFORE, SATURDAY_WORKED) == due
    assert recounted(MON, date(2041, 7, 7), BEFORE, BEFORE) == date(2041, 7, 7)  # a Sunday
    assert recounted(WED, MON, BEFORE, WEDNESDAY_OFF) == MON


def test_the_change_starts_counting_from_its_first_years_new_year():
    change = CalendarChange(frozenset({2042, 2041}), BEFORE, SATURDAY_WORKED)
    assert change.since == date(2041, 1, 1)


def row(**values: object) -> dict[str, object]:
    statutory = BEFORE.add_workdays(MON, 20)
    base = {
        "accepted_on": MON,
        "statutory_due": statutory,
        "due_on": statutory,
        "promised_due": BEFORE.add_workdays(MON, 10),
        "extended": False,
        "pauses": [],
        "forwarded_on": None,
        "issuing_due": None,
        "issuing_extended": False,
        "supplement_deadline": None,
        "pending_items": None,
        "pending_due": None,
    }
    return base | values


def dates(r: dict[str, object], after: WorkCalendar, clock: Clock = Clock.DECISION, limit=20):
    return recounted_dates(
        r, clock=clock, limit=limit, extension=10, before=BEFORE, after=after, today=MON
    )


def test_a_reviewed_application_moves_its_decision_promised_and_inbox_days():
    assert dates(row(), SATURDAY_WORKED) == {
        "statutory_due": date(2041, 7, 26),
        "due_on": date(2041, 7, 26),
        "promised_due": date(2041, 7, 12),
    }
    assert dates(row(), WEDNESDAY_OFF)["statutory_due"] == date(2041, 7, 30)
    assert dates(row(), BEFORE) == {}


def test_the_extension_and_a_closed_pause_are_counted_an_open_pause_is_not():
    extended = BEFORE.add_workdays(MON, 30)
    r = row(extended=True, statutory_due=extended, due_on=extended)
    assert dates(r, SATURDAY_WORKED)["statutory_due"] == SATURDAY_WORKED.add_workdays(MON, 30)
    closed = {"start": "2041-07-08", "end": "2041-07-10", "ground": "testing"}
    paused = BEFORE.add_workdays(MON, 22)  # two working days excluded
    r = row(pauses=[closed], statutory_due=paused, due_on=paused)
    # a Tuesday off inside the pause: one working day fewer excluded, the day stays
    tuesday_off = weekends(rest=(date(2041, 7, 9),))
    assert dates(r, tuesday_off) == {"promised_due": date(2041, 7, 16)}
    # the pause's last day is counted: a Wednesday off there moves the day
    assert dates(r, WEDNESDAY_OFF)["statutory_due"] == date(2041, 8, 1)
    still = {"start": "2041-07-20", "end": None, "ground": "testing"}
    r = row(pauses=[still])
    assert dates(r, SATURDAY_WORKED)["statutory_due"] == date(2041, 7, 26)


def test_a_day_set_under_another_limit_keeps_its_working_days():
    assert dates(row(), SATURDAY_WORKED, limit=15)["statutory_due"] == date(2041, 7, 26)


def test_the_regions_day_and_the_applicants_days_follow_their_clocks():
    issuing = BEFORE.add_workdays(MON, 20)
    r = row(forwarded_on=MON, issuing_due=issuing, due_on=issuing, statutory_due=None)
    assert dates(r, SATURDAY_WORKED, Clock.ISSUING) == {
        "issuing_due": date(2041, 7, 26),
        "due_on": date(2041, 7, 26),
        "promised_due": date(2041, 7, 12),
    }
    supplement = BEFORE.add_workdays(MON, 10)
    r = row(accepted_on=None, supplement_deadline=supplement, due_on=supplement)
    assert dates(r, SATURDAY_WORKED, Clock.SUPPLEMENT) == {
        "supplement_deadline": date(2041, 7, 12),
        "due_on": date(2041, 7, 12),
    }
    assert dates(r, SATURDAY_WORKED, Clock.DECISION) == {}  # no longer the running clock
    r = row(pending_items=["x"], pending_due=supplement)
    assert dates(r, SATURDAY_WORKED)["pending_due"] == date(2041, 7, 12)
    assert "pending_due" not in dates(row(pending_due=supplement), SATURDAY_WORKED)
