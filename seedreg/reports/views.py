"""The reports page: an official's charts of its area (the league's with a banner filter),
an operator's own section, and the admin's refresh button."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.core.web import exporting
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.pages import page, see_other, verification
from seedreg.core.web.responses import pdf_response
from seedreg.dashboard import work
from seedreg.reports import dashboard, documents, period_report, prints, published, services
from seedreg.reports import rules as r

# The figures as shown, a row per bar: the chart, the bar and its number.
EXPORT = (
    ExportColumn("图表", "chart"),
    ExportColumn("项目", "label"),
    ExportColumn("数量", "value"),
)


@get("/reports", include_in_schema=False)
async def reports_page(
    request: Request, actor: CurrentActor, division: FromQuery[str] = ""
) -> Template | Response[bytes]:
    if not services.may_see(actor):
        raise Forbidden("统计报表供机关工作人员和生产经营者查看")
    board = await dashboard.board(actor, division[:6]) if actor.is_official else None
    if board and exporting.wanted(request):
        rows = [
            {"chart": f.title, "label": b.label, "value": b.value}
            for f in board.figures
            for b in f.rows
        ]
        return exporting.xlsx("统计报表", EXPORT, rows, "reports.xlsx")
    return page(
        request,
        "reports/dashboard.html",
        board=board,
        work=await work.operator_work(actor) if actor.is_operator else None,
        may_refresh=actor.is_admin,
        export_url=exporting.export_url(request),
        values={"division": division[:6]},
    )


@get("/reports/monthly.pdf", include_in_schema=False)
async def monthly_report(
    request: Request, actor: CurrentActor, month: FromQuery[str] = "", division: FromQuery[str] = ""
) -> Response[bytes]:
    """The old address of the month's report: now the period report of that month."""
    chosen = published.chosen_month(month[:7])
    base = request.app.state.settings.public_base_url
    content = await documents.period_pdf(actor, chosen, division[:6], base)
    return pdf_response(content, f"report-{chosen}.pdf")


@post("/reports/refresh", include_in_schema=False)
async def refresh_now(actor: CurrentActor) -> Redirect:
    if not actor.is_admin:
        raise Forbidden("只有管理员可以立即更新统计数据")
    await services.refresh(actor=actor, force=True)
    return see_other("/reports")


HANDLERS = [reports_page, monthly_report, refresh_now]


def _figure(key: str) -> Callable[[published.Office], int]:
    return lambda office: office.figures[key]


@get("/reports/public", include_in_schema=False)
async def publication_page(
    request: Request, month: FromQuery[str] = ""
) -> Template | Response[bytes]:
    chosen = published.chosen_month(month[:7])
    offices = await published.offices(chosen)
    if exporting.wanted(request):
        columns = [ExportColumn("办理机关", "name")] + [
            ExportColumn(label, _figure(key)) for key, label in r.PUBLISHED
        ]
        return exporting.xlsx(f"{chosen}办件与好差评", columns, offices, "publication.xlsx")
    return page(
        request,
        "reports/public.html",
        month=chosen,
        months=[(m, m) for m in reversed(r.last_months(clock.today()))],
        offices=offices,
        columns=r.PUBLISHED,
        draw_offices=await published.draw_offices(chosen),
        draw_columns=published.DRAW_COLUMNS,
        export_url=exporting.export_url(request),
        refreshed_at=await dashboard.refreshed_words(),
        values={"month": chosen},
    )


HANDLERS.append(publication_page)


# The period report, a row per field, as the page shows it (banner columns follow).
def _field_columns(report: period_report.PeriodReport) -> list[ExportColumn]:
    columns = [ExportColumn("统计项目", "name"), ExportColumn("单位", "unit")]
    for line in report.lines:
        columns.append(ExportColumn(line.name, _cell(line.figures)))
    return [*columns, ExportColumn("合计", _cell(report.total))]


def _cell(figures: dict[str, int]) -> Callable[[Any], int]:
    return lambda field: figures[field.key]


@get("/reports/period", include_in_schema=False)
async def period_page(
    request: Request,
    actor: CurrentActor,
    period: FromQuery[str] = "",
    division: FromQuery[str] = "",
) -> Template | Response[bytes]:
    values = {"period": period[:7], "division": division[:6]}
    try:
        report = await period_report.report(actor, period[:7], division[:6])
    except RuleViolation as exc:
        return page(request, "reports/period.html", status_code=422, report=None,
                    errors={"period": exc.message}, values=values, banners=[])  # fmt: skip
    if exporting.wanted(request):
        title = f"{report.period.words}{report.title}"
        return exporting.xlsx(title, _field_columns(report), report.fields,
                              f"report-{report.period.text}.xlsx")  # fmt: skip
    values["period"] = report.period.text
    pdf = urlencode({k: v for k, v in values.items() if v})
    return page(request, "reports/period.html", report=report, values=values,
                banners=report.banners, pdf_url=f"/reports/period.pdf?{pdf}")  # fmt: skip


@get("/reports/period.pdf", include_in_schema=False)
async def period_pdf(
    request: Request,
    actor: CurrentActor,
    period: FromQuery[str] = "",
    division: FromQuery[str] = "",
) -> Response[bytes]:
    base = request.app.state.settings.public_base_url
    content = await documents.period_pdf(actor, period[:7], division[:6], base)
    return pdf_response(content, f"report-{period_report.chosen_period(period[:7]).text}.pdf")


@get("/reports/verify/{public_id:str}", include_in_schema=False)
async def print_verify(request: Request, public_id: FromPath[str]) -> Template:
    return await verification(request, "reports/verify.html", "found", prints.verify(public_id))


HANDLERS.extend([period_page, period_pdf, print_verify])
