"""Inputs and outputs of the inspections domain (the same models for pages and the API)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input
from seedreg.inspections.penalties import FineKind
from seedreg.inspections.rules import Confiscation, LicenceEffect, PlanStatus, TargetKind

YUAN = Field(default=None, ge=0, le=10_000_000_000)


class ViolationItemIn(Input):
    """The admin's edit of one catalogue item."""

    name: str = Field(min_length=2, max_length=120)
    breached_article: str = Field(min_length=2, max_length=80)
    penalty_article: str = Field(min_length=2, max_length=80)
    fine_kind: FineKind
    min_yuan: int | None = YUAN
    max_yuan: int | None = YUAN
    threshold_yuan: int | None = YUAN
    multiple_min: Decimal | None = Field(default=None, ge=0, le=1000, max_digits=6)
    multiple_max: Decimal | None = Field(default=None, ge=0, le=1000, max_digits=6)
    minimum_yuan: int | None = YUAN
    unknown_min_yuan: int | None = YUAN
    unknown_max_yuan: int | None = YUAN
    value_basis: str = Field(default="货值金额", min_length=2, max_length=16)
    condition: str = Field(default="", max_length=120)
    confiscation: list[Confiscation] = Field(default_factory=list, max_length=5)
    licence_effect: LicenceEffect = LicenceEffect.NONE
    other_measures: str = Field(default="", max_length=200)
    note: str = Field(default="", max_length=2000)


class PenaltyRangeOut(BaseModel):
    code: str
    goods_value: Decimal | None
    min_yuan: int | None = Field(description="罚款下限（元）；法律未给出数额时为空")
    max_yuan: int | None
    words: str = Field(description="罚款规则原文要点及条款")
    applied: str = Field(description="本次适用的部分")
    article: str


class ViolationItemOut(BaseModel):
    code: str
    directive_group: str
    group_label: str
    name: str
    breached_article: str
    penalty_article: str
    fine_kind: FineKind
    fine_words: str = Field(description="罚款规则（文字）")
    min_yuan: int | None
    max_yuan: int | None
    threshold_yuan: int | None
    multiple_min: str
    multiple_max: str
    minimum_yuan: int | None
    unknown_min_yuan: int | None
    unknown_max_yuan: int | None
    value_basis: str
    condition: str
    treated_as: str
    confiscation: list[Confiscation]
    confiscation_labels: list[str]
    licence_effect: LicenceEffect
    licence_effect_label: str
    other_measures: str
    note: str
    edited_at: datetime | None


class PlanIn(Input):
    year: int = Field(ge=2020, le=2100)
    division_code: str = Field(pattern=r"^\d{6}$")
    title: str = Field(min_length=2, max_length=120)
    target_kinds: list[TargetKind] = Field(min_length=1, max_length=5)
    draws_per_year: int = Field(default=1, ge=1, le=12, description="每年抽取次数（频次）")
    random_share_percent: int = Field(ge=1, le=100, description="每次随机抽取的比例（%）")
    risk_weighted: bool = False
    max_visits_per_target: int = Field(
        default=1, ge=1, le=12, description="每个对象每年最多被抽中次数"
    )
    note: str = Field(default="", max_length=2000)


class PlanOut(BaseModel):
    id: int
    year: int
    division_code: str
    division_name: str
    title: str
    target_kinds: list[TargetKind]
    target_kind_labels: list[str]
    draws_per_year: int
    random_share_percent: int
    risk_weighted: bool
    max_visits_per_target: int
    note: str
    status: PlanStatus
    status_label: str
    approved_at: datetime | None
    created_at: datetime


class ConflictIn(Input):
    inspector_id: int = Field(ge=1, le=2**31 - 1)
    target_kind: TargetKind = TargetKind.ORGANISATION
    target_id: int = Field(ge=1, le=2**31 - 1)
    reason: str = Field(min_length=2, max_length=200)


class ConflictOut(BaseModel):
    id: int
    inspector_id: int
    inspector_name: str
    target_kind: TargetKind
    target_id: int
    target_name: str
    reason: str
    created_at: datetime


class DrawIn(Input):
    seed: str = Field(
        default="",
        max_length=64,
        pattern=r"^[0-9A-Za-z\-]*$",
        description="随机种子；留空由系统生成。同一种子和候选名单得出同一结果",
    )


class PublicInspector(BaseModel):
    name: str
    enforcement_id: str


class DrawnVisitOut(BaseModel):
    target_kind: TargetKind
    target_name: str
    inspectors: list[PublicInspector]
    result: str = Field(description="检查结果；检查结束前为“检查中”")


class DrawOut(BaseModel):
    id: int
    plan_id: int
    plan_title: str
    year: int
    division_code: str
    division_name: str
    seed: str
    requested: int
    drawn_at: datetime
    visits: list[DrawnVisitOut]
    unpaired: list[str] = Field(description="抽中但因回避无法配齐两名执法人员的对象")


class DrawDetailOut(DrawOut):
    candidates: dict = Field(description="抽取时的候选名单、权重与回避关系（可据种子复算）")
    result_json: dict
