"""Licensing's old application tables go, their rows copied into the shared tables of
``matters`` by the migration just before (2026-12-07T08:50:00); material_item goes too, its
checklist copied into the catalogue on 2026-12-07T06:00:01. Dependent tables first."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-07T08:50:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "drop the old application tables and the material checklist"

DROPPED = (
    ("Rating", "rating"),
    ("Notice", "notice"),
    ("ApplicationMaterial", "application_material"),
    ("LicenceApplication", "licence_application"),
    ("MaterialItem", "material_item"),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)
    for class_name, tablename in DROPPED:
        manager.drop_table(class_name=class_name, tablename=tablename, schema=None)
    return manager
