"""Oversight pages: deadline compliance and ratings, notifications, the material checklist."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.web import exporting
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.licensing import (
    materials,
    ratings,
)
from seedreg.licensing.forms import KIND_OPTIONS, read_form
from seedreg.licensing.rules import ApplicationKind
from seedreg.licensing.schemas import (
    MaterialItemIn,
)
from seedreg.notifications import services as notifications
from seedreg.reference import services as reference

# --- oversight, notifications, checklist ----------------------------------------------------


@get("/licensing/compliance", include_in_schema=False)
async def compliance_page(request: Request, actor: CurrentActor) -> Template:
    rows = await ratings.compliance(actor)
    names = await reference.division_names()
    return page(request, "licensing/compliance.html", rows=rows, names=names)


NOTIFICATIONS_EXPORT = (
    ExportColumn("时间", "created_at"),
    ExportColumn("标题", "title"),
    ExportColumn("内容", "body"),
    ExportColumn("已读时间", "read_at"),
)


@get("/notifications", include_in_schema=False)
async def notification_list(request: Request, actor: CurrentActor) -> Template | Response:
    items = await notifications.for_user(actor.user_id)
    if exporting.wanted(request):  # a download is not a reading: nothing is marked read
        return exporting.xlsx("消息通知", NOTIFICATIONS_EXPORT, items, "notifications.xlsx")
    await notifications.mark_read(actor.user_id)  # seen now; the list still marks what was new
    return page(
        request,
        "licensing/notifications.html",
        items=items,
        export_url=exporting.export_url(request),
    )


CHECKLIST = "/admin/licensing/checklist"
NEW_ITEM: dict[str, Any] = {
    "kinds": [k.value for k in ApplicationKind],
    "form": "复印件",
    "copies": "1",
    "electronic": True,
    "required": True,
    "active": True,
    "sort_order": "0",
}


def _item_values(item: Mapping[str, Any]) -> dict[str, Any]:
    return {**item, "kinds": item["kinds"].split(","), "copies": str(item["copies"])}


async def _checklist_context(code: str = "") -> dict[str, Any]:
    items = await materials.checklist(include_inactive=True)
    current = next((i for i in items if i["code"] == code), None)
    return {
        "items": items,
        "editing": current is not None,
        "values": _item_values(current) if current else dict(NEW_ITEM),
        "kind_options": KIND_OPTIONS,
        "kind_labels": dict(KIND_OPTIONS),
    }


@get(CHECKLIST, include_in_schema=False)
async def checklist_page(
    request: Request, actor: CurrentActor, code: FromQuery[str] = "", saved: FromQuery[str] = ""
) -> Template:
    context = await _checklist_context(code[:32])
    return page(request, "licensing/checklist.html", saved=saved[:32], **context)


@post(CHECKLIST, include_in_schema=False)
async def checklist_save(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await read_form(request)
    for flag in ("electronic", "required", "active"):
        values[flag] = flag in values
    try:
        data = parse(MaterialItemIn, {**values, "kinds": values.get("kinds", [])})
        saved = await materials.save_item(actor, data.model_dump())
    except DomainError as exc:
        context = await _checklist_context(str(values.get("code", "")))
        context.pop("values")
        return form_error(request, "licensing/checklist.html", exc, values, saved="", **context)
    return see_other(f"{CHECKLIST}?saved={quote(saved['code'])}")


HANDLERS = [compliance_page, notification_list, checklist_page, checklist_save]
