from piccolo.columns import Boolean, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User


class Notification(Table, help_text="A message shown in the app to one user."):
    id: Serial  # added by Piccolo; declared for the type checker
    user = ForeignKey(User, on_delete=OnDelete.cascade)
    title = Varchar(length=120)
    body = Text(default="")
    link = Varchar(length=200, default="")
    created_at = Timestamptz(index=True)
    read_at = Timestamptz(null=True, default=None)


class OutboxEmail(Table, help_text="E-mail waiting to be sent; any process may drain it."):
    id: Serial  # added by Piccolo; declared for the type checker
    to_address = Varchar(length=120)
    subject = Varchar(length=200)
    body = Text()
    created_at = Timestamptz()
    sent_at = Timestamptz(null=True, default=None, index=True)
    attempts = Integer(default=0)
    last_error = Varchar(length=300, default="")
    claimed_until = Timestamptz(null=True, default=None)


class OutboxSms(Table, help_text="SMS waiting for the gateway; any process may drain it."):
    id: Serial  # added by Piccolo; declared for the type checker
    phone = Varchar(length=20, index=True)
    body = Text()
    sensitive = Boolean(default=False, help_text="Holds a code: the text is dropped once sent.")
    created_at = Timestamptz()
    sent_at = Timestamptz(null=True, default=None, index=True)
    failed_at = Timestamptz(null=True, default=None, help_text="The gateway refused it for good.")
    attempts = Integer(default=0)
    last_error = Varchar(length=300, default="")
    claimed_until = Timestamptz(null=True, default=None)
    message_id = Varchar(length=64, default="", help_text="The gateway's id of the message.")
