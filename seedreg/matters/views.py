"""The catalogue's pages: the public list of matters (事项清单) with each one's legal basis, and
the admin's page for what the law leaves to the authority."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.matters import catalogue
from seedreg.matters.schemas import MaterialWordingIn, MatterIn

ADMIN_PAGE = "/admin/matters"


@get("/matters", include_in_schema=False)
async def matters_page(request: Request) -> Template:
    return page(request, "matters/list.html", matters=await catalogue.all_matters())


async def _admin_context() -> dict[str, Any]:
    return {"matters": await catalogue.all_matters(include_inactive=True)}


@get(ADMIN_PAGE, include_in_schema=False)
async def admin_page(request: Request, actor: CurrentActor) -> Template:
    if not actor.is_admin:
        raise Forbidden(catalogue.ADMIN_ONLY)
    return page(request, "matters/admin.html", **await _admin_context())


@post(f"{ADMIN_PAGE}/{{code:str}}", include_in_schema=False)
async def admin_save(
    request: Request, actor: CurrentActor, code: FromPath[str]
) -> Template | Redirect:
    values = await form_data(request)
    values["active"] = "active" in values
    try:
        await catalogue.save(actor, code[:32], parse(MatterIn, values))
    except DomainError as exc:
        context = await _admin_context()
        return form_error(
            request, "matters/admin.html", exc, {**values, "matter": code[:32]}, **context
        )
    return see_other(f"{ADMIN_PAGE}#m-{code[:32]}")


@post(f"{ADMIN_PAGE}/{{code:str}}/materials/{{item:str}}", include_in_schema=False)
async def admin_save_material(
    request: Request, actor: CurrentActor, code: FromPath[str], item: FromPath[str]
) -> Template | Redirect:
    values = await form_data(request)
    values["active"] = "active" in values
    try:
        await catalogue.save_wording(actor, code[:32], item[:32], parse(MaterialWordingIn, values))
    except DomainError as exc:
        context = await _admin_context()
        where = {"matter": code[:32], "item": item[:32]}
        return form_error(request, "matters/admin.html", exc, {**values, **where}, **context)
    return see_other(f"{ADMIN_PAGE}#m-{code[:32]}-{item[:32]}")


HANDLERS = [matters_page, admin_page, admin_save, admin_save_material]
