"""Pydantic models for organisations (生产经营者)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, model_validator

from seedreg.core.inputs import Input
from seedreg.organisations.rules import OrganisationKind

# Printable text without control characters; HTML/SQL meta-characters are allowed and escaped
# at output (a name like "A&B<有限公司>" is legitimate data, not an attack).
TEXT = r"^[^\x00-\x1f\x7f]*$"


class _Input(Input):
    """Organisations' inputs (core.inputs: unknown fields refused, text stripped and checked)."""


class OrganisationCreate(_Input):
    kind: OrganisationKind = Field(description="enterprise 企业（单位） / individual 个人")
    name: str = Field(min_length=2, max_length=120, pattern=TEXT, description="名称或姓名")
    uscc: str | None = Field(
        default=None, max_length=18, description="统一社会信用代码（企业必填）"
    )
    uscc_override_reason: str = Field(
        default="", max_length=200, pattern=TEXT, description="校验位不符但确认无误时的理由"
    )
    id_number: str | None = Field(default=None, max_length=18, description="身份证号（个人必填）")
    legal_representative: str = Field(min_length=2, max_length=60, pattern=TEXT)
    division_code: str = Field(pattern=r"^\d{6}$", description="所在旗县市代码")
    address: str = Field(min_length=4, max_length=200, pattern=TEXT)
    contact_person: str = Field(default="", max_length=60, pattern=TEXT)
    phone: str = Field(default="", pattern=r"^[0-9+\- ]{0,20}$")

    @model_validator(mode="after")
    def _identifier_for_kind(self) -> OrganisationCreate:
        if self.kind is OrganisationKind.ENTERPRISE and not self.uscc:
            raise ValueError("企业（单位）必须填写统一社会信用代码")
        if self.kind is OrganisationKind.INDIVIDUAL and not self.id_number:
            raise ValueError("个人必须填写身份证号")
        return self


class OrganisationUpdate(_Input):
    name: str | None = Field(default=None, min_length=2, max_length=120, pattern=TEXT)
    legal_representative: str | None = Field(
        default=None, min_length=2, max_length=60, pattern=TEXT
    )
    address: str | None = Field(default=None, min_length=4, max_length=200, pattern=TEXT)
    contact_person: str | None = Field(default=None, max_length=60, pattern=TEXT)
    phone: str | None = Field(default=None, pattern=r"^[0-9+\- ]{0,20}$")


class OrganisationOut(BaseModel):
    id: int
    public_id: str
    kind: OrganisationKind
    kind_label: str
    name: str
    uscc: str | None
    uscc_override_reason: str
    id_number: str | None
    legal_representative: str
    division_code: str
    division_name: str
    address: str
    contact_person: str
    phone: str
    created_at: datetime
    updated_at: datetime
    registered_via: str = Field(description="counter 窗口登记 / signup 网上注册")
    identity_verified_at: datetime | None = Field(description="实名核验时间；空为待核验")
    identity_verified_by: str
    identity_note: str


class OrganisationPublic(BaseModel):
    """What anyone may see: identifiers and personal data masked."""

    public_id: str
    kind_label: str
    name: str
    uscc_masked: str
    legal_representative_masked: str
    division_name: str
    registered_on: datetime


class IdentityVerificationIn(_Input):
    note: str = Field(
        min_length=2,
        max_length=200,
        pattern=TEXT,
        description="核对了什么、如何核对（如：核对营业执照原件，与登记信息一致）",
    )
