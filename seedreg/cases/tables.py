from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.cases.rules import Stage
from seedreg.inspections.tables import CheckFinding


class Case(
    Table,
    tablename="legal_case",  # CASE is an SQL keyword
    help_text="行政处罚案件: opened from a finding, decided within 90 days.",
):
    # What the party and the act were is copied at 立案: the decision states them as they stood.
    id: Serial  # added by Piccolo; declared for the type checker
    public_id = Varchar(length=32, unique=True, help_text="In the documents' QR codes.")
    number = Varchar(length=40, unique=True, help_text="立案编号, e.g. 兴林罚立〔2026〕3号")
    division_code = Varchar(length=6, index=True, help_text="The party's banner.")
    finding = ForeignKey(CheckFinding, on_delete=OnDelete.restrict, index=True)
    check_id = Integer(help_text="The FieldCheck of the finding.")
    check_number = Varchar(length=32)
    code = Varchar(length=12, help_text="ViolationItem.code")
    item_name = Varchar(length=120)
    breached_article = Varchar(length=80)
    penalty_article = Varchar(length=80)
    facts = Text(help_text="The facts found, as the inspector words them.")
    goods_value = Varchar(length=20, default="", help_text="货值 in yuan as text; '' unknown.")
    party_id = Integer(help_text="Organisation id.")
    party_kind = Varchar(length=16, help_text="organisations OrganisationKind")
    party_name = Varchar(length=120)
    party_id_number = Varchar(length=18, default="", help_text="USCC or 身份证号")
    party_representative = Varchar(length=60, default="")
    party_address = Varchar(length=200, default="")
    act_on = Date(help_text="The day the act occurred, or ended where it continued.")
    found_on = Date(help_text="The day of the check that found it.")
    serious = Boolean(default=False, help_text="Life/health safety with harm: 5-year limit.")
    stage = Varchar(length=16, choices=Stage, default=Stage.OPENED, index=True)
    opened_on = Date()
    opened_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    investigation = Text(default="", help_text="调查终结: the evidence relied on.")
    extension_days = Integer(default=0)
    extension_reason = Varchar(length=500, default="")
    paused_days = Integer(default=0, help_text="Days of finished pauses.")
    pause_kind = Varchar(length=16, default="")
    pause_started_on = Date(null=True, default=None)
    notified_on = Date(null=True, default=None)
    notice_amount = Integer(null=True, default=None)
    notice_confiscation = Varchar(length=500, default="")
    notice_revoke_licence = Integer(null=True, default=None, help_text="Licence id to revoke.")
    notice_revoke_number = Varchar(length=20, default="")
    hearing_right = Boolean(default=False)
    hearing_requested = Boolean(default=False)
    defence = Text(default="", help_text="陈述、申辩, or that the party waived it.")
    review_required = Boolean(default=False)
    review_opinion = Text(default="")
    reviewed_on = Date(null=True, default=None)
    decision_number = Varchar(length=40, default="", index=True)
    decided_on = Date(null=True, default=None)
    amount = Integer(null=True, default=None)
    confiscation = Varchar(length=500, default="")
    revoked_licence = Integer(null=True, default=None)
    revoked_licence_number = Varchar(length=20, default="")
    served_on = Date(null=True, default=None)
    served_how = Varchar(length=200, default="")
    closed_on = Date(null=True, default=None)
    close_note = Varchar(length=500, default="")
    created_at = Timestamptz()
    updated_at = Timestamptz()
