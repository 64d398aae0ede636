"""The xlsx import of seedling grading rows: the core importer's pages mounted for the 种苗站 and
the league admin."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core import importer as imports
from seedreg.core.web import importing
from seedreg.core.web.responses import xlsx_response
from seedreg.quality import grading
from seedreg.quality.grading_import import SEEDLING_ROWS

HOME = "/admin/quality/grading"
BASE = f"{HOME}/import"
BODY_LIMIT = SEEDLING_ROWS.max_bytes * 2 + 100_000  # the form's envelope; the file is checked


def _done(result: dict[str, Any]) -> str:
    return f"{HOME}?imported={result['imported']}&skipped={result['skipped']}#seedling"


@get(BASE, include_in_schema=False)
async def import_form(request: Request, actor: CurrentActor) -> Template:
    grading.ensure_grading(actor)
    return importing.upload_page(request, SEEDLING_ROWS, BASE, HOME)


@get(f"{BASE}/template.xlsx", include_in_schema=False)
async def import_template(actor: CurrentActor) -> Response:
    grading.ensure_grading(actor)
    return xlsx_response(imports.template_xlsx(SEEDLING_ROWS), "grading-seedling-template.xlsx")


@post(BASE, include_in_schema=False, request_max_body_size=BODY_LIMIT)
async def import_upload(request: Request, actor: CurrentActor) -> Template:
    grading.ensure_grading(actor)
    return await importing.upload(request, actor, SEEDLING_ROWS, BASE, HOME)


@post(f"{BASE}/{{token:str}}", include_in_schema=False)
async def import_commit(
    request: Request, actor: CurrentActor, token: FromPath[str]
) -> Template | Redirect:
    grading.ensure_grading(actor)
    return await importing.commit(request, actor, SEEDLING_ROWS, token, BASE, HOME, _done)


HANDLERS = [import_form, import_template, import_upload, import_commit]
