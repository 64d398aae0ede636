"""Licensing moves its material checklist (material_item, with the admin's edits) into the
catalogue (matters' matter_material, created by the matters app, which licensing's migrations
now follow) as the licensing matter's materials, row for row. Self-contained; plain SQL that
runs the same on SQLite and PostgreSQL. Safe to re-run: rows already copied are skipped."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder
from piccolo.querystring import QueryString

ID = "2026-12-07T06:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "licensing checklist into the catalogue"

COLUMNS = (
    "code",
    "name",
    "legal_basis",
    "kinds",
    "form",
    "copies",
    "electronic",
    "required",
    "note",
    "sort_order",
    "active",
)
SELECT = (
    "SELECT code, name, legal_basis, kinds, form, copies, electronic, required, note, "
    "sort_order, active FROM material_item ORDER BY id"
)
INSERT = (
    "INSERT INTO matter_material (key, matter, code, name, legal_basis, kinds, form, copies, "
    "electronic, required, note, sort_order, active) "
    "VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})"
)


async def copy_checklist() -> int:
    engine = engine_finder()
    rows = await engine.run_querystring(QueryString(SELECT))
    known = {
        r["key"]
        for r in await engine.run_querystring(QueryString("SELECT key FROM matter_material")) or []
    }
    copied = 0
    for row in rows or []:
        key = f"licensing:{row['code']}"
        if key in known:
            continue
        values = [key, "licensing", *(row[c] for c in COLUMNS)]
        await engine.run_querystring(QueryString(INSERT, *values))
        copied += 1
    return copied


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)
    manager.add_raw(copy_checklist)
    return manager
