"""The inbox's and the applicant's list indexes, as licensing had them (same SQL on both
engines): open applications, and only they, carry ``due_on``, so a partial index over them
stays small and serves the inbox's filter and deadline order."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-07T08:49:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "inbox and list indexes on the shared applications"

INDEXES = [
    "CREATE INDEX matter_application_open ON matter_application (division_code, due_on, id) "
    "WHERE due_on IS NOT NULL",
    "CREATE INDEX matter_application_open_due ON matter_application (due_on, id) "
    "WHERE due_on IS NOT NULL",
    "CREATE INDEX matter_application_organisation_id ON matter_application (organisation, id)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="matters", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for sql in INDEXES:
            await engine.run_ddl(sql)

    manager.add_raw(run)
    return manager
