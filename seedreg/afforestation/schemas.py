"""Pydantic models of afforestation projects and their deliveries."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from seedreg.afforestation.rules import Check, CheckOutcome
from seedreg.core.inputs import Input

TEXT = r"^[^\x00-\x1f\x7f]*$"


class ProjectIn(Input):
    name: str = Field(min_length=2, max_length=100, pattern=TEXT, description="项目名称")
    year: int = Field(ge=2000, le=2100, description="年度")
    organisation_id: int = Field(description="建设单位（在生产经营者登记中）")
    division_code: str = Field(pattern=r"^\d{6}$", description="所在旗县市代码")
    state_funded: bool = Field(
        default=True, description="国家投资或者国家投资为主（种子法第四十四条）"
    )
    sites: str = Field(default="", max_length=500, description="造林地点")
    species: list[str] = Field(min_length=1, max_length=20, description="计划树种")
    improved_percent: int = Field(ge=0, le=100, description="计划良种使用比例（%）")


class DeliveryIn(Input):
    serials: str = Field(
        min_length=1,
        max_length=5000,
        description="标签序列号，扫码或手工输入，多个用换行或逗号分隔",
    )
    delivered_on: date = Field(description="到货日期")


class CheckOut(BaseModel):
    key: Check
    label: str
    state: CheckOutcome
    state_label: str
    text: str


class DeliveryOut(BaseModel):
    id: int
    serial: str
    lot_number: str
    species: str
    improved: bool
    quantity_text: str
    delivered_on: date
    passed: bool
    checks: list[CheckOut]
    recorded_at: datetime


class ShareOut(BaseModel):
    improved: int
    total: int
    percent: str
    required_percent: int
    short: bool


class LeadOut(BaseModel):
    id: int
    project_id: int
    organisation_id: int
    organisation_name: str
    violation_code: str
    title: str
    detail: str
    raised_at: datetime


class ProjectOut(BaseModel):
    id: int
    name: str
    year: int
    organisation_id: int
    organisation_name: str
    division_code: str
    state_funded: bool
    sites: str
    species: list[str]
    improved_percent: int
    share: ShareOut
    deliveries: list[DeliveryOut]
    leads: list[LeadOut]
