"""Pages for licensing (林木种子生产经营许可): the public guide, register and verification pages;
the applicant's applications, materials and licences; the officer's inbox and decisions; the
admin's material checklist.

Each POST reads its form, calls one service use-case and redirects (303) to the page to look at
next, or re-renders the page with the service's Chinese message beside the field (422). The
rules live in the services; what is here is reading forms and choosing templates.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts import services as accounts
from seedreg.accounts.rules import LEAGUE_CODE, Role
from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError, NotFound, RuleViolation
from seedreg.core.web.forms import InvalidInput, parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.licensing import (
    applications,
    documents,
    forwarding,
    intake,
    licences,
    materials,
    oversight_views,
    public_views,
    ratings,
    review,
)
from seedreg.licensing.api import UPLOAD_LIMIT
from seedreg.licensing.common import OFFICER_ROLES
from seedreg.licensing.forms import (
    APP,
    KIND_OPTIONS,
    LIST_FIELDS,
    RATING_OPTIONS,
    STATUS_OPTIONS,
    details_from_form,
    division_lookup,
    read_form,
    site_lines,
    variety_lines,
)
from seedreg.licensing.rule_settings import CONDITIONAL_ACCEPTANCE_WORKDAYS
from seedreg.licensing.rules import PauseGround, Status
from seedreg.licensing.schemas import (
    ApplicationCreate,
    ConditionalAcceptIn,
    FollowUpIn,
    ForwardIn,
    PauseIn,
    RatingIn,
    ReasonIn,
    RegionGrantIn,
    RegionRefusalIn,
    RejectIntakeIn,
    SiteCheckIn,
    StatusChangeIn,
    SupplementIn,
)
from seedreg.organisations import identity
from seedreg.organisations import services as organisations
from seedreg.reference import services as reference


def _placed(exc: DomainError, fields: Iterable[str]) -> DomainError:
    """A message about a field the form does not show is shown as the form's message."""
    if exc.field and exc.field not in fields and not isinstance(exc, InvalidInput):
        return type(exc)(exc.message)
    return exc


def _pdf(content: bytes, filename: str) -> Response:
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


# --- the applicant's and the official's lists -------------------------------------------------


async def _home_context(actor: CurrentActor, page_no: int = 1) -> dict[str, Any]:
    items, total = await applications.search(actor, page=page_no)
    return {
        "apps": items,
        "total": total,
        "page_no": page_no,
        "page_size": applications.PAGE_SIZE,
        "licences": await licences.for_actor(actor),
        "kind_options": KIND_OPTIONS,
        "failed": "",
    }


@get("/licensing", include_in_schema=False)
async def licensing_home(
    request: Request, actor: CurrentActor, page_no: FromQuery[int] = 1
) -> Template:
    return page(request, "licensing/home.html", **await _home_context(actor, max(page_no, 1)))


async def _inbox_context(
    actor: CurrentActor,
    status: str = "",
    org_q: str = "",
    page_no: int = 1,
    pending_overdue: bool = False,
) -> dict[str, Any]:
    status = status if status in dict(STATUS_OPTIONS) else ""
    items, total = await applications.search(
        actor, status=status, open_only=True, pending_overdue=pending_overdue, page=page_no
    )
    orgs: list[Any] = []
    counter_licences: list[Any] = []
    if actor.role in OFFICER_ROLES:  # counter filing: the applicants found and their licences
        orgs, _ = await organisations.search(actor, q=org_q.strip()[:60])
        counter_licences = await licences.valid_of(actor, [o.id for o in orgs])
    return {
        "items": items,
        "unverified": await identity.unverified_among([a.organisation_id for a in items]),
        "total": total,
        "status": status,
        "status_options": STATUS_OPTIONS,
        "pending_overdue": pending_overdue,
        "org_q": org_q[:60],
        "orgs": orgs,
        "counter_licences": counter_licences,
        "kind_options": KIND_OPTIONS,
        "page_no": page_no,
        "page_size": applications.PAGE_SIZE,
        "failed": "",
    }


