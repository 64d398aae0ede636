"""The matter catalogue (事项目录): each matter and its 办事指南 materials. Licensing's migration
of the same day copies its material checklist into it."""

from enum import Enum

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import JSON, Boolean, Integer, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T06:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "matter catalogue"


def _params(**extra):
    return {
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **extra,
    }


MATTER = (
    ("code", Varchar, _params(length=32, default="", unique=True)),
    ("name", Varchar, _params(length=120, default="")),
    ("legal_basis", Varchar, _params(length=300, default="")),
    ("applicants", JSON, _params(default="[]")),
    ("sub_items", JSON, _params(default="[]")),
    ("deciding_level", Varchar, _params(length=200, default="")),
    ("statutory_days", Integer, _params(default=None, null=True)),
    ("extension_days", Integer, _params(default=None, null=True)),
    ("promised_days", Integer, _params(default=None, null=True)),
    ("promised_setting", Varchar, _params(length=64, default="")),
    ("forwarding", Boolean, _params(default=False)),
    (
        "league_step",
        Varchar,
        _params(
            length=16,
            default="",
            choices=Enum("LeagueStep", {"APPROVAL": "approval", "FILING": "filing"}),
        ),
    ),
    ("result_documents", JSON, _params(default="[]")),
    ("active", Boolean, _params(default=True)),
    ("updated_at", Timestamptz, _params(default=TimestamptzNow())),
)
MATERIAL = (
    ("key", Varchar, _params(length=70, default="", unique=True)),
    ("matter", Varchar, _params(length=32, default="", index=True)),
    ("code", Varchar, _params(length=32, default="")),
    ("name", Varchar, _params(length=120, default="")),
    ("legal_basis", Varchar, _params(length=200, default="")),
    ("kinds", Varchar, _params(length=120, default="")),
    ("form", Varchar, _params(length=32, default="复印件")),
    ("copies", Integer, _params(default=1)),
    ("electronic", Boolean, _params(default=True)),
    ("required", Boolean, _params(default=True)),
    ("note", Varchar, _params(length=200, default="")),
    ("sort_order", Integer, _params(default=0)),
    ("active", Boolean, _params(default=True)),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="matters", description=DESCRIPTION)
    for class_name, tablename, columns in (
        ("Matter", "matter", MATTER),
        ("MatterMaterial", "matter_material", MATERIAL),
    ):
        manager.add_table(class_name=class_name, tablename=tablename, schema=None, columns=None)
        for name, cls, params in columns:
            manager.add_column(
                table_class_name=class_name,
                tablename=tablename,
                column_name=name,
                db_column_name=name,
                column_class_name=cls.__name__,
                column_class=cls,
                params=params,
                schema=None,
            )
    return manager
