from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from seedreg.accounts.web import MaybeActor
from seedreg.core.web.pages import page
from seedreg.dashboard import services, work
from seedreg.labels.field_checks import may_scan_labels
from seedreg.licensing import applications
from seedreg.licensing.common import OFFICER_ROLES
from seedreg.reference import services as reference
from seedreg.servicedesk import summary as servicedesk


@get("/", include_in_schema=False)
async def home(request: Request, maybe_actor: MaybeActor) -> Template:
    if maybe_actor is None:
        return page(request, "dashboard/welcome.html")
    actor = maybe_actor
    where = await reference.division_name(actor.jurisdiction or "")
    officer = actor.role in OFFICER_ROLES
    return page(
        request,
        "dashboard/home.html",
        tiles=await services.counts(actor),
        jurisdiction_name=where if actor.jurisdiction else "",
        work=await work.operator_work(actor) if actor.is_operator else None,
        bands=(await applications.band_counts(actor))[0] if officer else None,
        may_scan_labels=may_scan_labels(actor),
        desk_tiles=await servicedesk.open_counts(actor),
    )


@get("/healthz", include_in_schema=False)
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


HANDLERS = [home, healthz]
