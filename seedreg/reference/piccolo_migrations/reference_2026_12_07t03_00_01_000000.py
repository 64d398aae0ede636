"""Species already loaded: a Latin name the fixture marks "high" counts as confirmed, as the
loader now does for new rows; every other row waits for the administrator (raw SQL, the same
on SQLite and PostgreSQL)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-07T03:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "confirm high-confidence latin names"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="reference", description=DESCRIPTION)

    async def run():
        await engine_finder().run_ddl(
            "UPDATE species SET latin_confirmed = TRUE WHERE latin_confidence = 'high'"
        )

    manager.add_raw(run)
    return manager
