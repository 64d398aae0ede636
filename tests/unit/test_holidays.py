"""The 放假办法's rules (seedreg.core.holidays) against the official schedules in chinesecalendar
1.11.0 (2004–2026), and the working-day calendar's derived years."""

from datetime import date, timedelta

import pytest

from seedreg.core import holidays as h
from seedreg.core.workdays import WorkCalendar, from_chinese_calendar

CAL = from_chinese_calendar()
OFFICIAL_YEARS = range(2004, 2027)


def official_rest(d: date) -> bool:
    """A rest day in the published schedule (holiday or weekend not swapped)."""
    assert d.year in CAL.known_years
    return not CAL.is_workday(d)


def test_chinesecalendar_lacks_2027_so_it_is_derived():
    assert max(CAL.known_years) == 2026
    assert CAL.is_derived(2027)
    assert not CAL.is_derived(2026)


@pytest.mark.parametrize("year", OFFICIAL_YEARS)
def test_spring_festival_is_an_official_holiday_every_year(year):
    first = h.spring_festival(year)
    assert first in CAL.holidays, first
    assert h.spring_festival_eve(year) == first - timedelta(days=1)


# 清明、端午、中秋 became holidays with the 2007 revision (in force 2008).
@pytest.mark.parametrize("year", range(2008, 2027))
@pytest.mark.parametrize(
    "festival", [h.qingming, h.dragon_boat, h.mid_autumn], ids=lambda f: f.__name__
)
def test_lunar_and_solar_term_festivals_are_official_rest_days(year, festival):
    assert official_rest(festival(year)), festival(year)


# Festival dates beyond the package's data, as published lunar calendars give them.
@pytest.mark.parametrize(
    ("year", "chunjie", "qingming", "duanwu", "zhongqiu"),
    [
        (2027, date(2027, 2, 6), date(2027, 4, 5), date(2027, 6, 9), date(2027, 9, 15)),
        (2028, date(2028, 1, 26), date(2028, 4, 4), date(2028, 5, 28), date(2028, 10, 3)),
        (2029, date(2029, 2, 13), date(2029, 4, 4), date(2029, 6, 16), date(2029, 9, 22)),
        (2030, date(2030, 2, 3), date(2030, 4, 5), date(2030, 6, 5), date(2030, 9, 12)),
        (2031, date(2031, 1, 23), date(2031, 4, 5), date(2031, 6, 24), date(2031, 10, 1)),
        (2033, date(2033, 1, 31), date(2033, 4, 4), date(2033, 6, 1), date(2033, 9, 8)),
    ],
)
def test_festival_dates_of_coming_years(year, chunjie, qingming, duanwu, zhongqiu):
    assert h.spring_festival(year) == chunjie
    assert h.qingming(year) == qingming
    assert h.dragon_boat(year) == duanwu
    assert h.mid_autumn(year) == zhongqiu


@pytest.mark.parametrize(
    ("year", "rule_set"),
    [
        (2013, None),
        (2014, h.RULES_2014),
        (2024, h.RULES_2014),
        (2025, h.RULES_2025),
        (2099, h.RULES_2025),
    ],
)
def test_the_rule_set_in_force_on_new_years_day(year, rule_set):
    assert h.rule_set_for(year) is rule_set


@pytest.mark.parametrize("year", [2025, 2026])
def test_the_current_rules_give_the_official_holidays_of_2025_and_2026(year):
    derived = h.derive_year(year)
    assert derived.rule_set is h.RULES_2025
    assert len(derived.statutory) == 13  # 1 + 4 + 1 + 2 + 1 + 1 + 3 (no festival shares a day)
    for d in derived.rest_days:
        assert official_rest(d), (d, derived.rest_days[d])


def test_2026_makeup_rest_days_are_the_official_ones():
    # 清明 Sun 04-05 → Mon 04-06; 劳动节 Sat 05-02 → Mon 05-04; 国庆 Sat 10-03 → Mon 10-05.
    assert h.derive_year(2026).makeup == {
        date(2026, 4, 6): "清明节补假",
        date(2026, 5, 4): "劳动节补假",
        date(2026, 10, 5): "国庆节补假",
    }
    assert h.derive_year(2025).makeup == {date(2025, 6, 2): "端午节补假"}  # Sat 05-31


