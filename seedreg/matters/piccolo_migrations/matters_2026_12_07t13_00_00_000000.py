"""The region's decision on a forwarded application, as the officer recorded it from its paper
(number, date, outcome, reasons, scan): one nullable JSON column; existing rows stay empty."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T13:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "the region's recorded decision on a forwarded application"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="matters", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Application",
        tablename="matter_application",
        column_name="region_decision",
        db_column_name="region_decision",
        column_class_name="JSON",
        column_class=JSON,
        params={
            "default": None,
            "null": True,
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
