"""Pydantic models for licence applications, decisions and licences."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, computed_field, field_serializer, model_validator

from seedreg.core.inputs import Input
from seedreg.licensing.rules import ApplicationKind, LicenceStatus, PauseGround, Status
from seedreg.matters.schemas import ApplicationOut as SharedApplicationOut
from seedreg.matters.schemas import NoticeOut as SharedNoticeOut

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
CODE = r"^\d{6}$"


class ProductionSite(Input):
    division_code: str = Field(pattern=CODE, description="旗县市代码")
    township: str = Field(min_length=1, max_length=40, pattern=TEXT, description="苏木乡镇")
    village: str = Field(default="", max_length=40, pattern=TEXT, description="嘎查村（苗木必填）")
    detail: str = Field(default="", max_length=120, pattern=TEXT, description="地块、门牌")


class ImprovedVariety(Input):
    species: str = Field(min_length=1, max_length=40, pattern=TEXT)
    variety: str = Field(min_length=1, max_length=60, pattern=TEXT)
    approval_number: str = Field(
        min_length=4,
        max_length=40,
        pattern=TEXT,
        description="审定/认定编号，如 国S-SV-CC-031-2008",
    )


Scope = Literal["seed", "seedling"]


class ApplicationDetails(Input):
    """What the licence will say (种子法 Art. 33 ¶1), as applied for."""

    legal_representative: str = Field(min_length=2, max_length=60, pattern=TEXT)
    registered_address: str = Field(min_length=4, max_length=200, pattern=TEXT)
    scope: list[Scope] = Field(min_length=1, max_length=2, description="seed 种子 / seedling 苗木")
    species: list[str] = Field(min_length=1, max_length=60, description="生产经营的树种")
    varieties: list[ImprovedVariety] = Field(
        default=[], max_length=200, description="林木良种（按品种列明）"
    )
    production_sites: list[ProductionSite] = Field(min_length=1, max_length=50)
    valid_area: list[str] = Field(min_length=1, max_length=20, description="有效区域（区划代码）")
    change_occurred_on: date | None = Field(default=None, description="变更事项发生日期")
    change_summary: str = Field(default="", max_length=500, pattern=TEXT)
    cancellation_reason: str = Field(default="", max_length=500, pattern=TEXT)

    @model_validator(mode="after")
    def _sites_to_village_for_seedlings(self) -> ApplicationDetails:
        if "seedling" in self.scope and any(not s.village for s in self.production_sites):
            raise ValueError("生产苗木的，生产地点须填写到嘎查村一级")
        for name in self.species:
            if not 1 <= len(name) <= 40:
                raise ValueError("树种名称应为1–40个字符")
        return self


class ApplicationCreate(Input):
    kind: ApplicationKind
    organisation_id: int | None = Field(default=None, description="窗口代办时必填")
    licence_id: int | None = Field(default=None, description="延续、变更、注销时必填")
    division_code: str | None = Field(
        default=None, pattern=CODE, description="受理机关：盟或所在旗县市，默认所在旗县市"
    )
    details: ApplicationDetails | None = None


class DetailsUpdate(Input):
    details: ApplicationDetails


class SupplementIn(Input):
    items: list[str] = Field(min_length=1, max_length=30, description="需补正的材料编号")
    notes: dict[str, str] = Field(default={}, description="每项材料的具体问题")
    deadline_workdays: int = Field(default=10, ge=1, le=60)


class ConditionalAcceptIn(Input):
    pending_items: list[str] = Field(min_length=1, max_length=10)
    deadline_workdays: int | None = Field(
        default=None,
        ge=1,
        le=60,
        description="补齐期限（工作日）；不填按本地设定“容缺受理补齐期限”",
    )


class ReasonIn(Input):
    reasons: str = Field(min_length=4, max_length=2000, pattern=TEXT)


class RejectIntakeIn(ReasonIn):
    competent_authority: str = Field(
        default="",
        max_length=120,
        pattern=TEXT,
        description="不属于本机关职权范围时，应告知向哪个机关申请",
    )


class ForwardIn(Input):
    """审核 done: the review opinion sent to the issuing authority with the file."""

    opinion: str = Field(
        min_length=4,
        max_length=2000,
        pattern=TEXT,
        description="审核意见（同意或不同意及理由、现场核查情况）",
    )


class RegionDecisionIn(Input):
    decided_on: date = Field(description="自治区林业和草原局作出决定的日期")
    decision_number: str = Field(
        default="", max_length=60, pattern=TEXT, description="核发机关决定书文号（按决定书原文）"
    )


class RegionGrantIn(RegionDecisionIn):
    """The region's grant as its decision states it (the officer copies, never invents)."""

    number: str | None = Field(
        default=None, pattern=r"^150000\d{8}$", description="自治区核发的14位许可证号（核发时必填）"
    )
    valid_from: date | None = Field(default=None, description="有效期起（核发时必填）")
    valid_to: date | None = Field(default=None, description="有效期止（核发、延续时必填）")


class RegionRefusalIn(RegionDecisionIn):
    reasons: str = Field(
        min_length=4, max_length=2000, pattern=TEXT, description="不予许可的理由（按决定书原文）"
    )


class SiteCheckIn(Input):
    checked_on: date
    officer_ids: list[int] = Field(min_length=2, max_length=5, description="至少两名工作人员")
    findings: str = Field(min_length=4, max_length=2000, pattern=TEXT)


class PauseIn(Input):
    ground: PauseGround | None = Field(
        default=None,
        description="依法不计入审查期限的事由（行政许可法第四十五条）：听证、招标、拍卖、检验、"
        "检测、检疫、鉴定、专家评审之一；现场核查不中止审查期限",
    )
    reason: str = Field(
        min_length=4,
        max_length=500,
        pattern=TEXT,
        description="具体说明，如检验的项目、承检机构",
    )


