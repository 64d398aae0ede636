from piccolo.columns import JSON, Boolean, ForeignKey, Integer, Text, Timestamptz, Varchar
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
