"""One-time codes (issue 13: sign-up and password reset) and when an account's phone and
e-mail were confirmed (the next migration fills them for accounts already on file)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "one-time codes, confirmed contacts"


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


CODE_COLUMNS = (
    ("purpose", Varchar, _params(length=16, default="")),
    ("channel", Varchar, _params(length=8, default="")),
    ("destination", Varchar, _params(length=120, default="", index=True)),
    ("reference", Varchar, _params(length=40, default="")),
    ("code_hash", Varchar, _params(length=64, default="", secret=True)),
    ("client", Varchar, _params(length=64, default="", index=True)),
    ("created_at", Timestamptz, _params(default=TimestamptzNow(), index=True)),
    ("expires_at", Timestamptz, _params(default=TimestamptzNow())),
    ("attempts", Integer, _params(default=0)),
    ("used_at", Timestamptz, _params(default=None, null=True)),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)
    manager.add_table(
        class_name="OneTimeCode", tablename="one_time_code", schema=None, columns=None
    )
    for name, cls, params in CODE_COLUMNS:
        manager.add_column(
            table_class_name="OneTimeCode",
            tablename="one_time_code",
            column_name=name,
            db_column_name=name,
            column_class_name=cls.__name__,
            column_class=cls,
            params=params,
            schema=None,
        )
    for name in ("phone_confirmed_at", "email_confirmed_at"):
        manager.add_column(
            table_class_name="User",
            tablename="account",
            column_name=name,
            db_column_name=name,
            column_class_name="Timestamptz",
            column_class=Timestamptz,
            params=_params(default=None, null=True),
            schema=None,
        )
    return manager
