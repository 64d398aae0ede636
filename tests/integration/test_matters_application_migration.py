"""The data migration that moves licensing's applications, materials, notices and ratings into
the shared tables of ``matters``: a scratch database migrated to just before the copy, the demo
data loaded and placed where a database from before this release keeps it (licensing's old
tables), a material and a rating added (the demo has none), the remaining migrations run, and
every copied row compared field by field with the row read before the copy. Runs on this test
run's engine (SQLite file or a PostgreSQL database of its own)."""

from __future__ import annotations

import importlib
from contextlib import ExitStack

from tests.integration.migrating import execute, migrate_to
from tests.integration.test_cli import ON_POSTGRES, Scratch, _own_postgres_database

COPY = importlib.import_module(
    "seedreg.licensing.piccolo_migrations.licensing_2026_12_07t08_50_00_000000"
)
BEFORE_COPY = "2026-12-07T08:48:23:760427"  # licensing's migration just before the copy

# Old table → (new table, [(old column, new column)]); the first pair is the kept id.
MOVED = {
    "licence_application": (
        "matter_application",
        [(c, c) for c in COPY.APPLICATION_COLUMNS] + [("kind", "sub_item")],
    ),
    "application_material": (
        "matter_application_material",
        [(c, c) for c in COPY.MATERIAL_COLUMNS],
    ),
    "notice": ("matter_notice", [(c, c) for c in COPY.NOTICE_COLUMNS]),
    "rating": ("matter_rating", [(c, c) for c in COPY.RATING_COLUMNS]),
}
# A material and a 差评 with its answer, every column filled, as licensing wrote them.
EXTRA_ROWS = (
    "INSERT INTO application_material (application, item_code, original_name, stored_name, "
    "content_type, size, sha256, uploaded_by, uploaded_at) VALUES ({app}, 'licence_form', "
    "'申请表.pdf', 'migration-test-1.pdf', 'application/pdf', 2048, 'ab12', NULL, "
    "'2026-12-01 02:00:00+00:00')",
    "INSERT INTO rating (application, score, comment, rated_at, follow_up_due, "
    "follow_up_answer, answered_at, answered_by) VALUES ({app}, 2, '窗口等候时间长', "
    "'2026-12-02 03:00:00+00:00', '2026-12-09', '已调整窗口人员', "
    "'2026-12-03 04:00:00+00:00', NULL)",
)


def _back_into_the_old_tables(scratch: Scratch) -> None:
    """The demo now writes the shared tables: its rows go where licensing kept them before."""
    columns = ", ".join(COPY.APPLICATION_COLUMNS)
    selected = ", ".join(f"a.{c}" for c in COPY.APPLICATION_COLUMNS)
    execute(
        scratch,
        f"INSERT INTO licence_application ({columns}, kind, licence, renewal_deemed) "  # noqa: S608
        f"SELECT {selected}, a.sub_item, l.licence, l.renewal_deemed FROM matter_application a "
        "JOIN application_licence l ON l.application = a.id ORDER BY a.id",
    )
    # Only licensing's rows: the demo's 备案, 引种 and requests stay in the shared tables.
    licensing = "application IN (SELECT application FROM application_licence)"
    for old, (new, pairs) in list(MOVED.items())[1:]:
        names = ", ".join(o for o, _ in pairs)
        execute(
            scratch,
            f"INSERT INTO {old} ({names}) SELECT {names} FROM {new} "  # noqa: S608
            f"WHERE {licensing} ORDER BY id",
        )
    for new, _ in list(reversed(MOVED.values()))[:-1]:
        execute(scratch, f"DELETE FROM {new} WHERE {licensing}")  # noqa: S608 (fixed names)
    execute(
        scratch,
        "DELETE FROM matter_application WHERE id IN (SELECT application FROM application_licence)",
    )
    execute(scratch, "DELETE FROM application_licence")
    if scratch.postgres_url:  # ids were given: the old sequences continue after them
        for old in MOVED:
            execute(scratch, COPY.setval_sql(old))


def _select(
    scratch: Scratch, table: str, columns: list[str], where: str = "1 = 1"
) -> dict[object, tuple]:
    sql = f"SELECT {', '.join(columns)} FROM {table} WHERE {where} ORDER BY id"  # noqa: S608
    return {row[0]: tuple(row) for row in scratch.rows(sql)}


# The shared tables' rows of licensing (other matters' demo rows stay there throughout).
LICENSING_APPLICATION = "matter = 'licensing'"
OF_LICENSING = "application IN (SELECT id FROM matter_application WHERE matter = 'licensing')"


def test_every_licensing_row_is_copied_field_by_field(tmp_path):
    with ExitStack() as stack:
        url = stack.enter_context(_own_postgres_database()) if ON_POSTGRES else ""
        scratch = Scratch(tmp_path, url)
        migrate_to(scratch, BEFORE_COPY)
        scratch.cli("load-reference")
        scratch.cli("load-demo")
        _back_into_the_old_tables(scratch)
        first = scratch.rows("SELECT MIN(id) FROM licence_application")[0][0]
        for sql in EXTRA_ROWS:
            execute(scratch, sql.format(app=first))
        before = {
            old: _select(scratch, old, [o for o, _ in pairs]) for old, (_, pairs) in MOVED.items()
        }
        licences = dict(scratch.rows("SELECT id, licence FROM licence_application"))
        deemed = dict(scratch.rows("SELECT id, renewal_deemed FROM licence_application"))
        licensing_rows = f"SELECT COUNT(*) FROM matter_application WHERE {LICENSING_APPLICATION}"  # noqa: S608
        assert scratch.rows(licensing_rows)[0][0] == 0  # nothing copied yet
        assert {t: len(rows) > 0 for t, rows in before.items()} == dict.fromkeys(MOVED, True)
        assert len(before["notice"]) >= 4  # the demo's acceptances and grants

        scratch.cli("migrate")

        for old, (new, pairs) in MOVED.items():
            where = LICENSING_APPLICATION if new == "matter_application" else OF_LICENSING
            assert _select(scratch, new, [n for _, n in pairs], where) == before[old], old
        matters = {r[0] for r in scratch.rows("SELECT DISTINCT matter FROM matter_application")}
        assert "licensing" in matters
        kept = scratch.rows("SELECT application, licence, renewal_deemed FROM application_licence")
        assert {a: lic for a, lic, _ in kept} == licences
        assert {a: d for a, _, d in kept} == deemed
        assert all(lic is not None for lic in licences.values())  # the demo's are granted
        old_tables = {*MOVED, "material_item"}
        assert not old_tables & _tables(scratch)  # dropped once copied
        if scratch.postgres_url:
            _the_sequences_continue_after_the_copied_ids(scratch)
        scratch.cli("load-demo")  # the app runs on the copied rows: nothing new is created
        notices = scratch.rows(f"SELECT COUNT(*) FROM matter_notice WHERE {OF_LICENSING}")  # noqa: S608
        assert notices[0][0] == len(before["notice"])


def _tables(scratch: Scratch) -> set[str]:
    if scratch.postgres_url:
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return {r[0] for r in scratch.rows(sql)}


def _the_sequences_continue_after_the_copied_ids(scratch: Scratch) -> None:
    for _, (new, _) in MOVED.items():
        top = scratch.rows(f"SELECT MAX(id) FROM {new}")[0][0]  # noqa: S608 (fixed names)
        following = scratch.rows(f"SELECT nextval(pg_get_serial_sequence('{new}', 'id'))")
        assert following[0][0] == top + 1, new
