"""实名核验 (issue 13): how an organisation was registered and when an official confirmed its
identity against the business licence or ID (the next migration fills them for those on file)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T04:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "identity verification"


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
    ("registered_via", Varchar, _params(length=8, default="counter")),
    ("identity_verified_at", Timestamptz, _params(default=None, null=True)),
    ("identity_verified_by", Varchar, _params(length=80, default="")),
    ("identity_note", Varchar, _params(length=200, default="")),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="organisations", description=DESCRIPTION)
    for name, cls, params in COLUMNS:
        manager.add_column(
            table_class_name="Organisation",
            tablename="organisation",
            column_name=name,
            db_column_name=name,
            column_class_name=cls.__name__,
            column_class=cls,
            params=params,
            schema=None,
        )
    return manager
