"""Request pages: the operator's list and the pre-filled form (from a readiness button), the
handlers' queue, and the detail where each party acts (actions from ``allowed_actions``). Each
POST calls one service and redirects (303), or re-shows the page with the Chinese message and
what was typed (422). Irreversible steps ask first (``core.web.confirm``)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError, NotFound
from seedreg.core.paging import page_number
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.licensing.schemas import RatingIn, RejectIntakeIn, SupplementIn
from seedreg.matters import catalogue, held
from seedreg.matters import rules as flow_rules
from seedreg.matters.held_views import held_material
from seedreg.matters.tables import Rating
from seedreg.matters.transitions import Party
from seedreg.requests import forms, queues, records, results, services
from seedreg.requests.rule_settings import FEE_SCHEDULE
from seedreg.requests.rules import DISPOSAL_LABELS, RequestKind, kinds_handled_by
from seedreg.requests.schemas import QuarantineResultIn, RefuseIn, RequestCreate, VisitIn

DETAIL = "/requests/{id}"


async def _values(request: Request) -> dict[str, Any]:
    form = await request.form()
    values: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key == "_csrf_token" or not isinstance(value, str):
            continue
        if key in ("items", "lot_ids"):
            values.setdefault(key, []).append(value)
        elif value.strip():
            values[key] = value.strip()
    return values


@get("/requests", include_in_schema=False)
async def list_page(
    request: Request,
    actor: CurrentActor,
    mine: FromQuery[bool] = False,
    page_no: ViewPageNo = 1,
    records_page: ViewPageNo = 1,
) -> Template:
    """The handler's queue (paged by ``page_no``) above every request in reach (paged by
    ``records_page``: two lists, two pagers)."""
    page_no, records_page = page_number(page_no), page_number(records_page)
    handled = bool(kinds_handled_by(actor.role))
    queue, total = await queues.queue(actor, mine=mine, page=page_no) if handled else ([], 0)
    requests, records_total = await records.listing(actor, page=records_page)
    return page(
        request,
        "requests/list.html",
        requests=requests,
        records_total=records_total,
        records_page=records_page,
        records_page_size=records.PAGE_SIZE,
        queue=queue,
        queue_total=total,
        page_no=page_no,
        page_size=queues.PAGE_SIZE,
        has_queue=handled,
        only_mine=mine,
    )


def _kind(kind: str) -> RequestKind:
    try:
        return RequestKind(kind)
    except ValueError:
        raise NotFound("没有这类申请") from None


async def _new_context(actor: CurrentActor, kind: RequestKind) -> dict[str, Any]:
    info = await catalogue.matter(kind.value)
    return {
        "kind": kind.value,
        "kind_label": kind.label,
        "matter": info,
        "fee": FEE_SCHEDULE.display(await rs.value(FEE_SCHEDULE)),
        "lots": await forms.lot_choices(actor),
        "item_rows": range(1, forms.ITEM_ROWS + 1),
    }


@get("/requests/new", include_in_schema=False)
async def new_page(
    request: Request,
    actor: CurrentActor,
    kind: FromQuery[str] = "",
    lot_id: FromQuery[int | None] = None,
) -> Template:
    chosen = _kind(kind[:40])
    values = await forms.prefilled(actor, chosen, lot_id)
    return page(request, "requests/new.html", values=values, **await _new_context(actor, chosen))


@post("/requests/new", include_in_schema=False)
async def new_submit(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await _values(request)
    kind = _kind(str(values.get("kind", ""))[:40])
    try:
        data = parse(RequestCreate, {"details": forms.details_from(kind.value, values)})
        request_id = await services.create(actor, data)
        await services.submit(actor, request_id)
    except DomainError as exc:
        errors = getattr(exc, "details", None)
        if isinstance(errors, dict):  # "details.quality_request.contact" → "contact"
            exc.details = {k.rsplit(".", 1)[-1]: v for k, v in errors.items()}
        context = await _new_context(actor, kind)
        return form_error(request, "requests/new.html", exc, values, **context)
    return see_other(DETAIL.format(id=request_id))


async def _detail_context(actor: CurrentActor, request_id: int) -> dict[str, Any]:
    out = await records.get(actor, request_id)
    labels = flow_rules.flow(out.kind.value).action_labels
    checklist = await catalogue.materials(out.kind.value)
    return {
        # 兴署发〔2021〕5号 Art. 10(四): what the system holds, offered instead of a copy
        **await held.page_context(actor, await services.load(actor, request_id)),
        "req": out,
        "lines": forms.detail_lines(out.details),
        "actions": {a: labels[a] for a in out.allowed_actions},
        "checklist": [(m["code"], m["name"]) for m in checklist],
        "disposals": [(d.value, label) for d, label in DISPOSAL_LABELS.items()],
        "quality_kind": out.kind is RequestKind.QUALITY,
        "today": clock.today().isoformat(),
        "may_rate": await _may_rate(actor, request_id),
    }


async def _may_rate(actor: CurrentActor, request_id: int) -> bool:
    """The applicant rates a decided request once (一事一评)."""
    row = await services.load(actor, request_id)
    state = flow_rules.flow(row["matter"]).states[row["status"]]
    if not state.decided or Party.APPLICANT not in services.parties(actor, row):
        return False
    return not await Rating.exists().where(Rating.application == request_id)


@get("/requests/{request_id:int}", include_in_schema=False)
async def detail_page(request: Request, actor: CurrentActor, request_id: FromPath[int]) -> Template:
    return page(request, "requests/detail.html", **await _detail_context(actor, request_id))


@post("/requests/{request_id:int}/materials/held", include_in_schema=False)
async def material_held(
    request: Request, actor: CurrentActor, request_id: FromPath[int]
) -> Template | Redirect:
    """使用系统已有材料 (兴署发〔2021〕5号 Art. 10(四)): a plain form, no script."""

    async def confirm(item_code: str, token: str) -> None:
        await held.confirm(actor, await services.load(actor, request_id), item_code, token)

    async def show_again(exc: DomainError, values: dict[str, Any]) -> Template:
        context = await _detail_context(actor, request_id)
        return form_error(request, "requests/detail.html", exc, values, **context)

    return await held_material(request, confirm, show_again, DETAIL.format(id=request_id))


# The steps that ask first (irreversible), with the question's verb and button.
ASK = {
    "reject_intake": ("不予受理", "确认不予受理"),
    "refuse": ("作出检验不合格结论", "确认不合格"),
    "certify": ("检验合格并签发证书", "确认签发"),
}


@post("/requests/{request_id:int}/{action:str}", include_in_schema=False)
async def act(
    request: Request, actor: CurrentActor, request_id: FromPath[int], action: FromPath[str]
) -> Template | Redirect:
    values = await _values(request)
    try:
        if action in ASK and not confirmed(values):
            out = await records.get(actor, request_id)
            verb, button = ASK[action]
            return confirmation(
                request,
                values,
                question=f"确认对{out.kind_label} {out.reference}"
                f"（{out.organisation_name}）{verb}？",
                button=button,
                back=DETAIL.format(id=request_id),
                facts=[
                    ("理由", values.get("reasons", "")),
                    ("检疫结果", values.get("findings", "")),
                ],
                danger=action != "certify",
            )
        await _call(actor, request_id, action, values)
    except DomainError as exc:
        if action in ("submit", "resubmit") and exc.field and not exc.details:
            exc = type(exc)(exc.message)  # the operator's page has no field to mark: say it
        context = await _detail_context(actor, request_id)
        return form_error(request, "requests/detail.html", exc, values, **context)
    return see_other(DETAIL.format(id=request_id))


def _pick(values: dict[str, Any], *names: str) -> dict[str, Any]:
    return {k: values[k] for k in names if k in values}


async def _call(actor: CurrentActor, request_id: int, action: str, values: dict[str, Any]) -> None:
    if action == "request_supplement":
        data = parse(SupplementIn, {"items": values.get("items", [])})
        await services.request_supplement(actor, request_id, data)
    elif action == "reject_intake":
        data_r = parse(RejectIntakeIn, _pick(values, "reasons", "competent_authority"))
        await services.reject(actor, request_id, data_r)
    elif action == "plan_visit":
        await services.plan_visit(
            actor, request_id, parse(VisitIn, _pick(values, "visit_on", "visitor"))
        )
    elif action == "certify":
        data_q = parse(QuarantineResultIn, _pick(values, "inspected_on", "findings"))
        await results.record_quarantine(actor, request_id, data_q)
    elif action == "refuse":
        await results.refuse(
            actor, request_id, parse(RefuseIn, _pick(values, "reasons", "disposal"))
        )
    elif action == "rate":
        data_s = parse(RatingIn, _pick(values, "score", "comment"))
        await services.rate(actor, request_id, data_s.score, data_s.comment)
    else:
        simple = {
            "submit": services.submit,
            "resubmit": services.resubmit,
            "withdraw": services.withdraw,
            "accept": services.accept,
        }
        if action not in simple:
            raise NotFound("没有这项操作")
        await simple[action](actor, request_id)


HANDLERS = [list_page, new_page, new_submit, detail_page, material_held, act]
