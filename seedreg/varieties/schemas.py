"""Pydantic models of the 良种 register: what the admin types, what the API returns."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field, field_validator

from seedreg.core.inputs import Input
from seedreg.reference import rules as divisions
from seedreg.varieties.rules import Kind, VarietyStatus

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


class VarietyIn(Input):
    """A 良种 as its 审定/认定 announcement states it."""

    kind: Kind = Field(description="approval = 审定；recognition = 认定")
    number: str = Field(min_length=3, max_length=40, pattern=TEXT, description="审定/认定编号")
    species_name: str = Field(min_length=1, max_length=40, pattern=TEXT, description="树种")
    variety_name: str = Field(min_length=1, max_length=80, pattern=TEXT, description="品种名称")
    latin_name: str = Field(default="", max_length=120, pattern=TEXT, description="学名")
    breeder: str = Field(default="", max_length=200, pattern=TEXT, description="选育人（单位）")
    body_code: str = Field(
        min_length=6, max_length=6, description="审定（认定）机关：000000 国家，或省级区划代码"
    )
    year: int = Field(ge=1950, le=2199, description="审定（认定）年份")
    zone_codes: list[str] = Field(
        min_length=1, max_length=60, description="适宜种植区域的行政区划代码（6位）"
    )
    zone_text: str = Field(default="", max_length=500, pattern=TEXT, description="适宜种植区域")
    valid_until: date | None = Field(
        default=None, description="认定有效期至；留空按本地设定推定（审定良种留空）"
    )
    note: str = Field(default="", max_length=200, pattern=TEXT, description="备注")

    @field_validator("zone_codes", mode="before")
    @classmethod
    def _codes(cls, value: Any) -> Any:
        """A form or a sheet types the codes as one text ("150000，152200")."""
        if isinstance(value, str):
            return divisions.parse_codes(value)
        return value

    @field_validator("zone_codes")
    @classmethod
    def _six_digits(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if not divisions.is_code(c)]
        if bad:
            raise ValueError(f"“{bad[0]}”不是6位行政区划代码")
        return list(dict.fromkeys(value))


class StopIn(Input):
    """A stop order (停止推广, 种子法第二十一条; promoting after it: 第七十七条第一款第三项)."""

    stopped_on: date = Field(description="停止推广日期")
    document: str = Field(min_length=2, max_length=80, pattern=TEXT, description="文件文号")
    reason: str = Field(min_length=2, max_length=500, pattern=TEXT, description="停止推广理由")


class VarietyFilters(BaseModel):
    species: str = ""
    status: VarietyStatus | None = None


class VarietyOut(BaseModel):
    id: int
    kind: Kind
    kind_label: str
    number: str
    species_name: str
    species_id: int | None
    variety_name: str
    latin_name: str
    breeder: str
    body_code: str
    body_name: str
    year: int
    zone_codes: list[str]
    zone_text: str
    valid_until: date | None
    valid_until_assumed: bool
    stopped_on: date | None
    stop_document: str
    stop_reason: str
    status: VarietyStatus
    status_label: str
    number_warnings: list[str]
    note: str
