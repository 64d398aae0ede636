"""The public 双随机 page (双随机一公开): each draw with its targets and the inspectors' names
and 执法证号, and the result once the check closes. No login; nothing else about the people."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from seedreg.core.web.pages import page
from seedreg.inspections import draws


@get("/inspections/draws", include_in_schema=False)
async def public_draws_page(request: Request) -> Template:
    return page(request, "inspections/public_draws.html", draws=await draws.public_draws())


HANDLERS = [public_draws_page]
