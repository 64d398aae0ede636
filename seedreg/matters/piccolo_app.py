import os

from piccolo.conf.apps import AppConfig, table_finder

CURRENT_DIRECTORY = os.path.dirname(os.path.abspath(__file__))

APP_CONFIG = AppConfig(
    app_name="matters",
    migrations_folder_path=os.path.join(CURRENT_DIRECTORY, "piccolo_migrations"),
    table_classes=table_finder(["seedreg.matters.tables"], exclude_imported=True),
    # Shared by every matter: applications name an organisation and officers; the domains
    # depend on it (licensing's migrations follow these and move licensing's data in).
    migration_dependencies=["seedreg.accounts.piccolo_app", "seedreg.organisations.piccolo_app"],
    commands=[],
)
