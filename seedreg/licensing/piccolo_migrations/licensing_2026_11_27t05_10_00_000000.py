"""Indexes for the officer inbox and the operator's list (same SQL on both engines).

Open applications, and only they, carry ``due_on``: a partial index over them stays small and
serves the inbox's filter, order and count from the index alone."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T05:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "inbox and list indexes"

INDEXES = [
    "CREATE INDEX licence_application_open ON licence_application (division_code, due_on, id) "
    "WHERE due_on IS NOT NULL",
    "CREATE INDEX licence_application_organisation_id ON licence_application (organisation, id)",
    "CREATE INDEX licence_organisation_id ON licence (organisation, id)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for sql in INDEXES:
            await engine.run_ddl(sql)

    manager.add_raw(run)
    return manager
