"""Species: whether the league has confirmed the Latin name (labels print only confirmed
ones; several rows of the directive's list are low confidence, facts §10)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T03:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "species latin confirmed"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="reference", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Species",
        tablename="species",
        column_name="latin_confirmed",
        db_column_name="latin_confirmed",
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
