from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.licensing.rules import ApplicationKind, LicenceStatus, Status
from seedreg.matters.tables import Application
from seedreg.organisations.tables import Organisation


class MaterialItem(Table, help_text="办事指南 checklist entry; each needs a legal basis."):
    id: Serial  # added by Piccolo; declared for the type checker
    code = Varchar(length=32, unique=True)
    name = Varchar(length=120)
    legal_basis = Varchar(length=200)
    kinds = Varchar(length=64, help_text="Comma-separated application kinds it applies to.")
    form = Varchar(length=32, default="复印件", help_text="原件 / 复印件 / 电子")
    copies = Integer(default=1)
    electronic = Boolean(default=True, help_text="An electronic copy is required.")
    required = Boolean(default=True)
    note = Varchar(length=200, default="", help_text="Sample, spec or issuing body.")
    sort_order = Integer(default=0)
    active = Boolean(default=True)


class Licence(
    Table, help_text="林木种子生产经营许可证. The number never changes and is never reused."
):
    id: Serial  # added by Piccolo; declared for the type checker
    number = Varchar(length=14, unique=True)
    public_id = Varchar(length=24, unique=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict)
    holder_name = Varchar(length=120, index=True)
    legal_representative = Varchar(length=60)
    registered_address = Varchar(length=200)
    production_sites = JSON(default="[]")
    scope = JSON(default="[]", help_text="seed / seedling")
    varieties = JSON(default="[]", help_text="良种 by variety with 审定/认定 number")
    species = JSON(default="[]", help_text="Species names covered.")
    valid_area = JSON(default="[]", help_text="Division codes.")
    valid_from = Date()
    valid_to = Date(index=True)
    issued_on = Date()
    issuing_division = Varchar(length=6, index=True)
    issuing_authority = Varchar(length=60)
    division_code = Varchar(length=6, index=True, help_text="Holder's banner/county.")
    status = Varchar(length=16, choices=LicenceStatus, default=LicenceStatus.VALID, index=True)
    status_reason = Text(default="")
    status_changed_on = Date(null=True, default=None)
    penalty_decision_number = Varchar(
        length=60, default="", help_text="吊销: the 行政处罚决定书's number (种子法 Arts. 74–76)."
    )
    penalty_decided_on = Date(null=True, default=None, help_text="吊销: the decision's date.")
    terms = JSON(
        default="[]",
        help_text="Every term, oldest first (kind, valid_from, valid_to, issued_on); the last "
        "is the current one. A renewal adds a term; the number stays.",
    )
    recorded_only = Boolean(default=False, help_text="Issued by the region; recorded here.")
    version = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class LicenceApplication(Table, help_text="An application for 核发/延续/变更/注销."):
    id: Serial  # added by Piccolo; declared for the type checker
    reference = Varchar(length=20, unique=True, help_text="申请编号")
    kind = Varchar(length=16, choices=ApplicationKind)
    status = Varchar(length=24, choices=Status, default=Status.DRAFT, index=True)
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict)
    division_code = Varchar(length=6, index=True, help_text="Handling bureau's division.")
    licence = ForeignKey(Licence, null=True, on_delete=OnDelete.restrict)
    filed_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    at_counter = Boolean(default=False, help_text="Filed by an officer on the applicant's behalf.")
    details = JSON(default="{}")
    submitted_at = Timestamptz(null=True, default=None)
    received_on = Date(null=True, default=None, help_text="Starts the acceptance clock.")
    supplement_items = JSON(null=True, default=None, help_text="The one-time notice's items.")
    supplement_deadline = Date(null=True, default=None)
    accepted_on = Date(null=True, default=None)
    acceptance_deemed = Boolean(default=False)
    pending_items = JSON(null=True, default=None, help_text="容缺受理: items still to come.")
    pending_due = Date(
        null=True,
        default=None,
        help_text="容缺受理: the deferred items are due (兴署发〔2021〕5号 Art. 16(三)); "
        "cleared once every one has arrived.",
    )
    statutory_due = Date(null=True, default=None)
    due_on = Date(null=True, default=None, index=True, help_text="Next deadline, for the inbox.")
    promised_due = Date(null=True, default=None)
    extended = Boolean(default=False)
    pauses = JSON(default="[]")
    site_check = JSON(null=True, default=None)
    decided_on = Date(null=True, default=None)
    reasons = Text(default="", help_text="Refusal / non-acceptance / extension reasons.")
    competent_authority = Varchar(length=120, default="")
    renewal_deemed = Boolean(default=False)
    forwarded_on = Date(
        null=True, default=None, help_text="审核 done: review file sent to the region (核发)."
    )
    review_opinion = Text(default="", help_text="审核意见 forwarded with the review file.")
    issuing_due = Date(null=True, default=None, help_text="核发 deadline (令第40号 Art. 12).")
    issuing_extended = Boolean(default=False, help_text="The region extended its 10 days.")
    created_at = Timestamptz()
    updated_at = Timestamptz(index=True)


class ApplicationMaterial(Table, help_text="An uploaded material, stored outside the web root."):
    id: Serial  # added by Piccolo; declared for the type checker
    application = ForeignKey(LicenceApplication, on_delete=OnDelete.cascade)
    item_code = Varchar(length=32)
    original_name = Varchar(length=200)
    stored_name = Varchar(length=80, unique=True)
    content_type = Varchar(length=64)
    size = Integer()
    sha256 = Varchar(length=64)
    uploaded_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    uploaded_at = Timestamptz()


class Notice(Table, help_text="A written notice or decision issued on an application."):
    id: Serial  # added by Piccolo; declared for the type checker
    application = ForeignKey(LicenceApplication, on_delete=OnDelete.cascade)
    kind = Varchar(length=32, help_text="acceptance, supplement, rejection, grant, refusal, …")
    number = Varchar(length=40, unique=True)
    public_id = Varchar(length=24, unique=True)
    issued_on = Date()
    content = JSON(default="{}")
    issued_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz()


class Rating(Table, help_text="好差评: one per application after the service."):
    id: Serial  # added by Piccolo; declared for the type checker
    application = ForeignKey(LicenceApplication, on_delete=OnDelete.cascade, unique=True)
    score = Integer(help_text="1 非常不满意 … 5 非常满意; 1–2 are 差评")
    comment = Text(default="")
    rated_at = Timestamptz()
    follow_up_due = Date(null=True, default=None)
    follow_up_answer = Text(default="")
    answered_at = Timestamptz(null=True, default=None)
    answered_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)


class ExpiryReminder(Table, help_text="Expiry reminders already sent (90/60/30 days)."):
    id: Serial  # added by Piccolo; declared for the type checker
    licence = ForeignKey(Licence, on_delete=OnDelete.cascade)
    lead_days = Integer()
    sent_on = Date()
    dedup_key = Varchar(
        length=40,
        unique=True,
        help_text="licence:term's last day:lead days. One reminder per term and lead, however "
        "many workers run the daily job at once (a renewal keeps the licence, not the term).",
    )


class ApplicationLicence(
    Table,
    help_text="Licensing's own facts of a licensing application (matters.Application): the "
    "licence it produced or concerns, and whether its renewal was deemed granted.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    application = ForeignKey(Application, on_delete=OnDelete.cascade, unique=True)
    licence = ForeignKey(Licence, null=True, default=None, on_delete=OnDelete.restrict)
    renewal_deemed = Boolean(default=False, help_text="行政许可法 Art. 50 ¶2: deemed renewed.")
