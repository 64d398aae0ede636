"""The only module that reads the wall clock. Everything else takes dates as arguments."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def now() -> datetime:
    """Current instant, timezone-aware UTC."""
    return datetime.now(UTC)


def today() -> date:
    """Today's date in China (UTC+8), which is what deadlines count from."""
    return day_of(now())


def day_of(instant: datetime) -> date:
    """The date in China of an instant (for a caller that already holds ``now()``)."""
    return instant.astimezone(CHINA).date()
