from piccolo.columns import ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.leads.rules import LeadKind, LeadState


class InspectionLead(Table, help_text="线索: a suspected violation waiting for the inspectors."):
    # The source key makes arrival idempotent: the daily gathering and a source's push may
    # both offer the same record; one lead is kept.
    id: Serial  # added by Piccolo; declared for the type checker
    kind = Varchar(length=16, choices=LeadKind)
    source_key = Varchar(length=80, unique=True, help_text="e.g. complaint:12, archive:3:2026")
    source_url = Varchar(length=200, default="", help_text="The source record's page.")
    division_code = Varchar(length=6, index=True, help_text="The banner whose inspectors see it.")
    title = Varchar(length=120)
    detail = Text(default="")
    target_kind = Varchar(length=16, default="", help_text="'' when the lead names no party.")
    target_id = Integer(null=True, default=None)
    target_name = Varchar(length=120, default="")
    received_at = Timestamptz()
    state = Varchar(length=12, choices=LeadState, default=LeadState.NEW)
    reason = Text(default="", help_text="Why not investigated (不予立查).")
    handled_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    handled_at = Timestamptz(null=True, default=None)
