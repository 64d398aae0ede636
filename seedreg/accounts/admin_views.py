"""Pages: one account managed by the league admin (correct, disable, re-enable, reset password)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts import lifecycle
from seedreg.accounts.rules import account_actions
from seedreg.accounts.schemas import DisableIn, PasswordResetIn, UserUpdate
from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.reference import services as reference

TEMPLATE = "accounts/user.html"


async def _context(actor: CurrentActor, user_id: int) -> dict[str, Any]:
    user = await lifecycle.get_user(actor, user_id)
    return {
        "user": user,
        "actions": account_actions(actor, user_id=user.id, active=user.active),
        "divisions": await reference.divisions(),
        "history_url": f"/admin/audit?subject_type=user&subject_id={user.id}",
    }


@get("/admin/users/{user_id:int}", include_in_schema=False)
async def user_page(
    request: Request, actor: CurrentActor, user_id: FromPath[int], done: FromQuery[str] = ""
) -> Template:
    context = await _context(actor, user_id)
    return page(request, TEMPLATE, values=context["user"].model_dump(), done=done, **context)


async def _act(request: Request, actor: CurrentActor, user_id: int, form: str, run: Any) -> Any:
    values = await form_data(request)
    try:
        await run(values)
    except DomainError as exc:
        values.pop("new_password", None)
        context = await _context(actor, user_id)
        return form_error(request, TEMPLATE, exc, values, failed=form, **context)
    return see_other(f"/admin/users/{user_id}?done={form}")


@post("/admin/users/{user_id:int}", include_in_schema=False)
async def user_update(
    request: Request, actor: CurrentActor, user_id: FromPath[int]
) -> Template | Redirect:
    async def run(values: dict[str, Any]) -> None:
        values["full_time_quarantine"] = values.get("full_time_quarantine") == "on"
        await lifecycle.update_user(actor, user_id, parse(UserUpdate, values))

    return await _act(request, actor, user_id, "edit", run)


@post("/admin/users/{user_id:int}/disable", include_in_schema=False)
async def user_disable(
    request: Request, actor: CurrentActor, user_id: FromPath[int]
) -> Template | Redirect:
    async def run(values: dict[str, Any]) -> None:
        data = parse(DisableIn, values)
        await lifecycle.set_active(actor, user_id, active=False, reason=data.reason)

    return await _act(request, actor, user_id, "disable", run)


@post("/admin/users/{user_id:int}/enable", include_in_schema=False)
async def user_enable(
    request: Request, actor: CurrentActor, user_id: FromPath[int]
) -> Template | Redirect:
    async def run(values: dict[str, Any]) -> None:
        await lifecycle.set_active(actor, user_id, active=True)

    return await _act(request, actor, user_id, "enable", run)


@post("/admin/users/{user_id:int}/password", include_in_schema=False)
async def user_password(
    request: Request, actor: CurrentActor, user_id: FromPath[int]
) -> Template | Redirect:
    async def run(values: dict[str, Any]) -> None:
        data = parse(PasswordResetIn, values)
        await lifecycle.reset_password(actor, user_id, data.new_password)

    return await _act(request, actor, user_id, "password", run)


HANDLERS = [user_page, user_update, user_disable, user_enable, user_password]
