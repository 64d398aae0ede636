"""Runs the daily duties inside the server, hourly. They are idempotent and guarded in the
database, so several worker processes running them at once do no harm."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from seedreg.core import clock

log = logging.getLogger("seedreg.scheduler")
INTERVAL_SECONDS = 3600

Duty = Callable[[date], Awaitable[Any]]
_DUTIES: dict[str, Duty] = {}


def register(name: str, duty: Duty) -> None:
    """Add a daily duty, run in the order registered; the app registers the domains' duties,
    as core imports no domain. Registering a name again replaces it."""
    _DUTIES[name] = duty


async def run_once() -> None:
    today = clock.today()
    result: dict[str, Any] = {}
    for name, duty in _DUTIES.items():
        done = await duty(today)
        # a duty that runs several (licensing's) reports each by its own name
        result.update(done if isinstance(done, dict) else {name: done})
    await refresh_statistics()
    log.info(
        "daily duties: %s", {k: v if isinstance(v, int) else len(v) for k, v in result.items()}
    )


async def refresh_statistics() -> None:
    """Keep planner statistics current as tables grow (cheap when little changed)."""
    from seedreg.core.db import db, is_sqlite

    await db().run_ddl("PRAGMA optimize" if is_sqlite() else "ANALYZE")


async def run_forever() -> None:
    while True:
        try:
            await run_once()
        except Exception:  # keep the server up; the next hour tries again
            log.exception("daily duties failed")
        await asyncio.sleep(INTERVAL_SECONDS)
