"""Expiry reminders get a unique key, so two workers running the daily job at once send each
reminder once.

Raw SQL, the same on both engines: SQLite cannot ``ADD COLUMN … UNIQUE`` and existing rows
would all share the default key, so the column is added plain, filled, then indexed. Rows
sent before keys existed get a key of their own (``legacy:<id>``); the job still reads their
``sent_on``, so nothing already sent goes out again. The next migration records the column
for Piccolo's snapshot without running anything."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T07:36:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "expiry reminder key (raw)"

STEPS = [
    "ALTER TABLE expiry_reminder ADD COLUMN dedup_key VARCHAR(40) NOT NULL DEFAULT ''",
    "UPDATE expiry_reminder SET dedup_key = 'legacy:' || id",
    "CREATE UNIQUE INDEX expiry_reminder_dedup_key_key ON expiry_reminder (dedup_key)",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for sql in STEPS:
            await engine.run_ddl(sql)

    manager.add_raw(run)
    return manager
