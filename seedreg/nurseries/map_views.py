"""The state-nursery target page and the officials' map.

The map stays behind login, for officials only: a map showing administrative boundaries that is
made public may need a 审图号 (《地图管理条例》 Arts. 15, 17 on map review), and the banner
points and frame drawn here are orientation, not surveyed boundaries
(fixtures/nurseries/SOURCE.md)."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from seedreg.accounts.web import CurrentActor
from seedreg.core import rulesettings as rs
from seedreg.core.web.pages import page
from seedreg.nurseries import overview
from seedreg.nurseries.rule_settings import TARGET_MAXIMUM, TARGET_MINIMUM, TARGET_SCOPE


@get("/nurseries/target", include_in_schema=False)
async def target_page(request: Request, actor: CurrentActor) -> Template:
    table = await overview.target(actor)
    values = await rs.current()
    settings = [
        {
            "label": d.label,
            "value": d.display(values.of(d)),
            "source": d.source_label,
            "description": d.description,
        }
        for d in (TARGET_SCOPE, TARGET_MINIMUM, TARGET_MAXIMUM)
    ]
    return page(request, "nurseries/target.html", table=table, settings=settings)


@get("/nurseries/map", include_in_schema=False)
async def map_page(request: Request, actor: CurrentActor) -> Template:
    return page(request, "nurseries/map.html", map=await overview.map_data(actor))


HANDLERS = [target_page, map_page]
