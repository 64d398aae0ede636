"""Make audit_event append-only on both engines and seed the chain's head row."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-11-27T04:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "append-only audit_event, head row"

SQLITE = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
       BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
       BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END""",
]
POSTGRES = [
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_event is append-only'; END $$""",
    """CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
       ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()""",
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="audit", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        statements = SQLITE if engine.engine_type == "sqlite" else POSTGRES
        for sql in statements:
            await engine.run_ddl(sql)
        await engine.run_ddl("INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '')")

    manager.add_raw(run)
    return manager
