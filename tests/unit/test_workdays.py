"""Tests for seedreg.core.workdays against the official schedules in `chinesecalendar`.

Every schedule below was checked against the installed package's `holidays` and
`workdays` dicts (chinesecalendar 1.11.0, data for 2004–2026).
"""

from datetime import date, timedelta

import pytest

from seedreg.core.workdays import WorkCalendar, from_chinese_calendar

CAL = from_chinese_calendar()


def _days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


# (name, holiday first day, holiday last day, make-up working days)
SCHEDULES = [
    ("2024 春节", date(2024, 2, 10), date(2024, 2, 17), [date(2024, 2, 4), date(2024, 2, 18)]),
    ("2024 国庆", date(2024, 10, 1), date(2024, 10, 7), [date(2024, 9, 29), date(2024, 10, 12)]),
    ("2025 春节", date(2025, 1, 28), date(2025, 2, 4), [date(2025, 1, 26), date(2025, 2, 8)]),
    (
        "2025 国庆",
        date(2025, 10, 1),
        date(2025, 10, 8),
        [date(2025, 9, 28), date(2025, 10, 11)],
    ),
    ("2026 元旦", date(2026, 1, 1), date(2026, 1, 3), [date(2026, 1, 4)]),
    ("2026 春节", date(2026, 2, 15), date(2026, 2, 23), [date(2026, 2, 14), date(2026, 2, 28)]),
    ("2026 劳动节", date(2026, 5, 1), date(2026, 5, 5), [date(2026, 5, 9)]),
    ("2026 国庆", date(2026, 10, 1), date(2026, 10, 7), [date(2026, 9, 20), date(2026, 10, 10)]),
]


@pytest.mark.parametrize(
    ("first", "last", "makeups"), [s[1:] for s in SCHEDULES], ids=[s[0] for s in SCHEDULES]
)
def test_official_schedule(first, last, makeups):
    for d in _days(first, last):
        assert d in CAL.holidays
        assert not CAL.is_workday(d), d
    # the break is exactly first..last
    assert first - timedelta(days=1) not in CAL.holidays
    assert last + timedelta(days=1) not in CAL.holidays
    for d in makeups:
        assert d.weekday() >= 5, f"{d} should be a weekend make-up day"
        assert d in CAL.makeup_workdays
        assert CAL.is_workday(d), d


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 2, 4), True),  # Sun, 春节 make-up
        (date(2024, 2, 18), True),  # Sun, 春节 make-up
        (date(2024, 2, 9), True),  # Fri, 除夕 was not a holiday in 2024
        (date(2024, 2, 12), False),  # Mon, 春节
        (date(2024, 2, 24), False),  # ordinary Saturday
        (date(2024, 2, 26), True),  # ordinary Monday
        (date(2024, 9, 29), True),  # Sun, 国庆 make-up
        (date(2024, 10, 12), True),  # Sat, 国庆 make-up
        (date(2024, 10, 7), False),  # Mon, 国庆
        (date(2024, 10, 8), True),
        (date(2025, 1, 26), True),  # Sun, make-up
        (date(2025, 2, 8), True),  # Sat, make-up
        (date(2025, 10, 6), False),  # Mon, 中秋 inside the 国庆 break
        (date(2025, 10, 8), False),
        (date(2025, 10, 9), True),
        (date(2025, 9, 28), True),
        (date(2025, 10, 11), True),
        (date(2026, 1, 4), True),  # Sun, 元旦 make-up
        (date(2026, 2, 14), True),  # Sat, 春节 make-up
        (date(2026, 2, 23), False),  # Mon, 春节
        (date(2026, 2, 28), True),  # Sat, 春节 make-up
    ],
)
def test_is_workday(d, expected):
    assert CAL.is_workday(d) is expected


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2004, 1, 1), True),
        (date(2024, 6, 1), True),
        (date(2026, 12, 31), True),
        (date(2027, 1, 1), False),  # not yet published in chinesecalendar 1.11.0
        (date(2003, 12, 31), False),
        (date(2099, 10, 1), False),
    ],
)
def test_covers(d, expected):
    assert CAL.covers(d) is expected


