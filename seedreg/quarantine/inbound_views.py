"""Pages for inbound consignments (issue 17): the 检疫员 records a consignment arriving with
another body's 植物检疫证书 and its arrival check (复检, 植物检疫条例 Art. 10), calling the same
``consignments`` services as ``/api/quarantine/inbound``. Works without JavaScript: the lines are
a fixed number of rows; an untouched row is left out."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Role
from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import DomainError
from seedreg.core.web.bounds import db_id
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import InvalidInput, parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.organisations import services as organisations
from seedreg.quarantine import consignments, rules, services
from seedreg.quarantine.consignment_schemas import ArrivalIn, ArrivalResult, InboundIn
from seedreg.reference import services as reference

NEW = "/quarantine/inbound/new"
LINE_ROWS = 5  # a form without JavaScript: five lines cover a consignment (the API takes 50)
LINE_FIELDS = ("species", "variety", "quantity", "unit")
FIELDS = (
    "organisation_id",
    "certificate_number",
    "issuer",
    "origin",
    "destination",
    "arrives_on",
    "vehicle",
    "carrier",
    "introduction_ref",
)
ABROAD = "abroad"  # the origin list's choice for a consignment from outside China
RESULT_OPTIONS = [(r.value, r.label) for r in ArrivalResult]


async def _form(actor: CurrentActor, organisation_id: int | None, org_q: str = "") -> dict:
    await services.ensure_signer(actor)
    context: dict[str, Any] = {"organisation": None, "orgs": [], "org_q": org_q[:60]}
    if organisation_id:
        context["organisation"] = await organisations.get(actor, organisation_id)
    else:
        context["orgs"], _ = await organisations.search(actor, q=org_q.strip()[:60])
    groups = rules.destination_groups(await reference.divisions())
    context["origin_groups"] = [*groups, ("境外", [(ABROAD, "境外（从国外调入）")])]
    context["rows"] = range(LINE_ROWS)
    context["units"] = [("株", "株"), ("kg", "kg")]
    context["today"] = clock.today().isoformat()
    return context


@get(NEW, include_in_schema=False)
async def inbound_new(
    request: Request,
    actor: CurrentActor,
    organisation_id: FromQuery[int | None] = None,
    org_q: FromQuery[str] = "",
) -> Template:
    context = await _form(actor, organisation_id, org_q)
    values = {"arrives_on": context["today"]}
    return page(request, "quarantine/inbound_form.html", values=values, **context)


def _lines(values: dict[str, Any]) -> tuple[list[dict[str, str]], list[int]]:
    """The rows with anything typed, and the form row each came from (for the messages)."""
    lines, rows = [], []
    for i in range(LINE_ROWS):
        typed = {f: values.get(f"{f}_{i}", "").strip() for f in LINE_FIELDS}
        if typed["species"] or typed["variety"] or typed["quantity"]:
            lines.append({"unit": "株", **{k: v for k, v in typed.items() if v}})
            rows.append(i)
    return lines, rows


def _on_rows(exc: DomainError, rows: list[int]) -> DomainError:
    """Messages about ``lines.K.field`` beside the form row K came from (``field_i``)."""
    if not isinstance(exc, InvalidInput) or not isinstance(exc.details, dict):
        return exc
    placed: dict[str, str] = {}
    for key, message in exc.details.items():
        parts = key.split(".")
        if parts[0] == "lines" and len(parts) == 3 and parts[1].isdigit():
            k = int(parts[1])
            key = f"{parts[2]}_{rows[k]}" if k < len(rows) else "lines"
        elif key == "origin_division" or key == "abroad":
            key = "origin_choice"
        placed[key] = message
    return InvalidInput(exc.message, details=placed)


def _parse(fields: dict[str, Any], *, chosen: bool) -> InboundIn:
    """The schema's messages and the unchosen origin together: every mistake at once."""
    missing = {} if chosen else {"origin_choice": "请选择调出地"}
    try:
        data = parse(InboundIn, fields)
    except InvalidInput as exc:
        details = exc.details if isinstance(exc.details, dict) else {}
        raise InvalidInput(exc.message, details={**details, **missing}) from exc
    if missing:
        raise InvalidInput("请选择调出地", details=missing)
    return data


@post(NEW, include_in_schema=False)
async def inbound_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    fields: dict[str, Any] = {k: values[k] for k in FIELDS if k in values}
    choice = values.get("origin_choice", "")
    fields["abroad"] = choice == ABROAD
    fields["origin_division"] = "" if choice == ABROAD else choice
    fields["lines"], rows = _lines(values)
    try:
        found = await consignments.record_inbound(actor, _parse(fields, chosen=bool(choice)))
    except DomainError as exc:
        context = await _form(actor, db_id(str(values.get("organisation_id", ""))))
        placed = _on_rows(exc, rows)
        if placed.field == "origin_division":
            placed = type(placed)(placed.message, field="origin_choice")
        return form_error(request, "quarantine/inbound_form.html", placed, values, **context)
    return see_other(f"/quarantine/inbound/{found.id}")


async def _detail(actor: CurrentActor, consignment_id: int) -> dict[str, Any]:
    found = await consignments.inbound(actor, consignment_id)
    return {
        "item": found,
        "may_check": actor.role is Role.QUARANTINE_OFFICER and not found.arrival_result,
        "result_options": RESULT_OPTIONS,
    }


@get("/quarantine/inbound/{consignment_id:int}", include_in_schema=False)
async def inbound_detail(
    request: Request, actor: CurrentActor, consignment_id: FromPath[int]
) -> Template:
    context = await _detail(actor, consignment_id)
    return page(request, "quarantine/inbound_detail.html", **context)


@post("/quarantine/inbound/{consignment_id:int}/arrival", include_in_schema=False)
async def inbound_arrival(
    request: Request, actor: CurrentActor, consignment_id: FromPath[int]
) -> Template | Redirect:
    """复检 is recorded once and cannot be changed: the page asks first (it names the result)."""
    values = await form_data(request)
    back = f"/quarantine/inbound/{consignment_id}"
    try:
        data = parse(ArrivalIn, {k: values[k] for k in ("result", "note") if k in values})
        if not confirmed(values):
            found = await consignments.inbound(actor, consignment_id)
            return confirmation(
                request,
                values,
                question=f"确认复检结论为“{data.result.label}”（植物检疫证书 "
                f"{found.certificate_number}，{found.organisation_name}）？",
                button="确认复检结论",
                back=back,
                facts=[("复检情况", data.note)],
                consequence="复检结论登记后不能修改。",
                danger=data.result in (ArrivalResult.DESTROY, ArrivalResult.RETURN),
            )
        await consignments.arrival_check(actor, consignment_id, data)
    except DomainError as exc:
        context = await _detail(actor, consignment_id)
        return form_error(request, "quarantine/inbound_detail.html", exc, values, **context)
    return see_other(back)


HANDLERS = [inbound_new, inbound_create, inbound_detail, inbound_arrival]
