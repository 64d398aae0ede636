"""The catalogue as JSON: every matter with its guide's elements, materials and transitions
table; the admin's edits of the promised limit, whether it is offered and a material's wording."""

from __future__ import annotations

from litestar import get, put
from litestar.params import FromPath, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.matters import catalogue
from seedreg.matters.schemas import MaterialOut, MaterialWordingIn, MatterIn, MatterOut

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


HANDLERS = [list_matters, get_matter, update_matter, update_material]
