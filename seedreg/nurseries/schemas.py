"""Pydantic models for nursery bases (苗圃基地)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input
from seedreg.core.paging import Page
from seedreg.nurseries.rules import BaseKind, BaseStatus, Duty, Facility

TEXT = r"^[^\x00-\x1f\x7f]*$"


class StockIn(Input):
    species: str = Field(min_length=1, max_length=40, pattern=TEXT, description="树种")
    age_code: str = Field(
        min_length=3, max_length=20, description="苗龄（GB 6000），如 2-1、1(2)-0"
    )
    grade: str = Field(max_length=8, description="Ⅰ级苗 / Ⅱ级苗 / 未分级")
    quantity: int = Field(gt=0, description="数量（株）")


class DutyIn(Input):
    duty: Duty = Field(description="国有林场苗圃的任务（兴署发〔2021〕6号 三(一)）")
    delivered: str = Field(default="", max_length=500, pattern=TEXT, description="完成情况")


class OutlineIn(Input):
    """A GeoJSON Polygon geometry: rings of [longitude, latitude] (WGS-84), the outer first."""

    type: Literal["Polygon"] = Field(description="Polygon")
    coordinates: list[list[list[float]]] = Field(
        min_length=1, max_length=50, description="环：[[经度, 纬度], …]，首尾相同"
    )


class BaseIn(Input):
    name: str = Field(min_length=2, max_length=80, pattern=TEXT, description="苗圃基地名称")
    kind: BaseKind = Field(
        description="state 国有林场苗圃/基地 / collective 集体 / private 民营 / individual 个人"
    )
    organisation_id: int | None = Field(
        default=None, description="经营单位（生产经营者本人登记时不填，取本单位）"
    )
    division_code: str = Field(pattern=r"^\d{6}$", description="所在旗县市代码")
    address: str = Field(min_length=4, max_length=200, pattern=TEXT, description="地址（到村）")
    lat: float = Field(description="纬度（WGS-84，十进制度；须在兴安盟范围内）")
    lon: float = Field(description="经度（WGS-84，十进制度；须在兴安盟范围内）")
    outline: OutlineIn | None = Field(
        default=None, description="地块边界：GeoJSON 多边形（WGS-84，经度在前）"
    )
    outline_kml: str = Field(default="", max_length=2_000_000, description="或：KML 文件的文本")
    area_unit: Literal["mu", "ha"] = Field(default="mu", description="面积单位：mu 亩 / ha 公顷")
    total_area: Decimal = Field(ge=0, description="总面积")
    production_area: Decimal = Field(ge=0, description="生产面积")
    facilities: list[Facility] = Field(default=[], description="设施（许可条件，令第40号）")
    stock: list[StockIn] = Field(
        default=[], max_length=200, description="存苗：树种、苗龄、等级、数量"
    )
    annual_output: int = Field(default=0, ge=0, description="年出圃量（株）")
    duties: list[DutyIn] = Field(
        default=[], max_length=4, description="国有林场苗圃的任务及完成情况"
    )


class StockOut(BaseModel):
    species: str
    age_code: str
    age_text: str
    grade: str
    quantity: int


class DutyOut(BaseModel):
    duty: Duty
    label: str
    delivered: str


class BaseOut(BaseModel):
    id: int
    name: str
    kind: BaseKind
    kind_label: str
    organisation_id: int
    organisation_name: str
    division_code: str
    division_name: str
    address: str
    lat: float
    lon: float
    outline: dict[str, Any] | None
    outline_area_mu: Decimal | None = Field(description="按地块边界计算的面积（亩）")
    total_area_mu: Decimal
    production_area_mu: Decimal
    total_area_text: str
    production_area_text: str
    outline_area_text: str
    area_gap_percent: Decimal | None = Field(description="边界面积与填报总面积相差（%）")
    area_flagged: bool
    area_tolerance_percent: int = Field(description="允许相差（本地设定）")
    facilities: list[Facility]
    facility_labels: list[str]
    stock: list[StockOut]
    stock_total: int
    annual_output: int
    duties: list[DutyOut]
    status: BaseStatus
    status_label: str
    confirmed_at: datetime | None
    updated_at: datetime


class BasePage(Page[BaseOut]):
    """One page of bases, by banner and name."""


class BaseChoice(BaseModel):
    """A base a lot may name: the organisation's own."""

    id: int
    name: str
    division_code: str


class TargetRowOut(BaseModel):
    code: str
    name: str
    count: int
    standing: str
    standing_label: str


class TargetOut(BaseModel):
    scope: str
    scope_label: str
    minimum: int
    maximum: int
    rows: list[TargetRowOut]
