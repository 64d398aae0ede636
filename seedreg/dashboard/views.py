from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from seedreg.accounts.web import MaybeActor
from seedreg.core.web.pages import page
from seedreg.dashboard import services
from seedreg.reference import services as reference


@get("/", include_in_schema=False)
async def home(request: Request, maybe_actor: MaybeActor) -> Template:
    if maybe_actor is None:
        return page(request, "dashboard/welcome.html")
    where = await reference.division_name(maybe_actor.jurisdiction or "")
    return page(
        request,
        "dashboard/home.html",
        tiles=await services.counts(maybe_actor),
        jurisdiction_name=where if maybe_actor.jurisdiction else "",
    )


@get("/healthz", include_in_schema=False)
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


HANDLERS = [home, healthz]
