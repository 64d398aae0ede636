from piccolo.columns import JSON, Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.matters.rules import LeagueStep
from seedreg.organisations.tables import Organisation


class Matter(
    Table,
    help_text="事项目录: one administrative matter and what its 办事指南 says. Fields the law "
    "fixes come from fixtures/matters; the admin edits promised_days and active only.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    code = Varchar(length=32, unique=True, help_text="Also the key of its transitions table.")
    name = Varchar(length=120)
    legal_basis = Varchar(length=300, help_text="设定依据, shown on the guide; never empty.")
    applicants = JSON(default="[]", help_text="Who may apply: [{code, name}].")
    sub_items = JSON(default="[]", help_text="子项 [{code, name}]; materials name them in kinds.")
    deciding_level = Varchar(length=200, help_text="实施主体: which level decides.")
    statutory_days = Integer(
        null=True, default=None, help_text="法定办结时限 in working days; None: no law sets one."
    )
    extension_days = Integer(null=True, default=None, help_text="One extension allowed by law.")
    promised_days = Integer(null=True, default=None, help_text="承诺办结时限 (admin-edited).")
    promised_setting = Varchar(
        length=64,
        default="",
        help_text="A local setting that holds the promised days instead (licensing keeps "
        "licensing.promised_decision_workdays until its clocks move here).",
    )
    forwarding = Boolean(default=False, help_text="Forwarded to the region, which decides.")
    league_step = Varchar(
        length=16, choices=LeagueStep, help_text="approval, filing (备案) or service (公共服务)."
    )
    result_documents = JSON(default="[]", help_text="办理结果: the documents issued.")
    active = Boolean(default=True)
    updated_at = Timestamptz()
    code_alone = Boolean(
        default=False, help_text="凭统一社会信用代码即可办理 (兴署发〔2021〕5号 Art. 20)."
    )


class MatterMaterial(
    Table,
    help_text="A matter's 办事指南 material; each needs a legal basis (兴署发〔2021〕5号 Art. 10).",
):
    id: Serial  # added by Piccolo; declared for the type checker
    key = Varchar(length=70, unique=True, help_text="matter:code")
    matter = Varchar(length=32, index=True, help_text="The matter's code.")
    code = Varchar(length=32)
    name = Varchar(length=120)
    legal_basis = Varchar(length=200)
    kinds = Varchar(length=120, help_text="Comma-separated sub-items it applies to.")
    form = Varchar(length=32, default="复印件", help_text="原件 / 复印件 / 电子")
    copies = Integer(default=1)
    electronic = Boolean(default=True, help_text="An electronic copy is required.")
    required = Boolean(default=True)
    note = Varchar(length=200, default="", help_text="Sample, spec or issuing body.")
    sort_order = Integer(default=0)
    active = Boolean(default=True)
    held_by = Varchar(
        length=120,
        default="",
        help_text="Comma-separated kinds of record the system holds that can stand for it "
        "(held_rules.RecordKind; 兴署发〔2021〕5号 Art. 10(四)).",
    )
    table_form = Boolean(
        default=False, help_text="表格类材料: a blank form and a sample (Art. 10(二))."
    )


class Application(
    Table,
    tablename="matter_application",
    help_text="An application for any matter: its state, clocks, pauses, forwarding and the "
    "matter's own facts in details.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    reference = Varchar(length=20, unique=True, help_text="申请编号")
    matter = Varchar(length=32, index=True, help_text="The matter's code (catalogue).")
    sub_item = Varchar(length=16, help_text="子项, e.g. licensing's 核发/延续/变更/注销.")
    status = Varchar(length=24, default="draft", index=True, help_text="A state of its flow.")
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict)
    division_code = Varchar(length=6, index=True, help_text="Handling bureau's division.")
    filed_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    at_counter = Boolean(default=False, help_text="Filed by an officer on the applicant's behalf.")
    assigned_to = ForeignKey(
        User, null=True, default=None, on_delete=OnDelete.set_null, help_text="One officer."
    )
    details = JSON(default="{}", help_text="The matter's own facts, validated by its schema.")
    submitted_at = Timestamptz(null=True, default=None)
    received_on = Date(null=True, default=None, help_text="Starts the acceptance clock.")
    supplement_items = JSON(null=True, default=None, help_text="The one-time notice's items.")
    supplement_deadline = Date(null=True, default=None)
    accepted_on = Date(null=True, default=None)
    acceptance_deemed = Boolean(default=False)
    pending_items = JSON(null=True, default=None, help_text="容缺受理: items still to come.")
    pending_due = Date(
        null=True, default=None, help_text="容缺受理: the deferred items are due (Art. 16(三))."
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
    forwarded_on = Date(null=True, default=None, help_text="Review file sent to the region.")
    review_opinion = Text(default="", help_text="审核意见 forwarded with the review file.")
    issuing_due = Date(null=True, default=None, help_text="The region's deadline.")
    issuing_extended = Boolean(default=False, help_text="The region extended its days.")
    region_decision = JSON(
        null=True,
        default=None,
        help_text="The region's decision as recorded: number, decided_on, outcome, reasons, scan.",
    )
    created_at = Timestamptz()
    updated_at = Timestamptz(index=True)


class ApplicationMaterial(
    Table,
    tablename="matter_application_material",
    help_text="An uploaded material, stored outside the web root.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    application = ForeignKey(Application, on_delete=OnDelete.cascade)
    item_code = Varchar(length=32)
    original_name = Varchar(length=200)
    stored_name = Varchar(length=80, unique=True)
    content_type = Varchar(length=64)
    size = Integer()
    sha256 = Varchar(length=64)
    uploaded_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    uploaded_at = Timestamptz()
    source = Varchar(length=8, default="upload", help_text="upload, or held: 系统调取.")
    held_kind = Varchar(length=24, default="", help_text="The record's kind (held only).")
    held_ref = Varchar(length=64, default="", help_text="The record's id in its package.")
    held_link = Varchar(length=200, default="", help_text="Where the officer sees the record.")


class Notice(
    Table,
    tablename="matter_notice",
    help_text="A written notice or decision issued on an application; printed QR codes point "
    "at its public_id.",
):
    id: Serial  # added by Piccolo; declared for the type checker
    application = ForeignKey(Application, on_delete=OnDelete.cascade)
    kind = Varchar(length=32, help_text="acceptance, supplement, rejection, grant, refusal, …")
    number = Varchar(length=40, unique=True)
    public_id = Varchar(length=24, unique=True)
    issued_on = Date()
    content = JSON(default="{}")
    issued_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz()


class Rating(
    Table, tablename="matter_rating", help_text="好差评: one per application after the service."
):
    id: Serial  # added by Piccolo; declared for the type checker
    application = ForeignKey(Application, on_delete=OnDelete.cascade, unique=True)
    score = Integer(help_text="1 非常不满意 … 5 非常满意; 1–2 are 差评")
    comment = Text(default="")
    rated_at = Timestamptz()
    follow_up_due = Date(null=True, default=None)
    follow_up_answer = Text(default="")
    answered_at = Timestamptz(null=True, default=None)
    answered_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
