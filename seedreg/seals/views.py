"""The public page that says what the electronic seal on the league's documents is."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from seedreg.core.web.pages import page
from seedreg.seals import services
from seedreg.seals.rules import Adapter


@get("/verify/seals", include_in_schema=False)
async def seal_status(request: Request) -> Template:
    status = await services.status()
    return page(
        request,
        "seals/status.html",
        status=status,
        is_test=status["adapter"] == Adapter.TEST.value,
        is_region=status["adapter"] == Adapter.REGION.value,
    )


HANDLERS = [seal_status]
