"""JSON API of the service desk under /api/servicedesk: consultations (首问负责), windows, slots
and bookings, complaints and the 一次一评 ratings (兴署发〔2021〕5号 Arts. 14, 15, 37, 38)."""

from __future__ import annotations

from datetime import date

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from pydantic import BaseModel, Field

from seedreg.accounts.web import CurrentActor, MaybeActor
from seedreg.core.inputs import Input
from seedreg.core.paging import Page
from seedreg.core.web.bounds import PageNo
from seedreg.core.web.openapi import errors
from seedreg.servicedesk import appointments, complaints, consultations, ratings
from seedreg.servicedesk.rules import BookingStatus
from seedreg.servicedesk.schemas import (
    AnswerIn,
    BookingIn,
    BookingOut,
    ComplaintIn,
    ComplaintOut,
    FollowUpIn,
    HandoverIn,
    LoggedQuestionIn,
    PatternIn,
    QuestionIn,
    QuestionOut,
    RatingIn,
    RatingOut,
    ReplyIn,
    SlotOut,
    WindowIn,
    WindowOut,
)

TAGS = ["咨询预约投诉"]
BASE = "/api/servicedesk"
Q = f"{BASE}/questions"
QID = f"{Q}/{{question_id:int}}"
B = f"{BASE}/bookings"
C = f"{BASE}/complaints"
CID = f"{C}/{{complaint_id:int}}"


def client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


class Accepted(BaseModel):
    """What a filled honeypot gets: a reply like any other, and nothing kept. Its one field is
    required, so the document's oneOf tells it from a real record."""

    accepted: bool


class PhoneIn(Input):
    phone: str = Field(max_length=20, description="预约时填写的手机号码")


class MarkIn(Input):
    status: str = Field(
        pattern=r"^(arrived|no_show)$", description="arrived 已到场 / no_show 未到场"
    )


class VisitRatingIn(RatingIn):
    phone: str = Field(max_length=20, description="预约时填写的手机号码")


class PatternAdded(BaseModel):
    added: int


# --- consultations --------------------------------------------------------------------------


@post(Q, tags=TAGS, summary="网上咨询（登录用户或公众留手机号）", responses=errors(429))
async def ask(
    request: Request, maybe_actor: MaybeActor, data: JSONBody[QuestionIn]
) -> QuestionOut | Accepted:
    out = await consultations.ask(maybe_actor, data, client=client(request))
    return out or Accepted(accepted=True)


class QuestionPage(Page[QuestionOut]):
    """One page of the account's own questions, newest first."""


@get(Q, tags=TAGS, summary="我的咨询（分页）")
async def my_questions(actor: CurrentActor, page: PageNo = 1) -> QuestionPage:
    items, total = await consultations.mine(actor, page=page)
    return QuestionPage(items=items, total=total, page=page, page_size=consultations.PAGE_SIZE)


class QuestionQueuePage(Page[QuestionOut]):
    """One page of the jurisdiction's open questions, soonest due first."""


@get(f"{Q}/queue", tags=TAGS, summary="待答复的咨询（工作人员，按答复期限，分页）")
async def question_queue(actor: CurrentActor, page: PageNo = 1) -> QuestionQueuePage:
    items, total = await consultations.queue(actor, page=page)
    return QuestionQueuePage(
        items=items, total=total, page=page, page_size=consultations.QUEUE_PAGE_SIZE
    )


@post(f"{Q}/logged", tags=TAGS, summary="登记电话、窗口或信函咨询及答复（工作人员）")
async def log_question(actor: CurrentActor, data: JSONBody[LoggedQuestionIn]) -> QuestionOut:
    return await consultations.log_consultation(actor, data)


@get(QID, tags=TAGS, summary="咨询详情（提问人或辖区工作人员）")
async def get_question(actor: CurrentActor, question_id: FromPath[int]) -> QuestionOut:
    return await consultations.get(actor, question_id)


@get(f"{Q}/by-token/{{token:str}}", tags=TAGS, summary="凭短信链接查看咨询及答复")
async def question_by_token(token: FromPath[str]) -> QuestionOut:
    return await consultations.by_token(token)


