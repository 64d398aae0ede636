from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    DoublePrecision,
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
from seedreg.inspections.rules import PlanStatus


class ViolationItem(
    Table, help_text="违法行为目录: an item, the articles breached and applied, its fine rule."
):
    id: Serial  # added by Piccolo; declared for the type checker
    code = Varchar(length=12, unique=True)
    directive_group = Varchar(
        length=16, help_text="兴署发〔2021〕6号 五(三) item 1–6, or a wider group"
    )
    name = Varchar(length=120)
    breached_article = Varchar(length=80)
    penalty_article = Varchar(length=80)
    fine_kind = Varchar(length=16, help_text="penalties.FineKind")
    min_yuan = Integer(
        null=True, default=None, help_text="Fixed range, or the one below the threshold."
    )
    max_yuan = Integer(null=True, default=None)
    threshold_yuan = Integer(null=True, default=None)
    multiple_min = Varchar(length=8, default="", help_text="Decimal as text (3, 2.5).")
    multiple_max = Varchar(length=8, default="")
    minimum_yuan = Integer(null=True, default=None)
    unknown_min_yuan = Integer(null=True, default=None, help_text="When the value is unknown.")
    unknown_max_yuan = Integer(null=True, default=None)
    value_basis = Varchar(length=16, default="货值金额")
    condition = Varchar(length=120, default="")
    treated_as = Varchar(
        length=12, default="", help_text="Code whose penalty applies (V3-1 → V2-1)."
    )
    confiscation = JSON(default="[]", help_text="rules.Confiscation values")
    licence_effect = Varchar(length=20, default="none", help_text="rules.LicenceEffect")
    other_measures = Varchar(length=200, default="")
    note = Text(default="")
    edited_at = Timestamptz(null=True, default=None, help_text="Set once the admin edits it.")


class InspectionPlan(Table, help_text="行政执法检查计划: a jurisdiction's plan for one year."):
    id: Serial  # added by Piccolo; declared for the type checker
    year = Integer()
    division_code = Varchar(length=6, index=True)
    title = Varchar(length=120)
    target_kinds = JSON(default="[]", help_text="rules.TargetKind values")
    draws_per_year = Integer(default=1, help_text="How many draws the year has (frequency).")
    random_share_percent = Integer(default=10, help_text="Share of the targets drawn each time.")
    risk_weighted = Boolean(default=False)
    max_visits_per_target = Integer(default=1, help_text="Cap of drawn visits per target a year.")
    note = Text(default="")
    status = Varchar(length=12, choices=PlanStatus, default=PlanStatus.DRAFT)
    created_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    approved_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    approved_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()


class InspectorConflict(Table, help_text="回避: an inspector linked to a target is never drawn."):
    id: Serial  # added by Piccolo; declared for the type checker
    inspector = ForeignKey(User, on_delete=OnDelete.cascade, index=True)
    target_kind = Varchar(length=16)
    target_id = Integer()
    reason = Varchar(length=200)
    declared_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz()


class RandomDraw(Table, help_text="双随机 draw: seed, candidates and result, reproducible."):
    id: Serial  # added by Piccolo; declared for the type checker
    plan = ForeignKey(InspectionPlan, on_delete=OnDelete.restrict, index=True)
    year = Integer()
    division_code = Varchar(length=6, index=True)
    seed = Varchar(length=64)
    requested = Integer(help_text="Targets asked for.")
    candidates = JSON(default="{}", help_text="Targets with weights, inspectors, exclusions.")
    result = JSON(default="{}", help_text="Drawn targets with their pairs, and the unpaired.")
    drawn_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    drawn_at = Timestamptz()


class DrawnVisit(Table, help_text="One drawn target with its inspector pair; published."):
    id: Serial  # added by Piccolo; declared for the type checker
    draw = ForeignKey(RandomDraw, on_delete=OnDelete.cascade, index=True)
    year = Integer(index=True)
    target_kind = Varchar(length=16)
    target_id = Integer(index=True)
    target_name = Varchar(length=120)
    inspectors = JSON(default="[]", help_text="[{id, name, enforcement_id}] × 2, as published")
    result = Varchar(length=200, default="", help_text="Filled when the check closes.")


