"""The violation catalogue moved to the inspections domain (issue 21: table violation_item,
loaded from fixtures/inspections/violations.csv); reference's old table goes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-07T08:51:32:529216"
VERSION = "1.38.0"
DESCRIPTION = "violation catalogue moved to inspections"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="reference", description=DESCRIPTION)

    manager.drop_table(class_name="Violation", tablename="violation", schema=None)

    return manager
