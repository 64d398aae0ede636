"""Lots: the 品种权号 of a protected variety (Seed Law Art. 40 ¶3), printed on its labels.
Existing lots get "" (no protected variety recorded)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T03:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "variety right number"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lots", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Lot",
        tablename="lot",
        column_name="variety_right_number",
        db_column_name="variety_right_number",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 30,
            "default": "",
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
