from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON, Integer, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T22:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Issue 25: the record of each printed period report (its public verification)."


def _params(**given: Any) -> dict[str, Any]:
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **given,
    }


COLUMNS: list[tuple[str, type, dict[str, Any]]] = [
    ("public_id", Varchar, _params(default="", length=32, unique=True)),
    ("period", Varchar, _params(default="", length=7)),
    ("division_code", Varchar, _params(default="", length=6)),
    ("authority", Varchar, _params(default="", length=120)),
    ("printed_at", Timestamptz, _params(default=TimestamptzNow())),
    ("printed_by", Integer, _params(default=None, null=True)),
    ("figures", JSON, _params(default="{}")),
    ("digest", Varchar, _params(default="", length=64)),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="reports", description=DESCRIPTION)
    manager.add_table(class_name="ReportPrint", tablename="report_print", schema=None, columns=None)
    for name, column_class, params in COLUMNS:
        manager.add_column(
            table_class_name="ReportPrint",
            tablename="report_print",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
