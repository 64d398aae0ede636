"""A third kind of matter beside approval and filing: "service" (公共服务) for the requests of
the 两证一签 chain (issue 17). Only the column's choices change (no schema change in the database:
Piccolo keeps choices in the code); recorded so that the next auto-migration sees the current
state. The catalogue re-load sets the three request matters to "service"."""

from enum import Enum

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar

ID = "2026-12-07T16:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "matter kind: service (公共服务) beside approval and filing"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="matters", description=DESCRIPTION)

    manager.alter_column(
        table_class_name="Matter",
        tablename="matter",
        column_name="league_step",
        db_column_name="league_step",
        params={
            "choices": Enum(
                "LeagueStep", {"APPROVAL": "approval", "FILING": "filing", "SERVICE": "service"}
            )
        },
        old_params={"choices": Enum("LeagueStep", {"APPROVAL": "approval", "FILING": "filing"})},
        column_class=Varchar,
        old_column_class=Varchar,
        schema=None,
    )

    return manager
