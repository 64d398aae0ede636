"""The inspectors' check pages (issue 22): the task list, one form holding the whole check in
sections (task, checklist, scans, evidence, signature, review and submit), and a check's record.

The form works without JavaScript: one multipart POST carries the fields, the photos (``<input
type=file capture>``) and a photo of a signed paper; with JavaScript the signature is drawn on a
canvas and label scans come from the camera. Its fields map one to one onto the API's body
(check_forms.py). The JSON twins below take the session and the CSRF header, since the API takes
writes with a bearer token only: an offline client posts the same body there."""

from __future__ import annotations

import base64
import binascii
import uuid
from typing import Any
from urllib.parse import urlencode

from litestar import MediaType, Request, Response, get, post, put
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import DomainError, Forbidden, RuleViolation
from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.errors import error_body
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.inspections import (
    check_forms,
    check_list,
    check_tasks,
    checks,
    evidence,
    followups,
    inspected,
    rule_settings,
    targets,
)
from seedreg.inspections import followup_rules as fr
from seedreg.inspections.check_list import CheckFilter
from seedreg.inspections.check_out import check_out
from seedreg.inspections.check_rules import ItemResult, Origin, may_record_check
from seedreg.inspections.check_schemas import CheckIn
from seedreg.inspections.rules import TargetKind
from seedreg.labels import keys
from seedreg.leads.services import check_note as lead_note

FORM = "inspections/check_form.html"
PHOTO_SLOTS = 3
UPLOAD_LIMIT = 60_000_000  # several shrunk photos; each is checked against the setting


@get("/inspections/checks", include_in_schema=False)
async def checks_page(
    request: Request,
    actor: CurrentActor,
    division: FromQuery[str] = "",
    month: FromQuery[str] = "",
    finding: FromQuery[str] = "",
    q: FromQuery[str] = "",
    page_no: ViewPageNo = 1,
) -> Template | Response[Any]:
    wanted = CheckFilter(division=division[:6], month=month[:7], finding=finding[:12], q=q[:60])
    if exporting.wanted(request):
        return await exporting.xlsx_paged(
            "现场检查记录",
            CHECK_EXPORT,
            lambda n: check_list.list_checks(actor, wanted, page=n),
            "field-checks.xlsx",
        )
    page_no = page_number(page_no)
    try:
        rows, total = await check_list.list_checks(actor, wanted, page=page_no)
        problem = ""
    except RuleViolation as exc:  # a month typed wrong: the list unfiltered, the reason shown
        rows, total, problem = [], 0, exc.message
    division_here = (
        actor.jurisdiction if may_record_check(actor, actor.jurisdiction or "-") else None
    )
    return page(
        request,
        "inspections/checks.html",
        checks=rows,
        total=total,
        page_no=page_no,
        page_size=check_list.PAGE_SIZE,
        wanted=wanted,
        filter_query=urlencode({k: v for k, v in wanted.model_dump().items() if v}),
        filter_problem=problem,
        banner_options=await check_tasks.banner_choices(actor),
        finding_options=await check_tasks.catalogue_choices(),
        tasks=await check_tasks.open_tasks(actor) if division_here else [],
        parties=await check_tasks.parties(division_here) if division_here else [],
        may_record=division_here is not None,
    )


CHECK_EXPORT = (
    ExportColumn("笔录编号", "number", text=True),
    ExportColumn("被检查单位", "target_name"),
    ExportColumn("旗县市代码", "division_code", text=True),
    ExportColumn("检查地点", "place"),
    ExportColumn("开始时间", "started_at"),
    ExportColumn("结束时间", "ended_at"),
    ExportColumn("检查来源", lambda r: Origin(r["origin"]).label),
    ExportColumn("执法人员", lambda r: "、".join(p["name"] for p in r["inspectors"])),
    ExportColumn(
        "清单不符合项",
        lambda r: "、".join(a["code"] for a in r["checklist"] if a["result"] == ItemResult.FAILS),
    ),
)