@get("/licensing/inbox", include_in_schema=False)
async def inbox(
    request: Request,
    actor: CurrentActor,
    status: FromQuery[str] = "",
    org_q: FromQuery[str] = "",
    page_no: FromQuery[int] = 1,
    pending_overdue: FromQuery[str] = "",
) -> Template | Redirect:
    if actor.role is Role.OPERATOR:
        return see_other("/licensing")
    context = await _inbox_context(actor, status, org_q, max(page_no, 1), bool(pending_overdue))
    return page(request, "licensing/inbox.html", **context)


@post("/licensing/applications", include_in_schema=False)
async def application_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await read_form(request)
    fields = ("kind", "licence_id", "organisation_id", "division_code")
    try:
        data = parse(ApplicationCreate, {k: values[k] for k in fields if k in values})
        created = await applications.create(actor, data)
    except DomainError as exc:
        if actor.role is Role.OPERATOR:
            template, context = "licensing/home.html", await _home_context(actor)
        else:
            template, context = "licensing/inbox.html", await _inbox_context(actor)
        context["failed"] = "create"
        return form_error(request, template, _placed(exc, fields), values, **context)
    return see_other(f"/licensing/applications/{created.id}")


# --- one application ------------------------------------------------------------------------


def _details_values(details: Mapping[str, Any], names: Mapping[str, str]) -> dict[str, Any]:
    """A stored application's details as the details form shows them."""
    return {
        "legal_representative": details.get("legal_representative", ""),
        "registered_address": details.get("registered_address", ""),
        "scope": details.get("scope", []),
        "species": "\n".join(details.get("species", [])),
        "varieties": variety_lines(details.get("varieties", [])),
        "production_sites": site_lines(details.get("production_sites", []), names),
        "valid_area": details.get("valid_area", []),
        "change_occurred_on": details.get("change_occurred_on") or "",
        "change_summary": details.get("change_summary", ""),
        "cancellation_reason": details.get("cancellation_reason", ""),
    }


async def _application_context(actor: CurrentActor, application_id: int) -> dict[str, Any]:
    app = await applications.get(actor, application_id)
    counties = await reference.league_counties()
    names = await reference.division_names()
    officials: list[dict[str, Any]] = []
    if actor.role in OFFICER_ROLES and app.status is Status.ACCEPTED:
        officials = await accounts.officials_covering(actor, app.division_code)
    items = await materials.checklist(app.kind)
    return {
        "app": app,
        "items": items,
        "item_names": {i["code"]: i["name"] for i in items},
        "item_options": [(i["code"], i["name"]) for i in items],
        "pause_grounds": [(g.value, g.label) for g in PauseGround],
        "conditional_workdays": str(await rs.value(CONDITIONAL_ACCEPTANCE_WORKDAYS)),
        "officer_options": [
            (o["id"], f"{o['display_name']}（{o['role_label']}）") for o in officials
        ],
        "names": names,
        "counties": [(c["code"], c["name"]) for c in counties],
        "area_options": [(LEAGUE_CODE, names.get(LEAGUE_CODE, "兴安盟"))]
        + [(c["code"], c["name"]) for c in counties],
        "details": _details_values(app.details or {}, names),
        "rating": await ratings.get_rating(actor, application_id),
        "rating_options": RATING_OPTIONS,
        "officials": officials,
        "scope_labels": documents.SCOPE_LABELS,
        "today": clock.today().isoformat(),
        "failed": "",
    }


async def _application_error(
    request: Request,
    actor: CurrentActor,
    application_id: int,
    failed: str,
    exc: DomainError,
    values: dict[str, Any],
) -> Template:
    context = await _application_context(actor, application_id)
    context["failed"] = failed
    if failed == "details":  # show what was typed, every field present
        context["details"] = {
            k: values.get(k, [] if k in LIST_FIELDS else "") for k in context["details"]
        }
    return form_error(request, "licensing/application.html", exc, values, **context)


