"""A label issue's number of labels is ``label_count``: a column ``count`` hid Piccolo's
Table.count() on the class (issue 11)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-07T06:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "label issue count renamed label_count"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="labels", description=DESCRIPTION)

    manager.rename_column(
        table_class_name="LabelIssue",
        tablename="label_issue",
        old_column_name="count",
        new_column_name="label_count",
        old_db_column_name="count",
        new_db_column_name="label_count",
        schema=None,
    )

    return manager
