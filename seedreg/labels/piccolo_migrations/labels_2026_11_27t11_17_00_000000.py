"""Label scans by lot and time: the clone check counts a lot's scans in the window with one
index range per lot (before: every label of the lot joined to its scans)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T11:17:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "label scans by lot and time"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="labels", description=DESCRIPTION)

    async def run():
        await engine_finder().run_ddl(
            "CREATE INDEX label_scan_lot_time ON label_scan (lot, scanned_at)"
        )

    manager.add_raw(run)
    return manager
