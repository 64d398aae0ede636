"""The delivery page of an application (送达, 兴署发〔2021〕5号 Arts. 17(三), 19): the applicant
chooses; the office records the mailing, the pickup or the online delivery. Same services as
the API; the rules say which forms each person sees."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.servicedesk import delivery
from seedreg.servicedesk.delivery_rules import METHOD_LABELS
from seedreg.servicedesk.delivery_schemas import DeliveryChoiceIn, MailingIn, PickupIn

PAGE = "servicedesk/delivery.html"


async def _context(actor: Any, application_id: int) -> dict[str, Any]:
    context = await delivery.page_context(actor, application_id)
    d = context["delivery"]
    return {
        **context,
        "method_options": [(m.value, label) for m, label in METHOD_LABELS.items()],
        "may_choose": "choose" in d.allowed_actions,
        "may_mail": "mailing" in d.allowed_actions,
        "may_pickup": "pickup" in d.allowed_actions,
        "may_online": "online" in d.allowed_actions,
    }


def _choice_values(d: Any) -> dict[str, Any]:
    if d.method is None:
        return {"electronic": "on", "method": "online"}
    return {
        "electronic": "on" if d.electronic else "",
        "paper": "on" if d.paper else "",
        "method": d.method,
        "recipient": d.recipient,
        "phone": d.phone,
        "address": d.address,
    }


@get("/deliveries/{application_id:int}", include_in_schema=False)
async def delivery_page(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template:
    context = await _context(actor, application_id)
    return page(request, PAGE, values=_choice_values(context["delivery"]), **context)


async def _submit(
    request: Request, actor: Any, application_id: int, act: Any
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await act(values)
    except DomainError as exc:
        return form_error(request, PAGE, exc, values, **await _context(actor, application_id))
    return see_other(f"/deliveries/{application_id}")


@post("/deliveries/{application_id:int}/choose", include_in_schema=False)
async def choose(request: Request, actor: CurrentActor, application_id: FromPath[int]) -> Any:
    async def act(values: dict[str, Any]) -> None:
        values["electronic"] = values.get("electronic") == "on"
        values["paper"] = values.get("paper") == "on"
        await delivery.choose(actor, application_id, parse(DeliveryChoiceIn, values))

    return await _submit(request, actor, application_id, act)


@post("/deliveries/{application_id:int}/mailing", include_in_schema=False)
async def mailing(request: Request, actor: CurrentActor, application_id: FromPath[int]) -> Any:
    async def act(values: dict[str, Any]) -> None:
        await delivery.record_mailing(actor, application_id, parse(MailingIn, values))

    return await _submit(request, actor, application_id, act)


@post("/deliveries/{application_id:int}/pickup", include_in_schema=False)
async def pickup(request: Request, actor: CurrentActor, application_id: FromPath[int]) -> Any:
    async def act(values: dict[str, Any]) -> None:
        await delivery.record_pickup(actor, application_id, parse(PickupIn, values))

    return await _submit(request, actor, application_id, act)


@post("/deliveries/{application_id:int}/online", include_in_schema=False)
async def online(request: Request, actor: CurrentActor, application_id: FromPath[int]) -> Any:
    async def act(_values: dict[str, Any]) -> None:
        await delivery.record_online(actor, application_id)

    return await _submit(request, actor, application_id, act)


HANDLERS = [delivery_page, choose, mailing, pickup, online]
