"""Pydantic models of introductions: the routing answer, the application's details (引种申请),
the decisions and the approval's outward shape."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input
from seedreg.introductions.routing_rules import LeagueStep, RouteKind
from seedreg.introductions.scope_rules import Unit

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
DIVISION = r"^\d{6}$"


class RouteOut(BaseModel):
    kind: RouteKind
    kind_label: str
    origin_name: str
    needs_application: bool
    refused: bool
    decided_by: str
    league_step: LeagueStep | None
    league_step_label: str
    forwarded_to: str
    explanation: str
    basis: str


class ApplicantKind(StrEnum):
    ORGANISATION = "organisation"
    PERSON = "person"

    @property
    def label(self) -> str:
        return {"organisation": "单位", "person": "个人"}[self.value]


class Purpose(StrEnum):
    PRODUCTION = "production"  # 生产繁殖
    AFFORESTATION = "afforestation"  # 造林使用

    @property
    def label(self) -> str:
        return {"production": "生产繁殖", "afforestation": "造林使用"}[self.value]


class Site(Input):
    """A planting or production site in the league: banner (旗县市 code), place, optional point."""

    division_code: str = Field(pattern=DIVISION, description="旗县市代码")
    place: str = Field(
        min_length=2, max_length=120, pattern=TEXT, description="地点（苏木乡镇、村）"
    )
    longitude: float | None = Field(default=None, ge=119.0, le=124.0, description="经度")
    latitude: float | None = Field(default=None, ge=44.0, le=48.0, description="纬度")


class IntroductionDetails(Input):
    """What an applicant states (issue 16): the stock, where it comes from, how much, for what,
    where it goes, when, and how it is quarantined."""

    applicant_kind: ApplicantKind = Field(description="申请人类别")
    species: str = Field(min_length=1, max_length=40, pattern=TEXT, description="树种")
    variety: str = Field(min_length=1, max_length=60, pattern=TEXT, description="品种")
    improved: bool = Field(default=False, description="是否林木良种")
    variety_number: str = Field(
        default="", max_length=40, pattern=TEXT, description="良种审定（认定）编号"
    )
    origin_country: str = Field(
        default="CN", pattern=r"^[A-Z]{2}$", description="来源国家（两位字母代码）"
    )
    origin_code: str = Field(
        default="", max_length=6, pattern=r"^\d{0,6}$", description="来源地代码"
    )
    supplier: str = Field(min_length=2, max_length=120, pattern=TEXT, description="供种单位")
    supplier_licence: str = Field(
        min_length=4, max_length=40, pattern=TEXT, description="供种单位许可证编号"
    )
    quantity: Decimal = Field(max_digits=14, decimal_places=3, description="引种数量")
    unit: Unit = Field(description="计量单位")
    purpose: Purpose = Field(description="用途")
    sites: list[Site] = Field(min_length=1, max_length=20, description="种植（生产）地点")
    valid_from: date = Field(description="引种期限起")
    valid_to: date = Field(description="引种期限止")
    quarantine: str = Field(min_length=4, max_length=500, pattern=TEXT, description="检疫安排")
    native: bool | None = Field(default=None, description="该品种是否在本地自然生长")
    trial_evidence: str = Field(
        default="", max_length=200, pattern=TEXT, description="引种试验证明"
    )
    filing_number: str = Field(
        default="", max_length=60, pattern=TEXT, description="外省良种在自治区的备案编号"
    )
    requirement_number: str = Field(
        default="", max_length=60, pattern=TEXT, description="调入省检疫要求书编号"
    )


class IntroductionCreate(Input):
    details: IntroductionDetails
    organisation_id: int | None = Field(default=None, description="窗口代办时的申请人")


class RecordIn(Input):
    """予以备案 (the league's step set to 备案): what the officer tells with the record; the
    scope recorded is what was filed."""

    conditions: str = Field(default="", max_length=1000, pattern=TEXT, description="备案说明")


class GrantIn(Input):
    """准予引种: the conditions the approval carries (its scope is what was applied for)."""

    conditions: str = Field(default="", max_length=1000, pattern=TEXT, description="附加条件")


class RefuseIn(Input):
    reasons: str = Field(min_length=4, max_length=2000, pattern=TEXT, description="不予批准的理由")


class ForwardIn(Input):
    opinion: str = Field(min_length=4, max_length=2000, pattern=TEXT, description="初审意见")


class RegionDecisionIn(Input):
    """The region's decision on a forwarded application, as the officer records it."""

    outcome: Literal["granted", "refused"] = Field(description="自治区决定")
    number: str = Field(min_length=2, max_length=60, pattern=TEXT, description="自治区决定文号")
    decided_on: date = Field(description="自治区决定日期")
    reasons: str = Field(default="", max_length=2000, pattern=TEXT, description="不予批准的理由")
    conditions: str = Field(default="", max_length=1000, pattern=TEXT, description="附加条件")
    scan_material_id: int | None = Field(
        default=None, description="自治区决定书扫描件（已上传材料）"
    )


class DrawIn(Input):
    """A lot or an inbound consignment drawn against an approval."""

    quantity: Decimal = Field(max_digits=14, decimal_places=3, description="数量")
    unit: Unit
    site_code: str = Field(pattern=DIVISION, description="地点代码")
    variety: str = Field(min_length=1, max_length=60, pattern=TEXT)
    origin_code: str = Field(pattern=DIVISION)
    supplier: str = Field(default="", max_length=120, pattern=TEXT)
    source: Literal["lot", "consignment"] = "consignment"
    reference: str = Field(default="", max_length=60, pattern=TEXT, description="批次号或调运单号")


class CheckOut(BaseModel):
    key: str
    title: str
    outcome: str
    outcome_label: str
    message: str
    source: str


class NoticeOut(BaseModel):
    id: int
    kind: str
    kind_label: str
    number: str
    issued_on: date
    public_id: str
    pdf_url: str | None = None


class ApprovalOut(BaseModel):
    id: int
    number: str
    decided_by: str
    decided_on: date
    species: str
    variety: str
    origin_code: str
    supplier: str
    unit: Unit
    max_quantity: Decimal
    remaining: Decimal
    valid_from: date
    valid_to: date
    site_codes: list[str]
    conditions: str


class IntroductionOut(BaseModel):
    id: int
    reference: str
    route: str
    route_label: str
    league_step: str | None = Field(description="盟林草局办理方式（申请时确定）：consent 或 filing")
    league_step_label: str
    status: str
    status_label: str
    organisation_id: int
    organisation_name: str
    details: dict[str, object]
    submitted_at: datetime | None
    received_on: date | None
    supplement_items: list[str] | None
    supplement_deadline: date | None
    accepted_on: date | None
    decided_on: date | None
    reasons: str
    review_opinion: str
    site_check: dict[str, object] | None  # the shared review's (matters.review)
    paused: bool
    statutory_due: date | None
    extended: bool
    allowed_actions: list[str]
    notices: list[NoticeOut]
    approval: ApprovalOut | None
    warnings: list[str]


class DrawOut(BaseModel):
    approval_id: int
    quantity: Decimal
    unit: Unit
    remaining: Decimal


def stated(raw: dict[str, object]) -> IntroductionDetails:
    """The applicant's details from a stored application (which also keeps the region's
    decision beside them)."""
    return IntroductionDetails.model_validate(
        {k: v for k, v in raw.items() if k in IntroductionDetails.model_fields}
    )
