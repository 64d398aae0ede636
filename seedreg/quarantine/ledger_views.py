"""The consignment ledger page (种苗站, 检疫员): the month's totals in and out by species and
origin, and the inbound consignments, those lacking a needed introduction approval first."""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from seedreg.accounts.rules import Role
from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.paging import page_number
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.pages import page
from seedreg.quarantine import consignments


@get("/quarantine/ledger", include_in_schema=False)
async def ledger_page(
    request: Request, actor: CurrentActor, month: FromQuery[str] = "", page_no: ViewPageNo = 1
) -> Template:
    month, page_no = month[:7] or f"{clock.today():%Y-%m}", page_number(page_no)
    inbound, total = await consignments.inbound_list(actor, page=page_no)
    return page(
        request,
        "quarantine/ledger.html",
        month=month,
        totals=await consignments.monthly_totals(actor, month),
        inbound=sorted(inbound, key=lambda i: not i.approval_missing),  # the page's flagged first
        inbound_total=total,
        page_no=page_no,
        page_size=consignments.PAGE_SIZE,
        flagged=len(await consignments.flagged_inbound(actor)),
        may_record=actor.role is Role.QUARANTINE_OFFICER,
    )


HANDLERS = [ledger_page]
