from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field

from seedreg.cases.rules import Band, PauseKind, Stage
from seedreg.core.inputs import Input

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$"


class CaseOpenIn(Input):
    finding_id: int = Field(ge=1, le=2_000_000_000)
    act_on: date = Field(description="违法行为发生之日；有连续或继续状态的，为行为终了之日")
    serious: bool = Field(default=False, description="涉及公民生命健康安全且有危害后果（时效五年）")
    facts: str = Field(min_length=4, max_length=4000, pattern=TEXT, description="违法事实")


class InvestigateIn(Input):
    investigation: str = Field(min_length=4, max_length=4000, pattern=TEXT)


class NoticeIn(Input):
    amount: int = Field(ge=0, le=1_000_000_000, description="拟罚款数额（元）")
    goods_value: Decimal | None = Field(
        default=None, ge=0, le=10**11, description="核定的货值金额（元）；空为沿用检查时的记录"
    )
    confiscation: str = Field(default="", max_length=500, pattern=TEXT, description="拟没收")
    revoke_licence_id: int | None = Field(default=None, ge=1, description="拟吊销的许可证")


class DefenceIn(Input):
    defence: str = Field(min_length=2, max_length=4000, pattern=TEXT)
    hearing_requested: bool = False


class ReviewIn(Input):
    opinion: str = Field(min_length=4, max_length=4000, pattern=TEXT)


class DecideIn(Input):
    amount: int = Field(ge=0, le=1_000_000_000)
    confiscation: str = Field(default="", max_length=500, pattern=TEXT)
    revoke: bool = Field(default=False, description="吊销告知书中所列的许可证")


class ServeIn(Input):
    served_on: date
    how: str = Field(min_length=2, max_length=200, pattern=TEXT, description="送达方式")


class CloseIn(Input):
    note: str = Field(min_length=2, max_length=500, pattern=TEXT, description="执行情况")


class ExtendIn(Input):
    reason: str = Field(min_length=4, max_length=500, pattern=TEXT)


class PauseIn(Input):
    kind: PauseKind


class ResumeIn(Input):
    pass


class ClockOut(BaseModel):
    due_on: date
    days_left: int
    band: Band
    band_label: str
    paused: bool
    basis: str


class CaseOut(BaseModel):
    id: int
    public_id: str
    number: str
    division_code: str
    stage: Stage
    stage_label: str
    finding_id: int
    check_id: int
    check_number: str
    code: str
    item_name: str
    breached_article: str
    penalty_article: str
    facts: str
    goods_value: str
    party_name: str
    party_kind: str
    party_id: int
    act_on: date
    found_on: date
    serious: bool
    opened_on: date
    investigation: str
    extension_days: int
    extension_reason: str
    pause_kind: str
    pause_kind_label: str
    notified_on: date | None
    notice_amount: int | None
    notice_confiscation: str
    notice_revoke_licence: int | None
    notice_revoke_number: str
    hearing_right: bool
    hearing_requested: bool
    defence: str
    review_required: bool
    review_opinion: str
    decision_number: str
    decided_on: date | None
    amount: int | None
    confiscation: str
    revoked_licence_number: str
    decision_words: str
    served_on: date | None
    served_how: str
    closed_on: date | None
    clock: ClockOut
    penalty_low: int | None
    penalty_high: int | None
    penalty_words: str
    allowed_actions: list[str]


class StageCount(BaseModel):
    stage: Stage
    label: str
    count: int


class CaseStats(BaseModel):
    stages: list[StageCount]
    overdue: int = Field(description="办理中且已超过作出决定期限的案件数")
    total: int


class PublicDecisionOut(BaseModel):
    decision_number: str
    decided_on: date
    party: str = Field(description="单位名称；个人只公开姓氏")
    item_name: str
    breached_article: str
    penalty_article: str
    penalty: str
    authority: str
