"""Pages of leads (线索): the queue of the banner's inspectors and one lead with its decision
(派查 opens the check form pre-filled; 不予立查 with a reason)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.inspections import check_tasks
from seedreg.leads import services
from seedreg.leads.rules import LeadKind, LeadState

LEAD = "leads/lead.html"


@get("/leads", include_in_schema=False)
async def queue_page(
    request: Request, actor: CurrentActor, show: FromQuery[str] = "new", kind: FromQuery[str] = ""
) -> Template:
    return page(
        request, "leads/queue.html", leads=await services.queue(actor, show[:12], kind[:16]),
        states=[(s.value, s.label) for s in LeadState] + [("all", "全部")],
        kinds=[(k.value, k.label) for k in LeadKind], values={"show": show, "kind": kind},
    )  # fmt: skip


async def _context(actor: CurrentActor, lead_id: int) -> dict[str, Any]:
    lead = await services.load(actor, lead_id)
    parties = []
    if lead.may_decide and lead.target_id is None:
        parties = await check_tasks.parties(lead.division_code)
    return {"lead": lead, "parties": parties}


@get("/leads/{lead_id:int}", include_in_schema=False)
async def lead_page(request: Request, actor: CurrentActor, lead_id: FromPath[int]) -> Template:
    return page(request, LEAD, **await _context(actor, lead_id))


@post("/leads/{lead_id:int}/dispatch", include_in_schema=False)
async def dispatch(
    request: Request, actor: CurrentActor, lead_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        url = await services.dispatch(actor, lead_id, str(values.get("target", ""))[:40])
    except DomainError as exc:
        return form_error(request, LEAD, exc, values, **await _context(actor, lead_id))
    return see_other(url)


@post("/leads/{lead_id:int}/dismiss", include_in_schema=False)
async def dismiss(
    request: Request, actor: CurrentActor, lead_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await services.dismiss(actor, lead_id, str(values.get("reason", ""))[:1000])
    except DomainError as exc:
        return form_error(request, LEAD, exc, values, **await _context(actor, lead_id))
    return see_other(f"/leads/{lead_id}")


HANDLERS = [queue_page, lead_page, dispatch, dismiss]
