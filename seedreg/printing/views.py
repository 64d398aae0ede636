"""Pages for label print jobs: request, progress (refreshes itself without JavaScript), download."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import File, Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, NotFound, RuleViolation
from seedreg.core.web import exporting
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.core.web.templating import cn_date
from seedreg.labels import records
from seedreg.lots import services as lots
from seedreg.printing import services
from seedreg.printing.geometry import LAYOUTS
from seedreg.printing.schemas import PrintJobCreate

REFRESH_SECONDS = 2


def _layout_options() -> list[tuple[str, str]]:
    return [(name, layout.title) for name, layout in LAYOUTS.items()]


async def _form_context(actor: CurrentActor) -> dict[str, Any]:
    """What the form offers: the layouts, the organisation's 签发记录 and lots by their codes
    (issue 14 item 7: picked, not internal ids typed)."""
    issues = await records.recent_issues(actor) if actor.is_operator else []
    last: dict[str, int] = {}
    for i in issues:
        last[i.lot_number] = max(last.get(i.lot_number, 0), i.last_sequence)
    return {
        "layout_options": _layout_options(),
        "issue_options": [
            (
                records.issue_code(i),
                f"{i.lot_number} · {cn_date(i.issued_on)}签发 · "
                f"第{i.first_sequence}–{i.last_sequence}号（{i.count}张）",
            )
            for i in issues
        ],
        "lot_options": [(n, f"{n}（已签发第1–{high}号）") for n, high in last.items()],
    }


async def _by_codes(actor: CurrentActor, values: dict[str, Any]) -> dict[str, Any]:
    """The form's codes resolved to the job's records, with the actor's access checked; an
    unknown or unseen code is a message on its field."""
    data: dict[str, Any] = {k: values[k] for k in ("layout", "first", "last") if k in values}
    try:
        if values.get("issue"):
            data["issue_id"] = (await records.issue_by_code(actor, values["issue"])).id
    except NotFound as exc:
        raise RuleViolation(exc.message, field="issue") from None
    try:
        if values.get("lot_number"):
            data["lot_id"] = (await lots.load_by_number(actor, values["lot_number"]))["id"]
    except NotFound as exc:
        raise RuleViolation(exc.message, field="lot_number") from None
    return data


JOBS_EXPORT = (
    ExportColumn("版式", "layout_title"),
    ExportColumn("张数", "total"),
    ExportColumn("已生成", "done"),
    ExportColumn("状态", "status_label"),
    ExportColumn("创建时间", "created_at"),
    ExportColumn("完成时间", "finished_at"),
)


@get("/printing/jobs", include_in_schema=False)
async def job_list(request: Request, actor: CurrentActor) -> Template | Response:
    jobs = await services.list_jobs(actor)
    if exporting.wanted(request):
        return exporting.xlsx("打印任务", JOBS_EXPORT, jobs, "print-jobs.xlsx")
    return page(request, "printing/list.html", jobs=jobs, export_url=exporting.export_url(request))


@get("/printing/jobs/new", include_in_schema=False)
async def job_new(
    request: Request,
    actor: CurrentActor,
    issue_id: FromQuery[int | None] = None,
    lot_id: FromQuery[int | None] = None,
    first: FromQuery[int | None] = None,
    last: FromQuery[int | None] = None,
) -> Template:
    """The form, preselecting what a link names (an issue's or a lot's page links here)."""
    values: dict[str, Any] = {"layout": "a4_8up", "first": first, "last": last}
    if issue_id is not None:
        values["issue"] = records.issue_code(await records.get_issue(actor, issue_id))
    if lot_id is not None:
        values["lot_number"] = (await lots.load(actor, lot_id))["number"]
    values = {k: v for k, v in values.items() if v is not None}
    context = await _form_context(actor)
    return page(request, "printing/new.html", values=values, **context)


@post("/printing/jobs/new", include_in_schema=False)
async def job_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(PrintJobCreate, await _by_codes(actor, values))
        job = await services.create_job(actor, data)
    except DomainError as exc:
        context = await _form_context(actor)
        return form_error(request, "printing/new.html", exc, values, **context)
    return see_other(f"/printing/jobs/{job.public_id}")


@get("/printing/jobs/{public_id:str}", include_in_schema=False)
async def job_detail(request: Request, actor: CurrentActor, public_id: FromPath[str]) -> Template:
    job = await services.get_job(actor, public_id)
    refresh = REFRESH_SECONDS if job.pending else None
    return page(request, "printing/job.html", job=job, refresh=refresh)


@get("/printing/jobs/{public_id:str}/labels.pdf", include_in_schema=False)
async def job_download(actor: CurrentActor, public_id: FromPath[str]) -> File:
    path, name = await services.job_file(actor, public_id)
    return File(path=path, filename=name, media_type="application/pdf")


HANDLERS = [job_list, job_new, job_create, job_detail, job_download]
