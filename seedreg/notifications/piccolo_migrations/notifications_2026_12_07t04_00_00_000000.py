"""The SMS outbox (issue 13 item 3), drained like the e-mail outbox."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "sms outbox"


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


COLUMNS = (
    ("phone", Varchar, _params(length=20, default="", index=True)),
    ("body", Text, _params(default="")),
    ("sensitive", Boolean, _params(default=False)),
    ("created_at", Timestamptz, _params(default=TimestamptzNow())),
    ("sent_at", Timestamptz, _params(default=None, null=True, index=True)),
    ("failed_at", Timestamptz, _params(default=None, null=True)),
    ("attempts", Integer, _params(default=0)),
    ("last_error", Varchar, _params(length=300, default="")),
    ("claimed_until", Timestamptz, _params(default=None, null=True)),
    ("message_id", Varchar, _params(length=64, default="")),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="notifications", description=DESCRIPTION)
    manager.add_table(class_name="OutboxSms", tablename="outbox_sms", schema=None, columns=None)
    for name, cls, params in COLUMNS:
        manager.add_column(
            table_class_name="OutboxSms",
            tablename="outbox_sms",
            column_name=name,
            db_column_name=name,
            column_class_name=cls.__name__,
            column_class=cls,
            params=params,
            schema=None,
        )
    return manager
