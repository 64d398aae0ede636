"""Licensing's applications, their materials, notices and ratings move into the shared tables
of ``matters`` (matter_application, matter_application_material, matter_notice,
matter_rating) with their ids kept: notice numbers and public_ids, printed in QR codes, stay
what they were. Each application becomes matter 'licensing' with its kind as the sub-item;
the licence it produced or concerns and a deemed renewal go to licensing's
application_licence. On PostgreSQL the id sequences then continue after the copied ids.

Plain INSERT … SELECT, the same on SQLite and PostgreSQL; safe to re-run (ids already copied
are skipped). The old tables are dropped by a later migration."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder
from piccolo.engine.postgres import PostgresEngine
from piccolo.querystring import QueryString

ID = "2026-12-07T08:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "licensing applications into the shared tables"

# Columns the shared application keeps under the same name.
APPLICATION_COLUMNS = (
    "id",
    "reference",
    "status",
    "organisation",
    "division_code",
    "filed_by",
    "at_counter",
    "details",
    "submitted_at",
    "received_on",
    "supplement_items",
    "supplement_deadline",
    "accepted_on",
    "acceptance_deemed",
    "pending_items",
    "pending_due",
    "statutory_due",
    "due_on",
    "promised_due",
    "extended",
    "pauses",
    "site_check",
    "decided_on",
    "reasons",
    "competent_authority",
    "forwarded_on",
    "review_opinion",
    "issuing_due",
    "issuing_extended",
    "created_at",
    "updated_at",
)
MATERIAL_COLUMNS = (
    "id",
    "application",
    "item_code",
    "original_name",
    "stored_name",
    "content_type",
    "size",
    "sha256",
    "uploaded_by",
    "uploaded_at",
)
NOTICE_COLUMNS = (
    "id",
    "application",
    "kind",
    "number",
    "public_id",
    "issued_on",
    "content",
    "issued_by",
    "created_at",
)
RATING_COLUMNS = (
    "id",
    "application",
    "score",
    "comment",
    "rated_at",
    "follow_up_due",
    "follow_up_answer",
    "answered_at",
    "answered_by",
)
# (old table, new table, columns copied as they are, extra (column, SQL value) pairs)
COPIES = (
    (
        "licence_application",
        "matter_application",
        APPLICATION_COLUMNS,
        (("matter", "'licensing'"), ("sub_item", "kind")),
    ),
    ("application_material", "matter_application_material", MATERIAL_COLUMNS, ()),
    ("notice", "matter_notice", NOTICE_COLUMNS, ()),
    ("rating", "matter_rating", RATING_COLUMNS, ()),
)


def copy_sql(old: str, new: str, columns: tuple[str, ...], extra: tuple) -> str:
    names = ", ".join([*columns, *(name for name, _ in extra)])
    values = ", ".join([*columns, *(value for _, value in extra)])
    return (
        f"INSERT INTO {new} ({names}) SELECT {values} FROM {old} "  # noqa: S608 (fixed names)
        f"WHERE id NOT IN (SELECT id FROM {new}) ORDER BY id"
    )


LICENCE_SQL = (
    "INSERT INTO application_licence (application, licence, renewal_deemed) "
    "SELECT id, licence, renewal_deemed FROM licence_application "
    "WHERE id NOT IN (SELECT application FROM application_licence) ORDER BY id"
)


def setval_sql(table: str) -> str:
    """The sequence continues after the highest copied id (or starts at 1 when empty)."""
    return (
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 (fixed names)
        f"COALESCE((SELECT MAX(id) FROM {table}), 1), "
        f"(SELECT MAX(id) FROM {table}) IS NOT NULL)"
    )


async def copy_applications() -> None:
    engine = engine_finder()
    for old, new, columns, extra in COPIES:
        await engine.run_querystring(QueryString(copy_sql(old, new, columns, extra)))
    await engine.run_querystring(QueryString(LICENCE_SQL))
    if isinstance(engine, PostgresEngine):
        for _, new, _, _ in COPIES:
            await engine.run_querystring(QueryString(setval_sql(new)))


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)
    manager.add_raw(copy_applications)
    return manager
