"""The refresh of the summary figures inside the server, every ``reports.refresh_minutes``.
Cheap when nothing was recorded (one look at the audit head and the newest scan)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from seedreg.core import rulesettings as rs
from seedreg.reports import services
from seedreg.reports.rule_settings import REFRESH_MINUTES

log = logging.getLogger("seedreg.reports")


async def run_forever(stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            done = await services.refresh()
            if done.families:
                log.info("report figures recounted: %s", ",".join(done.families))
            minutes = int(await rs.value(REFRESH_MINUTES))
        except Exception:  # keep the server up; the next round tries again
            log.exception("report refresh failed")
            minutes = int(REFRESH_MINUTES.default)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=minutes * 60)
