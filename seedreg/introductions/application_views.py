"""引种 pages: the applicant's form (the route shown first), its list and the detail with the
written decisions; the league acts from the detail (actions from ``allowed_actions``) and sees
the automatic checks with their sources. Each POST calls one service and redirects (303), or
re-shows the form with the Chinese message and what was typed (422)."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, NotFound
from seedreg.core.paging import page_number
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.introductions import decide, documents, filing, outputs, review_views, services
from seedreg.introductions.routing_rules import LeagueStep
from seedreg.introductions.schemas import (
    ForwardIn,
    GrantIn,
    IntroductionCreate,
    Purpose,
    RecordIn,
    RefuseIn,
    RegionDecisionIn,
)
from seedreg.licensing.schemas import RejectIntakeIn, SupplementIn
from seedreg.matters import catalogue, held
from seedreg.matters import rules as flow_rules
from seedreg.matters.held_views import held_material
from seedreg.reference import services as reference

DETAIL = "/introductions/{id}"
SITE_ROWS = 3
LISTS = ("items", "officer_ids")  # form fields that repeat
# The decisions open while under review: the shared review's forms are offered beside them.
UNDER_REVIEW = frozenset({"grant", "refuse", "forward"})
ABROAD_COUNTRY = "ZZ"  # "another country": the routing only needs it not to be CN
# Where a service's field message stands on the form.
FIELD_ON_FORM = {"max_quantity": "quantity", "site_codes": "site1_code", "origin_code": "origin"}


async def _values(request: Request) -> dict[str, Any]:
    form = await request.form()
    values: dict[str, Any] = {}
    for key, value in form.multi_items():
        if key == "_csrf_token" or not isinstance(value, str):
            continue
        if key in LISTS:
            values.setdefault(key, []).append(value)
        elif value.strip():
            values[key] = value.strip()
    return values


def _sites(values: dict[str, Any]) -> list[dict[str, Any]]:
    sites = []
    for i in range(1, SITE_ROWS + 1):
        code, place = values.get(f"site{i}_code"), values.get(f"site{i}_place")
        if not code and not place:
            continue
        site: dict[str, Any] = {"division_code": code or "", "place": place or ""}
        for axis in ("longitude", "latitude"):
            if values.get(f"site{i}_{axis}"):
                site[axis] = values[f"site{i}_{axis}"]
        sites.append(site)
    return sites


# The form fields that are the schema's own, as typed.
TYPED = (
    "applicant_kind",
    "species",
    "variety",
    "variety_number",
    "supplier",
    "supplier_licence",
    "quantity",
    "unit",
    "purpose",
    "valid_from",
    "valid_to",
    "quarantine",
    "trial_evidence",
    "filing_number",
    "requirement_number",
)


def details_from_form(values: dict[str, Any]) -> dict[str, Any]:
    """The form's flat fields as the details schema reads them."""
    origin = str(values.get("origin", ""))
    abroad = origin == services.ABROAD
    details: dict[str, Any] = {k: values[k] for k in TYPED if k in values}
    details |= {
        "improved": values.get("improved") == "1",
        "origin_country": ABROAD_COUNTRY if abroad else "CN",
        "origin_code": "" if abroad else origin,
        "sites": _sites(values),
    }
    if values.get("native") in ("yes", "no"):
        details["native"] = values["native"] == "yes"
    return details


def _form_errors(exc: DomainError) -> None:
    """Messages keyed by the schema's path ("details.sites.0.place") → the form's field."""
    errors = getattr(exc, "details", None)
    if isinstance(errors, dict):
        moved: dict[str, Any] = {}
        for key, message in errors.items():
            parts = str(key).split(".")
            if "sites" in parts and parts[-1] != "sites":
                name = f"site{int(parts[parts.index('sites') + 1]) + 1}_{parts[-1]}"
                name = name.replace("_division_code", "_code")
            else:
                name = FIELD_ON_FORM.get(
                    parts[-1], parts[-1] if parts[-1] != "sites" else "site1_code"
                )
            moved.setdefault(name, message)
        exc.details = moved
    if exc.field:
        exc.field = FIELD_ON_FORM.get(exc.field, exc.field)


async def _form_context(origin: str) -> dict[str, Any]:
    route = None
    if origin:
        try:
            route = await services.route(services.origin_of(origin))
        except DomainError:
            route = None
    banners = [(d["code"], d["name"]) for d in await reference.league_counties()]
    return {
        "groups": services.origin_groups(),
        "route": route,
        "banners": banners,
        "site_rows": range(1, SITE_ROWS + 1),
        "purposes": [(p.value, p.label) for p in Purpose],
        "units": [("株", "株（苗木）"), ("kg", "千克（种子）")],
    }


@get("/introductions", include_in_schema=False)
async def list_page(request: Request, actor: CurrentActor, page_no: ViewPageNo = 1) -> Template:
    page_no = page_number(page_no)
    items, total = await outputs.listing(actor, page=page_no)
    return page(
        request,
        "introductions/list.html",
        items=items,
        total=total,
        page_no=page_no,
        page_size=outputs.PAGE_SIZE,
    )


@get("/introductions/new", include_in_schema=False)
async def new_page(request: Request, actor: CurrentActor, origin: FromQuery[str] = "") -> Template:
    values = {"origin": origin[:20], "applicant_kind": "organisation", "unit": "株"}
    return page(
        request, "introductions/new.html", values=values, **await _form_context(origin[:20])
    )


