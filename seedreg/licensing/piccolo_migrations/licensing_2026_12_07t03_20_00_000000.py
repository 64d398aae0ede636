"""Licences keep every term (a renewal adds one; the number stays) and, when 吊销, the
行政处罚决定书's number and date (种子法 Arts. 74–76). The next migration fills the first term."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON, Date, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T03:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "licence terms and penalty decision"

PLAIN = {
    "primary_key": False,
    "unique": False,
    "index": False,
    "index_method": IndexMethod.btree,
    "choices": None,
    "db_column_name": None,
    "secret": False,
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)

    for name, column_class, params in (
        ("penalty_decision_number", Varchar, {"length": 60, "default": "", "null": False}),
        ("penalty_decided_on", Date, {"default": None, "null": True}),
        ("terms", JSON, {"default": "[]", "null": False}),
    ):
        manager.add_column(
            table_class_name="Licence",
            tablename="licence",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params={**params, **PLAIN},
            schema=None,
        )

    return manager
