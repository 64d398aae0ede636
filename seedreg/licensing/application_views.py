"""The application page (licensing): the applicant's details and materials, and each officer's
action on it (受理, 补正, 现场核查, 中止, 决定, 报送, 评价). Each POST reads its form, calls one
use-case and redirects (303) back, or re-renders the page with the Chinese message beside the
field (422)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts import services as accounts
from seedreg.accounts.rules import LEAGUE_CODE
from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.licensing import (
    applications,
    documents,
    forwarding,
    intake,
    materials,
    permissions,
    ratings,
    review,
)
from seedreg.licensing.api import UPLOAD_LIMIT
from seedreg.licensing.forms import (
    APP,
    LIST_FIELDS,
    RATING_OPTIONS,
    details_from_form,
    division_lookup,
    pick,
    placed_error,
    read_form,
    site_lines,
    variety_lines,
)
from seedreg.licensing.rule_settings import CONDITIONAL_ACCEPTANCE_WORKDAYS
from seedreg.licensing.rules import PauseGround, Status
from seedreg.licensing.schemas import (
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
    SupplementIn,
)
from seedreg.reference import services as reference

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
    may = permissions.application_access(actor, Status(app.status), at_counter=app.at_counter)
    if may.review:  # the site check names two officials (行政许可法 Art. 34)
        officials = await accounts.officials_covering(actor, app.division_code)
    items = await materials.checklist(app.kind)
    return {
        "app": app,
        "may": may,
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
            placed = placed_error(exc, fields)
            return await _application_error(request, actor, application_id, name, placed, values)
        return see_other(f"/licensing/applications/{application_id}")

    handler.__name__ = f"application_{name.replace('-', '_')}"
    return post(f"{APP}/{name}", include_in_schema=False)(handler)


def _supplement(values: dict[str, Any]) -> SupplementIn:
    items = values.get("items", [])
    notes = {c: values[f"note_{c}"] for c in items if values.get(f"note_{c}")}
    return parse(
        SupplementIn, {**pick(values, "deadline_workdays"), "items": items, "notes": notes}
    )


def _conditional(values: dict[str, Any]) -> ConditionalAcceptIn:
    data = {**pick(values, "deadline_workdays"), "pending_items": values.get("pending_items", [])}
    return parse(ConditionalAcceptIn, data)


def _site_check(values: dict[str, Any]) -> SiteCheckIn:
    data = {**pick(values, "checked_on", "findings"), "officer_ids": values.get("officer_ids", [])}
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
    lambda v: parse(RejectIntakeIn, pick(v, "reasons", "competent_authority")),
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
    lambda v: parse(PauseIn, pick(v, "ground", "reason")),
    ("ground", "reason"),
)
resume = _action("resume", review.resume)
extend = _action(
    "extend", review.extend, lambda v: parse(ReasonIn, pick(v, "reasons")), ("reasons",)
)
grant = _action("grant", review.grant)
refuse = _action(
    "refuse", review.refuse, lambda v: parse(ReasonIn, pick(v, "reasons")), ("reasons",)
)
forward = _action(
    "forward", forwarding.forward, lambda v: parse(ForwardIn, pick(v, "opinion")), ("opinion",)
)
issuing_extension = _action(
    "issuing-extension",
    forwarding.extend_issuing,
    lambda v: parse(ReasonIn, pick(v, "reasons")),
    ("reasons",),
)
region_grant = _action(
    "region-grant",
    forwarding.record_region_grant,
    lambda v: parse(RegionGrantIn, pick(v, "decided_on", "number", "valid_from", "valid_to")),
    ("decided_on", "number", "valid_from", "valid_to"),
)
region_refusal = _action(
    "region-refusal",
    forwarding.record_region_refusal,
    lambda v: parse(RegionRefusalIn, pick(v, "decided_on", "reasons")),
    ("decided_on", "reasons"),
)
withdraw = _action("withdraw", applications.withdraw)
rate = _action(
    "rating", ratings.rate, lambda v: parse(RatingIn, pick(v, "score", "comment")), ("score",)
)
answer = _action(
    "rating-answer", ratings.answer, lambda v: parse(FollowUpIn, pick(v, "answer")), ("answer",)
)


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


HANDLERS = [
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
]
