"""The xlsx import of seedling grading rows through the API: the same core importer and
services as the pages (upload → preview with each row's errors → commit in a chosen mode)."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, JSONBody, MultipartBody

from seedreg.accounts.web import CurrentActor
from seedreg.core import importer as imports
from seedreg.core.errors import RuleViolation
from seedreg.core.inputs import Input
from seedreg.core.web.responses import XLSX, xlsx_response
from seedreg.quality import grading
from seedreg.quality.grading_import import SEEDLING_ROWS
from seedreg.quality.grading_import_views import BODY_LIMIT

BASE = "/api/quality/grading/seedling/import"
TAGS = ["分级标准数据"]


class CommitIn(Input):
    mode: imports.Mode


def _preview_out(preview: imports.Preview) -> dict[str, Any]:
    return {
        "token": preview.token,
        "filename": preview.filename,
        "rows": preview.total,
        "valid": preview.valid_count,
        "errors": [
            {"row": e.row, "column": e.header, "message": e.message, "text": e.text}
            for e in preview.errors
        ],
    }


@get(f"{BASE}/template.xlsx", tags=TAGS, summary="苗木分级数据导入模板（xlsx）", media_type=XLSX)
async def api_import_template(actor: CurrentActor) -> Response:
    grading.ensure_grading(actor)
    return xlsx_response(imports.template_xlsx(SEEDLING_ROWS), "grading-seedling-template.xlsx")


@post(BASE, tags=TAGS, summary="上传苗木分级数据 xlsx 并预览", request_max_body_size=BODY_LIMIT)
async def api_import_preview(
    actor: CurrentActor, data: MultipartBody[dict[str, Any]]
) -> dict[str, Any]:
    grading.ensure_grading(actor)
    file = data.get("file")
    if not isinstance(file, UploadFile) or not file.filename:
        raise RuleViolation("请选择要导入的 Excel 文件（.xlsx）", field="file")
    content = await file.read(SEEDLING_ROWS.max_bytes + 1)
    return _preview_out(await imports.preview(SEEDLING_ROWS, actor, file.filename, content))


@post(f"{BASE}/{{token:str}}", tags=TAGS, summary="导入预览过的苗木分级数据", status_code=200)
async def api_import_commit(
    actor: CurrentActor, token: FromPath[str], data: JSONBody[CommitIn]
) -> dict[str, Any]:
    grading.ensure_grading(actor)
    return await imports.commit(SEEDLING_ROWS, actor, token, data.mode)


HANDLERS = [api_import_template, api_import_preview, api_import_commit]
