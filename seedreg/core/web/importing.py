"""The pages of an xlsx import, the same for every domain: the upload form with the template,
the preview (rows, each row's errors naming row and column) with the choice of mode, and the
commit. A domain mounts them with its importer, its URLs and who may import (``mount``), and
the JSON API's three routes the same way (``mount_api``): the upload, preview and commit code
is written once here, not once per ledger."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, JSONBody, MultipartBody
from litestar.response import Redirect, Template

from seedreg.core import importer as imports
from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.inputs import Input
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.core.web.responses import XLSX, xlsx_response

UPLOAD = "importer/upload.html"
PREVIEW = "importer/preview.html"
NO_FILE = "请选择要导入的 Excel 文件（.xlsx）"


class ImportCommitIn(Input):
    """How to commit a previewed file: every row or none, or only the valid rows."""

    mode: imports.Mode


def body_limit(spec: imports.Importer) -> int:
    """A request's size limit: the form's or multipart envelope; the file itself is checked."""
    return spec.max_bytes * 2 + 100_000


async def read_upload(spec: imports.Importer, file: Any) -> tuple[str, bytes]:
    """The uploaded file's name and bytes (one byte past the limit, so the importer says it is
    too large); none chosen is refused in Chinese."""
    if not isinstance(file, UploadFile) or not file.filename:
        raise RuleViolation(NO_FILE, field="file")
    return file.filename, await file.read(spec.max_bytes + 1)


def _context(spec: imports.Importer, base: str, back: str) -> dict[str, Any]:
    return {
        "importer": spec,
        "base": base,
        "back_url": back,
        "max_kb": spec.max_bytes // 1000,
        "modes": list(imports.Mode),
    }


def upload_page(
    request: Request[Any, Any, Any], spec: imports.Importer, base: str, back: str
) -> Template:
    return page(request, UPLOAD, **_context(spec, base, back))


async def upload(
    request: Request[Any, Any, Any], actor: Any, spec: imports.Importer, base: str, back: str
) -> Template:
    """Read the upload and show the preview; a refused file re-shows the form (422)."""
    form = await request.form()
    try:
        filename, content = await read_upload(spec, form.get("file"))
        preview = await imports.preview(spec, actor, filename, content)
    except DomainError as exc:
        return form_error(request, UPLOAD, exc, {}, **_context(spec, base, back))
    return page(request, PREVIEW, preview=preview, **_context(spec, base, back))


async def commit(
    request: Request[Any, Any, Any],
    actor: Any,
    spec: imports.Importer,
    token: str,
    base: str,
    back: str,
    done: Callable[[dict[str, Any]], str],
) -> Template | Redirect:
    """Commit in the chosen mode; refused (all-or-nothing with errors) re-shows the preview."""
    form = await request.form()
    mode_text = str(form.get("mode", ""))
    try:
        if mode_text not in {m.value for m in imports.Mode}:
            raise RuleViolation("请选择导入方式", field="mode")
        result = await imports.commit(spec, actor, token, imports.Mode(mode_text))
    except DomainError as exc:
        preview = await imports.load_preview(spec, actor, token)
        values = {"mode": mode_text}
        context = _context(spec, base, back)
        return form_error(request, PREVIEW, exc, values, preview=preview, **context)
    return see_other(done(result))


def preview_json(preview: imports.Preview) -> dict[str, Any]:
    """The API's answer to an upload: the token to commit with, the counts, each row's errors."""
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


def counts_url(home: str, anchor: str = "") -> Callable[[dict[str, Any]], str]:
    """Where a done import sends the user: ``home`` with the counts (and an anchor)."""

    def done(result: dict[str, Any]) -> str:
        return f"{home}?imported={result['imported']}&skipped={result['skipped']}{anchor}"

    return done


def mount(
    spec: imports.Importer,
    *,
    base: str,
    home: str,
    ensure: Callable[[Any], None],
    filename: str,
    actor_type: Any,
    done: Callable[[dict[str, Any]], str] | None = None,
) -> list[Any]:
    """The four pages of an import (form, template, upload → preview, commit) at ``base`` for
    whoever ``ensure(actor)`` lets through; done, the user is sent to ``done(result)`` (by
    default ``home`` with the counts). ``actor_type`` is the app's signed-in-actor dependency
    (core names no domain package)."""
    limit = body_limit(spec)
    finish = done or counts_url(home)

    async def form_page(request: Request[Any, Any, Any], actor: Any) -> Template:
        ensure(actor)
        return upload_page(request, spec, base, home)

    async def template_file(actor: Any) -> Response[bytes]:
        ensure(actor)
        return xlsx_response(imports.template_xlsx(spec), filename)

    async def upload_file(request: Request[Any, Any, Any], actor: Any) -> Template:
        ensure(actor)
        return await upload(request, actor, spec, base, home)

    async def commit_rows(
        request: Request[Any, Any, Any], actor: Any, token: str
    ) -> Template | Redirect:
        ensure(actor)
        return await commit(request, actor, spec, token, base, home, finish)

    for handler in (form_page, template_file, upload_file, commit_rows):
        handler.__annotations__["actor"] = actor_type
        handler.__annotations__["request"] = Request
    commit_rows.__annotations__["token"] = FromPath[str]
    return [
        get(base, include_in_schema=False, name=f"import-{spec.name}")(form_page),
        get(f"{base}/template.xlsx", include_in_schema=False)(template_file),
        post(base, include_in_schema=False, request_max_body_size=limit)(upload_file),
        post(f"{base}/{{token:str}}", include_in_schema=False)(commit_rows),
    ]


def mount_api(
    spec: imports.Importer,
    *,
    base: str,
    noun: str,
    tags: list[str],
    ensure: Callable[[Any], None],
    filename: str,
    actor_type: Any,
    answer: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> list[Any]:
    """The JSON API of an import at ``base``: the template, the upload answered with the
    preview (``preview_json``), and the commit of a previewed token in a mode, answered with
    the counts (``answer(result)`` where the domain names them otherwise). ``noun`` names
    what is imported in the summaries (林木良种 → "上传林木良种 xlsx 并预览")."""

    async def api_template(actor: Any) -> Response[bytes]:
        ensure(actor)
        return xlsx_response(imports.template_xlsx(spec), filename)

    async def api_preview(actor: Any, data: dict[str, Any]) -> dict[str, Any]:
        ensure(actor)
        name, content = await read_upload(spec, data.get("file"))
        return preview_json(await imports.preview(spec, actor, name, content))

    async def api_commit(actor: Any, token: str, data: ImportCommitIn) -> dict[str, Any]:
        ensure(actor)
        result = await imports.commit(spec, actor, token, data.mode)
        return answer(result) if answer else result

    for handler in (api_template, api_preview, api_commit):
        handler.__annotations__["actor"] = actor_type
    api_preview.__annotations__["data"] = MultipartBody[dict[str, Any]]
    api_commit.__annotations__["token"] = FromPath[str]
    api_commit.__annotations__["data"] = JSONBody[ImportCommitIn]
    template_route = get(
        f"{base}/template.xlsx", tags=tags, summary=f"{noun}导入模板（xlsx）", media_type=XLSX
    )
    preview_route = post(
        base, tags=tags, summary=f"上传{noun} xlsx 并预览", request_max_body_size=body_limit(spec)
    )
    commit_route = post(
        f"{base}/{{token:str}}", tags=tags, summary=f"导入预览过的{noun}", status_code=200
    )
    return [template_route(api_template), preview_route(api_preview), commit_route(api_commit)]