def test_from_chinese_calendar_is_cached():
    assert from_chinese_calendar() is CAL


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 9, 30), 0, date(2024, 9, 30)),
        (date(2024, 10, 5), 0, date(2024, 10, 5)),  # n == 0 returns start even on a rest day
        (date(2024, 9, 30), 1, date(2024, 10, 8)),  # skips 10-01..07
        # 2024-02-08 Thu: 02-09 Fri (1); 02-10..17 春节; 02-18 Sun make-up (2);
        # 02-19 (3), 02-20 (4), 02-21 (5)
        (date(2024, 2, 8), 5, date(2024, 2, 21)),
        # Ordinary week: Mon 2024-06-03 + 5 → Mon 06-10 is 端午, so Tue 06-11
        (date(2024, 6, 3), 5, date(2024, 6, 11)),
        # 20 working days from Thu 2024-02-01 (just before 春节):
        # 02-02 Fri (1), 02-04 Sun make-up (2), 02-05..09 (3–7), 02-10..17 holiday,
        # 02-18 Sun make-up (8), 02-19..23 (9–13), 02-26..03-01 (14–18), 03-04 (19), 03-05 (20)
        (date(2024, 2, 1), 20, date(2024, 3, 5)),
        # 20 working days from Wed 2024-09-25 (just before 国庆):
        # 09-26, 09-27 (1–2), 09-29 Sun make-up (3), 09-30 (4), 10-01..07 holiday,
        # 10-08..11 (5–8), 10-12 Sat make-up (9), 10-14..18 (10–14), 10-21..25 (15–19), 10-28 (20)
        (date(2024, 9, 25), 20, date(2024, 10, 28)),
        # 20 working days from Mon 2025-01-20 (just before 春节):
        # 01-21..24 (1–4), 01-26 Sun make-up (5), 01-27 (6), 01-28..02-04 holiday,
        # 02-05..07 (7–9), 02-08 Sat make-up (10), 02-10..14 (11–15), 02-17..21 (16–20)
        (date(2025, 1, 20), 20, date(2025, 2, 21)),
        # 20 working days from Fri 2025-09-26 (just before 国庆+中秋):
        # 09-28 Sun make-up (1), 09-29, 09-30 (2–3), 10-01..08 holiday, 10-09, 10-10 (4–5),
        # 10-11 Sat make-up (6), 10-13..17 (7–11), 10-20..24 (12–16), 10-27..30 (17–20)
        (date(2025, 9, 26), 20, date(2025, 10, 30)),
        # 20 working days from Tue 2026-02-10 (just before 春节 2026):
        # 02-11..13 (1–3), 02-14 Sat make-up (4), 02-15..23 holiday, 02-24..27 (5–8),
        # 02-28 Sat make-up (9), 03-02..06 (10–14), 03-09..13 (15–19), 03-16 (20)
        (date(2026, 2, 10), 20, date(2026, 3, 16)),
        # Acceptance on a holiday: counting starts the next day as usual
        (date(2024, 10, 3), 1, date(2024, 10, 8)),
        # Acceptance on a make-up Saturday
        (date(2024, 10, 12), 1, date(2024, 10, 14)),
    ],
)
def test_add_workdays(start, n, expected):
    assert CAL.add_workdays(start, n) == expected


def test_add_workdays_rejects_negative():
    with pytest.raises(ValueError, match="n must be >= 0"):
        CAL.add_workdays(date(2024, 1, 2), -1)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 9, 30), date(2024, 9, 30), 0),
        (date(2024, 9, 30), date(2024, 10, 7), 0),  # the whole 国庆 break
        (date(2024, 9, 30), date(2024, 10, 8), 1),
        # 09-28 Sat no, 09-29 Sun make-up, 09-30 Mon, 10-01..07 no, 10-08 → 3
        (date(2024, 9, 27), date(2024, 10, 8), 3),
        (date(2024, 2, 8), date(2024, 2, 21), 5),
        (date(2024, 2, 1), date(2024, 3, 5), 20),
        (date(2025, 9, 26), date(2025, 10, 30), 20),
        # Whole year 2024: 262 weekdays − 19 weekday holidays + 8 make-up days = 251
        (date(2023, 12, 31), date(2024, 12, 31), 251),
        # Whole year 2025: 261 weekdays − 18 weekday holidays + 5 make-up days = 248
        (date(2024, 12, 31), date(2025, 12, 31), 248),
        # Whole year 2026: 261 weekdays − 19 weekday holidays + 6 make-up days = 248
        (date(2025, 12, 31), date(2026, 12, 31), 248),
    ],
)
def test_workdays_between_is_antisymmetric(start, end, expected):
    assert CAL.workdays_between(start, end) == expected
    assert CAL.workdays_between(end, start) == -expected


