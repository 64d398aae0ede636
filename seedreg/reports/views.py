"""The reports page: an official's charts of its area (the league's with a banner filter),
an operator's own section, and the admin's refresh button."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import Forbidden
from seedreg.core.web.pages import page, see_other
from seedreg.dashboard import work
from seedreg.reports import dashboard, published, services
from seedreg.reports import rules as r


@get("/reports", include_in_schema=False)
async def reports_page(
    request: Request, actor: CurrentActor, division: FromQuery[str] = ""
) -> Template:
    if not services.may_see(actor):
        raise Forbidden("统计报表供机关工作人员和生产经营者查看")
    board = await dashboard.board(actor, division[:6]) if actor.is_official else None
    return page(
        request,
        "reports/dashboard.html",
        board=board,
        work=await work.operator_work(actor) if actor.is_operator else None,
        may_refresh=actor.is_admin,
        values={"division": division[:6]},
    )


@post("/reports/refresh", include_in_schema=False)
async def refresh_now(actor: CurrentActor) -> Redirect:
    if not actor.is_admin:
        raise Forbidden("只有管理员可以立即更新统计数据")
    await services.refresh(actor=actor, force=True)
    return see_other("/reports")


HANDLERS = [reports_page, refresh_now]


@get("/reports/public", include_in_schema=False)
async def publication_page(request: Request, month: FromQuery[str] = "") -> Template:
    chosen = published.chosen_month(month[:7])
    return page(
        request,
        "reports/public.html",
        month=chosen,
        months=[(m, m) for m in reversed(r.last_months(clock.today()))],
        offices=await published.offices(chosen),
        columns=r.PUBLISHED,
        refreshed_at=await dashboard.refreshed_words(),
        values={"month": chosen},
    )


HANDLERS.append(publication_page)