@post("/introductions/new", include_in_schema=False)
async def new_submit(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await _values(request)
    try:
        data = parse(IntroductionCreate, {"details": details_from_form(values)})
        row = await services.create(actor, data)
    except DomainError as exc:
        _form_errors(exc)
        context = await _form_context(str(values.get("origin", "")))
        return form_error(request, "introductions/new.html", exc, values, **context)
    return see_other(DETAIL.format(id=row["id"]))


async def _detail_context(actor: CurrentActor, application_id: int) -> dict[str, Any]:
    item = await outputs.get(actor, application_id)
    labels = flow_rules.flow(services.MATTER).action_labels
    checklist = await catalogue.materials(services.MATTER, item.route)
    may_review = actor.is_official
    filed = item.league_step == LeagueStep.FILING.value
    review_open = may_review and bool(UNDER_REVIEW & set(item.allowed_actions))
    return {
        **(await review_views.context(actor) if review_open else {}),
        # 兴署发〔2021〕5号 Art. 10(四): what the system holds, offered instead of a copy
        **await held.page_context(actor, await services.load(actor, application_id)),
        "review_open": review_open,
        "failed": "",
        "item": item,
        "lines": documents.scope_lines(documents.scope_content(item.details), filed=filed),
        "words": documents.RECORD_WORDS[filed],
        "actions": {a: labels[a] for a in item.allowed_actions},
        "checklist": [(m["code"], m["name"]) for m in checklist],
        "checks": await decide.checks(actor, application_id) if may_review else [],
        "may_review": may_review,
    }


@get("/introductions/{application_id:int}", include_in_schema=False)
async def detail_page(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template:
    context = await _detail_context(actor, application_id)
    return page(request, "introductions/detail.html", **context)


@post("/introductions/{application_id:int}/materials/held", include_in_schema=False)
async def material_held(
    request: Request, actor: CurrentActor, application_id: FromPath[int]
) -> Template | Redirect:
    """使用系统已有材料 (兴署发〔2021〕5号 Art. 10(四)): a plain form, no script."""

    async def confirm(item_code: str, token: str) -> None:
        await held.confirm(actor, await services.load(actor, application_id), item_code, token)

    async def show_again(exc: DomainError, values: dict[str, Any]) -> Template:
        context = await _detail_context(actor, application_id)
        return form_error(request, "introductions/detail.html", exc, values, **context)

    return await held_material(request, confirm, show_again, DETAIL.format(id=application_id))


# The steps that ask first (irreversible), with the question's verb and button.
ASK = {
    "grant": ("准予引种", "确认准予引种，出具决定书"),
    "record": ("予以备案", "确认予以备案，出具备案回执"),
    "refuse": ("不予批准", "确认不予批准"),
    "reject_intake": ("不予受理", "确认不予受理"),
    "forward": ("报送自治区", "确认报送"),
    "region_grant": ("登记自治区准予引种", "确认登记"),
    "region_refuse": ("登记自治区不予批准", "确认登记"),
    "pause": ("中止计算审查期限", "确认中止，出具告知书"),
    "extend": ("延长审查期限十个工作日", "确认延期，出具告知书"),
}


@post("/introductions/{application_id:int}/{action:str}", include_in_schema=False)
async def act(
    request: Request, actor: CurrentActor, application_id: FromPath[int], action: FromPath[str]
) -> Template | Redirect:
    values = await _values(request)
    try:
        if action in review_views.STEPS:
            review_views.build(action, values)  # bad input named before asking
        if action in ASK and not confirmed(values):
            item = await outputs.get(actor, application_id)
            verb, button = ASK[action]
            typed = [(k, str(values.get(k, ""))) for k in FACT_LABELS]
            return confirmation(
                request,
                values,
                question=f"确认{verb} 引种申请 {item.reference}（{item.organisation_name}）？",
                button=button,
                back=DETAIL.format(id=application_id),
                facts=[(FACT_LABELS[k], v) for k, v in typed if v],
                danger=action in ("refuse", "reject_intake", "region_refuse"),
            )
        await _call(actor, application_id, action, values)
    except DomainError as exc:
        context = {**await _detail_context(actor, application_id), "failed": action}
        return form_error(request, "introductions/detail.html", exc, values, **context)
    return see_other(DETAIL.format(id=application_id))


FACT_LABELS = {
    "reasons": "理由",
    "conditions": "附加条件或说明",
    "opinion": "初审意见",
    "number": "文号",
}


async def _call(actor: CurrentActor, application_id: int, action: str, values: dict) -> None:
    pick = {k: v for k, v in values.items() if k not in ("items", "confirm")}
    if action in review_views.STEPS:
        await review_views.call(actor, application_id, action, pick)
    elif action == "request_supplement":
        data = parse(SupplementIn, {"items": values.get("items", [])})
        await services.request_supplement(actor, application_id, data)
    elif action == "reject_intake":
        await services.reject(actor, application_id, parse(RejectIntakeIn, pick))
    elif action == "grant":
        await decide.grant(actor, application_id, parse(GrantIn, pick))
    elif action == "record":
        await filing.record(actor, application_id, parse(RecordIn, pick))
    elif action == "refuse":
        await decide.refuse(actor, application_id, parse(RefuseIn, pick))
    elif action == "forward":
        await decide.forward(actor, application_id, parse(ForwardIn, pick))
    elif action in ("region_grant", "region_refuse"):
        outcome = "granted" if action == "region_grant" else "refused"
        region = parse(RegionDecisionIn, {**pick, "outcome": outcome})
        await decide.record_region(actor, application_id, region)
    else:
        simple = {
            "submit": services.submit,
            "resubmit": services.resubmit,
            "withdraw": services.withdraw,
            "accept": services.accept,
        }
        if action not in simple:
            raise NotFound("没有这项操作")
        await simple[action](actor, application_id)


HANDLERS = [list_page, new_page, new_submit, detail_page, material_held, act]
