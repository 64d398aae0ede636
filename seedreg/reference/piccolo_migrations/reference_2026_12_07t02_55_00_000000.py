"""Authorities (机关) as reference data: names, addresses, phones and 机关代字 the admin edits."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T02:55:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "authority"


def _params(**extra):
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **extra,
    }


COLUMNS = (
    ("key", Varchar, _params(length=32, default="", unique=True)),
    ("kind", Varchar, _params(length=24, default="")),
    ("division_code", Varchar, _params(length=6, default="")),
    ("name", Varchar, _params(length=60, default="")),
    ("address", Varchar, _params(length=120, default="")),
    ("phone", Varchar, _params(length=60, default="")),
    ("doc_abbreviation", Varchar, _params(length=12, default="")),
    ("updated_at", Timestamptz, _params(default=TimestamptzNow())),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="reference", description=DESCRIPTION)
    manager.add_table(class_name="Authority", tablename="authority", schema=None, columns=None)
    for name, cls, params in COLUMNS:
        manager.add_column(
            table_class_name="Authority",
            tablename="authority",
            column_name=name,
            db_column_name=name,
            column_class_name=cls.__name__,
            column_class=cls,
            params=params,
            schema=None,
        )
    return manager