@pytest.mark.parametrize(
    ("start", "n"),
    [
        (date(2024, 2, 1), 20),
        (date(2024, 9, 25), 30),
        (date(2025, 1, 20), 60),
        (date(2025, 12, 20), 45),
    ],
)
def test_add_workdays_and_workdays_between_agree(start, n):
    assert CAL.workdays_between(start, CAL.add_workdays(start, n)) == n


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2024, 10, 1), date(2024, 10, 8)),
        (date(2024, 10, 8), date(2024, 10, 8)),
        (date(2024, 2, 17), date(2024, 2, 18)),  # Sat holiday → Sun make-up
        (date(2024, 6, 8), date(2024, 6, 11)),  # Sat → Sun → Mon 端午 → Tue
        (date(2025, 2, 8), date(2025, 2, 8)),  # Sat make-up is itself a working day
    ],
)
def test_next_workday(d, expected):
    assert CAL.next_workday(d) == expected


# A fictitious 2099 国庆 schedule: rest Thu 10-01..Wed 10-07, make-up Sun 09-27 and Sat 10-10.
CAL_2099 = CAL.with_overrides(
    [(d, False) for d in _days(date(2099, 10, 1), date(2099, 10, 7))]
    + [(date(2099, 9, 27), True), (date(2099, 10, 10), True)],
    years=[2099],
)


def test_with_overrides_adds_year():
    assert CAL_2099.covers(date(2099, 10, 1))
    assert not CAL.covers(date(2099, 10, 1))  # the original is unchanged
    assert CAL_2099.covers(date(2024, 1, 1))
    assert not CAL_2099.covers(date(2098, 12, 31))


@pytest.mark.parametrize(
    ("start", "n", "with_schedule", "without_schedule"),
    [
        # Fri 09-25: 09-27 Sun make-up (1), 09-28..30 (2–4), 10-01..07 rest, 10-08 Thu (5).
        # Without the schedule the 放假办法's days still rest: 中秋 Tue 09-29, 国庆 10-01..03,
        # 10-05 for Sat 10-03: 09-28, 09-30, 10-06, 10-07, 10-08.
        (date(2099, 9, 25), 5, date(2099, 10, 8), date(2099, 10, 8)),
        # Wed 09-30: 10-08 Thu (1), 10-09 Fri (2), 10-10 Sat make-up (3).
        # Without it: 10-06, 10-07, 10-08.
        (date(2099, 9, 30), 3, date(2099, 10, 10), date(2099, 10, 8)),
    ],
)
def test_with_overrides_deadline(start, n, with_schedule, without_schedule):
    assert CAL_2099.add_workdays(start, n) == with_schedule
    assert CAL.add_workdays(start, n) == without_schedule


def test_with_overrides_can_flip_existing_days():
    cal = CAL.with_overrides([(date(2024, 10, 7), True), (date(2024, 10, 12), False)])
    assert cal.is_workday(date(2024, 10, 7))
    assert not cal.is_workday(date(2024, 10, 12))
    assert date(2024, 10, 7) not in cal.holidays
    assert date(2024, 10, 12) not in cal.makeup_workdays
    assert cal.known_years == CAL.known_years
    assert CAL.is_workday(date(2024, 10, 12))  # original untouched


def test_empty_calendar_is_plain_weekdays():
    cal = WorkCalendar(frozenset(), frozenset(), frozenset())
    assert cal.add_workdays(date(2024, 10, 4), 1) == date(2024, 10, 7)  # Fri → Mon
    assert not cal.covers(date(2024, 10, 4))