async def _form_context(
    request: Request, actor: CurrentActor, kind: str, target_id: int, visit: int | None
) -> dict[str, Any]:
    check_tasks.ensure_inspector(actor)
    place = await targets.target_place(TargetKind(kind), target_id)
    if place is None:
        raise RuleViolation("检查对象不存在", field="target_id")
    if not may_record_check(actor, place[1]):
        raise Forbidden("只有负责被检查单位所在地区的执法人员可以记录现场检查")
    return {
        "target_name": place[0],
        "colleagues": await check_tasks.colleagues(place[1]),
        "groups": await check_tasks.checklist(),
        "results": [(r.value, r.label) for r in ItemResult],
        "fails_value": ItemResult.FAILS.value,  # the groups' summaries count these
        "catalogue": await check_tasks.catalogue_choices(),
        "origins": [(o.value, o.label) for o in Origin],
        "photo_slots": [str(uuid.uuid4()) for _ in range(PHOTO_SLOTS)],
        # checked on the phone at once too (checkform.js), so a photo over it is retaken there
        "photo_max_bytes": await rule_settings.photo_max_bytes(),
        "signature_key": str(uuid.uuid4()),
        "public_key_b64": keys.public_spki_b64(),
        "base_url": request.app.state.settings.public_base_url,
    }


def _fresh_values(actor: CurrentActor, kind: str, target_id: int, visit: int | None) -> dict:
    now = clock.now().astimezone(clock.CHINA)
    return {
        "idempotency_key": str(uuid.uuid4()),
        "origin": Origin.DRAW.value if visit else Origin.AD_HOC.value,
        "drawn_visit_id": str(visit or ""),
        "target_kind": kind,
        "target_id": str(target_id),
        "started_at": now.strftime("%Y-%m-%dT%H:%M"),
        "inspector_ids": [str(actor.user_id)],
    }


@get("/inspections/checks/new", include_in_schema=False)
async def new_check(
    request: Request,
    actor: CurrentActor,
    target: FromQuery[str] = "",
    visit: FromQuery[int | None] = None,
    lead: FromQuery[int | None] = None,
) -> Template:
    kind, _, raw_id = target.partition(":")
    if kind not in {k.value for k in TargetKind} or not raw_id.isdigit():
        return Redirect("/inspections/checks")  # type: ignore[return-value]
    context = await _form_context(request, actor, kind, int(raw_id), visit)
    values = _fresh_values(actor, kind, int(raw_id), visit)
    if lead is not None:  # dispatched from the leads' queue (线索核查)
        values.update(origin=Origin.LEAD.value, lead_note=await lead_note(actor, lead))
    return page(request, FORM, values=values, **context)


def _data_uri_png(uri: str) -> bytes:
    head, _, data = uri.partition(",")
    if head != "data:image/png;base64":
        return b""
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        return b""


async def _read_form(request: Request) -> tuple[dict[str, str], list[str], dict[str, bytes]]:
    """Text fields, the ticked inspectors, and the uploaded images by their photo key."""
    form = await request.form()
    values: dict[str, str] = {}
    ids: list[str] = []
    files: dict[str, bytes] = {}
    for name, value in form.multi_items():
        if isinstance(value, UploadFile):
            content = await value.read() if value.filename else b""
            if content:
                files[name] = content
        elif name == "inspector_ids":
            ids.append(value)
        elif name != "_csrf_token" and isinstance(value, str):
            values[name] = value.strip()
    return values, ids, files


def _images(values: dict[str, str], files: dict[str, bytes]) -> dict[str, bytes]:
    """Photo key → bytes: the photos chosen, and the signature (drawn, or a signed paper)."""
    out: dict[str, bytes] = {}
    for n in range(PHOTO_SLOTS):
        key = values.get(f"photos-{n}-key", "")
        if key and (content := files.get(f"photo-file-{n}")):
            out[key] = content
        else:
            values.pop(f"photos-{n}-key", None)
    signature = _data_uri_png(values.pop("signature-png", "")) or files.get("signature-file", b"")
    if signature and values.get("signature-photo_key") and values.get("signature-refused") != "on":
        out[values["signature-photo_key"]] = signature
    else:
        values["signature-photo_key"] = ""
    return out


