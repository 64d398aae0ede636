"""The shared clocks take a matter's own limits (the catalogue's statutory days and extension)
instead of licensing's: counted the same way, across the same holidays."""

from __future__ import annotations

from datetime import date

from seedreg.core.workdays import from_chinese_calendar
from seedreg.matters import clocks

CAL = from_chinese_calendar()


def test_the_defaults_are_article_42s_twenty_and_ten():
    assert (clocks.DECISION_WORKDAYS, clocks.EXTENSION_WORKDAYS) == (20, 10)
    # Accepted Mon 2026-03-02, no holiday: 20 working days → Mon 03-30; +10: 21–24 are
    # 03-31…04-03, 04-04…06 清明, 25–28 are 04-07…04-10, 29: 04-13, 30: Tue 04-14.
    accepted = date(2026, 3, 2)
    assert clocks.decision_due(accepted, CAL) == date(2026, 3, 30)
    assert clocks.decision_due(accepted, CAL, extended=True) == date(2026, 4, 14)


def test_a_matters_own_limit_and_extension_are_counted():
    accepted = date(2026, 3, 2)
    # 5 working days: 03-03…03-09 (Sat/Sun skipped)
    assert clocks.decision_due(accepted, CAL, limit=5) == date(2026, 3, 9)
    # 5 + an extension of 3: 03-12
    assert clocks.decision_due(accepted, CAL, limit=5, extension=3, extended=True) == date(
        2026, 3, 12
    )
    # the extension only counts once granted
    assert clocks.decision_due(accepted, CAL, limit=5, extension=3) == date(2026, 3, 9)
