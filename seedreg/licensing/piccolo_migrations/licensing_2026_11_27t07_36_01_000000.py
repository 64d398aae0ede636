"""Piccolo's record of ``ExpiryReminder.dedup_key`` (unique): the previous migration made the
column and its unique index with raw SQL, so this one is faked (snapshot only, runs nothing)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-27T07:36:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "expiry reminder key (snapshot)"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="licensing", description=DESCRIPTION, fake=True
    )

    manager.add_column(
        table_class_name="ExpiryReminder",
        tablename="expiry_reminder",
        column_name="dedup_key",
        db_column_name="dedup_key",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 40,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": True,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
