"""容缺受理 keeps its deadline on the application (兴署发〔2021〕5号 Art. 16(三)): before, it was only
in the acceptance notice's text. Earlier conditional acceptances are left without one (their
notices still state the day they set)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Date
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T03:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "容缺受理 deadline (pending_due)"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)

    manager.add_column(
        table_class_name="LicenceApplication",
        tablename="licence_application",
        column_name="pending_due",
        db_column_name="pending_due",
        column_class_name="Date",
        column_class=Date,
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
