"""The application page's materials (licensing): upload (on its own, or from the details form
with what was typed), delete and download."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.web.pages import see_other
from seedreg.licensing import materials
from seedreg.licensing.api import UPLOAD_LIMIT
from seedreg.licensing.forms import APP
from seedreg.licensing.page_views import application_error, save_details
from seedreg.matters.held_views import held_material


async def file_then_save(
    request: Request,
    actor: CurrentActor,
    application_id: int,
    values: dict[str, Any],
) -> Template | Redirect:
    """上传 from the details form: the file is stored, then what was typed is saved with it; if
    the details are not complete enough to save yet, the page keeps them (and says so)."""
    file = (await request.form()).get("file")
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise RuleViolation("请选择要上传的文件", field="file")
        content = await file.read()
        code = values.get("item_code", "")
        await materials.upload(actor, application_id, code, file.filename, content)
    except DomainError as exc:
        return await application_error(request, actor, application_id, "upload", exc, values)
    try:
        await save_details(actor, application_id, values)
    except DomainError as exc:
        shown = await application_error(request, actor, application_id, "details", exc, values)
        shown.context["error"] = "材料已上传。申请信息还不完整，尚未保存：请补全标出的项目后保存。"
        shown.status_code = 200
        return shown
    return see_other(f"/licensing/applications/{application_id}#materials")


# --- materials ------------------------------------------------------------------------------


@post(f"{APP}/materials", include_in_schema=False, request_max_body_size=UPLOAD_LIMIT)
async def material_upload(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template | Redirect:
    form = await request.form()
    values = {"item_code": str(form.get("item_code", ""))}
    file = form.get("file")
    try:
        if not isinstance(file, UploadFile) or not file.filename:
            raise RuleViolation("请选择要上传的文件", field="file")
        content = await file.read()
        await materials.upload(actor, application_id, values["item_code"], file.filename, content)
    except DomainError as exc:
        return await application_error(request, actor, application_id, "upload", exc, values)
    return see_other(f"/licensing/applications/{application_id}#materials")


@post(f"{APP}/materials/held", include_in_schema=False)
async def material_held(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template | Redirect:
    """使用系统已有材料: the applicant confirms a record the system holds for a material instead
    of uploading it again (兴署发〔2021〕5号 Art. 10(四))."""

    async def confirm(item_code: str, token: str) -> None:
        await materials.confirm_held(actor, application_id, item_code, token)

    async def show_again(exc: DomainError, values: dict[str, Any]) -> Template:
        return await application_error(request, actor, application_id, "upload", exc, values)

    detail = f"/licensing/applications/{application_id}"
    return await held_material(request, confirm, show_again, detail)


@post(f"{APP}/materials/{{material_id:int}}/delete", include_in_schema=False)
async def material_delete(
    request: Request, actor: CurrentActor, application_id: FromPath[int], material_id: FromPath[int]
) -> Template | Redirect:
    try:
        await materials.delete(actor, material_id)
    except DomainError as exc:
        return await application_error(request, actor, application_id, "upload", exc, {})
    return see_other(f"/licensing/applications/{application_id}#materials")


@get("/licensing/materials/{material_id:int}", include_in_schema=False)
async def material_download(actor: CurrentActor, material_id: FromPath[int]) -> Response:
    row, content = await materials.download(actor, material_id)
    extension = materials.ALLOWED_TYPES.get(row["content_type"], "bin")
    name = quote(row["original_name"], safe="")
    return Response(
        content,
        media_type=row["content_type"],
        headers={
            "Content-Disposition": (
                f'attachment; filename="material-{material_id}.{extension}"; '
                f"filename*=UTF-8''{name}"
            ),
        },
    )


HANDLERS = [material_upload, material_held, material_delete, material_download]
