"""Input and output shapes of the service desk (the API and the pages parse the same models)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input

DIVISION = r"^\d{6}$"


class QuestionIn(Input):
    """An online question; name and phone are needed when not signed in (the answer goes by SMS)."""

    text: str = Field(min_length=4, max_length=2000, description="咨询内容")
    matter_code: str = Field(default="", max_length=32, description="所涉事项（空：一般咨询）")
    division_code: str = Field(default="152200", pattern=DIVISION, description="所在旗县市")
    asker_name: str = Field(default="", max_length=60, description="姓名")
    phone: str = Field(default="", max_length=20, description="手机号码")
    website: str = Field(default="", max_length=200, description="留空")


class LoggedQuestionIn(Input):
    """A phone, window or letter consultation an official logs with the answer given."""

    channel: str = Field(pattern=r"^(phone|window|letter)$", description="渠道")
    asker_name: str = Field(min_length=1, max_length=60, description="咨询人")
    phone: str = Field(default="", max_length=20, description="联系电话")
    matter_code: str = Field(default="", max_length=32, description="所涉事项")
    division_code: str = Field(default="152200", pattern=DIVISION, description="所在旗县市")
    text: str = Field(min_length=2, max_length=2000, description="咨询摘要")
    answer: str = Field(min_length=2, max_length=4000, description="答复内容")


class AnswerIn(Input):
    answer: str = Field(min_length=2, max_length=4000, description="答复内容")


class HandoverIn(Input):
    to_user_id: int = Field(description="接手人")
    reason: str = Field(default="", max_length=500, description="移交理由")


class QuestionOut(BaseModel):
    id: int
    token: str
    channel: str
    asker_name: str
    matter_code: str
    division_code: str
    text: str
    asked_on: date
    due_on: date
    status: str
    responder: int | None = None
    responder_name: str
    answer: str
    answered_at: datetime | None
    band: str | None = None
    rating_score: int | None = None


class WindowIn(Input):
    name: str = Field(min_length=2, max_length=60, description="窗口名称")
    place: str = Field(min_length=2, max_length=200, description="地点")
    hours: str = Field(min_length=2, max_length=120, description="办公时间")
    division_code: str = Field(default="152200", pattern=DIVISION, description="所在旗县市")


class WindowOut(BaseModel):
    id: int
    name: str
    place: str
    hours: str
    division_code: str


class PatternIn(Input):
    """Weekly slots of a window for a matter, on working days from ``first`` to ``last``."""

    matter_code: str = Field(min_length=1, max_length=32, description="办理事项")
    weekdays: list[int] = Field(min_length=1, max_length=7, description="星期（0为周一）")
    starts: str = Field(pattern=r"^\d{2}:\d{2}$", description="开始时间")
    ends: str = Field(pattern=r"^\d{2}:\d{2}$", description="结束时间")
    minutes: int = Field(ge=5, le=480, description="每段分钟数")
    capacity: int = Field(ge=1, le=100, description="每段可约人数")
    first: date = Field(description="开始日期")
    last: date = Field(description="结束日期")


class SlotOut(BaseModel):
    id: int
    window_id: int
    window_name: str
    matter_code: str
    day: date
    starts: str
    ends: str
    capacity: int
    free: int


class BookingIn(Input):
    slot_id: int = Field(description="预约时段")
    name: str = Field(min_length=1, max_length=60, description="姓名")
    phone: str = Field(max_length=20, description="手机号码")
    website: str = Field(default="", max_length=200, description="留空")


class BookingOut(BaseModel):
    code: str
    status: str
    name: str
    phone: str
    day: date
    starts: str
    ends: str
    window_name: str
    place: str
    matter_code: str
    rating_score: int | None = None


class ComplaintIn(Input):
    complainant_name: str = Field(default="", max_length=60, description="投诉人")
    phone: str = Field(default="", max_length=20, description="联系电话")
    about: str = Field(pattern=r"^(matter|office|person)$", description="投诉对象类别")
    matter_code: str = Field(default="", max_length=32, description="所涉事项")
    about_text: str = Field(default="", max_length=200, description="机构或人员")
    division_code: str = Field(default="152200", pattern=DIVISION, description="所在旗县市")
    text: str = Field(min_length=4, max_length=4000, description="投诉内容")
    alleged_violation: bool = Field(default=False, description="涉嫌违法")
    allegation: str = Field(default="", max_length=2000, description="涉嫌违法的事实")
    website: str = Field(default="", max_length=200, description="留空")


class ReplyIn(Input):
    reply: str = Field(min_length=4, max_length=4000, description="答复内容")


class ComplaintOut(BaseModel):
    id: int
    token: str
    complainant_name: str
    about: str
    matter_code: str
    about_text: str
    division_code: str
    text: str
    alleged_violation: bool
    allegation: str
    received_on: date
    due_on: date
    status: str
    handler: int | None = None
    handler_name: str
    reply: str
    band: str | None = None


class RatingIn(Input):
    score: int = Field(ge=1, le=5, description="5 非常满意 … 1 非常不满意")
    comment: str = Field(default="", max_length=500, description="意见")


class FollowUpIn(Input):
    answer: str = Field(min_length=4, max_length=2000, description="核实整改或解释说明")


class RatingOut(BaseModel):
    id: int
    kind: str
    subject_id: int
    division_code: str
    score: int
    comment: str
    follow_up_due: date | None
    follow_up_answer: str
