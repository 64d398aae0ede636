"""Pages: a new nursery signs up (form, codes, result), the personal-information notice, and
the claims that officials and account holders decide."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts import claims, signup
from seedreg.accounts import rule_settings as limits
from seedreg.accounts.schemas import ClaimRefuseIn, SignUpConfirmIn, SignUpIn
from seedreg.accounts.web import CurrentActor
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.organisations.rules import OrganisationKind
from seedreg.reference import services as reference

FORM = "accounts/signup.html"
STATUS = "accounts/signup_status.html"


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def _form_context() -> dict[str, Any]:
    return {
        "retention_days": await rs.value(limits.SIGNUP_RETENTION_DAYS),
        "kind_options": [(k.value, k.label) for k in OrganisationKind],
        "division_options": [(d["code"], d["name"]) for d in await reference.league_counties()],
    }


@get("/signup", include_in_schema=False)
async def signup_form(request: Request) -> Template:
    return page(request, FORM, **await _form_context())


@post("/signup", include_in_schema=False)
async def signup_submit(request: Request) -> Template | Redirect:
    values = await form_data(request)
    values["consent"] = values.get("consent") == "on"
    try:
        token = await signup.start(parse(SignUpIn, values), client=_client(request))
    except DomainError as exc:
        values.pop("password", None)
        return form_error(request, FORM, exc, values, **await _form_context())
    return see_other(f"/signup/requests/{token}")


@get("/signup/privacy", include_in_schema=False)
async def privacy(request: Request) -> Template:
    return page(
        request,
        "accounts/privacy.html",
        version=signup.CONSENT_VERSION,
        retention_days=await rs.value(limits.SIGNUP_RETENTION_DAYS),
    )


@get("/signup/requests/{token:str}", include_in_schema=False)
async def signup_status(request: Request, token: FromPath[str]) -> Template:
    return page(request, STATUS, item=await signup.get(token))


@post("/signup/requests/{token:str}/confirm", include_in_schema=False)
async def signup_confirm(request: Request, token: FromPath[str]) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(SignUpConfirmIn, values)
        await signup.confirm(token, data.phone_code, data.email_code)
    except DomainError as exc:
        return form_error(request, STATUS, exc, values, item=await signup.get(token))
    return see_other(f"/signup/requests/{token}")


@post("/signup/requests/{token:str}/resend", include_in_schema=False)
async def signup_resend(request: Request, token: FromPath[str]) -> Template:
    try:
        item = await signup.resend(token, client=_client(request))
    except DomainError as exc:
        return form_error(request, STATUS, exc, {}, item=await signup.get(token))
    return page(request, STATUS, item=item, notice="验证码已重新发送")


@get("/claims", include_in_schema=False)
async def claim_list(request: Request, actor: CurrentActor) -> Template:
    return page(request, "accounts/claims.html", items=await claims.pending(actor))


@post("/claims/{claim_id:int}/approve", include_in_schema=False)
async def claim_approve(request: Request, actor: CurrentActor, claim_id: FromPath[int]) -> Any:
    try:
        await claims.approve(actor, claim_id)
    except DomainError as exc:
        items = await claims.pending(actor)
        return form_error(request, "accounts/claims.html", exc, {}, items=items)
    return see_other("/claims")


@post("/claims/{claim_id:int}/refuse", include_in_schema=False)
async def claim_refuse(request: Request, actor: CurrentActor, claim_id: FromPath[int]) -> Any:
    values = await form_data(request)
    try:
        await claims.refuse(actor, claim_id, parse(ClaimRefuseIn, values).reason)
    except DomainError as exc:
        items = await claims.pending(actor)
        return form_error(
            request, "accounts/claims.html", exc, values, items=items, failed=claim_id
        )
    return see_other("/claims")


HANDLERS = [
    signup_form,
    signup_submit,
    privacy,
    signup_status,
    signup_confirm,
    signup_resend,
    claim_list,
    claim_approve,
    claim_refuse,
]
