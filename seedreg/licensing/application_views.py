"""The application page (licensing): the applicant's details and materials, and each officer's
action on it (受理, 补正, 现场核查, 中止, 决定, 报送, 评价). Each POST reads its form, calls one
use-case and redirects (303) back, or re-renders the page with the Chinese message beside the
field (422)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import Conflict, DomainError
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import page, see_other
from seedreg.licensing import (
    applications,
    forwarding,
    intake,
    material_views,
    materials,
    ratings,
    review,
)
from seedreg.licensing.api import UPLOAD_LIMIT
from seedreg.licensing.common import ensure_officer
from seedreg.licensing.forms import (
    APP,
    pick,
    placed_error,
    read_form,
)
from seedreg.licensing.page_views import application_context, application_error, save_details
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
from seedreg.licensing.states import Action, Status, TransitionError, next_status


@get(APP, include_in_schema=False)
async def application_detail(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template:
    context = await application_context(actor, application_id)
    return page(request, "licensing/application.html", **context)


async def _submit(
    request: Request, actor: CurrentActor, application_id: int, then: str, confirmed: bool
) -> Template | Redirect:
    """提交申请 / 提交补正材料; with required materials missing, first a step that names each
    one and asks the applicant to confirm (行政许可法 Art. 32: what is missing is told at once)."""
    lacking = await materials.missing(actor, application_id)
    if lacking and not confirmed:
        context = await application_context(actor, application_id)
        context.update(confirm_missing=lacking, submit_then=then)
        return page(request, "licensing/application.html", **context)
    if then == "resubmit":
        await applications.resubmit(actor, application_id)
    else:
        await applications.submit(actor, application_id)
    return see_other(f"/licensing/applications/{application_id}")


@post(f"{APP}/details", include_in_schema=False, request_max_body_size=UPLOAD_LIMIT)
async def application_details(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template | Redirect:
    """The applicant's one form: 保存; 上传 (the file and what was typed, together); 提交申请 /
    提交补正材料 (save, then submit), so nothing typed is lost."""
    values = await read_form(request)
    then = values.get("then", "save")
    if then == "upload":
        return await material_views.file_then_save(request, actor, application_id, values)
    try:
        await save_details(actor, application_id, values)
        if then in ("submit", "resubmit"):
            return await _submit(request, actor, application_id, then, confirmed=False)
    except DomainError as exc:
        return await application_error(request, actor, application_id, "details", exc, values)
    return see_other(f"/licensing/applications/{application_id}")


@post(f"{APP}/submit", include_in_schema=False)
async def application_submit(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template | Redirect:
    """The confirmation step's 仍然提交 (the details were saved by the step before)."""
    values = await read_form(request)
    then = "resubmit" if values.get("then") == "resubmit" else "submit"
    try:
        return await _submit(request, actor, application_id, then, confirmed=confirmed(values))
    except DomainError as exc:
        return await application_error(request, actor, application_id, "submit", exc, values)


Build = Callable[[dict[str, Any]], Any]
# What the confirmation step repeats from the form (issue 14 item 6).
TYPED = (("reasons", "理由"), ("opinion", "审核意见"), ("number", "许可证号"))


@dataclass(frozen=True)
class Irreversible:
    """An action that asks first: "确认{verb} 申请 XA-2026-0001（某某苗圃）？"."""

    action: Action
    verb: str
    button: str
    danger: bool = False


def _question(verb: str, app: Any) -> str:
    return f"确认{verb} {app.kind_label}申请 {app.reference}（{app.organisation_name}）？"


async def _confirmation(
    request: Request,
    actor: CurrentActor,
    application_id: int,
    values: dict[str, Any],
    ask: Irreversible,
) -> Template:
    app = await applications.get(actor, application_id)
    # no confirmation for what would be refused anyway (an officer's decision, in its state)
    ensure_officer(actor)
    try:
        next_status(Status(app.status), ask.action)
    except TransitionError as exc:
        raise Conflict(str(exc)) from None
    return confirmation(
        request,
        values,
        question=_question(ask.verb, app),
        button=ask.button,
        back=f"/licensing/applications/{application_id}#actions",
        facts=[(label, values.get(name, "")) for name, label in TYPED],
        danger=ask.danger,
    )


def _action(
    name: str,
    call: Callable[..., Awaitable[Any]],
    build: Build | None = None,
    fields: tuple[str, ...] = (),
    ask: Irreversible | None = None,
) -> Any:
    """POST {APP}/<name>: build the input from the form, (for an irreversible action, ask
    first), call the use-case, redirect back."""

    async def handler(
        request: Request, actor: CurrentActor, application_id: FromPath[int]
    ) -> Template | Redirect:
        values = await read_form(request)
        try:
            args = () if build is None else (build(values),)
            if ask is not None and not confirmed(values):
                return await _confirmation(request, actor, application_id, values, ask)
            await call(actor, application_id, *args)
        except DomainError as exc:
            placed = placed_error(exc, fields)
            return await application_error(request, actor, application_id, name, placed, values)
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


accept = _action(
    "accept", intake.accept, ask=Irreversible(Action.ACCEPT, "受理", "确认受理，出具受理通知书")
)
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
    Irreversible(Action.ACCEPT, "容缺受理", "确认容缺受理"),
)
reject = _action(
    "reject",
    intake.reject_intake,
    lambda v: parse(RejectIntakeIn, pick(v, "reasons", "competent_authority")),
    ("reasons", "competent_authority"),
    Irreversible(Action.REJECT_INTAKE, "不予受理", "确认不予受理", danger=True),
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
grant = _action("grant", review.grant, ask=Irreversible(Action.GRANT, "准予", "确认准予许可"))
refuse = _action(
    "refuse",
    review.refuse,
    lambda v: parse(ReasonIn, pick(v, "reasons")),
    ("reasons",),
    Irreversible(Action.REFUSE, "不予许可", "确认不予许可", danger=True),
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
    lambda v: parse(
        RegionGrantIn,
        pick(v, "decided_on", "decision_number", "number", "valid_from", "valid_to"),
    ),
    ("decided_on", "decision_number", "number", "valid_from", "valid_to"),
    Irreversible(Action.REGION_GRANT, "记录核发机关准予", "确认记录准予许可"),
)
region_refusal = _action(
    "region-refusal",
    forwarding.record_region_refusal,
    lambda v: parse(RegionRefusalIn, pick(v, "decided_on", "decision_number", "reasons")),
    ("decided_on", "decision_number", "reasons"),
    Irreversible(Action.REGION_REFUSE, "记录核发机关不予", "确认记录不予许可", danger=True),
)
withdraw = _action("withdraw", applications.withdraw)
rate = _action(
    "rating", ratings.rate, lambda v: parse(RatingIn, pick(v, "score", "comment")), ("score",)
)
answer = _action(
    "rating-answer", ratings.answer, lambda v: parse(FollowUpIn, pick(v, "answer")), ("answer",)
)


HANDLERS = [
    *material_views.HANDLERS,
    application_detail,
    application_details,
    application_submit,
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
]
