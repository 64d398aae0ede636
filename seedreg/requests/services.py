"""The three requests on the shared application tables (written only through ``matters``):
the operator's draft, submit, 补正 and withdrawal; the handler's one-time 补正 notice,
不予受理 and acceptance through the shared intake; the site visit; the rating. The result
(certificate or refusal) is in ``results``; the queues in ``queues``."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, Role, may_see_record
from seedreg.core import calendar, clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.licensing.guide import contact_line
from seedreg.licensing.schemas import RejectIntakeIn, SupplementIn
from seedreg.lots import services as lots
from seedreg.matters import applications as shared
from seedreg.matters import clocks, intake, ratings, workflow
from seedreg.matters import rules as flow_rules
from seedreg.matters.inbox import audit_subject
from seedreg.matters.tables import Application
from seedreg.matters.transitions import Party
from seedreg.requests import rules
from seedreg.requests.rule_settings import PROMISED
from seedreg.requests.rules import RequestKind
from seedreg.requests.schemas import (
    ConsignmentDetails,
    QualityDetails,
    RequestCreate,
    RequestDetails,
    SiteDetails,
    VisitIn,
)

NUMBER_PREFIX = {"acceptance": "检受", "supplement": "检补", "rejection": "检不受"}
HOOKS = intake.Hooks(prefixes=NUMBER_PREFIX)
NOT_FOUND = "未找到该申请"
PAGE = "/requests/{id}"
# What the handlers add to the operator's details: the visit planned, the certificate issued,
# the disposal ordered on refusal.
HANDLER_KEYS = ("visit", "result", "disposal")


def page_url(application_id: int) -> str:
    return PAGE.format(id=application_id)


def parties(actor: Actor, row: dict[str, Any]) -> frozenset[Party]:
    return flow_rules.actor_view(actor.role, row["matter"], at_counter=row["at_counter"]).parties


def ensure(actor: Actor, row: dict[str, Any], party: Party) -> None:
    if party not in parties(actor, row):
        who = "申请人" if party is Party.APPLICANT else "受理本申请的种苗站或检疫员"
        raise Forbidden(f"只有{who}可以办理此事项")


async def load(actor: Actor, application_id: int) -> dict[str, Any]:
    """The request, if the actor may see it (an operator its own, an official its
    jurisdiction's); otherwise NotFound (reveals nothing)."""
    row = (
        await Application.select()
        .where(
            (Application.id == application_id)
            & Application.matter.is_in([k.value for k in RequestKind])
        )
        .first()
        .output(load_json=True)
    )
    if row is None or not may_see_record(
        actor, organisation_id=row["organisation"], division_code=row["division_code"]
    ):
        raise NotFound(NOT_FOUND)
    return dict(row)


def lot_ids_of(details: RequestDetails) -> list[int]:
    if isinstance(details, QualityDetails):
        return [details.lot_id]
    if isinstance(details, SiteDetails):
        return sorted(set(details.lot_ids))
    return sorted({i.lot_id for i in details.items})


def details_of(row: dict[str, Any]) -> RequestDetails:
    plain = {k: v for k, v in (row["details"] or {}).items() if k not in HANDLER_KEYS}
    return RequestCreate.model_validate({"details": plain}).details


def _sub_item(details: RequestDetails) -> str:
    if isinstance(details, ConsignmentDetails):
        from seedreg.quarantine.rules import is_inter_province

        return "inter_province" if is_inter_province(details.destination_division) else "within"
    return "station" if isinstance(details, QualityDetails) else "site"


async def _check_lots(actor: Actor, details: RequestDetails) -> dict[str, Any]:
    """Every lot is the operator's own and active; the organisation of the first."""
    first: dict[str, Any] | None = None
    for lot_id in lot_ids_of(details):
        lot = await lots.load(actor, lot_id)
        lots.ensure_active(lot, "申请检验检疫")
        first = first or lot
    assert first is not None  # the schemas ask for at least one lot
    return first


async def _check_quantities(details: RequestDetails) -> None:
    """A 报检 asks for no more than each lot can still be sent under (issue 17): checked on
    the draft and again at each submit; issuing checks once more under lock (the race)."""
    if not isinstance(details, ConsignmentDetails):
        return
    from seedreg.quarantine.coverage import request_problems

    wanted = [(i.lot_id, i.quantity) for i in details.items]
    if problems := await request_problems(wanted, clock.today()):
        raise RuleViolation("；".join(problems), field="items")


async def create(actor: Actor, data: RequestCreate) -> int:
    """A draft request by the operator for its own lots; its id."""
    if actor.role is not Role.OPERATOR:
        raise Forbidden("只有生产经营者可以提出检验检疫申请")
    details = data.details
    if isinstance(details, ConsignmentDetails):
        from seedreg.quarantine.rules import requirement_problem

        if problem := requirement_problem(details.destination_division, details.requirement_number):
            raise RuleViolation(problem, field="requirement_number")
    lot = await _check_lots(actor, details)
    await _check_quantities(details)
    kind = RequestKind(details.kind)
    now = clock.now()
    async with transaction():
        seq = await next_value(f"request:{kind.prefix}:{now.year}")
        reference = rules.reference(kind, now.year, seq)
        app_id = await shared.insert(
            {
                "reference": reference,
                "matter": kind.value,
                "sub_item": _sub_item(details),
                "status": flow_rules.flow(kind.value).start,
                "organisation": lot["organisation"],
                "division_code": lot["division_code"],
                "filed_by": actor.user_id,
                "at_counter": False,
                "details": details.model_dump(mode="json"),
                "created_at": now,
                "updated_at": now,
            }
        )
        await audit.record(
            actor,
            "application:create",
            audit_subject(kind.value),
            app_id,
            after={"kind": kind.value, "reference": reference},
        )
    return app_id


async def _tell(row: dict[str, Any], title: str, body: str) -> None:
    from seedreg.notifications.services import notify_organisation

    await notify_organisation(row["organisation"], title, body, page_url(row["id"]))


async def _hand_in(actor: Actor, application_id: int, action: str, title: str) -> None:
    """Submit, or resubmit after 补正: the intake clock starts today (the shared five working
    days; nothing is deemed accepted: a request is a public service, not a licence)."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.APPLICANT)
    await _check_quantities(details_of(row))
    today, cal = clock.today(), await calendar.work_calendar()
    changes: dict[str, Any] = {"received_on": today, "due_on": clocks.intake_due(today, cal)}
    if action == "submit":
        changes["submitted_at"] = clock.now()
    async with transaction():
        await workflow.transition(actor, row, action, changes)
        await _tell(
            row, title, f"{rules.RequestKind(row['matter']).label}{row['reference']}：{title}。"
        )


async def submit(actor: Actor, application_id: int) -> None:
    await _hand_in(actor, application_id, "submit", "申请已提交，等待受理")


async def resubmit(actor: Actor, application_id: int) -> None:
    await _hand_in(actor, application_id, "resubmit", "补正材料已提交")


async def withdraw(actor: Actor, application_id: int) -> None:
    row = await load(actor, application_id)
    ensure(actor, row, Party.APPLICANT)
    async with transaction():
        await workflow.transition(
            actor, row, "withdraw", {"decided_on": clock.today(), "due_on": None}
        )


async def request_supplement(actor: Actor, application_id: int, data: SupplementIn) -> None:
    """One notice naming everything missing at once (一次性告知, 兴署发〔2021〕5号 Art. 16(二))."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    async with transaction():
        await intake.request_supplement(
            actor,
            row,
            HOOKS,
            items=data.items,
            notes=data.notes,
            deadline_workdays=data.deadline_workdays,
        )


async def reject(actor: Actor, application_id: int, data: RejectIntakeIn) -> None:
    """不予受理 with reasons and the office's contact (兴署发〔2021〕5号 Art. 17(二)), e.g. a lot
    outside the station's reach; no licence appeal wording (``matters.intake``)."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    async with transaction():
        await intake.reject_intake(
            actor,
            row,
            HOOKS,
            reasons=data.reasons,
            competent_authority=data.competent_authority,
            contact=await contact_line(row["division_code"]),
        )


async def accept(actor: Actor, application_id: int) -> None:
    """受理: the decision clock from the catalogue (20 working days) and
    the promised days of the local setting."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    promised = int(await rs.value(PROMISED[row["matter"]]))
    fields = await intake.clock_fields(row["matter"], clock.today(), promised)
    async with transaction():
        await intake.accept(actor, row, HOOKS, fields)


async def plan_visit(actor: Actor, application_id: int, data: VisitIn) -> None:
    """The site visit planned (date, who); the operator is told when to expect it."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    if data.visit_on < clock.today():
        raise RuleViolation("现场检验日期不能早于今天", field="visit_on")
    if row["due_on"] and data.visit_on > row["due_on"]:
        raise RuleViolation(f"现场检验日期不能晚于办结期限（{row['due_on']}）", field="visit_on")
    visit = {"visit_on": data.visit_on.isoformat(), "visitor": data.visitor}
    async with transaction():
        await workflow.transition(
            actor, row, "plan_visit", {"details": {**(row["details"] or {}), "visit": visit}}
        )
        await _tell(
            row,
            "已安排现场检验",
            f"{row['reference']}：{data.visitor}将于{data.visit_on.isoformat()}到现场检验。",
        )


async def rate(actor: Actor, application_id: int, score: int, comment: str) -> dict[str, Any]:
    """好差评 once the request is decided (一事一评, 兴署发〔2021〕5号 Art. 38(三))."""
    return await ratings.rate(actor, await load(actor, application_id), score, comment)
