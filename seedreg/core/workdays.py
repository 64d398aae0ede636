"""Working-day calendar for Chinese public holidays and 调休 make-up working days.

Statutory administrative-licensing time limits (行政许可法 Art. 82) are counted in
working days, so deadlines must skip public holidays and count make-up weekend days.

A year is *official* when its published schedule is included (``known_years``: the
``chinesecalendar`` package or an administrator's entries). Any other year is *derived*: its
statutory holidays come from the 放假办法's rules (``seedreg.core.holidays``) without the 调休
swaps nobody can know in advance, so a deadline in or through such a year is provisional.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

import chinese_calendar

from seedreg.core import holidays as statutory

__all__ = ["WorkCalendar", "from_chinese_calendar"]

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class WorkCalendar:
    """An immutable working-day calendar.

    ``holidays`` are rest days (statutory holidays, including those on weekends);
    ``makeup_workdays`` are working days regardless of weekday (调休 weekends);
    ``known_years`` are years whose official schedule is included;
    ``derive`` gives the rest days of any other year (None: weekends only).
    """

    holidays: frozenset[date]
    makeup_workdays: frozenset[date]
    known_years: frozenset[int]
    derive: Callable[[int], frozenset[date]] | None = None

    def is_workday(self, d: date) -> bool:
        """True for a make-up working day, False for a holiday, else Monday–Friday.

        In a derived year the holidays are those the 放假办法 fixes, with their make-up rest.
        """
        if d in self.makeup_workdays:
            return True
        if d in self.holidays:
            return False
        if self.derive is not None and d.year not in self.known_years and d in self.derive(d.year):
            return False
        return d.weekday() < 5

    def is_derived(self, year: int) -> bool:
        """True if ``year``'s schedule is not official, so its 调休 swaps are unknown."""
        return year not in self.known_years

    def is_provisional(self, start: date, end: date) -> bool:
        """True if a deadline counted from ``start`` to ``end`` touches a derived year."""
        first, last = sorted((start, end))
        return any(self.is_derived(y) for y in range(first.year, last.year + 1))

    def derived_rest_days(self, year: int) -> frozenset[date]:
        """The rest days the 放假办法 alone fixes for ``year`` (whether or not it is official)."""
        return self.derive(year) if self.derive is not None else frozenset()

    def covers(self, d: date) -> bool:
        """True if the official schedule for ``d``'s year is known."""
        return d.year in self.known_years

    def add_workdays(self, start: date, n: int) -> date:
        """Return the n-th working day after ``start`` (``start`` not counted; n=0 → start)."""
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        d = start
        while n > 0:
            d += _ONE_DAY
            if self.is_workday(d):
                n -= 1
        return d

    def workdays_between(self, start: date, end: date) -> int:
        """Count working days d with start < d <= end; negated when end < start."""
        if end < start:
            return -self.workdays_between(end, start)
        count = 0
        d = start + _ONE_DAY
        while d <= end:
            if self.is_workday(d):
                count += 1
            d += _ONE_DAY
        return count

    def next_workday(self, d: date) -> date:
        """Return ``d`` if it is a working day, otherwise the next working day."""
        while not self.is_workday(d):
            d += _ONE_DAY
        return d

    def with_overrides(
        self, days: Iterable[tuple[date, bool]], years: Iterable[int] = ()
    ) -> WorkCalendar:
        """Return a copy with each date forced to workday (True) or rest day (False).

        ``years`` are added to ``known_years`` (e.g. a year the package does not know yet).
        """
        holidays = set(self.holidays)
        makeup = set(self.makeup_workdays)
        for d, is_work in days:
            if is_work:
                holidays.discard(d)
                makeup.add(d)
            else:
                makeup.discard(d)
                holidays.add(d)
        return replace(
            self,
            holidays=frozenset(holidays),
            makeup_workdays=frozenset(makeup),
            known_years=self.known_years | frozenset(years),
        )


@functools.cache
def from_chinese_calendar() -> WorkCalendar:
    """Build (once) the calendar from the ``chinesecalendar`` package's published schedules."""
    holidays = frozenset(chinese_calendar.holidays)
    makeup = frozenset(chinese_calendar.workdays)
    years = frozenset(d.year for d in holidays | makeup)
    return WorkCalendar(
        holidays=holidays,
        makeup_workdays=makeup,
        known_years=years,
        derive=statutory.derived_rest_days,
    )
