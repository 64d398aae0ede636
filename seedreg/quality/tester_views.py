"""Pages for the register of 检验员: the operator registers its testers, the 种苗站 verifies or
withdraws them (种子法第四十七条)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.paging import page_number
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.quality import testers
from seedreg.quality.schemas import TesterIn, WithdrawIn
from seedreg.quality.tester_rules import EDUCATION_LEVELS, TesterStatus, may_register_testers

TEMPLATE = "quality/testers.html"
STATUS_CSS = {TesterStatus.VERIFIED: "lic-valid", TesterStatus.WITHDRAWN: "lic-revoked"}


async def _context(actor: CurrentActor, failed: str = "", page_no: int = 1) -> dict[str, Any]:
    page_no = page_number(page_no)
    items, total = await testers.search(actor, page=page_no)
    return {
        "testers": items,
        "total": total,
        "page_no": page_no,
        "page_size": testers.PAGE_SIZE,
        "may_register": may_register_testers(actor),
        "education_options": [(e, e) for e in EDUCATION_LEVELS],
        "failed": failed,
        "status_css": STATUS_CSS,
    }


@get("/quality/testers", include_in_schema=False)
async def register_page(request: Request, actor: CurrentActor, page_no: ViewPageNo = 1) -> Template:
    return page(request, TEMPLATE, **await _context(actor, page_no=page_no))


@post("/quality/testers", include_in_schema=False)
async def tester_register(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    try:
        await testers.register(actor, parse(TesterIn, values))
    except DomainError as exc:
        return form_error(request, TEMPLATE, exc, values, **await _context(actor, "register"))
    return see_other("/quality/testers")


@post("/quality/testers/{tester_id:int}/verify", include_in_schema=False)
async def tester_verify(
    request: Request, actor: CurrentActor, tester_id: FromPath[int]
) -> Template | Redirect:
    try:
        await testers.verify(actor, tester_id)
    except DomainError as exc:
        return form_error(request, TEMPLATE, exc, {}, **await _context(actor, str(tester_id)))
    return see_other("/quality/testers")


@post("/quality/testers/{tester_id:int}/withdraw", include_in_schema=False)
async def tester_withdraw(
    request: Request, actor: CurrentActor, tester_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await testers.withdraw(actor, tester_id, parse(WithdrawIn, values))
    except DomainError as exc:
        context = await _context(actor, str(tester_id))
        return form_error(request, TEMPLATE, exc, values, **context)
    return see_other("/quality/testers")


HANDLERS = [register_page, tester_register, tester_verify, tester_withdraw]
