"""The pages of an xlsx import, the same for every domain: the upload form with the template,
the preview (rows, each row's errors naming row and column) with the choice of mode, and the
commit. A domain mounts them with its importer, its URLs and who may import."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Request
from litestar.datastructures import UploadFile
from litestar.response import Redirect, Template

from seedreg.core import importer as imports
from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.web.pages import form_error, page, see_other

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
