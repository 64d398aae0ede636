"""JSON API of the reports: the dashboard's figures (the same as /reports shows) and an admin's
refresh on demand."""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromQuery

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import Forbidden
from seedreg.core.web.openapi import errors
from seedreg.reports import dashboard, period_report, published, services
from seedreg.reports.schemas import (
    DashboardOut,
    DrawOfficeOut,
    FigureOut,
    ItemOut,
    OfficeOut,
    PeriodLineOut,
    PeriodReportOut,
    PublicationOut,
    RefreshOut,
    ReportFieldOut,
)

TAGS = ["统计报表"]


def dashboard_out(board: dashboard.Board) -> DashboardOut:
    return DashboardOut(
        refreshed_at=board.refreshed_at,
        division=board.division,
        figures=[
            FigureOut(
                ident=f.ident,
                title=f.title,
                note=f.note,
                total=f.total,
                items=[ItemOut(label=b.label, value=b.value, link=b.link) for b in f.rows],
            )
            for f in board.figures
        ],
    )


@get(
    "/api/reports/dashboard",
    tags=TAGS,
    summary="统计看板（本辖区；盟级可按旗县市筛选）",
    description="各图表的数字与 /reports 页面相同，来自定时增量更新的统计数据（见 refreshed_at）。"
    "division：旗县市代码，须在本辖区内。",
    responses=errors(403),
)
async def get_dashboard(actor: CurrentActor, division: FromQuery[str] = "") -> DashboardOut:
    return dashboard_out(await dashboard.board(actor, division[:6]))


@post(
    "/api/reports/refresh",
    tags=TAGS,
    summary="立即更新统计数据（管理员）",
    description="重新统计全部数据类别并写入审计记录；平时由系统按设定的间隔增量更新。",
    responses=errors(403),
    status_code=200,
)
async def refresh(actor: CurrentActor) -> RefreshOut:
    if not actor.is_admin:
        raise Forbidden("只有管理员可以立即更新统计数据")
    done = await services.refresh(actor=actor, force=True)
    return RefreshOut(seq=done.seq, families=done.families, written=done.written)


HANDLERS = [get_dashboard, refresh]


@get(
    "/api/public/reports/publication",
    tags=TAGS,
    summary="政务服务好差评与办件情况公开（无需登录）",
    description="按办理机关和月份：办结、按期办结、一次性告知补正件数与次数、视为受理、评价、差评及其"
    "按期整改回复（国办发〔2019〕51号）；本月双随机抽取次数、抽中对象及检查结果（双随机一公开）。"
    "只有数字，不含申请人或个人信息。month：YYYY-MM，默认本月。",
    responses=errors(422),
)
async def publication(month: FromQuery[str] = "") -> PublicationOut:
    chosen = published.chosen_month(month[:7])
    return PublicationOut(
        month=chosen,
        refreshed_at=await dashboard.refreshed_words(),
        offices=[
            OfficeOut(division_code=o.division_code, name=o.name, **o.figures)
            for o in await published.offices(chosen)
        ],
        draws=[
            DrawOfficeOut(division_code=o.division_code, name=o.name, **o.figures)
            for o in await published.draw_offices(chosen)
        ],
    )


HANDLERS.append(publication)


@get(
    "/api/reports/period",
    tags=TAGS,
    summary="统计月报、年报（本辖区；盟级可按旗县市筛选）",
    description="period：YYYY-MM 为月报，YYYY 为年报，默认本月。各字段为本期各月统计数字"
    "之和，字段及顺序按设定“月报、年报的统计字段”。division：旗县市代码，须在本辖区内"
    "（否则 403）；统计期格式不对为 422。",
    responses=errors(403, 422),
)
async def get_period(
    actor: CurrentActor, period: FromQuery[str] = "", division: FromQuery[str] = ""
) -> PeriodReportOut:
    report = await period_report.report(actor, period[:7], division[:6])
    return PeriodReportOut(
        period=report.period.text,
        period_words=report.period.words,
        title=report.title,
        division=report.division,
        authority=report.authority,
        refreshed_at=report.refreshed_at,
        fields=[ReportFieldOut(key=f.key, name=f.name, unit=f.unit) for f in report.fields],
        lines=[
            PeriodLineOut(division_code=x.division_code, name=x.name, figures=x.figures)
            for x in report.lines
        ],
        total=report.total,
    )


HANDLERS.append(get_period)
