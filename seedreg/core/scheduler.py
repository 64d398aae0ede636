"""Runs the daily duties inside the server, hourly. They are idempotent and guarded in the
database, so several worker processes running them at once do no harm."""

from __future__ import annotations

import asyncio
import logging

from seedreg.core import clock

log = logging.getLogger("seedreg.scheduler")
INTERVAL_SECONDS = 3600


async def run_once() -> None:
    from seedreg.accounts.signup import purge_stale as purge_sign_ups
    from seedreg.licensing.jobs import run_daily

    result = await run_daily(clock.today())
    result["stale_sign_ups"] = await purge_sign_ups(clock.now())
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
