"""The data migration that moves licensing's material checklist (material_item, with the
admin's edits) into the catalogue's matter_material, compared column by column on a scratch
database migrated to just before it (SQLite and PostgreSQL): material_item itself is dropped
later, once the shared application tables hold licensing's data."""

from __future__ import annotations

import importlib
from contextlib import ExitStack

from tests.integration.migrating import execute, migrate_to, run_python
from tests.integration.test_cli import ON_POSTGRES, Scratch, _own_postgres_database

MIGRATION = importlib.import_module(
    "seedreg.licensing.piccolo_migrations.licensing_2026_12_07t06_00_01_000000"
)
BEFORE = "2026-12-07T03:20:01:000000"  # licensing's migration just before the copy
COPY_ONCE = (
    "import asyncio\n"
    "from seedreg.licensing.piccolo_migrations.licensing_2026_12_07t06_00_01_000000 "
    "import copy_checklist\n"
    "print(asyncio.run(copy_checklist()))\n"
)
# Two items as an admin left them before the catalogue: one retired, one with edited
# wording and flags unlike the fixture's.
ROWS = (
    ("Z000001", "生产经营场所照片（管理员改写）", "《种子法》第三十二条", "issue,renewal", "原件",
     2, False, False, "迁移测试", 77, False),
    ("Z000002", "变更登记申请书", "《种子法》第三十三条第二款", "change", "电子",
     0, True, True, "", 78, False),
)  # fmt: skip


def _sql_value(value: object) -> str:
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE") if ON_POSTGRES else str(int(value))
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _columns(scratch: Scratch, table: str) -> list[str]:
    if scratch.postgres_url:
        return [
            r[0]
            for r in scratch.rows(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                table,
            )
        ]
    return [r[1] for r in scratch.rows(f"PRAGMA table_info({table})")]


def test_every_checklist_row_is_copied_with_every_column(tmp_path):
    with ExitStack() as stack:
        url = stack.enter_context(_own_postgres_database()) if ON_POSTGRES else ""
        scratch = Scratch(tmp_path, url)
        migrate_to(scratch, BEFORE)
        names = ", ".join(MIGRATION.COLUMNS)
        for row in ROWS:
            values = ", ".join(_sql_value(v) for v in row)
            execute(scratch, f"INSERT INTO material_item ({names}) VALUES ({values})")  # noqa: S608
        old_columns = _columns(scratch, "material_item")
        assert (
            tuple(c for c in old_columns if c != "id") == MIGRATION.COLUMNS
        )  # nothing left behind

        assert run_python(scratch, COPY_ONCE).strip() == "2"
        old = scratch.rows(f"SELECT {names} FROM material_item ORDER BY code")  # noqa: S608
        new = scratch.rows(
            f"SELECT key, matter, {names} FROM matter_material ORDER BY code"  # noqa: S608
        )
        assert [r[:2] for r in new] == [(f"licensing:{r[0]}", "licensing") for r in ROWS]
        assert [r[2:] for r in new] == old
        # Again (a re-run, or rows loaded since): nothing is copied twice or overwritten.
        assert run_python(scratch, COPY_ONCE).strip() == "0"
        assert scratch.count("matter_material") == 2
