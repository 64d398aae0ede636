"""Statutory public holidays derived from the 全国年节及纪念日放假办法 for a year whose official
schedule (the State Council's annual 放假安排) is not published or not entered yet. Pure.

The 办法 fixes which days are holidays (Art. 2) and that a holiday falling on a Saturday or
Sunday is made up on a working day (Art. 6: 全体公民放假的假日，如果适逢周六、周日，应当在工作日
补假). It does not fix the 调休 swaps (weekend days turned into working days): the State Council
decides those every year, so they cannot be derived, and deadlines that rely on a derived year
are provisional until the year's arrangement is entered.

Each revision of the 办法 is a ``RuleSet``; a future revision is a new one in ``RULE_SETS``.
Lunar dates and the 清明 solar term come from ``lunar_python`` (寿星天文历 algorithms).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from lunar_python import Lunar

__all__ = [
    "RULES_2014",
    "RULES_2025",
    "RULE_SETS",
    "DerivedYear",
    "Festival",
    "RuleSet",
    "derive_year",
    "derived_rest_days",
    "rule_set_for",
]

_ONE_DAY = timedelta(days=1)


def _ymd(solar: object) -> date:
    return date(solar.getYear(), solar.getMonth(), solar.getDay())  # type: ignore[attr-defined]


def new_year(year: int) -> date:
    return date(year, 1, 1)


def spring_festival(year: int) -> date:
    """正月初一 of the lunar year that begins in ``year``."""
    return _ymd(Lunar.fromYmd(year, 1, 1).getSolar())


def spring_festival_eve(year: int) -> date:
    """除夕: the last day of the twelfth lunar month (29th or 30th), the eve of 初一."""
    return spring_festival(year) - _ONE_DAY


def qingming(year: int) -> date:
    """The day of the 清明 solar term (4 or 5 April)."""
    return _ymd(Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"])


def labour_day(year: int) -> date:
    return date(year, 5, 1)


def dragon_boat(year: int) -> date:
    """端午: the 5th day of the 5th lunar month (never a leap month: 闰五月 has no 端午)."""
    return _ymd(Lunar.fromYmd(year, 5, 5).getSolar())


def mid_autumn(year: int) -> date:
    """中秋: the 15th day of the 8th lunar month."""
    return _ymd(Lunar.fromYmd(year, 8, 15).getSolar())


def national_day(year: int) -> date:
    return date(year, 10, 1)


@dataclass(frozen=True)
class Festival:
    """A holiday of the 办法: its name, first day in a given year, and how many days."""

    name: str
    first_day: Callable[[int], date]
    days: int

    def dates(self, year: int) -> list[date]:
        first = self.first_day(year)
        return [first + i * _ONE_DAY for i in range(self.days)]


@dataclass(frozen=True)
class RuleSet:
    """One revision of the 全国年节及纪念日放假办法, in force from ``in_force_from``."""

    name: str
    source: str
    in_force_from: date
    festivals: tuple[Festival, ...]


# 国务院令第798号 (2024年11月10日修订, 2025年1月1日起施行), Art. 2: 元旦1天, 春节4天
# （农历除夕、正月初一至初三）, 清明节1天, 劳动节2天（5月1日、2日）, 端午节1天, 中秋节1天,
# 国庆节3天（10月1日至3日）.
RULES_2025 = RuleSet(
    name="全国年节及纪念日放假办法（2024年修订）",
    source="国务院令第798号，2025年1月1日起施行，第二条、第六条",
    in_force_from=date(2025, 1, 1),
    festivals=(
        Festival("元旦", new_year, 1),
        Festival("春节", spring_festival_eve, 4),
        Festival("清明节", qingming, 1),
        Festival("劳动节", labour_day, 2),
        Festival("端午节", dragon_boat, 1),
        Festival("中秋节", mid_autumn, 1),
        Festival("国庆节", national_day, 3),
    ),
)

# 国务院令第644号 (2013年12月11日修订, 2014年1月1日起施行): 春节3天（正月初一至初三）,
# 劳动节1天. Kept to check the derivation against the published schedules of 2014–2024.
RULES_2014 = RuleSet(
    name="全国年节及纪念日放假办法（2013年修订）",
    source="国务院令第644号，2014年1月1日起施行，第二条、第六条",
    in_force_from=date(2014, 1, 1),
    festivals=(
        Festival("元旦", new_year, 1),
        Festival("春节", spring_festival, 3),
        Festival("清明节", qingming, 1),
        Festival("劳动节", labour_day, 1),
        Festival("端午节", dragon_boat, 1),
        Festival("中秋节", mid_autumn, 1),
        Festival("国庆节", national_day, 3),
    ),
)

RULE_SETS = (RULES_2025, RULES_2014)  # newest first


def rule_set_for(year: int) -> RuleSet | None:
    """The revision in force on 1 January of ``year`` (None before the oldest one kept)."""
    return next((r for r in RULE_SETS if r.in_force_from <= date(year, 1, 1)), None)


@dataclass(frozen=True)
class DerivedYear:
    """A year's rest days as the 办法 alone fixes them: ``statutory`` holiday days and the
    ``makeup`` rest days (补假) for those falling on a weekend, each with its name."""

    year: int
    rule_set: RuleSet
    statutory: dict[date, str]
    makeup: dict[date, str]

    @property
    def rest_days(self) -> dict[date, str]:
        return dict(sorted({**self.statutory, **self.makeup}.items()))


def derive_year(year: int, rule_set: RuleSet | None = None) -> DerivedYear | None:
    """Derive ``year``'s statutory holidays and make-up rest days; None without a rule set.

    Make-up rest (Art. 6): a holiday day on a Saturday or Sunday, or on a day that is already
    another holiday (中秋 on 国庆, as in 2020), is made up on the first working day after it that
    is not itself a holiday or an earlier make-up day.
    """
    rule_set = rule_set or rule_set_for(year)
    if rule_set is None:
        return None
    named: list[tuple[date, str]] = sorted(
        (d, f.name) for f in rule_set.festivals for d in f.dates(year)
    )
    statutory: dict[date, str] = {}
    owed: list[tuple[date, str]] = []
    for d, name in named:
        if d.weekday() >= 5 or d in statutory:
            owed.append((d, name))
        statutory.setdefault(d, name)
    makeup: dict[date, str] = {}
    for d, name in owed:
        day = d + _ONE_DAY
        while day.weekday() >= 5 or day in statutory or day in makeup:
            day += _ONE_DAY
        makeup[day] = f"{name}补假"
    return DerivedYear(year=year, rule_set=rule_set, statutory=statutory, makeup=makeup)


@functools.cache
def derived_rest_days(year: int) -> frozenset[date]:
    """The rest days of ``year`` by the rule set in force (cached: the rules never change)."""
    derived = derive_year(year)
    return frozenset(derived.rest_days) if derived else frozenset()
