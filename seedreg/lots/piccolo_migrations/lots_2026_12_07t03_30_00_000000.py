"""Lots: where a lot comes from (Seed Law Arts. 38–39): own production, bought in, bought in
and repacked, or sold in the supplier's unopened packages, with the supplier's name, licence
number, lot number and label serials. Existing lots are own production (the default)."""

from enum import Enum

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T03:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "lot source"

SourceKind = Enum(
    "SourceKind",
    {"OWN": "own", "BOUGHT_IN": "bought_in", "REPACKED": "repacked", "PACKAGED": "packaged"},
)


def _params(**changes):
    return {
        "default": "",
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **changes,
    }


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lots", description=DESCRIPTION)
    manager.add_column(
        table_class_name="Lot",
        tablename="lot",
        column_name="source_kind",
        db_column_name="source_kind",
        column_class_name="Varchar",
        column_class=Varchar,
        params=_params(length=12, default="own", choices=SourceKind),
        schema=None,
    )
    for name, length in (
        ("supplier_name", 120),
        ("supplier_licence_number", 20),
        ("supplier_lot_number", 40),
    ):
        manager.add_column(
            table_class_name="Lot",
            tablename="lot",
            column_name=name,
            db_column_name=name,
            column_class_name="Varchar",
            column_class=Varchar,
            params=_params(length=length),
            schema=None,
        )
    manager.add_column(
        table_class_name="Lot",
        tablename="lot",
        column_name="supplier_label_serials",
        db_column_name="supplier_label_serials",
        column_class_name="Text",
        column_class=Text,
        params=_params(),
        schema=None,
    )
    return manager
