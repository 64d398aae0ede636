"""What the catalogue's pages and API read and write."""

from __future__ import annotations

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
