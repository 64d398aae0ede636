"""Labels the 种苗站 confirmed as copied: their public check says so."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-27T12:04:34:898712"
VERSION = "1.38.0"
DESCRIPTION = "label copied"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="labels", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Label",
        tablename="label",
        column_name="copied",
        db_column_name="copied",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": False,
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
