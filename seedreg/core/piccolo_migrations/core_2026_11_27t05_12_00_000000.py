"""The search index's look-up index (after the table exists: raw steps run before table steps
within one migration)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T05:12:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "search_term look-up index"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)

    async def run():
        await engine_finder().run_ddl(
            "CREATE INDEX search_term_lookup ON search_term (subject_type, field, term, subject_id)"
        )

    manager.add_raw(run)
    return manager