@post("/inspections/checks/new", include_in_schema=False, request_max_body_size=UPLOAD_LIMIT)
async def submit_form(request: Request, actor: CurrentActor) -> Template | Redirect:
    values, ids, files = await _read_form(request)
    if not values.get("ended_at"):  # ended when submitted on the spot
        values["ended_at"] = clock.now().astimezone(clock.CHINA).strftime("%Y-%m-%dT%H:%M")
    images = _images(values, files)
    try:
        for content in images.values():
            await evidence.check_image(content)
        data = parse(CheckIn, check_forms.body(values, ids))
        out, _ = await checks.submit_check(actor, data)
        for photo_key, content in images.items():
            await evidence.upload(actor, data.idempotency_key, photo_key, content)
    except DomainError as exc:
        kind, target_id = values.get("target_kind", ""), values.get("target_id", "")
        visit = values.get("drawn_visit_id", "")
        context = await _form_context(
            request, actor, kind, int(target_id) if target_id.isdigit() else 0,
            int(visit) if visit.isdigit() else None,
        )  # fmt: skip
        kept = {**values, "inspector_ids": ids}
        rows = check_forms.row_names(values)  # samples.0.goods → samples-1-goods, beside it
        return form_error(
            request,
            FORM,
            exc,
            kept,
            error_rows=rows,
            error_whole=[check_forms.TYPED_SERIALS],
            **context,
        )
    return see_other(f"/inspections/checks/{out.id}")


@get("/inspections/checks/{check_id:int}", include_in_schema=False)
async def check_page(request: Request, actor: CurrentActor, check_id: FromPath[int]) -> Template:
    row = await checks.load(actor, check_id)
    out = await check_out(row)
    results = {r.value: r.label for r in ItemResult}
    return page(
        request, "inspections/check.html", check=out, results=results,
        follow_ups=await followups.for_check(actor, check_id),
        inspected_code=fr.grouped(await inspected.code_of(check_id) or ""),
    )  # fmt: skip


def _json_error(exc: DomainError) -> Response[Any]:
    return Response(
        error_body(exc.status_code, exc.code, exc.message, field=exc.field, details=exc.details),
        status_code=exc.status_code,
        media_type=MediaType.JSON,
    )


@post("/inspections/checks/submit", include_in_schema=False)
async def submit_json(request: Request, actor: CurrentActor) -> Response[Any]:
    """The page's twin of ``POST /api/inspections/checks`` (session + CSRF header)."""
    try:
        raw = await request.json()
        data = parse(CheckIn, raw if isinstance(raw, dict) else {})
        out, created = await checks.submit_check(actor, data)
    except DomainError as exc:
        return _json_error(exc)
    return Response(out.model_dump(mode="json"), status_code=201 if created else 200)


@put(
    "/inspections/checks/{check_key:str}/photos/{photo_key:str}",
    include_in_schema=False,
    request_max_body_size=UPLOAD_LIMIT,
)
async def photo_json(
    request: Request, actor: CurrentActor, check_key: FromPath[str], photo_key: FromPath[str]
) -> Response[Any]:
    """The page's twin of the API's photo upload (raw image bytes in the body)."""
    try:
        kept, created = await evidence.upload(
            actor, check_key[:36], photo_key[:36], await request.body()
        )
    except DomainError as exc:
        return _json_error(exc)
    answer = {k: kept[k] for k in ("photo_key", "kind", "sha256", "size", "content_type")}
    return Response(answer, status_code=201 if created else 200)


HANDLERS = [checks_page, new_check, submit_form, check_page, submit_json, photo_json]
