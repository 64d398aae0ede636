"""Grading rows name their standard's table and row, their source (and a public copy's
confidence), who entered and who confirmed them, and a state (draft / confirmed; issue 14 item 12).
Rows already on file were typed by one person: they start as drafts a second person confirms.
The shipped "sample" 红皮云杉 row is deleted (load-reference brings the public rows back as
drafts with their source) and the sample flag goes.

Piccolo runs a migration's raw steps first, so the DELETE sees the sample column."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.engine.finder import engine_finder
from piccolo.table import Table


class User(Table, tablename="account", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


ID = "2026-12-07T05:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "grading rows: references, source, entered and confirmed by, state"

TABLES = (("SeedGradingRow", "seed_grading_row"), ("SeedlingGradingRow", "seedling_grading_row"))
BASE = {
    "null": False,
    "primary_key": False,
    "unique": False,
    "index": False,
    "index_method": IndexMethod.btree,
    "choices": None,
    "db_column_name": None,
    "secret": False,
}
TEXTS = (("table_ref", 60, ""), ("row_ref", 80, ""), ("source", 300, ""), ("confidence", 12, ""))
PEOPLE = ("entered", "confirmed")


def _user_fk() -> dict:
    return {
        **BASE,
        "references": User,
        "on_delete": OnDelete.set_null,
        "on_update": OnUpdate.cascade,
        "target_column": None,
        "null": True,
    }


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="quality", description=DESCRIPTION)

    async def run():
        engine = engine_finder()
        for _, table in TABLES:
            await engine.run_ddl(f"DELETE FROM {table} WHERE sample")  # noqa: S608 (constant)

    manager.add_raw(run)

    for class_name, table in TABLES:

        def add(name: str, column_class: type, params: dict) -> None:
            manager.add_column(
                table_class_name=class_name,  # noqa: B023  (called inside the loop)
                tablename=table,  # noqa: B023
                column_name=name,
                db_column_name=name,
                column_class_name=column_class.__name__,
                column_class=column_class,
                params=params,
                schema=None,
            )

        for name, length, default in TEXTS:
            add(name, Varchar, {**BASE, "length": length, "default": default})
        add("state", Varchar, {**BASE, "length": 12, "default": "draft"})
        for who in PEOPLE:
            add(f"{who}_by", ForeignKey, _user_fk())
            add(f"{who}_at", Timestamptz, {**BASE, "null": True, "default": None})
        manager.drop_column(
            table_class_name=class_name,
            tablename=table,
            column_name="sample",
            db_column_name="sample",
            schema=None,
        )
    return manager
