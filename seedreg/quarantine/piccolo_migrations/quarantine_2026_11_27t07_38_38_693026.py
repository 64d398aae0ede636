from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-27T07:38:38:693026"
VERSION = "1.38.0"
DESCRIPTION = "The issuing quarantine station's jurisdiction on both certificates"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="quarantine", description=DESCRIPTION)

    manager.add_column(
        table_class_name="QuarantineCertificate",
        tablename="quarantine_certificate",
        column_name="issuing_division",
        db_column_name="issuing_division",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 6,
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

    manager.add_column(
        table_class_name="SiteQuarantineCertificate",
        tablename="site_quarantine_certificate",
        column_name="issuing_division",
        db_column_name="issuing_division",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 6,
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
