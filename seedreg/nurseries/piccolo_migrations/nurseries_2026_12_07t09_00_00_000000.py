"""Nurseries: the register of nursery bases (苗圃基地), 兴署发〔2021〕6号 四 and 三(一)."""

from enum import Enum

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import (
    JSON,
    DoublePrecision,
    ForeignKey,
    Integer,
    Serial,
    Timestamptz,
    Varchar,
)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-07T09:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "nursery base register"


class Organisation(Table, tablename="organisation", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


class User(Table, tablename="account", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


BaseKind = Enum(
    "BaseKind",
    {
        "STATE": "state",
        "COLLECTIVE": "collective",
        "PRIVATE": "private",
        "INDIVIDUAL": "individual",
    },
)
BaseStatus = Enum("BaseStatus", {"PENDING": "pending", "CONFIRMED": "confirmed"})


def _params(**changes):
    return {
        "default": "",
        "null": False,
        "primary_key": False,
        "unique": False,
        "index": False,
        "index_method": IndexMethod.btree,
        "choices": None,
        "db_column_name": None,
        "secret": False,
        **changes,
    }


def _fk(references, *, null, on_delete):
    return _params(
        references=references,
        on_delete=on_delete,
        on_update=OnUpdate.cascade,
        target_column=None,
        default=None,
        null=null,
    )


COLUMNS = [
    ("name", Varchar, _params(length=80)),
    ("kind", Varchar, _params(length=12, choices=BaseKind)),
    ("organisation", ForeignKey, _fk(Organisation, null=True, on_delete=OnDelete.restrict)),
    ("division_code", Varchar, _params(length=6, index=True)),
    ("address", Varchar, _params(length=200)),
    ("lat", DoublePrecision, _params(default=0.0)),
    ("lon", DoublePrecision, _params(default=0.0)),
    ("outline", JSON, _params(default="{}")),
    ("outline_area_cmu", Integer, _params(default=0)),
    ("total_area_cmu", Integer, _params(default=0)),
    ("production_area_cmu", Integer, _params(default=0)),
    ("facilities", JSON, _params(default="[]")),
    ("stock", JSON, _params(default="[]")),
    ("annual_output", Integer, _params(default=0)),
    ("duties", JSON, _params(default="[]")),
    ("status", Varchar, _params(length=12, default="pending", index=True, choices=BaseStatus)),
    ("confirmed_by", ForeignKey, _fk(User, null=True, on_delete=OnDelete.set_null)),
    ("confirmed_at", Timestamptz, _params(default=None, null=True)),
    ("created_by", ForeignKey, _fk(User, null=True, on_delete=OnDelete.set_null)),
    ("created_at", Timestamptz, _params(default=TimestamptzNow())),
    ("updated_at", Timestamptz, _params(default=TimestamptzNow())),
]


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="nurseries", description=DESCRIPTION)
    manager.add_table(class_name="NurseryBase", tablename="nursery_base", schema=None, columns=None)
    for name, column_class, params in COLUMNS:
        manager.add_column(
            table_class_name="NurseryBase",
            tablename="nursery_base",
            column_name=name,
            db_column_name=name,
            column_class_name=column_class.__name__,
            column_class=column_class,
            params=params,
            schema=None,
        )
    return manager