class RatingIn(Input):
    score: int = Field(ge=1, le=5, description="5 非常满意 … 1 非常不满意")
    comment: str = Field(default="", max_length=500, pattern=TEXT)


class FollowUpIn(Input):
    answer: str = Field(min_length=4, max_length=2000, pattern=TEXT)


class RegionLicenceIn(Input):
    """A licence the region's bureau issued (林木良种, 种子法 Art. 31 ¶2), recorded here."""

    organisation_id: int
    number: str = Field(pattern=r"^150000\d{8}$", description="自治区核发的14位许可证号")
    details: ApplicationDetails
    valid_from: date
    valid_to: date
    issued_on: date

    @model_validator(mode="after")
    def _dates_in_order(self) -> RegionLicenceIn:
        if not self.issued_on <= self.valid_from < self.valid_to:
            raise ValueError("日期应满足：发证日期 ≤ 有效期起 < 有效期止")
        return self


class EarlierLicenceIn(Input):
    """A licence issued before the system (a 台账 line): its number kept as printed, its dates
    as the licence states them (令第40号 Art. 14 form: issuer 6 + year 4 + sequence 4)."""

    number: str = Field(pattern=r"^\d{14}$", description="许可证编号（14位）")
    details: ApplicationDetails
    valid_from: date
    valid_to: date
    issued_on: date

    @model_validator(mode="after")
    def _dates_in_order(self) -> EarlierLicenceIn:
        if not self.issued_on <= self.valid_from < self.valid_to:
            raise ValueError("日期应满足：发证日期 ≤ 有效期起 < 有效期止")
        return self


class StatusChangeIn(Input):
    reasons: str = Field(min_length=4, max_length=2000, pattern=TEXT)
    kind: Literal["annulled", "revoked"]
    penalty_decision_number: str = Field(
        default="", max_length=60, pattern=TEXT, description="吊销：行政处罚决定书文号（必填）"
    )
    penalty_decided_on: date | None = Field(
        default=None, description="吊销：行政处罚决定书作出日期（必填）"
    )


class NoticeOut(SharedNoticeOut):
    pdf_url: str


class ApplicationOut(SharedApplicationOut):
    """A licence application: the shared shape (``matters.schemas.ApplicationOut``) and what
    is licensing's own — its kind, the licence it produced or concerns, deemed renewal, whether
    the region decides, late-filing warnings and the notices' print links."""

    kind: ApplicationKind
    kind_label: str
    status: Status
    licence_id: int | None
    renewal_deemed: bool
    region_decides: bool | None = Field(
        default=None, description="由自治区林业和草原局核发、本机关审核报送（仅详情中给出）"
    )
    warnings: list[str] = Field(default=[], description="迟报等提示（不影响受理）")
    notices: list[NoticeOut] = Field(default=[])


class LicenceOut(BaseModel):
    id: int
    number: str
    public_id: str
    organisation_id: int
    holder_name: str
    legal_representative: str
    registered_address: str
    production_sites: list[dict]
    scope: list[str]
    species: list[str]
    varieties: list[dict]
    valid_area: list[str]
    valid_from: date
    valid_to: date
    issued_on: date
    issuing_division: str
    issuing_authority: str
    status: LicenceStatus
    status_label: str
    status_reason: str
    status_changed_on: date | None = None
    penalty_decision_number: str = ""
    penalty_decided_on: date | None = None
    status_note: str = Field(default="", description="终止的理由及吊销所依据的处罚决定书（文字）")
    terms: list[dict] = Field(default=[], description="历次有效期，最早的在前，最后一项为现行")
    recorded_only: bool
    verify_url: str = ""

    @computed_field(description="现在有效（未过期、未注销、撤销或吊销）")  # type: ignore[prop-decorator]
    @property
    def in_force(self) -> bool:
        return self.status is LicenceStatus.VALID

    @computed_field(description="有效期已届满")  # type: ignore[prop-decorator]
    @property
    def lapsed(self) -> bool:
        return self.status is LicenceStatus.EXPIRED


class RegisterEntry(BaseModel):
    """Public register line: nothing personal beyond what a licence shows publicly."""

    number: str
    public_id: str
    holder_name: str
    division_name: str
    scope: list[str]
    species: list[str]
    valid_from: date
    valid_to: date
    issuing_authority: str
    status: LicenceStatus
    status_label: str


class RegisterPage(BaseModel):
    items: list[RegisterEntry]
    total: int
    page: int
    page_size: int


class MaterialItemIn(Input):
    """A checklist item as the admin enters it (兴署发〔2021〕5号 Art. 10); ``kinds`` is stored as
    a comma-separated list of application kinds."""

    code: str = Field(pattern=r"^[A-Za-z0-9_-]{1,32}$", description="材料编号，如 A10")
    name: str = Field(min_length=2, max_length=120, pattern=TEXT)
    legal_basis: str = Field(min_length=2, max_length=200, pattern=TEXT)
    kinds: list[ApplicationKind] = Field(min_length=1, max_length=4, description="适用的子项")
    form: str = Field(default="复印件", min_length=1, max_length=32, pattern=TEXT)
    copies: int = Field(default=1, ge=0, le=20)
    electronic: bool = True
    required: bool = True
    note: str = Field(default="", max_length=200, pattern=TEXT)
    sort_order: int = Field(default=0, ge=0, le=9999)
    active: bool = True

    @field_serializer("kinds")
    def _kinds_as_text(self, kinds: list[ApplicationKind]) -> str:
        return ",".join(k.value for k in kinds)
