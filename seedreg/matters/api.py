"""The catalogue as JSON: every matter with its guide's elements, materials and transitions
table; the admin's edits of the promised limit, whether it is offered and a material's wording."""

from __future__ import annotations

from typing import Any

from litestar import get, post, put
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.openapi import errors
from seedreg.matters import catalogue, held, inbox
from seedreg.matters.schemas import (
    AssignIn,
    HeldConfirmIn,
    HeldRecordOut,
    InboxItem,
    InboxPage,
    MaterialOut,
    MaterialWordingIn,
    MatterIn,
    MatterOut,
)

TAGS = ["事项目录"]


@get("/api/matters", tags=TAGS, summary="事项目录（设定依据、时限、材料、办理流程）")
async def list_matters() -> list[MatterOut]:
    return await catalogue.all_matters()


@get("/api/matters/{code:str}", tags=TAGS, summary="一个事项")
async def get_matter(code: FromPath[str]) -> MatterOut:
    return await catalogue.matter(code[:32])


@put("/api/matters/{code:str}", tags=TAGS, summary="修改承诺时限、是否办理（管理员）")
async def update_matter(
    actor: CurrentActor, code: FromPath[str], data: JSONBody[MatterIn]
) -> MatterOut:
    return await catalogue.save(actor, code[:32], data)


@put(
    "/api/matters/{code:str}/materials/{item:str}",
    tags=TAGS,
    summary="修改材料名称、备注、是否启用（管理员）",
)
async def update_material(
    actor: CurrentActor, code: FromPath[str], item: FromPath[str], data: JSONBody[MaterialWordingIn]
) -> MaterialOut:
    return await catalogue.save_wording(actor, code[:32], item[:32], data)


@get(
    "/api/matters/inbox",
    tags=TAGS,
    summary="全部事项待办（本人管辖范围，按期限排序；含时限、颜色和可办理的操作）",
    responses=errors(403),
)
async def inbox_list(
    actor: CurrentActor, matter: FromQuery[str] = "", page: FromQuery[int] = 1
) -> InboxPage:
    items, total = await inbox.inbox(actor, matter=matter[:32], page=max(page, 1))
    return InboxPage(items=items, total=total, page=max(page, 1), page_size=inbox.PAGE_SIZE)


@put(
    "/api/matters/applications/{application_id:int}/assignee",
    tags=TAGS,
    summary="把申请分派给一位审批人员（或取消分派）",
    responses=errors(403, 404, 422),
)
async def assign(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[AssignIn]
) -> InboxItem:
    return await inbox.assign(actor, application_id, data.officer_id)


@get(
    "/api/matters/applications/{application_id:int}/held-materials",
    tags=TAGS,
    summary="系统已有、可确认使用的材料（任一事项；兴署发〔2021〕5号第十条（四））",
    responses=errors(404),
)
async def held_materials(
    actor: CurrentActor, application_id: FromPath[int]
) -> dict[str, list[HeldRecordOut]]:
    return held.as_out(await held.offered_for(actor, application_id))


@post(
    "/api/matters/applications/{application_id:int}/held-materials",
    tags=TAGS,
    summary="确认使用系统已有材料（系统调取），不再上传",
    responses=errors(403, 404, 422),
)
async def confirm_held(
    actor: CurrentActor, application_id: FromPath[int], data: JSONBody[HeldConfirmIn]
) -> dict[str, Any]:
    return await held.confirm_for(actor, application_id, data.item_code, data.record)


HANDLERS = [
    list_matters,
    inbox_list,
    get_matter,
    update_matter,
    update_material,
    assign,
    held_materials,
    confirm_held,
]
