from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input

Category = Literal["主要造林树种", "乡土树种", "经济林树种"]


class SpeciesIn(Input):
    name_zh: str = Field(min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f<>]*$")
    category: Category
    latin_name: str = Field(default="", max_length=120, pattern=r"^[^\x00-\x1f\x7f<>]*$")
    latin_confirmed: bool = Field(
        default=False, description="学名已核实（只有核实的学名才印在标签上）"
    )
    note: str = Field(default="", max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")
    recommended: bool = True
    sort_order: int = Field(default=0, ge=0, le=10_000)


class DivisionOut(BaseModel):
    code: str
    name: str
    level: str
    parent_code: str | None


TEXT = r"^[^\x00-\x1f\x7f<>]*$"


class AuthorityIn(Input):
    """What the admin edits of an authority (机关)."""

    name: str = Field(min_length=2, max_length=60, pattern=TEXT)
    address: str = Field(default="", max_length=120, pattern=TEXT)
    phone: str = Field(default="", max_length=60, pattern=TEXT)
    doc_abbreviation: str = Field(
        min_length=1,
        max_length=12,
        pattern=r"^[\u4e00-\u9fff]+$",
        description="机关代字（汉字），发文字号为 代字〔年份〕序号号（GB/T 9704）",
    )


class AuthorityOut(BaseModel):
    id: int
    kind: str
    kind_label: str
    division_code: str
    name: str
    address: str
    phone: str
    doc_abbreviation: str


class SpeciesOut(BaseModel):
    id: int
    name_zh: str
    category: str
    latin_name: str
    latin_confidence: str
    latin_confirmed: bool = Field(description="学名已核实：标签只印已核实的拉丁学名")
    note: str
    recommended: bool
