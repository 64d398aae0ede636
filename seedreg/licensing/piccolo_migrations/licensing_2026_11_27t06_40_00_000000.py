"""The league-wide inbox in deadline order: a partial index on (due_on, id) over open
applications lets the planner read the first page in order instead of sorting them all."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T06:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "open applications by deadline"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)

    async def run():
        await engine_finder().run_ddl(
            "CREATE INDEX licence_application_open_due ON licence_application (due_on, id) "
            "WHERE due_on IS NOT NULL"
        )

    manager.add_raw(run)
    return manager
