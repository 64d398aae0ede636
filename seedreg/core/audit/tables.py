from piccolo.columns import JSON, Integer, Timestamptz, Varchar
from piccolo.columns.column_types import Serial
from piccolo.table import Table


class AuditEvent(
    Table, help_text="One state change. Append-only; each row hashes its predecessor."
):
    id: Serial  # added by Piccolo; declared for the type checker
    seq = Integer(unique=True, help_text="Position in the chain, from 1.")
    occurred_at = Timestamptz()
    actor_id = Integer(null=True, default=None)
    actor_label = Varchar(length=120, default="")
    action = Varchar(length=80, index=True, help_text="subject:verb, e.g. organisation:create")
    subject_type = Varchar(length=48)
    subject_id = Varchar(length=64)
    before = JSON(null=True, default=None)
    after = JSON(null=True, default=None)
    prev_hash = Varchar(length=64)
    hash = Varchar(length=64, unique=True)


class AuditHead(Table, help_text="Single row: the chain's last position and hash (a lock point)."):
    id: Serial  # added by Piccolo; declared for the type checker
    seq = Integer(default=0)
    hash = Varchar(length=64, default="")
