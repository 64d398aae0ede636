"""The signing 检疫员's qualification number as printed on each certificate (issue 14 item 11);
certificates issued before keep an empty one."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T05:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "signer's qualification number"

COLUMNS = (
    ("SiteQuarantineCertificate", "site_quarantine_certificate", "inspector_qualification", 40),
    ("QuarantineCertificate", "quarantine_certificate", "inspector_qualification", 40),
)


def _params(length):
    return {
        "length": length,
        "default": "",
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
    }


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="quarantine", description=DESCRIPTION)
    for class_name, tablename, name, length in COLUMNS:
        manager.add_column(
            table_class_name=class_name,
            tablename=tablename,
            column_name=name,
            db_column_name=name,
            column_class_name="Varchar",
            column_class=Varchar,
            params=_params(length),
            schema=None,
        )
    return manager
