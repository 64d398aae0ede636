"""Pydantic models for lots (批次)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field, field_validator

from seedreg.core.inputs import Input
from seedreg.lots.rules import LotStatus, Material, SourceKind

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


class SiteIn(Input):
    """One of the licence's production sites, as the licence lists it."""

    division_code: str = Field(pattern=r"^\d{6}$")
    township: str = Field(min_length=1, max_length=40, pattern=TEXT)
    village: str = Field(default="", max_length=40, pattern=TEXT)
    detail: str = Field(default="", max_length=120, pattern=TEXT)


class LotCreate(Input):
    licence_id: int = Field(description="覆盖该批次的生产经营许可证")
    material: Material = Field(description="seed 种子（kg）/ seedling 苗木（株）")
    species: str = Field(
        min_length=1, max_length=40, pattern=TEXT, description="树种（名录中的名称）"
    )
    variety: str = Field(default="", max_length=60, pattern=TEXT, description="品种名称")
    improved: bool = Field(default=False, description="林木良种")
    approval_number: str = Field(
        default="", max_length=40, pattern=TEXT, description="良种审定/认定编号"
    )
    variety_right_number: str = Field(
        default="",
        max_length=30,
        pattern=TEXT,
        description="品种权号（授权保护的品种必填，印在标签上；种子法第四十条第三款）",
    )
    origin: str = Field(min_length=2, max_length=120, pattern=TEXT, description="产地")
    introduction_number: str = Field(
        default="",
        max_length=60,
        pattern=TEXT,
        description="引种批准文号：从兴安盟外引进的批次填写；盟内或已批准引种的品种留空",
    )
    production_site: SiteIn | None = Field(
        default=None, description="许可证载明的生产地点之一（自产批次必填）"
    )
    source_kind: SourceKind = Field(
        default=SourceKind.OWN,
        description="来源：own 自产 / bought_in 购进 / repacked 购进分装 / "
        "packaged 不再分装的包装种子（保留原标签，不出具标签）",
    )
    supplier_name: str = Field(default="", max_length=120, pattern=TEXT, description="供应商名称")
    supplier_licence_number: str = Field(
        default="", max_length=20, pattern=TEXT, description="供应商生产经营许可证编号（14位）"
    )
    supplier_lot_number: str = Field(
        default="", max_length=40, pattern=TEXT, description="供应商批次号"
    )
    supplier_label_serials: str = Field(
        default="", max_length=2000, pattern=TEXT, description="供应商标签序列号（可写范围）"
    )
    base_id: int | None = Field(default=None, description="苗圃基地（本单位登记的苗圃基地）")
    nursery_base: str = Field(
        default="",
        max_length=120,
        pattern=TEXT,
        description="苗圃基地名称（未在登记中的；选择了 base_id 时取登记的名称）",
    )
    produced_on: date = Field(description="生产日期")
    quantity: str | int | float = Field(description="数量：种子按 kg，苗木按株")
    suitable_area: str = Field(
        min_length=2, max_length=200, pattern=TEXT, description="适宜种植区域"
    )
    suitable_season: str = Field(
        min_length=1, max_length=60, pattern=TEXT, description="适宜种植季节"
    )
    instructions: str = Field(
        min_length=6,
        max_length=4000,
        description="使用说明（必填；苗木写明栽植季节、立地和管护要点；种子法第四十条）",
    )

    @field_validator("quantity", mode="before")
    @classmethod
    def _not_bool(cls, value: object) -> object:
        if isinstance(value, bool):
            raise ValueError("数量应为数字")
        return value


class UseIn(Input):
    """补填 a lot's 使用说明 and suitable area and season (lots registered before they were
    required; Seed Law Art. 40)."""

    suitable_area: str = Field(
        min_length=2, max_length=200, pattern=TEXT, description="适宜种植区域"
    )
    suitable_season: str = Field(
        min_length=1, max_length=60, pattern=TEXT, description="适宜种植季节"
    )
    instructions: str = Field(min_length=6, max_length=4000, description="使用说明")


class BaseLinkIn(Input):
    """关联 a lot with a base of the register (its typed name is kept in the audit trail)."""

    base_id: int = Field(description="本单位登记的苗圃基地")


class RecallIn(Input):
    reason: str = Field(min_length=4, max_length=180, pattern=TEXT, description="召回理由")


class LotOut(BaseModel):
    id: int
    number: str
    public_id: str
    organisation_id: int
    organisation_name: str
    licence_id: int
    licence_number: str
    division_code: str
    material: Material
    material_label: str
    unit: str
    species: str
    latin_name: str
    variety: str
    improved: bool
    approval_number: str
    variety_right_number: str
    origin: str
    introduction_number: str = Field(default="", description="引种批准文号")
    source_kind: SourceKind
    source_kind_label: str
    supplier_name: str
    supplier_licence_number: str
    supplier_lot_number: str
    supplier_label_serials: str
    production_site: dict
    production_site_text: str
    nursery_base: str
    base_id: int | None = Field(default=None, description="登记的苗圃基地")
    base_name: str = Field(default="", description="登记的苗圃基地名称")
    base_unresolved: bool = Field(
        default=False, description="填写了苗圃基地名称但未关联登记的苗圃基地"
    )
    produced_on: date
    quantity: Decimal = Field(description="总数量（kg 或 株）")
    labelled_quantity: Decimal = Field(description="已出具有效标签的数量")
    remaining_quantity: Decimal = Field(description="剩余可出具标签的数量")
    quantity_text: str
    labelled_text: str
    remaining_text: str
    suitable_area: str
    suitable_season: str
    instructions: str
    status: LotStatus
    status_label: str
    recall_reason: str
    recalled_on: date | None
    warnings: list[str] = Field(default=[], description="提示（不影响登记），如良种编号格式")
    created_at: datetime


class LotPage(BaseModel):
    items: list[LotOut]
    total: int
    page: int
    page_size: int
