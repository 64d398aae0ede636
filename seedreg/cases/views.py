"""Pages of cases: the list by stage with clocks, 立案 from a finding, a case with the forms of
the stages it may take next, its documents; the public 行政执法公示 and verification pages."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.cases import cases, documents, stages
from seedreg.cases import rule_settings as cs
from seedreg.cases.rules import PauseKind, Stage
from seedreg.cases.schemas import CaseOpenIn
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError
from seedreg.core.paging import page_number
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other, verification
from seedreg.core.web.responses import pdf_response
from seedreg.licensing import licence_register

# Irreversible: a decision (and a revocation with it) asks first.
CONFIRMED_ACTIONS = {"decide": "作出行政处罚决定"}


@get("/cases", include_in_schema=False)
async def cases_page(
    request: Request, actor: CurrentActor, stage: FromQuery[str] = "", page_no: ViewPageNo = 1
) -> Template:
    chosen = Stage(stage) if stage in set(Stage) else None
    found, total = await cases.list_cases(actor, chosen, page_number(page_no))
    return page(
        request,
        "cases/list.html",
        cases=found,
        total=total,
        stats=await cases.stats(actor),
        stage=chosen.value if chosen else "",
        page_no=page_number(page_no),
        stages=list(Stage),
    )


async def _new_context(actor: CurrentActor, finding_id: int) -> dict[str, Any]:
    return {"source": await cases.source(actor, finding_id), "finding_id": finding_id}


@get("/cases/new", include_in_schema=False)
async def new_case_page(
    request: Request, actor: CurrentActor, finding: FromQuery[int] = 0
) -> Template:
    return page(request, "cases/new.html", **await _new_context(actor, finding))


@post("/cases/new", include_in_schema=False)
async def new_case(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    finding_id = int(values.get("finding_id", "0")) if values.get("finding_id", "").isdigit() else 0
    context = await _new_context(actor, finding_id)
    try:
        found = await cases.open_case(actor, parse(CaseOpenIn, values))
    except DomainError as exc:
        return form_error(request, "cases/new.html", exc, values, **context)
    return see_other(f"/cases/{found.id}")


async def _case_context(actor: CurrentActor, case_id: int) -> dict[str, Any]:
    found = await cases.get(actor, case_id)
    licences = []
    if "notify" in found.allowed_actions:
        licences = await licence_register.valid_of(actor, [found.party_id])
    return {
        "case": found,
        "licences": licences,
        "pause_kinds": list(PauseKind),
        "extension_days": await rs.value(cs.EXTENSION_DAYS),
        "documents": [
            (kind, documents.KINDS[kind].title)
            for kind in documents.KINDS
            if {"opening": True, "notice": found.notified_on, "decision": found.decided_on}[kind]
        ],
        "hearing_settings": [
            (s.label, s.display(await rs.value(s)), s.source_label)
            for s in (cs.HEARING_INDIVIDUAL, cs.HEARING_ORGANISATION, cs.MAJOR_AMOUNT)
        ],
    }


@get("/cases/{case_id:int}", include_in_schema=False)
async def case_page(request: Request, actor: CurrentActor, case_id: FromPath[int]) -> Template:
    return page(request, "cases/case.html", failed="", **await _case_context(actor, case_id))


@post("/cases/{case_id:int}/{action:str}", include_in_schema=False)
async def case_action(
    request: Request, actor: CurrentActor, case_id: FromPath[int], action: FromPath[str]
) -> Template | Redirect:
    raw = await form_data(request)
    values = {k: v for k, v in raw.items() if k != "confirm"}
    try:
        if action in CONFIRMED_ACTIONS and not confirmed(raw):
            found = await cases.get(actor, case_id)
            verb = CONFIRMED_ACTIONS[action]
            parse(stages.ACTIONS[action][0], values)  # a typing mistake is said on the form first
            return confirmation(
                request,
                values,
                question=f"确认对案件 {found.number}（{found.party_name}）{verb}？",
                button=CONFIRMED_ACTIONS[action],
                back=f"/cases/{case_id}",
                facts=[
                    ("罚款（元）", values.get("amount", "")),
                    ("没收", values.get("confiscation", "")),
                    ("吊销许可证", found.notice_revoke_number if values.get("revoke") else ""),
                ],
                consequence="决定作出后不能撤回，并在行政执法公示中公开。",
                danger=True,
            )
        await stages.act_with(actor, case_id, action[:20], values)
    except DomainError as exc:
        return form_error(
            request,
            "cases/case.html",
            exc,
            values,
            failed=action,
            **await _case_context(actor, case_id),
        )
    return see_other(f"/cases/{case_id}")


@get("/cases/{case_id:int}/documents/{kind:str}", include_in_schema=False)
async def case_document_page(
    request: Request, actor: CurrentActor, case_id: FromPath[int], kind: FromPath[str]
) -> Response[bytes]:
    content, filename = await documents.pdf(
        actor, case_id, kind[:20], request.app.state.settings.public_base_url
    )
    return pdf_response(content, filename)


@get("/cases/public", include_in_schema=False)
async def published_page(request: Request, page_no: ViewPageNo = 1) -> Template:
    found, total = await cases.published(page_number(page_no))
    return page(
        request, "cases/public.html", decisions=found, total=total, page_no=page_number(page_no)
    )


@get("/verify/cases/{public_id:str}/{kind:str}", include_in_schema=False)
async def case_document_verify(
    request: Request, public_id: FromPath[str], kind: FromPath[str]
) -> Template:
    look_up = documents.public_document(public_id[:40], kind[:20])
    return await verification(request, "cases/verify.html", "document", look_up)


HANDLERS = [
    cases_page,
    new_case_page,
    new_case,
    case_page,
    case_action,
    case_document_page,
    published_page,
    case_document_verify,
]