def test_2025_spring_festival_is_eve_plus_three():
    assert [d for d, n in h.derive_year(2025).statutory.items() if n == "春节"] == [
        date(2025, 1, 28) + timedelta(days=i) for i in range(4)
    ]


# The 2013 revision against its own years. One published schedule departs from Art. 6:
# 2015's 中秋 fell on Sunday 09-27 and was not made up.
NOT_MADE_UP = {date(2015, 9, 28)}


@pytest.mark.parametrize("year", range(2014, 2025))
def test_the_2013_rules_give_the_official_holidays_of_2014_to_2024(year):
    derived = h.derive_year(year)
    assert derived.rule_set is h.RULES_2014
    for d in derived.statutory:
        assert official_rest(d), d
    for d in derived.makeup:
        assert official_rest(d) or d in NOT_MADE_UP, d


def test_a_holiday_sharing_a_day_with_another_is_made_up():
    # 2020: 中秋 on 国庆 (Thu 10-01); the shared day and Sat 10-03 → Mon 10-05, Tue 10-06.
    october = {d: n for d, n in h.derive_year(2020).makeup.items() if d.month == 10}
    assert october == {date(2020, 10, 5): "国庆节补假", date(2020, 10, 6): "国庆节补假"}


def test_makeup_days_skip_the_remaining_festival_days():
    # 2027: 除夕 Fri 02-05, 初一 Sat, 初二 Sun, 初三 Mon → made up Tue 02-09 and Wed 02-10.
    derived = h.derive_year(2027)
    assert [d for d, n in derived.rest_days.items() if n.startswith("春节")] == [
        date(2027, 2, 5) + timedelta(days=i) for i in range(6)
    ]
    assert derived.makeup[date(2027, 2, 9)] == derived.makeup[date(2027, 2, 10)] == "春节补假"


def test_no_swaps_are_invented():
    """The 调休 weekend working days are the State Council's yearly choice: never derived."""
    cal = from_chinese_calendar()
    assert not any(d.year == 2027 for d in cal.makeup_workdays)
    for saturday in (date(2027, 2, 13), date(2027, 9, 25), date(2027, 10, 9)):
        assert not cal.is_workday(saturday)


def test_2027_new_years_day_is_a_holiday_and_the_deadline_provisional():
    # Thu 2026-12-31 + 1 workday: Fri 2027-01-01 is 元旦 → Mon 01-04.
    assert not CAL.is_workday(date(2027, 1, 1))
    assert CAL.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert CAL.is_provisional(date(2026, 12, 31), date(2027, 1, 4))
    assert not CAL.is_provisional(date(2026, 12, 1), date(2026, 12, 31))
    assert CAL.is_provisional(date(2027, 3, 1), date(2027, 3, 2))


def test_a_deadline_running_through_a_derived_year_is_provisional():
    # Official 2026 and 2028 with 2027 unknown: a span across all three is provisional.
    cal = CAL.with_overrides([(date(2028, 1, 3), False)], years=[2028])
    assert cal.is_provisional(date(2026, 12, 1), date(2028, 2, 1))
    assert not cal.is_provisional(date(2028, 1, 1), date(2028, 2, 1))


def test_an_entered_year_is_official_and_uses_only_its_entries():
    cal = CAL.with_overrides([(date(2027, 1, 1), False)], years=[2027])
    assert not cal.is_provisional(date(2027, 1, 1), date(2027, 12, 31))
    assert not cal.is_workday(date(2027, 1, 1))
    # The derived 国庆 no longer applies: the entered arrangement is the year's whole schedule.
    assert cal.is_workday(date(2027, 10, 1))
    assert date(2027, 10, 1) in cal.derived_rest_days(2027)


def test_a_calendar_without_rules_counts_weekdays_only():
    cal = WorkCalendar(frozenset(), frozenset(), frozenset())
    assert cal.is_workday(date(2027, 1, 1))
    assert cal.derived_rest_days(2027) == frozenset()
