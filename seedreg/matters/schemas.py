"""What the catalogue's pages and API read and write."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from pydantic import BaseModel, Field, computed_field

from seedreg.core.inputs import Input
from seedreg.matters.clocks import Band
from seedreg.matters.rules import flow

TEXT = r"^[^\x00-\x1f\x7f<>]*$"


class Named(BaseModel):
    code: str
    name: str


class MaterialOut(BaseModel):
    code: str
    name: str
    legal_basis: str
    kinds: list[str]
    form: str
    copies: int
    electronic: bool
    required: bool
    note: str
    sort_order: int
    active: bool
    held_by: str = Field(default="", description="可由系统已有的哪类记录代替（逗号分隔）")
    table_form: bool = Field(default=False, description="表格类材料：提供空表和样表")


class StepOut(BaseModel):
    """One row of the matter's transitions table."""

    state: str
    action: str
    action_label: str
    to: str
    by: list[str]
    needs: list[str]
    notice: str | None
    basis: str


class StateOut(BaseModel):
    code: str
    label: str
    final: bool
    clock: str | None


class MatterOut(BaseModel):
    code: str
    name: str
    type_label: str = Field(description="事项类型：行政许可或备案")
    legal_basis: str = Field(description="设定依据")
    applicants: list[Named]
    sub_items: list[Named]
    deciding_level: str
    statutory_days: int | None = Field(description="法定办结时限（工作日）；None：法律未规定")
    extension_days: int | None
    promised_days: int | None = Field(description="承诺办结时限（工作日），管理员可改")
    promised_setting: str = Field(description="由该本地设定保存承诺时限时，其键")
    forwarding: bool
    league_step: str
    result_documents: list[str]
    active: bool
    code_alone: bool = Field(default=False, description="凭统一社会信用代码即可办理")
    materials: list[MaterialOut]
    states: list[StateOut]
    steps: list[StepOut]


class MatterIn(Input):
    """What the admin may change of a matter: not what the law fixes (basis, statutory limits,
    who decides), only the promise and whether the matter is offered."""

    promised_days: int = Field(ge=1, le=60, description="承诺办结时限（工作日）")
    active: bool = True


class MaterialWordingIn(Input):
    """The admin corrects a material's wording; its legal basis and whether it is required are
    the law's."""

    name: str = Field(min_length=2, max_length=120, pattern=TEXT)
    note: str = Field(default="", max_length=200, pattern=TEXT)
    active: bool = True


class ActionOut(BaseModel):
    code: str
    label: str


class OfficerOut(BaseModel):
    id: int
    name: str


class InboxItem(BaseModel):
    """One open application in the officials' inbox, whatever its matter."""

    id: int
    matter: str
    matter_name: str
    sub_item: str
    reference: str
    organisation_name: str
    division_code: str
    status: str
    status_label: str
    clock: str | None = Field(description="正在计算的时限：intake/supplement/decision/issuing")
    clock_label: str
    due: date | None
    days_left: int | None = Field(description="距期限的工作日数；负数为已超期")
    band: str | None
    band_label: str
    paused: bool
    assigned_to: int | None
    assigned_name: str
    actions: list[ActionOut] = Field(description="本人可以执行的操作（由事项的流程表决定）")
    may_assign: bool = Field(description="本人可以分派该申请")
    url: str | None = Field(description="办理页面")


class InboxPage(BaseModel):
    items: list[InboxItem]
    total: int
    page: int
    page_size: int


class AssignIn(Input):
    officer_id: int | None = Field(default=None, description="分派给哪位审批人员；空为取消分派")


class NoticeOut(BaseModel):
    id: int
    kind: str
    kind_label: str
    number: str
    issued_on: date
    pdf_url: str | None = None


class NextDue(BaseModel):
    """The deadline an application waits on now: its field's name, the day and the step."""

    field: str
    on: date
    step: str = Field(description="受理 / 补正 / 办结 / 核发")


# The deadline each running clock counts towards, and the step that meets it.
NEXT_DUE = {
    "intake": ("intake_due", "受理"),
    "supplement": ("supplement_deadline", "补正"),
    "decision": ("statutory_due", "办结"),
    "issuing": ("issuing_due", "核发"),
}


class ApplicationOut(BaseModel):
    """An application of any matter as pages and the API show it: the shared state and clocks;
    the matter's own facts are in ``details`` (a matter's package may extend this model with
    fields of its own, as licensing does with its licence)."""

    id: int
    matter: str
    reference: str
    sub_item: str
    status: str
    status_label: str
    organisation_id: int
    organisation_name: str
    division_code: str
    at_counter: bool
    details: dict | None
    submitted_at: datetime | None
    received_on: date | None
    intake_due: date | None
    supplement_items: list[str] | None
    supplement_deadline: date | None
    accepted_on: date | None
    acceptance_deemed: bool
    pending_items: list[str] | None
    pending_due: date | None
    pending_overdue: bool = Field(
        default=False, description="容缺材料逾期未补齐（兴署发〔2021〕5号第十六条第三项）"
    )
    statutory_due: date | None
    promised_due: date | None
    promised_days_left: int | None = Field(
        default=None, description="距承诺办结日的工作日数（已受理、审查中时；负数为超过承诺时限）"
    )
    days_left: int | None
    band: Band | None
    extended: bool
    paused: bool
    site_check: dict | None
    decided_on: date | None
    reasons: str
    competent_authority: str
    forwarded_on: date | None = Field(default=None, description="报送核发机关的日期（审核结束）")
    review_opinion: str = ""
    issuing_due: date | None = Field(default=None, description="核发机关的法定办结期限")
    issuing_extended: bool = False
    region_decision: dict | None = Field(
        default=None, description="记录的核发机关决定：文号、日期、结果、理由、扫描件"
    )
    provisional: bool = Field(
        default=False,
        description="有期限落在或跨越调休安排尚未录入的年度（按放假办法推算，暂定）",
    )
    provisional_dates: list[str] = Field(
        default=[], description="暂定的期限字段名，如 statutory_due、promised_due"
    )
    materials: list[dict] = []
    notices: Sequence[NoticeOut] = []

    @computed_field(description="现在等待的期限（受理、补正、办结或核发），没有时为空")  # type: ignore[prop-decorator]
    @property
    def next_due(self) -> NextDue | None:
        state = flow(self.matter).states.get(str(self.status))
        clock = state.clock.value if state and state.clock else ""
        field, step = NEXT_DUE.get(clock, ("", ""))
        on = getattr(self, field) if field else None
        return NextDue(field=field, on=on, step=step) if on else None


class HeldRecordOut(BaseModel):
    """A record the system holds that may stand for a material (兴署发〔2021〕5号 Art. 10(四))."""

    kind: str = Field(description="registration 营业执照信息 / licence 许可证 / upload 以前上传")
    label: str
    link: str = Field(description="查看该记录的页面")
    token: str = Field(description="确认时提交的 record 值")


class HeldConfirmIn(Input):
    """使用系统已有材料: which material, and which of the offered records stands for it."""

    item_code: str = Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9_-]+$")
    record: str = Field(min_length=3, max_length=100, pattern=r"^[a-z_]+:[0-9]+$")
