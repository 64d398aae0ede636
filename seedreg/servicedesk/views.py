"""Pages of the service desk: the public's 咨询 / 预约 / 投诉 (no account needed), the asker's
answer by its link, and the officials' desk (questions, complaints, 差评 by due date).
Every page calls the same services as the API; the rules decide what each person may do."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor, MaybeActor
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.licensing.forms import RATING_OPTIONS
from seedreg.servicedesk import appointments, complaints, consultations, desk, ratings
from seedreg.servicedesk.desk_views import choices, desk_context, desk_export, pages_query
from seedreg.servicedesk.rule_settings import ANSWER_WORKDAYS, COMPLAINT_WORKDAYS
from seedreg.servicedesk.rules import ABOUT_LABELS, OTHER_CHANNELS, STATUS_LABELS
from seedreg.servicedesk.schemas import (
    AnswerIn,
    BookingIn,
    ComplaintIn,
    FollowUpIn,
    HandoverIn,
    LoggedQuestionIn,
    QuestionIn,
    RatingIn,
    ReplyIn,
)


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@get("/servicedesk", include_in_schema=False)
async def hub(request: Request) -> Template:
    return page(
        request,
        "servicedesk/hub.html",
        windows=await appointments.windows(),
        other_channels=OTHER_CHANNELS,
        answer_days=await rs.value(ANSWER_WORKDAYS),
    )


# --- 咨询 ---------------------------------------------------------------------------------------

ASK = "servicedesk/ask.html"


async def _ask_context(actor: Any) -> dict[str, Any]:
    return {
        **await choices(),
        "signed_in": actor is not None,
        "answer_days": await rs.value(ANSWER_WORKDAYS),
        "answer_setting": ANSWER_WORKDAYS.source_label,
    }


@get("/servicedesk/ask", include_in_schema=False)
async def ask_form(request: Request, maybe_actor: MaybeActor) -> Template:
    return page(request, ASK, **await _ask_context(maybe_actor))


@post("/servicedesk/ask", include_in_schema=False)
async def ask_submit(request: Request, maybe_actor: MaybeActor) -> Template | Redirect:
    values = await form_data(request)
    try:
        out = await consultations.ask(
            maybe_actor, parse(QuestionIn, values), client=_client(request)
        )
    except DomainError as exc:
        return form_error(request, ASK, exc, values, **await _ask_context(maybe_actor))
    return see_other(f"/servicedesk/q/{out.token}" if out else "/servicedesk")


QUESTION = "servicedesk/question.html"


async def _question_context(token: str) -> dict[str, Any]:
    item = await consultations.by_token(token)
    return {
        "item": item,
        "matters": await desk.matter_names(),
        "status_labels": STATUS_LABELS,
        "may_rate": item.answered_at is not None and item.rating_score is None,
        "rating_options": RATING_OPTIONS,
    }


@get("/servicedesk/q/{token:str}", include_in_schema=False)
async def question_page(request: Request, token: FromPath[str]) -> Template:
    return page(request, QUESTION, **await _question_context(token))


@post("/servicedesk/q/{token:str}/rating", include_in_schema=False)
async def question_rating(request: Request, token: FromPath[str]) -> Template | Redirect:
    values = await form_data(request)
    try:
        await ratings.rate_question(token, parse(RatingIn, values))
    except DomainError as exc:
        return form_error(request, QUESTION, exc, values, **await _question_context(token))
    return see_other(f"/servicedesk/q/{token}")


@get("/servicedesk/mine", include_in_schema=False)
async def mine_page(request: Request, actor: CurrentActor, page_no: ViewPageNo = 1) -> Template:
    page_no = page_number(page_no)
    items, total = await consultations.mine(actor, page=page_no)
    return page(
        request,
        "servicedesk/mine.html",
        items=items,
        total=total,
        page_no=page_no,
        page_size=consultations.PAGE_SIZE,
        status_labels=STATUS_LABELS,
    )


# --- 预约 ---------------------------------------------------------------------------------------

BOOK = "servicedesk/book.html"


async def _book_context(matter: str) -> dict[str, Any]:
    return {**await choices(), "slots": await appointments.slots(matter[:32]), "matter": matter}


@get("/servicedesk/book", include_in_schema=False)
async def book_form(request: Request, matter: FromQuery[str] = "") -> Template:
    return page(request, BOOK, **await _book_context(matter))


@post("/servicedesk/book", include_in_schema=False)
async def book_submit(request: Request, maybe_actor: MaybeActor) -> Template:
    values = await form_data(request)
    try:
        booked = await appointments.book(
            maybe_actor, parse(BookingIn, values), client=_client(request)
        )
    except DomainError as exc:
        return form_error(request, BOOK, exc, values, **await _book_context(""))
    # shown at once, not redirected: the booking is looked up with the phone, kept off URLs
    return page(request, "servicedesk/booked.html", item=booked, matters=await desk.matter_names())


# --- 投诉 ---------------------------------------------------------------------------------------

COMPLAIN = "servicedesk/complain.html"


async def _complain_context() -> dict[str, Any]:
    return {
        **await choices(),
        "other_channels": OTHER_CHANNELS,
        "complaint_days": await rs.value(COMPLAINT_WORKDAYS),
        "complaint_setting": COMPLAINT_WORKDAYS.source_label,
    }


@get("/servicedesk/complain", include_in_schema=False)
async def complain_form(request: Request) -> Template:
    return page(request, COMPLAIN, **await _complain_context())


@post("/servicedesk/complain", include_in_schema=False)
async def complain_submit(request: Request, maybe_actor: MaybeActor) -> Template | Redirect:
    values = await form_data(request)
    values["alleged_violation"] = values.get("alleged_violation") == "on"
    try:
        out = await complaints.record(
            maybe_actor, parse(ComplaintIn, values), client=_client(request)
        )
    except DomainError as exc:
        return form_error(request, COMPLAIN, exc, values, **await _complain_context())
    return see_other(f"/servicedesk/c/{out.token}" if out else "/servicedesk")


@get("/servicedesk/c/{token:str}", include_in_schema=False)
async def complaint_page(request: Request, token: FromPath[str]) -> Template:
    return page(
        request,
        "servicedesk/complaint.html",
        item=await complaints.by_token(token),
        status_labels=STATUS_LABELS,
        about_labels=ABOUT_LABELS,
        other_channels=OTHER_CHANNELS,
    )


# --- the officials' desk ----------------------------------------------------------------------

DESK = "servicedesk/desk.html"


@get("/servicedesk/desk", include_in_schema=False)
async def desk_page(
    request: Request, actor: CurrentActor, qpage: ViewPageNo = 1, cpage: ViewPageNo = 1
) -> Template | Response:
    if exporting.wanted(request):
        return await desk_export(actor)
    return page(request, DESK, **await desk_context(actor, qpage, cpage))


async def _desk_action(
    request: Request, actor: Any, act: Any, qpage: int, cpage: int
) -> Template | Redirect:
    """Run a desk form's action; back to the queues' pages it was taken on (the form's
    ``qpage``/``cpage``), or those pages again with the mistake shown."""
    values = await form_data(request)
    try:
        await act(values)
    except DomainError as exc:
        return form_error(request, DESK, exc, values, **await desk_context(actor, qpage, cpage))
    query = pages_query(qpage, cpage)
    return see_other(f"/servicedesk/desk?{query}" if query else "/servicedesk/desk")


@post("/servicedesk/desk/questions/{item_id:int}/{step:str}", include_in_schema=False)
async def question_step(
    request: Request,
    actor: CurrentActor,
    item_id: FromPath[int],
    step: FromPath[str],
    qpage: ViewPageNo = 1,
    cpage: ViewPageNo = 1,
) -> Template | Redirect:
    async def act(values: dict[str, Any]) -> None:
        if step == "take":
            await consultations.take(actor, item_id)
        elif step == "handover":
            await consultations.handover(actor, item_id, parse(HandoverIn, values))
        else:
            await consultations.answer(actor, item_id, parse(AnswerIn, values))

    return await _desk_action(request, actor, act, qpage, cpage)


@post("/servicedesk/desk/logged", include_in_schema=False)
async def log_step(
    request: Request, actor: CurrentActor, qpage: ViewPageNo = 1, cpage: ViewPageNo = 1
) -> Template | Redirect:
    async def act(values: dict[str, Any]) -> None:
        await consultations.log_consultation(actor, parse(LoggedQuestionIn, values))

    return await _desk_action(request, actor, act, qpage, cpage)


@post("/servicedesk/desk/complaints/{item_id:int}/{step:str}", include_in_schema=False)
async def complaint_step(
    request: Request,
    actor: CurrentActor,
    item_id: FromPath[int],
    step: FromPath[str],
    qpage: ViewPageNo = 1,
    cpage: ViewPageNo = 1,
) -> Template | Redirect:
    async def act(values: dict[str, Any]) -> None:
        if step == "take":
            await complaints.take(actor, item_id)
        elif step == "close":
            await complaints.close(actor, item_id)
        else:
            await complaints.reply(actor, item_id, parse(ReplyIn, values))

    return await _desk_action(request, actor, act, qpage, cpage)


@post("/servicedesk/desk/ratings/{item_id:int}", include_in_schema=False)
async def rating_step(
    request: Request,
    actor: CurrentActor,
    item_id: FromPath[int],
    qpage: ViewPageNo = 1,
    cpage: ViewPageNo = 1,
) -> Any:
    async def act(values: dict[str, Any]) -> None:
        await ratings.follow_up(actor, item_id, parse(FollowUpIn, values))

    return await _desk_action(request, actor, act, qpage, cpage)


HANDLERS = [
    hub,
    mine_page,
    ask_form,
    ask_submit,
    question_page,
    question_rating,
    book_form,
    book_submit,
    complain_form,
    complain_submit,
    complaint_page,
    desk_page,
    question_step,
    complaint_step,
    rating_step,
    log_step,
]
