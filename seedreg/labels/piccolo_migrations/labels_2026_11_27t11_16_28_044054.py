"""Label scans: the lot copied onto each scan; the indexes on label and scanned_at dropped
(every scan wrote them, nothing read them) — see the next migration for (lot, scanned_at)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Integer
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-27T11:16:28:044054"
VERSION = "1.38.0"
DESCRIPTION = "scan lot, fewer scan indexes"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="labels", description=DESCRIPTION)

    manager.add_column(
        table_class_name="LabelScan",
        tablename="label_scan",
        column_name="lot",
        db_column_name="lot",
        column_class_name="Integer",
        column_class=Integer,
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

    manager.alter_column(
        table_class_name="LabelScan",
        tablename="label_scan",
        column_name="label",
        db_column_name="label",
        params={"index": False},
        old_params={"index": True},
        column_class=ForeignKey,
        old_column_class=ForeignKey,
        schema=None,
    )

    manager.alter_column(
        table_class_name="LabelScan",
        tablename="label_scan",
        column_name="scanned_at",
        db_column_name="scanned_at",
        params={"index": False},
        old_params={"index": True},
        column_class=Timestamptz,
        old_column_class=Timestamptz,
        schema=None,
    )

    return manager