@get(APP, include_in_schema=False)
async def application_detail(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template:
    context = await _application_context(actor, application_id)
    return page(request, "licensing/application.html", **context)


@post(f"{APP}/details", include_in_schema=False)
async def application_details(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template | Redirect:
    """Save the details; 提交申请 / 提交补正材料 save and then submit, so nothing typed is lost."""
    values = await read_form(request)
    then = values.get("then", "save")
    try:
        counties = await reference.league_counties()
        details = details_from_form(values, division_lookup(counties))
        await applications.update_details(actor, application_id, details)
        if then == "submit":
            await applications.submit(actor, application_id)
        elif then == "resubmit":
            await applications.resubmit(actor, application_id)
    except DomainError as exc:
        return await _application_error(request, actor, application_id, "details", exc, values)
    return see_other(f"/licensing/applications/{application_id}")


Build = Callable[[dict[str, Any]], Any]


def _action(
    name: str,
    call: Callable[..., Awaitable[Any]],
    build: Build | None = None,
    fields: tuple[str, ...] = (),
) -> Any:
    """POST {APP}/<name>: build the input from the form, call the use-case, redirect back."""

    async def handler(
        request: Request, actor: CurrentActor, application_id: FromPath[int]
    ) -> Template | Redirect:
        values = await read_form(request)
        try:
            if build is None:
                await call(actor, application_id)
            else:
                await call(actor, application_id, build(values))
        except DomainError as exc:
            placed = _placed(exc, fields)
            return await _application_error(request, actor, application_id, name, placed, values)
        return see_other(f"/licensing/applications/{application_id}")

    handler.__name__ = f"application_{name.replace('-', '_')}"
    return post(f"{APP}/{name}", include_in_schema=False)(handler)


def _pick(values: Mapping[str, Any], *names: str) -> dict[str, Any]:
    return {n: values[n] for n in names if n in values}


def _supplement(values: dict[str, Any]) -> SupplementIn:
    items = values.get("items", [])
    notes = {c: values[f"note_{c}"] for c in items if values.get(f"note_{c}")}
    return parse(
        SupplementIn, {**_pick(values, "deadline_workdays"), "items": items, "notes": notes}
    )


def _conditional(values: dict[str, Any]) -> ConditionalAcceptIn:
    data = {**_pick(values, "deadline_workdays"), "pending_items": values.get("pending_items", [])}
    return parse(ConditionalAcceptIn, data)


def _site_check(values: dict[str, Any]) -> SiteCheckIn:
    data = {**_pick(values, "checked_on", "findings"), "officer_ids": values.get("officer_ids", [])}
    return parse(SiteCheckIn, data)


accept = _action("accept", intake.accept)
supplement = _action(
    "supplement",
    intake.request_supplement,
    _supplement,
    ("items", "deadline_workdays"),
)
conditional_accept = _action(
    "conditional-accept",
    intake.conditional_accept,
    _conditional,
    ("items", "pending_items", "deadline_workdays"),
)
reject = _action(
    "reject",
    intake.reject_intake,
    lambda v: parse(RejectIntakeIn, _pick(v, "reasons", "competent_authority")),
    ("reasons", "competent_authority"),
)
site_check = _action(
    "site-check",
    review.record_site_check,
    _site_check,
    ("checked_on", "officer_ids", "findings"),
)
pause = _action(
    "pause",
    review.pause,
    lambda v: parse(PauseIn, _pick(v, "ground", "reason")),
    ("ground", "reason"),
)
resume = _action("resume", review.resume)
extend = _action(
    "extend", review.extend, lambda v: parse(ReasonIn, _pick(v, "reasons")), ("reasons",)
)
grant = _action("grant", review.grant)
refuse = _action(
    "refuse", review.refuse, lambda v: parse(ReasonIn, _pick(v, "reasons")), ("reasons",)
)
forward = _action(
    "forward", forwarding.forward, lambda v: parse(ForwardIn, _pick(v, "opinion")), ("opinion",)
)
issuing_extension = _action(
    "issuing-extension",
    forwarding.extend_issuing,
    lambda v: parse(ReasonIn, _pick(v, "reasons")),
    ("reasons",),
)
region_grant = _action(
    "region-grant",
    forwarding.record_region_grant,
    lambda v: parse(RegionGrantIn, _pick(v, "decided_on", "number", "valid_from", "valid_to")),
    ("decided_on", "number", "valid_from", "valid_to"),
)
region_refusal = _action(
    "region-refusal",
    forwarding.record_region_refusal,
    lambda v: parse(RegionRefusalIn, _pick(v, "decided_on", "reasons")),
    ("decided_on", "reasons"),
)
withdraw = _action("withdraw", applications.withdraw)
rate = _action(
    "rating", ratings.rate, lambda v: parse(RatingIn, _pick(v, "score", "comment")), ("score",)
)
answer = _action(
    "rating-answer", ratings.answer, lambda v: parse(FollowUpIn, _pick(v, "answer")), ("answer",)
)


# --- materials and notices ------------------------------------------------------------------


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
        return await _application_error(request, actor, application_id, "upload", exc, values)
    return see_other(f"/licensing/applications/{application_id}#materials")


@post(f"{APP}/materials/{{material_id:int}}/delete", include_in_schema=False)
async def material_delete(
    request: Request, actor: CurrentActor, application_id: FromPath[int], material_id: FromPath[int]
) -> Template | Redirect:
    try:
        await materials.delete(actor, material_id)
    except DomainError as exc:
        return await _application_error(request, actor, application_id, "upload", exc, {})
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


@get("/licensing/notices/{notice_file:str}", include_in_schema=False)
async def notice_pdf(request: Request, actor: CurrentActor, notice_file: FromPath[str]) -> Response:
    """/licensing/notices/<id>.pdf (the router cannot mix a parameter and text in a segment)."""
    match = re.fullmatch(r"(\d{1,9})\.pdf", notice_file)  # an integer id (PostgreSQL int4)
    if match is None:
        raise NotFound("未找到该文书")
    notice_id = int(match.group(1))
    base_url = request.app.state.settings.public_base_url
    return _pdf(await documents.notice_pdf(actor, notice_id, base_url), f"notice-{notice_id}.pdf")


# --- licences -------------------------------------------------------------------------------


async def _licence_context(actor: CurrentActor, licence_id: int) -> dict[str, Any]:
    licence = await licences.get(actor, licence_id)
    return {
        "licence": licence,
        "history_terms": licences.term_history(licence),
        "names": await reference.division_names(),
        "scope_labels": documents.SCOPE_LABELS,
        "today": clock.today().isoformat(),
        "failed": "",
    }


@get("/licensing/licences/{licence_id:int}", include_in_schema=False)
async def licence_detail(
    request: Request, actor: CurrentActor, licence_id: FromPath[int]
) -> Template:
    return page(request, "licensing/licence.html", **await _licence_context(actor, licence_id))


PENALTY_FIELDS = ("penalty_decision_number", "penalty_decided_on")


@post("/licensing/licences/{licence_id:int}/end", include_in_schema=False)
async def licence_end(
    request: Request, actor: CurrentActor, licence_id: FromPath[int]
) -> Template | Redirect:
    values = await read_form(request)
    try:
        data = parse(StatusChangeIn, _pick(values, "kind", "reasons", *PENALTY_FIELDS))
        await licences.end_licence(actor, licence_id, data)
    except DomainError as exc:
        context = {**await _licence_context(actor, licence_id), "failed": "end"}
        placed = _placed(exc, ("kind", "reasons", *PENALTY_FIELDS))
        return form_error(request, "licensing/licence.html", placed, values, **context)
    return see_other(f"/licensing/licences/{licence_id}")


@get("/licensing/licences/{licence_id:int}/original.pdf", include_in_schema=False)
async def licence_original_pdf(actor: CurrentActor, licence_id: FromPath[int]) -> Response:
    pdf = await documents.licence_pdf(actor, licence_id, "original")
    return _pdf(pdf, f"licence-{licence_id}-original.pdf")


@get("/licensing/licences/{licence_id:int}/duplicate.pdf", include_in_schema=False)
async def licence_duplicate_pdf(actor: CurrentActor, licence_id: FromPath[int]) -> Response:
    pdf = await documents.licence_pdf(actor, licence_id, "duplicate")
    return _pdf(pdf, f"licence-{licence_id}-duplicate.pdf")


HANDLERS = [
    *public_views.HANDLERS,
    *oversight_views.HANDLERS,
    licensing_home,
    inbox,
    application_create,
    application_detail,
    application_details,
    accept,
    supplement,
    conditional_accept,
    reject,
    site_check,
    pause,
    resume,
    extend,
    grant,
    refuse,
    forward,
    issuing_extension,
    region_grant,
    region_refusal,
    withdraw,
    rate,
    answer,
    material_upload,
    material_delete,
    material_download,
    notice_pdf,
    licence_detail,
    licence_end,
    licence_original_pdf,
    licence_duplicate_pdf,
]