@post(
    f"{QID}/take",
    tags=TAGS,
    summary="接手咨询，成为首问负责人",
    status_code=200,
    responses=errors(409),
)
async def take_question(actor: CurrentActor, question_id: FromPath[int]) -> QuestionOut:
    return await consultations.take(actor, question_id)


@post(f"{QID}/handover", tags=TAGS, summary="首问负责人说明理由后移交", status_code=200)
async def handover(
    actor: CurrentActor, question_id: FromPath[int], data: JSONBody[HandoverIn]
) -> QuestionOut:
    return await consultations.handover(actor, question_id, data)


@post(f"{QID}/answer", tags=TAGS, summary="首问负责人答复", status_code=200, responses=errors(409))
async def answer(
    actor: CurrentActor, question_id: FromPath[int], data: JSONBody[AnswerIn]
) -> QuestionOut:
    return await consultations.answer(actor, question_id, data)


@post(
    f"{Q}/by-token/{{token:str}}/rating",
    tags=TAGS,
    summary="评价咨询（一次一评）",
    responses=errors(409),
)
async def rate_question(token: FromPath[str], data: JSONBody[RatingIn]) -> RatingOut:
    return await ratings.rate_question(token, data)


# --- windows, slots and bookings ------------------------------------------------------------


@get(f"{BASE}/windows", tags=TAGS, summary="办事窗口")
async def list_windows() -> list[WindowOut]:
    return await appointments.windows()


@post(f"{BASE}/windows", tags=TAGS, summary="新增办事窗口（管理员）")
async def add_window(actor: CurrentActor, data: JSONBody[WindowIn]) -> WindowOut:
    return await appointments.add_window(actor, data)


@post(
    f"{BASE}/windows/{{window_id:int}}/patterns",
    tags=TAGS,
    summary="按每周安排生成预约时段（仅工作日，管理员）",
)
async def add_pattern(
    actor: CurrentActor, window_id: FromPath[int], data: JSONBody[PatternIn]
) -> PatternAdded:
    return PatternAdded(added=await appointments.add_pattern(actor, window_id, data))


@get(f"{BASE}/windows/{{window_id:int}}/bookings", tags=TAGS, summary="窗口当日预约名单")
async def day_list(
    actor: CurrentActor, window_id: FromPath[int], day: FromQuery[date]
) -> list[dict[str, object]]:
    return await appointments.day_list(actor, window_id, day)


@get(f"{BASE}/slots", tags=TAGS, summary="可预约时段及余位")
async def list_slots(matter: FromQuery[str] = "", window: FromQuery[int] = 0) -> list[SlotOut]:
    return await appointments.slots(matter[:32], window or None)


@post(B, tags=TAGS, summary="网上预约", responses=errors(409, 429))
async def book(
    request: Request, maybe_actor: MaybeActor, data: JSONBody[BookingIn]
) -> BookingOut | Accepted:
    out = await appointments.book(maybe_actor, data, client=client(request))
    return out or Accepted(accepted=True)


@get(f"{B}/{{code:str}}", tags=TAGS, summary="凭预约码和手机号查看预约")
async def get_booking(code: FromPath[str], phone: FromQuery[str]) -> BookingOut:
    return await appointments.get(code, phone[:20])


@post(f"{B}/{{code:str}}/cancel", tags=TAGS, summary="取消预约", status_code=200)
async def cancel_booking(
    maybe_actor: MaybeActor, code: FromPath[str], data: JSONBody[PhoneIn]
) -> BookingOut:
    return await appointments.cancel(maybe_actor, code, data.phone)


@post(
    f"{B}/{{code:str}}/mark", tags=TAGS, summary="标记已到场或未到场（窗口人员）", status_code=200
)
async def mark_booking(
    actor: CurrentActor, code: FromPath[str], data: JSONBody[MarkIn]
) -> BookingOut:
    return await appointments.mark(actor, code, BookingStatus(data.status))


