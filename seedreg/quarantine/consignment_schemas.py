"""Inputs and outputs of the consignment ledger: inbound consignments (another province's
certificate), their arrival check (复检), the monthly totals and the approvals flag."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input

LINE = r"^[^\x00-\x1f\x7f]*$"
TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


class ArrivalResult(StrEnum):
    """复检 of an inbound consignment (植物检疫条例 Art. 10: the receiving side may re-inspect;
    Art. 8: treat what can be treated; what cannot must not stay)."""

    PASSED = "pass"
    TREAT = "treat"
    DESTROY = "destroy"
    RETURN = "return"

    @property
    def label(self) -> str:
        return {"pass": "复检合格", "treat": "除害处理", "destroy": "销毁", "return": "退回"}[self]


class InboundLine(Input):
    species: str = Field(min_length=1, max_length=40, pattern=LINE, description="树种")
    variety: str = Field(default="", max_length=60, pattern=LINE, description="品种")
    quantity: int = Field(gt=0, le=10**9, description="数量")
    unit: str = Field(default="株", pattern=r"^(株|kg)$", description="株 或 kg")


class InboundIn(Input):
    """A consignment coming into the league, with the 植物检疫证书 another body issued."""

    organisation_id: int = Field(description="收货的本盟生产经营者")
    certificate_number: str = Field(
        min_length=4, max_length=24, pattern=LINE, description="调出地签发的植物检疫证书编号"
    )
    issuer: str = Field(min_length=2, max_length=120, pattern=LINE, description="签发机构")
    origin: str = Field(min_length=2, max_length=120, pattern=LINE, description="调出地")
    origin_division: str = Field(
        default="", pattern=r"^(\d{6})?$", description="调出地行政区划代码（境外的留空）"
    )
    abroad: bool = Field(default=False, description="从境外调入")
    destination: str = Field(min_length=2, max_length=120, pattern=LINE, description="调入地")
    arrives_on: date = Field(description="调运日期")
    vehicle: str = Field(min_length=2, max_length=60, pattern=LINE, description="运输工具")
    carrier: str = Field(default="", max_length=120, pattern=LINE, description="承运单位(人)")
    introduction_ref: str = Field(
        default="", max_length=60, pattern=LINE, description="所依据的引种审批编号（如有）"
    )
    lines: list[InboundLine] = Field(min_length=1, max_length=50)


class ArrivalIn(Input):
    result: ArrivalResult
    note: str = Field(default="", max_length=1000, pattern=TEXT, description="复检情况")


class InboundOut(BaseModel):
    id: int
    certificate_number: str
    issuer: str
    organisation_name: str
    origin: str
    origin_division: str
    destination: str
    arrives_on: date
    vehicle: str
    carrier: str
    introduction_ref: str
    lines: list[dict]
    needs_approval: bool = Field(description="按引种规定需要审批（或备案）")
    approval_missing: bool = Field(description="需要审批却没有引种审批编号")
    approval_route: str
    arrival_result: str
    arrival_result_label: str
    arrival_checked_on: date | None
    arrival_note: str


class MonthlyTotal(BaseModel):
    direction: str
    direction_label: str
    species: str
    origin: str
    unit: str
    quantity: int
    consignments: int
