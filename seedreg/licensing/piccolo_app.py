import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="licensing",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(["seedreg.licensing.tables"], exclude_imported=True),
    migration_dependencies=[
        "seedreg.accounts.piccolo_app",
        "seedreg.organisations.piccolo_app",
        "seedreg.matters.piccolo_app",  # its checklist moved into the catalogue (2026-12-07)
    ],
    commands=[],
)
