"""The pages of an xlsx import, the same for every domain: the upload form with the template,
the preview (rows, each row's errors naming row and column) with the choice of mode, and the
commit. A domain mounts them with its importer, its URLs and who may import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.response import Redirect, Template

from seedreg.core import importer as imports
from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.core.web.responses import xlsx_response

UPLOAD = "importer/upload.html"
PREVIEW = "importer/preview.html"


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
    file = form.get("file")
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise RuleViolation("请选择要导入的 Excel 文件（.xlsx）", field="file")
        content = await file.read(spec.max_bytes + 1)
        preview = await imports.preview(spec, actor, file.filename, content)
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


def mount(
    spec: imports.Importer,
    *,
    base: str,
    home: str,
    ensure: Callable[[Any], None],
    filename: str,
    actor_type: Any,
) -> list[Any]:
    """The four pages of an import (form, template, upload → preview, commit) at ``base`` for
    whoever ``ensure(actor)`` lets through; done, the user is sent to ``home`` with the counts.
    ``actor_type`` is the app's signed-in-actor dependency (core names no domain package)."""
    limit = spec.max_bytes * 2 + 100_000  # the form's envelope; the file itself is checked

    def done(result: dict[str, Any]) -> str:
        return f"{home}?imported={result['imported']}&skipped={result['skipped']}"

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
        return await commit(request, actor, spec, token, base, home, done)

    for handler in (form_page, template_file, upload_file, commit_rows):
        handler.__annotations__["actor"] = actor_type
        handler.__annotations__["request"] = Request
    commit_rows.__annotations__["token"] = str
    return [
        get(base, include_in_schema=False, name=f"import-{spec.name}")(form_page),
        get(f"{base}/template.xlsx", include_in_schema=False)(template_file),
        post(base, include_in_schema=False, request_max_body_size=limit)(upload_file),
        post(f"{base}/{{token:str}}", include_in_schema=False)(commit_rows),
    ]
