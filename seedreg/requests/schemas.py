"""Each request's details (what the operator fills in, pre-filled from the lot's readiness),
the officials' inputs (visit, result, refusal) and the outward shape."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input
from seedreg.core.paging import Page
from seedreg.quarantine.schemas import ConsignmentBase
from seedreg.requests.rules import Disposal, RequestKind

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
LINE = r"^[^\x00-\x1f\x7f]*$"


class QualityDetails(Input):
    """A station inspection of one lot (the operator's own 检验员 use the 自检 path instead)."""

    kind: Literal[RequestKind.QUALITY] = RequestKind.QUALITY
    lot_id: int = Field(description="申请检验的批次")
    sample_place: str = Field(
        min_length=2, max_length=200, pattern=LINE, description="扦样地点（苗圃地块或种子库）"
    )
    contact: str = Field(min_length=2, max_length=60, pattern=LINE, description="联系人及电话")
    note: str = Field(default="", max_length=500, pattern=TEXT, description="说明")


class SiteDetails(Input):
    """产地检疫 of lots growing at one site in one season (植物检疫条例 Art. 11)."""

    kind: Literal[RequestKind.SITE] = RequestKind.SITE
    lot_ids: list[int] = Field(min_length=1, max_length=50, description="同一产地的批次")
    production_site: str = Field(
        min_length=2, max_length=200, pattern=LINE, description="产地（苗圃、地块）"
    )
    season: str = Field(
        min_length=2, max_length=40, pattern=LINE, description="生长季，如 2026年春季"
    )
    contact: str = Field(min_length=2, max_length=60, pattern=LINE, description="联系人及电话")


class ConsignmentDetails(ConsignmentBase):
    """The 森林植物检疫报检单 (facts §5.2): consignee, route, vehicle, date wanted, the lots and
    quantities; to another province the receiving province's 要求书 number (Art. 10)."""

    kind: Literal[RequestKind.CONSIGNMENT] = RequestKind.CONSIGNMENT


RequestDetails = Annotated[
    QualityDetails | SiteDetails | ConsignmentDetails, Field(discriminator="kind")
]


class RequestCreate(Input):
    details: RequestDetails


class VisitIn(Input):
    visit_on: date = Field(description="现场检验日期")
    visitor: str = Field(min_length=2, max_length=60, pattern=LINE, description="检验人员")


class QuarantineResultIn(Input):
    """What the 检疫员 found (an exchange from a valid 产地检疫合格证 needs none)."""

    inspected_on: date | None = Field(default=None, description="检疫日期（默认今天）")
    findings: str = Field(
        default="经检疫，未发现检疫对象", min_length=2, max_length=2000, pattern=TEXT
    )


class RefuseIn(Input):
    reasons: str = Field(min_length=4, max_length=2000, pattern=TEXT, description="不合格的理由")
    disposal: Disposal | None = Field(
        default=None, description="处理意见：treat 除害处理 / reinspect 复检 / destroy 销毁"
    )


class RequestNoticeOut(BaseModel):
    id: int
    kind: str
    kind_label: str
    number: str
    issued_on: date


class RequestOut(BaseModel):
    id: int
    reference: str
    kind: RequestKind
    kind_label: str
    status: str
    status_label: str
    organisation_id: int
    organisation_name: str
    division_code: str
    details: dict[str, object]
    lot_ids: list[int]
    submitted_at: datetime | None
    received_on: date | None
    due_on: date | None
    supplement_items: list[str] | None
    supplement_deadline: date | None
    decided_on: date | None
    reasons: str
    visit_on: date | None = Field(description="计划的现场检验日期")
    visitor: str
    assigned_name: str
    certificate_number: str = Field(description="签发的证书编号（合格时）")
    certificate_url: str | None
    labels_url: str | None = Field(description="两证一签齐全后：签发标签的页面")
    allowed_actions: list[str]
    notices: list[RequestNoticeOut]


class RequestPage(Page[RequestOut]):
    """One page of requests, newest first."""