@post(
    f"{B}/{{code:str}}/rating", tags=TAGS, summary="评价窗口办理（一次一评）", responses=errors(409)
)
async def rate_visit(code: FromPath[str], data: JSONBody[VisitRatingIn]) -> RatingOut:
    score = RatingIn(score=data.score, comment=data.comment)
    return await ratings.rate_visit(code, data.phone, score)


# --- complaints and 差评 ---------------------------------------------------------------------


@post(C, tags=TAGS, summary="投诉（公众、经营者，或工作人员代为登记）", responses=errors(429))
async def complain(
    request: Request, maybe_actor: MaybeActor, data: JSONBody[ComplaintIn]
) -> ComplaintOut | Accepted:
    out = await complaints.record(maybe_actor, data, client=client(request))
    return out or Accepted(accepted=True)


class ComplaintQueuePage(Page[ComplaintOut]):
    """One page of the jurisdiction's open complaints, soonest due first."""


@get(f"{C}/queue", tags=TAGS, summary="待办投诉（工作人员，按办理期限，分页）")
async def complaint_queue(actor: CurrentActor, page: PageNo = 1) -> ComplaintQueuePage:
    items, total = await complaints.queue(actor, page=page)
    return ComplaintQueuePage(
        items=items, total=total, page=page, page_size=complaints.QUEUE_PAGE_SIZE
    )


@get(CID, tags=TAGS, summary="投诉详情")
async def get_complaint(actor: CurrentActor, complaint_id: FromPath[int]) -> ComplaintOut:
    return await complaints.get(actor, complaint_id)


@get(f"{C}/by-token/{{token:str}}", tags=TAGS, summary="凭短信链接查看投诉及答复")
async def complaint_by_token(token: FromPath[str]) -> ComplaintOut:
    return await complaints.by_token(token)


@post(f"{CID}/take", tags=TAGS, summary="承办投诉", status_code=200, responses=errors(409))
async def take_complaint(actor: CurrentActor, complaint_id: FromPath[int]) -> ComplaintOut:
    return await complaints.take(actor, complaint_id)


class AssignIn(Input):
    to_user_id: int = Field(description="承办人")


@post(f"{CID}/assign", tags=TAGS, summary="指定投诉承办人", status_code=200, responses=errors(409))
async def assign_complaint(
    actor: CurrentActor, complaint_id: FromPath[int], data: JSONBody[AssignIn]
) -> ComplaintOut:
    return await complaints.assign(actor, complaint_id, data.to_user_id)


@post(f"{CID}/reply", tags=TAGS, summary="答复投诉人", status_code=200, responses=errors(409))
async def reply_complaint(
    actor: CurrentActor, complaint_id: FromPath[int], data: JSONBody[ReplyIn]
) -> ComplaintOut:
    return await complaints.reply(actor, complaint_id, data)


@post(f"{CID}/close", tags=TAGS, summary="办结投诉", status_code=200)
async def close_complaint(actor: CurrentActor, complaint_id: FromPath[int]) -> ComplaintOut:
    return await complaints.close(actor, complaint_id)


@get(f"{BASE}/ratings/poor", tags=TAGS, summary="待整改反馈的差评（7日内，第三十八条）")
async def poor_ratings(actor: CurrentActor) -> list[RatingOut]:
    return await ratings.poor_open(actor)


@post(
    f"{BASE}/ratings/{{rating_id:int}}/follow-up",
    tags=TAGS,
    summary="差评核实整改反馈",
    status_code=200,
    responses=errors(409),
)
async def follow_up(
    actor: CurrentActor, rating_id: FromPath[int], data: JSONBody[FollowUpIn]
) -> RatingOut:
    return await ratings.follow_up(actor, rating_id, data)


HANDLERS = [
    ask,
    my_questions,
    question_queue,
    log_question,
    get_question,
    question_by_token,
    take_question,
    handover,
    answer,
    rate_question,
    list_windows,
    add_window,
    add_pattern,
    day_list,
    list_slots,
    book,
    get_booking,
    cancel_booking,
    mark_booking,
    rate_visit,
    complain,
    complaint_queue,
    get_complaint,
    complaint_by_token,
    take_complaint,
    assign_complaint,
    reply_complaint,
    close_complaint,
    poor_ratings,
    follow_up,
]
