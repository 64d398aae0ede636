"""Pydantic models for quarantine certificates (产地检疫合格证, 植物检疫证书)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, field_validator

from seedreg.core.inputs import Input
from seedreg.quarantine.rules import CertificateState, Kind

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
LINE = r"^[^\x00-\x1f\x7f]*$"


class SiteCertificateIn(Input):
    organisation_id: int = Field(description="生产经营者（苗圃）")
    production_site: str = Field(
        min_length=2, max_length=200, pattern=LINE, description="产地（苗圃、地块）"
    )
    inspected_on: date = Field(description="检疫日期")
    findings: str = Field(
        min_length=2, max_length=2000, pattern=TEXT, description="检疫结果，如：未发现检疫对象"
    )
    lot_ids: list[int] = Field(min_length=1, max_length=200, description="本证覆盖的批次")


class ItemIn(Input):
    lot_id: int
    quantity: str | int | float = Field(description="数量：种子按 kg，苗木按株")
    packing: str = Field(default="", max_length=40, pattern=LINE, description="包装")

    @field_validator("quantity", mode="before")
    @classmethod
    def _not_bool(cls, value: object) -> object:
        if isinstance(value, bool):
            raise ValueError("数量应为数字")
        return value


class ConsignmentBase(Input):
    consignee: str = Field(min_length=2, max_length=120, pattern=LINE, description="收货单位(人)")
    consignee_address: str = Field(default="", max_length=200, pattern=LINE, description="地址")
    origin: str = Field(min_length=2, max_length=120, pattern=LINE, description="运输起点（自）")
    destination: str = Field(
        min_length=2, max_length=120, pattern=LINE, description="运输终点（至）"
    )
    destination_division: str = Field(
        pattern=r"^\d{6}$", description="目的地行政区划代码（6位）；非15开头为跨省调运"
    )
    via: str = Field(default="", max_length=120, pattern=LINE, description="经由")
    vehicle: str = Field(
        min_length=2, max_length=60, pattern=LINE, description="运输工具及号牌（一批一证）"
    )
    ships_on: date = Field(description="起运日期")
    requirement_number: str = Field(
        default="", max_length=40, pattern=LINE, description="调入省要求书编号（跨省调运必填）"
    )
    items: list[ItemIn] = Field(min_length=1, max_length=50, description="品名与数量")
    carrier: str = Field(default="", max_length=120, pattern=LINE, description="承运单位(人)")
    introduction_ref: str = Field(
        default="", max_length=60, pattern=LINE, description="所依据的引种审批编号（如有）"
    )


class ConsignmentIn(ConsignmentBase):
    organisation_id: int = Field(description="调运单位(人)")
    findings: str = Field(min_length=2, max_length=2000, pattern=TEXT, description="检疫结果")


class ExchangeIn(ConsignmentBase):
    """A 植物检疫证书 from a valid 产地检疫合格证: no re-inspection, so no findings."""


class RevokeIn(Input):
    reason: str = Field(min_length=4, max_length=500, pattern=TEXT, description="撤销理由")


class LotLine(BaseModel):
    lot_id: int
    lot_number: str
    species: str
    variety: str
    material: str
    material_label: str
    quantity: str  # "12.5 kg", "3000 株"
    packing: str = ""


class SiteCertificateOut(BaseModel):
    kind: Kind = Kind.SITE
    kind_label: str
    id: int
    number: str
    public_id: str
    organisation_id: int
    organisation_name: str
    division_code: str
    division_name: str
    issuing_authority: str
    production_site: str
    inspected_on: date
    findings: str
    inspector_name: str
    inspector_qualification: str = Field(default="", description="签发检疫员的森林植物检疫员证号")
    issued_on: date
    valid_to: date
    state: CertificateState
    state_label: str
    status_reason: str
    lots: list[LotLine]
    verify_url: str
    created_at: datetime


class ConsignmentCertificateOut(BaseModel):
    kind: Kind = Kind.CONSIGNMENT
    kind_label: str
    id: int
    number: str
    public_id: str
    organisation_id: int
    organisation_name: str
    division_code: str
    division_name: str
    issuing_authority: str
    consignee: str
    consignee_address: str
    origin: str
    destination: str
    destination_division: str
    destination_province: str
    via: str
    vehicle: str
    ships_on: date
    inter_province: bool
    requirement_number: str
    exchanged_from_id: int | None
    exchanged_from_number: str
    findings: str
    inspector_name: str
    inspector_qualification: str = Field(default="", description="签发检疫员的森林植物检疫员证号")
    issued_on: date
    valid_to: date
    state: CertificateState
    state_label: str
    status_reason: str
    items: list[LotLine]
    verify_url: str
    created_at: datetime


class CertificatePage(BaseModel):
    items: list[SiteCertificateOut] | list[ConsignmentCertificateOut]
    total: int
    page: int


class PublicLine(BaseModel):
    lot_number: str
    species: str
    variety: str
    material_label: str
    quantity: str


class PublicCertificate(BaseModel):
    """What the QR on a certificate leads to: no personal data."""

    kind: Kind
    kind_label: str
    number: str
    state: CertificateState
    state_label: str
    status_reason: str
    organisation_name: str
    issuing_authority: str
    issued_on: date
    valid_to: date
    origin: str
    destination: str
    production_site: str
    items: list[PublicLine]
