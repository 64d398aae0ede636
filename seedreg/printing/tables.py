from piccolo.columns import JSON, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation


class PrintJob(Table, help_text="A background label-printing job, claimed by a worker."):
    id: Serial  # added by Piccolo; declared for the type checker
    public_id = Varchar(length=24, unique=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict)
    lot = ForeignKey(Lot, null=True, on_delete=OnDelete.restrict)
    requested_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    layout = Varchar(length=24, help_text="single_100x70 / single_80x50 / a4_8up …")
    selection = JSON(default="{}", help_text="Which labels: issue id, serial range, …")
    total = Integer(default=0)
    done = Integer(default=0)
    status = Varchar(length=12, default="queued", index=True, help_text="queued … failed")
    error = Text(default="")
    output_name = Varchar(length=80, default="")
    output_size = Integer(default=0)
    worker = Varchar(length=40, default="")
    created_at = Timestamptz()
    started_at = Timestamptz(null=True, default=None)
    heartbeat_at = Timestamptz(null=True, default=None)
    finished_at = Timestamptz(null=True, default=None)
