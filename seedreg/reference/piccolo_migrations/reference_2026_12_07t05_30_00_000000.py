"""Notes shown to users carry no internal references (issue 14 item 10): the sample 红皮云杉's
note loses "（facts §14）" (raw SQL, the same on SQLite and PostgreSQL; rows without it stay)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-07T05:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "no internal references in species notes"

STEPS = (
    "UPDATE species SET note = REPLACE(note, 'GB 6000-1999 样例分级行的树种（facts §14）', "
    "'GB 6000-1999 分级样例所用树种') WHERE note LIKE '%facts §%'",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="reference", description=DESCRIPTION)

    async def run():
        for sql in STEPS:
            await engine_finder().run_ddl(sql)

    manager.add_raw(run)
    return manager
