"""Pydantic models of the production-and-trade archive (生产经营档案)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from seedreg.archive.rules import DocumentKind, EntryKind
from seedreg.core.inputs import Input

TEXT = r"^[^\x00-\x1f\x7f]*$"


def _text(label: str, limit: int = 200) -> Any:
    return Field(default="", max_length=limit, pattern=TEXT, description=label)


class EntryIn(Input):
    lot_id: int = Field(description="批次")
    kind: EntryKind = Field(
        description="production 生产记录 / stock_in 入库 / stock_out 出库 / sale 销售"
    )
    occurred_on: date = Field(description="日期")
    quantity: str = Field(
        default="", max_length=20, description="数量：苗木按株，种子按千克（生产记录可不填）"
    )
    responsible: str = Field(min_length=1, max_length=40, pattern=TEXT, description="责任人")
    activity: str = _text("生产作业（整地、播种、移植、施肥、灌溉、除草、病虫害防治等）")
    seed_source: str = _text("种子来源")
    site: str = _text("生产地点（苗圃基地或地块）")
    inputs: str = _text("投入品（肥料、农药等及用量）")
    counterparty: str = _text("购买方（销售）或供货方（入库）", 120)
    buyer_contact: str = _text("购买方联系方式", 60)
    destination: str = _text("销售去向（目的地）", 120)
    certificate_number: str = _text("调运的植物检疫证书编号（如有）", 40)
    note: str = _text("备注", 500)
    serials: str = Field(
        default="",
        max_length=20_000,
        description="销售的标签：批次内序号范围（如 1-50）或标签序列号，用逗号或换行分隔",
    )


class CorrectionIn(Input):
    reason: str = Field(min_length=2, max_length=200, pattern=TEXT, description="更正原因")
    occurred_on: date | None = Field(default=None, description="日期")
    quantity: str | None = Field(default=None, max_length=20, description="数量")
    responsible: str | None = Field(default=None, max_length=40, pattern=TEXT)
    activity: str | None = Field(default=None, max_length=200, pattern=TEXT)
    seed_source: str | None = Field(default=None, max_length=200, pattern=TEXT)
    site: str | None = Field(default=None, max_length=200, pattern=TEXT)
    inputs: str | None = Field(default=None, max_length=200, pattern=TEXT)
    counterparty: str | None = Field(default=None, max_length=120, pattern=TEXT)
    buyer_contact: str | None = Field(default=None, max_length=60, pattern=TEXT)
    destination: str | None = Field(default=None, max_length=120, pattern=TEXT)
    certificate_number: str | None = Field(default=None, max_length=40, pattern=TEXT)
    note: str | None = Field(default=None, max_length=500, pattern=TEXT)


class ChangeOut(BaseModel):
    field: str
    label: str
    old: str
    new: str


class CorrectionOut(BaseModel):
    id: int
    reason: str
    corrected_at: datetime
    changes: list[ChangeOut]


class DocumentOut(BaseModel):
    id: int
    kind: DocumentKind
    kind_label: str
    original_name: str
    size: int
    entry_id: int | None
    lot_id: int
    uploaded_at: datetime


class EntryOut(BaseModel):
    id: int
    organisation_id: int
    lot_id: int
    lot_number: str
    species: str
    kind: EntryKind
    kind_label: str
    occurred_on: date
    quantity: int
    quantity_text: str
    responsible: str
    details: dict[str, str]
    original: dict[str, str] = Field(description="As first recorded (shown struck through)")
    buyer_hidden: bool = Field(description="购买方信息仅执法和主管人员可见")
    serial_spec: str
    serial_count: int
    corrections: list[CorrectionOut]
    documents: list[DocumentOut]
    kept_until: date


class GapOut(BaseModel):
    code: str
    text: str


class CertificateLink(BaseModel):
    kind: str = Field(description="quality 质量检验合格证 / quarantine 检疫证书")
    text: str
    url: str


class LotGapsOut(BaseModel):
    lot_id: int
    lot_number: str
    species: str
    year: int
    complete: bool
    gaps: list[GapOut]
    certificates: list[CertificateLink]


class ArchiveOut(BaseModel):
    organisation_id: int
    organisation_name: str
    year: int
    retention_years: int
    entries: list[EntryOut]
    lots: list[LotGapsOut]


class TraceOut(BaseModel):
    serial: str
    found: bool
    entry_id: int | None = None
    seller: str = ""
    lot_number: str = ""
    sold_on: date | None = None
    quantity_text: str = ""
    counterparty: str = ""
    destination: str = ""
    buyer_hidden: bool = False
