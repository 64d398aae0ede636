"""Each existing licence gets its first term in ``terms``: the dates it has now. A licence
renewed before terms were kept shows one term, from its first day to its current expiry (the
dates of the earlier renewal were not stored). Self-contained; JSON written as text, the same on
SQLite and PostgreSQL."""

import json

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder
from piccolo.querystring import QueryString

ID = "2026-12-07T03:20:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "licence terms backfill"


def _iso(value: object) -> str:
    return str(value)[:10]  # a date, or SQLite's ISO text


async def backfill() -> int:
    engine = engine_finder()
    rows = await engine.run_querystring(
        QueryString("SELECT id, valid_from, valid_to, issued_on, terms FROM licence")
    )
    filled = 0
    for row in rows or []:
        terms = json.loads(row["terms"]) if isinstance(row["terms"], str) else row["terms"]
        if terms:
            continue
        first = {
            "kind": "issue",
            "valid_from": _iso(row["valid_from"]),
            "valid_to": _iso(row["valid_to"]),
            "issued_on": _iso(row["issued_on"]),
        }
        await engine.run_querystring(
            QueryString(
                "UPDATE licence SET terms = {} WHERE id = {}", json.dumps([first]), row["id"]
            )
        )
        filled += 1
    return filled


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)
    manager.add_raw(backfill)
    return manager
