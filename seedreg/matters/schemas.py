"""What the catalogue's pages and API read and write."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input

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
