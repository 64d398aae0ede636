"""Authorities (机关信息): the admin's page and the JSON twin."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post, put
from litestar.params import FromPath, JSONBody
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind
from seedreg.reference.schemas import AuthorityIn, AuthorityOut

TAGS = ["基础数据"]


def _out(row: dict[str, Any]) -> AuthorityOut:
    return AuthorityOut(
        kind_label=AuthorityKind(row["kind"]).label,
        **{k: row[k] for k in AuthorityOut.model_fields if k != "kind_label"},
    )


async def _context() -> dict[str, Any]:
    return {"authorities": [_out(r) for r in await authorities.all_authorities()]}


@get("/admin/authorities", include_in_schema=False)
async def authorities_page(request: Request, actor: CurrentActor) -> Template:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护机关信息")
    return page(request, "reference/authorities.html", **await _context())


@post("/admin/authorities/{authority_id:int}", include_in_schema=False)
async def authority_save(
    request: Request, actor: CurrentActor, authority_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await authorities.save(actor, authority_id, parse(AuthorityIn, values))
    except DomainError as exc:
        return form_error(
            request,
            "reference/authorities.html",
            exc,
            {**values, "authority_id": authority_id},
            **await _context(),
        )
    return see_other(f"/admin/authorities#a{authority_id}")


@get("/api/reference/authorities", tags=TAGS, summary="机关信息（名称、地址、电话、机关代字）")
async def list_authorities() -> list[AuthorityOut]:
    return (await _context())["authorities"]


@put("/api/reference/authorities/{authority_id:int}", tags=TAGS, summary="修改机关信息（管理员）")
async def update_authority(
    actor: CurrentActor, authority_id: FromPath[int], data: JSONBody[AuthorityIn]
) -> AuthorityOut:
    return _out(await authorities.save(actor, authority_id, data))


HANDLERS = [authorities_page, authority_save, list_authorities, update_authority]
