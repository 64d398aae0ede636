"""One consignment record (issue 17): the 植物检疫证书 consignment becomes the record of every
consignment into or out of the league — its direction, carrier, the introduction it draws on,
the 调运检疫报检 it answers, and for one coming in its origin, issuing body, lines and arrival
check (复检). Existing rows stay where they are, ids unchanged: they are outbound consignments
(``direction`` defaults to "out"). A 产地检疫合格证's lots count what was exchanged under them
(``consigned``; filled by the next migration, as Piccolo runs raw steps first)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON, Date, Integer, Text, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T13:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "quarantine: one consignment record (direction, carrier, introduction, arrival)"

BASE = {
    "null": False,
    "primary_key": False,
    "unique": False,
    "index": False,
    "index_method": IndexMethod.btree,
    "choices": None,
    "db_column_name": None,
    "secret": False,
}
CONSIGNMENT = (
    ("direction", Varchar, {"length": 4, "default": "out"}),
    ("carrier", Varchar, {"length": 120, "default": ""}),
    ("introduction_ref", Varchar, {"length": 60, "default": ""}),
    ("request", Integer, {"default": None, "null": True}),
    ("origin_division", Varchar, {"length": 6, "default": ""}),
    ("issuer", Varchar, {"length": 120, "default": ""}),
    ("lines", JSON, {"default": "[]"}),
    ("arrival_result", Varchar, {"length": 8, "default": ""}),
    ("arrival_checked_on", Date, {"default": None, "null": True}),
    ("arrival_note", Text, {"default": ""}),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="quarantine", description=DESCRIPTION)
    for name, column_class, params in CONSIGNMENT:
        manager.add_column(
            table_class_name="QuarantineCertificate",
            tablename="quarantine_certificate",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params={**BASE, **params},
            schema=None,
        )
    manager.add_column(
        table_class_name="SiteQuarantineLot",
        tablename="site_quarantine_lot",
        column_name="consigned",
        db_column_name="consigned",
        column_class_name="Integer",
        column_class=Integer,
        params={**BASE, "default": 0},
        schema=None,
    )
    return manager