class FieldCheck(Table, help_text="现场检查: one on-site check, submitted whole by the phone."):
    # The phone keeps the whole check and submits it once; the idempotency key makes a retry
    # or a double tap answer with the same record (issue 22).
    id: Serial  # added by Piccolo; declared for the type checker
    idempotency_key = Varchar(length=36, unique=True, help_text="The phone's UUID per check.")
    public_id = Varchar(length=32, unique=True, help_text="In the documents' QR codes.")
    number = Varchar(length=32, unique=True, help_text="笔录编号, e.g. 兴林检〔2026〕12号")
    division_code = Varchar(length=6, index=True, help_text="The inspected party's banner.")
    origin = Varchar(length=12, help_text="rules_check.Origin")
    drawn_visit = ForeignKey(DrawnVisit, null=True, on_delete=OnDelete.set_null)
    lead_note = Text(default="", help_text="The lead (线索) that opened an unplanned check.")
    target_kind = Varchar(length=16)
    target_id = Integer(index=True)
    target_name = Varchar(length=120, help_text="As it was at the check.")
    representative = Varchar(length=60, help_text="The party's representative present.")
    representative_role = Varchar(length=60, default="")
    place = Varchar(length=200, default="")
    started_at = Timestamptz()
    ended_at = Timestamptz()
    latitude = DoublePrecision(null=True, default=None)
    longitude = DoublePrecision(null=True, default=None)
    accuracy_m = DoublePrecision(null=True, default=None, help_text="The browser's accuracy.")
    inspectors = JSON(default="[]", help_text="[{id, name, enforcement_id}], two or more")
    checklist = JSON(default="[]", help_text="[{code, result, note}] per catalogue item")
    scans = JSON(default="[]", help_text="[{key, field_scan_id, serial, hints}]")
    samples = JSON(default="[]", help_text="抽样: [{number, goods, quantity, seal, note}]")
    seizure = JSON(default="{}", help_text="先行登记保存: {goods: [...], place, reason}")
    photos = JSON(default="[]", help_text="[{key, caption}] declared; rows in CheckPhoto")
    signature = JSON(default="{}", help_text="{photo_key} or {refused, witness, reason}")
    note = Text(default="")
    submitted_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    submitted_at = Timestamptz()


class CheckFinding(Table, help_text="A finding of a check: a catalogue item not complied with."):
    id: Serial  # added by Piccolo; declared for the type checker
    field_check = ForeignKey(FieldCheck, on_delete=OnDelete.cascade, index=True)
    code = Varchar(length=12, help_text="ViolationItem.code")
    source = Varchar(length=12, help_text="checklist / scan / other")
    scan_key = Varchar(length=36, default="", help_text="The FieldScan it came from.")
    text = Text(help_text="What was found, as the inspector wrote it.")
    goods_value = Varchar(length=20, default="", help_text="货值 in yuan as text; '' unknown.")
    position = Integer(default=0)


class CheckPhoto(Table, help_text="Evidence photo (or signature image) of a check."):
    # The original is kept byte for byte with its SHA-256 (行政处罚法 Arts. 46–47); a copy
    # without EXIF (location) is what is ever handed out.
    id: Serial  # added by Piccolo; declared for the type checker
    field_check = ForeignKey(FieldCheck, on_delete=OnDelete.cascade, index=True)
    photo_key = Varchar(length=36, unique=True, help_text="The phone's UUID per photo.")
    kind = Varchar(length=12, default="photo", help_text="photo / signature")
    content_type = Varchar(length=40)
    size = Integer()
    sha256 = Varchar(length=64)
    stored_name = Varchar(length=80, help_text="Original, outside the web root.")
    copy_name = Varchar(length=80, help_text="Copy with EXIF stripped.")
    metadata = JSON(default="{}", help_text="Width, height, EXIF time, had location.")
    uploaded_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    uploaded_at = Timestamptz()


class FollowUp(Table, help_text="复查: the re-inspection of one finding at its 责令改正 deadline."):
    # One per finding, made with the check; the due day is kept as it was set on the notice
    # (a later change of the setting does not move a deadline already served).
    id: Serial  # added by Piccolo; declared for the type checker
    finding = ForeignKey(CheckFinding, on_delete=OnDelete.cascade, unique=True)
    field_check = ForeignKey(FieldCheck, on_delete=OnDelete.cascade, index=True)
    division_code = Varchar(length=6, index=True)
    due_on = Date(help_text="责令改正期限: the day the re-inspection is due.")
    state = Varchar(length=12, default="pending", help_text="followup_rules.FollowUpState")
    note = Text(default="", help_text="What the re-inspection saw (evidence).")
    evidence_ref = Varchar(length=200, default="", help_text="Photo or document reference.")
    recorded_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    recorded_at = Timestamptz(null=True, default=None)


class InspectedCode(Table, help_text="检查码: the inspected business's key to its own checks."):
    # Unguessable (secrets); it opens the history of the check's target only, never another's.
    id: Serial  # added by Piccolo; declared for the type checker
    field_check = ForeignKey(FieldCheck, on_delete=OnDelete.cascade, unique=True)
    code = Varchar(length=24, unique=True)
    created_at = Timestamptz()


class CheckRating(Table, help_text="The inspected business's anonymous rating of one visit."):
    # No name, account or address is stored: the rating is anonymous by design.
    id: Serial  # added by Piccolo; declared for the type checker
    field_check = ForeignKey(FieldCheck, on_delete=OnDelete.cascade, unique=True)
    rating = Varchar(length=12, help_text="followup_rules.Rating")
    comment = Text(default="")
    rated_on = Date()
