"""The hourly duty: queue new licence versions, then send what is due to the library."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.elicences import library, services
from seedreg.settings import get_settings


async def run(_on: date) -> dict[str, Any]:
    """Queue, then drain when the library's address is set (otherwise rows wait)."""
    result = await services.queue_new_versions()
    target = library.from_settings(get_settings())
    sent = failed = 0
    if target is not None:
        sent, failed = await services.drain(target)
    return {
        "elicences_queued": result["queued"],
        "elicences_sent": sent,
        "elicences_failed": failed,
    }
