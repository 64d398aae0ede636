"""Lots: a lot names its 苗圃基地 from the register (issue 18). The free-text nursery_base stays:
lots whose text matches no registered base keep it, shown as "未关联登记的苗圃基地"."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-07T09:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "lot names its nursery base"


class NurseryBase(Table, tablename="nursery_base", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lots", description=DESCRIPTION)
    manager.add_column(
        table_class_name="Lot",
        tablename="lot",
        column_name="base",
        db_column_name="base",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": NurseryBase,
            "on_delete": OnDelete.restrict,
            "on_update": OnUpdate.cascade,
            "target_column": None,
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
