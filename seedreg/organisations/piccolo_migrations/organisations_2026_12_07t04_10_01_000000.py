"""Organisations on file were registered by an official at the counter, who saw the business
licence or ID there: their identity counts as verified from their registration.

Raw SQL, the same on both engines; a separate migration because Piccolo runs a migration's
raw steps before its new columns exist."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-07T04:10:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "organisations on file count as verified"

STEPS = (
    "UPDATE organisation SET identity_verified_at = created_at, "
    "identity_verified_by = '窗口登记' WHERE identity_verified_at IS NULL",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="organisations", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for sql in STEPS:
            await engine.run_ddl(sql)

    manager.add_raw(run)
    return manager
