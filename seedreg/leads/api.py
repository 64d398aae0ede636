"""JSON API of leads (线索): the banner's queue, one lead, and its decision."""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.web.openapi import errors
from seedreg.leads import services
from seedreg.leads.schemas import DismissIn, DispatchIn, LeadOut

TAGS = ["线索"]
LEAD = "/api/leads/{lead_id:int}"


@get(
    "/api/leads",
    tags=TAGS,
    summary="线索（本辖区；盟级执法人员看全部）",
    description="show：new 待处理（默认）/ dispatched 已派查 / dismissed 不予立查 / all；"
    "kind：archive、improved_seed、clone、no_approval、poor_rating、complaint。",
    responses=errors(403),
)
async def list_leads(
    actor: CurrentActor, show: FromQuery[str] = "new", kind: FromQuery[str] = ""
) -> list[LeadOut]:
    return await services.queue(actor, state=show[:12], kind=kind[:16])


@get(LEAD, tags=TAGS, summary="线索详情", responses=errors(403, 404))
async def get_lead(actor: CurrentActor, lead_id: FromPath[int]) -> LeadOut:
    return await services.load(actor, lead_id)


@post(
    f"{LEAD}/dispatch",
    tags=TAGS,
    summary="派查：返回预填检查对象和线索内容的现场检查表地址",
    responses=errors(403, 404, 422),
    status_code=200,
)
async def dispatch_lead(
    actor: CurrentActor, lead_id: FromPath[int], data: JSONBody[DispatchIn]
) -> dict[str, str]:
    return {"check_form": await services.dispatch(actor, lead_id, data.target)}


@post(
    f"{LEAD}/dismiss",
    tags=TAGS,
    summary="不予立查（写明理由）",
    responses=errors(403, 404, 422),
    status_code=200,
)
async def dismiss_lead(
    actor: CurrentActor, lead_id: FromPath[int], data: JSONBody[DismissIn]
) -> LeadOut:
    return await services.dismiss(actor, lead_id, data.reason)


HANDLERS = [list_leads, get_lead, dispatch_lead, dismiss_lead]
