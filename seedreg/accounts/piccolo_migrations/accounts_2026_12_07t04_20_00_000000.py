"""Online sign-ups (issue 13 items 1 and 2): the form's facts until the codes are entered,
then the account, or a claim on an organisation already registered."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-07T04:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "sign-ups"


class Organisation(Table, tablename="organisation", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


class User(Table, tablename="account", schema=None):
    id = Serial(null=False, primary_key=True, db_column_name="id")


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


def _fk(table):
    return _params(
        references=table,
        on_delete=OnDelete.set_null,
        on_update=OnUpdate.cascade,
        target_column=None,
        null=True,
    )


def _text(length, **extra):
    return _params(length=length, default="", **extra)


def _when(**extra):
    return _params(default=TimestamptzNow(), **extra)


COLUMNS = (
    ("token", Varchar, _text(40, unique=True)),
    ("status", Varchar, _text(12, index=True)),
    ("kind", Varchar, _text(16)),
    ("identifier", Varchar, _text(18, index=True)),
    ("uscc_override_reason", Varchar, _text(200)),
    ("name", Varchar, _text(120)),
    ("legal_representative", Varchar, _text(60)),
    ("division_code", Varchar, _text(6)),
    ("address", Varchar, _text(200)),
    ("display_name", Varchar, _text(60)),
    ("phone", Varchar, _text(20)),
    ("email", Varchar, _text(120)),
    ("username", Varchar, _text(40)),
    ("password_hash", Varchar, _text(255, secret=True)),
    ("consent_version", Varchar, _text(20)),
    ("consent_at", Timestamptz, _when()),
    ("client", Varchar, _text(64, index=True)),
    ("created_at", Timestamptz, _when(index=True)),
    ("confirmed_at", Timestamptz, _params(default=None, null=True)),
    ("completed_key", Varchar, _params(length=40, default=None, null=True, unique=True)),
    ("organisation", ForeignKey, _fk(Organisation)),
    ("user", ForeignKey, _fk(User)),
    ("decided_at", Timestamptz, _params(default=None, null=True)),
    ("decided_by", Varchar, _text(80)),
    ("decision_reason", Varchar, _text(200)),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)
    manager.add_table(class_name="SignUp", tablename="sign_up", schema=None, columns=None)
    for name, cls, params in COLUMNS:
        manager.add_column(
            table_class_name="SignUp",
            tablename="sign_up",
            column_name=name,
            db_column_name=name,
            column_class_name=cls.__name__,
            column_class=cls,
            params=params,
            schema=None,
        )
    return manager
