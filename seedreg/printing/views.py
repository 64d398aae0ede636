"""Pages for label print jobs: request, progress (refreshes itself without JavaScript), download."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import File, Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.printing import services
from seedreg.printing.geometry import LAYOUTS
from seedreg.printing.schemas import PrintJobCreate

REFRESH_SECONDS = 2


def _layout_options() -> list[tuple[str, str]]:
    return [(name, layout.title) for name, layout in LAYOUTS.items()]


@get("/printing/jobs", include_in_schema=False)
async def job_list(request: Request, actor: CurrentActor) -> Template:
    return page(request, "printing/list.html", jobs=await services.list_jobs(actor))


@get("/printing/jobs/new", include_in_schema=False)
async def job_new(
    request: Request,
    actor: CurrentActor,
    issue_id: FromQuery[int | None] = None,
    lot_id: FromQuery[int | None] = None,
    first: FromQuery[int | None] = None,
    last: FromQuery[int | None] = None,
) -> Template:
    values: dict[str, Any] = {"layout": "a4_8up", "issue_id": issue_id, "lot_id": lot_id}
    values |= {"first": first, "last": last}
    values = {k: v for k, v in values.items() if v is not None}
    return page(request, "printing/new.html", values=values, layout_options=_layout_options())


@post("/printing/jobs/new", include_in_schema=False)
async def job_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    try:
        job = await services.create_job(actor, parse(PrintJobCreate, values))
    except DomainError as exc:
        return form_error(
            request, "printing/new.html", exc, values, layout_options=_layout_options()
        )
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
