"""Contacts already on file were entered by the admin, who vouched for them at the counter:
they count as confirmed from the account's creation (a password reset may use them).

Raw SQL, the same on both engines; a separate migration because Piccolo runs a migration's
raw steps before its new columns exist."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-07T04:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "contacts on file count as confirmed"

STEPS = (
    "UPDATE account SET phone_confirmed_at = created_at WHERE phone <> ''",
    "UPDATE account SET email_confirmed_at = created_at WHERE email <> ''",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for sql in STEPS:
            await engine.run_ddl(sql)

    manager.add_raw(run)
    return manager
