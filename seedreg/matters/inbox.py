"""The officials' inbox across matters: every open application of the actor's jurisdiction,
whatever its matter, with the clock its state runs and its colour band, the officer it is
assigned to, and the actions the matter's table allows this actor (``rules.allowed_actions``:
the same answer the pages and the API get). Assigning is audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor, covers_division
from seedreg.accounts.scope import in_jurisdiction
from seedreg.accounts.tables import User
from seedreg.core import calendar, clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.core.workdays import WorkCalendar
from seedreg.matters import applications as shared
from seedreg.matters import clocks, rules
from seedreg.matters.schemas import ActionOut, InboxItem, OfficerOut
from seedreg.matters.tables import Application, Matter
from seedreg.matters.transitions import FLOWS, Clock

PAGE_SIZE = 50
# Where each matter's application is handled (its own pages); the inbox links there.
DETAIL_PAGES = {
    "licensing": "/licensing/applications/{id}",
    "filing": "/filings/{id}",
    "introduction": "/introductions/{id}",
    "quality_request": "/requests/{id}",
    "site_quarantine_request": "/requests/{id}",
    "consignment_quarantine_request": "/requests/{id}",
}
# The audit subject of each matter's applications (licensing keeps its history's name).
AUDIT_SUBJECTS = {"licensing": "licence_application"}
CLOCK_LABELS = {
    Clock.INTAKE: "受理",
    Clock.SUPPLEMENT: "申请人补正",
    Clock.DECISION: "审查决定",
    Clock.ISSUING: "核发机关核发",
}
NOT_FOUND = "未找到该申请"


async def matter_options() -> list[tuple[str, str]]:
    """(code, name) of the catalogue's matters that have a flow, in catalogue order."""
    rows = await Matter.select(Matter.code, Matter.name).order_by(Matter.id)
    return [(m["code"], m["name"]) for m in rows if m["code"] in FLOWS]


def audit_subject(matter: str) -> str:
    return AUDIT_SUBJECTS.get(matter, "matter_application")


def _ensure_official(actor: Actor) -> None:
    if not actor.is_official:
        raise Forbidden("只有工作人员可以查看待办")


def running_clock(row: dict[str, Any], cal: WorkCalendar) -> tuple[Clock | None, date | None]:
    """The clock the application's state runs (the matter's table says which) and its day."""
    state = rules.flow(row["matter"]).states.get(row["status"])
    kind = state.clock if state else None
    if kind is Clock.INTAKE and row["received_on"]:
        return kind, clocks.intake_due(row["received_on"], cal)
    due = {
        Clock.SUPPLEMENT: row["supplement_deadline"],
        Clock.DECISION: row["statutory_due"],
        Clock.ISSUING: row["issuing_due"],
    }.get(kind) if kind else None  # fmt: skip
    return kind, due


def item_out(
    row: dict[str, Any], actor: Actor, cal: WorkCalendar, names: dict[str, str], today: date
) -> InboxItem:
    matter = row["matter"]
    f = rules.flow(matter)
    kind, due = running_clock(row, cal)
    left = clocks.days_left(due, today, cal) if due else None
    band = None
    # The applicant's 补正 days are not the bureau's: no band (as licensing's inbox shows).
    if left is not None and kind is not Clock.SUPPLEMENT:
        promised = row["promised_due"] if kind is Clock.DECISION else None
        band = clocks.band(left, clocks.days_left(promised, today, cal) if promised else None)
    view = rules.actor_view(actor.role, matter, at_counter=row["at_counter"])
    allowed = rules.allowed_actions(rules.ApplicationView(matter, row["status"]), view)
    page = DETAIL_PAGES.get(matter)
    return InboxItem(
        id=row["id"],
        matter=matter,
        matter_name=names.get(matter, matter),
        sub_item=row["sub_item"],
        reference=row["reference"],
        organisation_name=row["organisation_name"] or "",
        division_code=row["division_code"],
        status=row["status"],
        status_label=rules.state_label(matter, row["status"]),
        clock=kind.value if kind else None,
        clock_label=CLOCK_LABELS[kind] if kind else "",
        due=due,
        days_left=left,
        band=band.value if band else None,
        band_label=band.label if band else "",
        paused=clocks.is_paused(row["pauses"] or []),
        assigned_to=row["assigned_to"],
        assigned_name=row["assigned_name"] or "",
        actions=[
            ActionOut(code=a, label=label) for a, label in f.action_labels.items() if a in allowed
        ],
        may_assign=actor.role in f.handlers,
        url=page.format(id=row["id"]) if page else None,
    )


async def inbox(actor: Actor, *, matter: str = "", page: int = 1) -> tuple[list[InboxItem], int]:
    """Open applications within the actor's jurisdiction, most urgent first; and how many."""
    _ensure_official(actor)
    rows, total = await open_rows(actor, matters=[matter] if matter else [], page=page)
    names = {m["code"]: m["name"] for m in await Matter.select(Matter.code, Matter.name)}
    cal, today = await calendar.work_calendar(), clock.today()
    return [item_out(r, actor, cal, names, today) for r in rows], total


async def open_rows(
    actor: Actor,
    *,
    matters: list[str],
    assigned_to: int | None = None,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> tuple[list[dict[str, Any]], int]:
    """One page of the open applications (they, and only they, carry ``due_on``) of
    ``matters`` (all when empty) within the actor's jurisdiction, by due day then id, with the
    holder's and the assignee's names; and how many there are. The inbox and the 种苗站's and
    检疫员's queues read them here."""
    clauses = [
        Application.due_on.is_not_null(),
        in_jurisdiction(Application.division_code, actor),
    ]
    if matters:
        clauses.append(Application.matter.is_in(matters))
    if assigned_to is not None:
        clauses.append(Application.assigned_to == assigned_to)
    return await paging.page_of(
        Application,
        clauses,
        page=page,
        per_page=per_page,
        order_by=(Application.due_on, Application.id),
        ascending=True,
        columns=(
            *Application.all_columns(),
            Application.organisation.name.as_alias("organisation_name"),
            Application.assigned_to.display_name.as_alias("assigned_name"),
        ),
    )


async def officers_for(matter: str, division_code: str) -> list[OfficerOut]:
    """Who may be assigned: active accounts in the matter's handling roles whose jurisdiction
    covers the application's division."""
    handlers = [r.value for r in rules.flow(matter).handlers]
    users = await User.select(User.id, User.display_name, User.jurisdiction).where(
        User.role.is_in(handlers), User.active.eq(True)
    )
    return [
        OfficerOut(id=u["id"], name=u["display_name"])
        for u in users
        if u["jurisdiction"] and covers_division(u["jurisdiction"], division_code)
    ]


async def assign(actor: Actor, application_id: int, officer_id: int | None) -> InboxItem:
    """Give an open application to one officer (or to nobody: ``None``), audited. Only the
    matter's handlers of the application's jurisdiction may, and only to one of them."""
    row = await Application.select().where(Application.id == application_id).first()
    if (
        row is None
        or not actor.jurisdiction
        or not covers_division(actor.jurisdiction, row["division_code"])
    ):
        raise NotFound(NOT_FOUND)
    if actor.role not in rules.flow(row["matter"]).handlers:
        raise Forbidden("只有本事项的审批人员可以分派申请")
    if row["due_on"] is None:
        raise RuleViolation("只有办理中的申请可以分派", field="officer_id")
    officers = {o.id: o.name for o in await officers_for(row["matter"], row["division_code"])}
    if officer_id is not None and officer_id not in officers:
        raise RuleViolation("只能分派给管辖本申请的审批人员", field="officer_id")
    async with transaction():
        await shared.update(application_id, {"assigned_to": officer_id})
        await audit.record(
            actor,
            "application:assign",
            audit_subject(row["matter"]),
            application_id,
            before={"assigned_to": row["assigned_to"]},
            after={"assigned_to": officer_id, "officer": officers.get(officer_id or 0, "")},
        )
    return await _one(actor, application_id)


async def _one(actor: Actor, application_id: int) -> InboxItem:
    """One application as the inbox shows it."""
    row = (
        await Application.select(
            *Application.all_columns(),
            Application.organisation.name.as_alias("organisation_name"),
            Application.assigned_to.display_name.as_alias("assigned_name"),
        )
        .where(Application.id == application_id)
        .first()
        .output(load_json=True)
    )
    if row is None:
        raise NotFound(NOT_FOUND)
    names = {m["code"]: m["name"] for m in await Matter.select(Matter.code, Matter.name)}
    cal = await calendar.work_calendar()
    return item_out(row, actor, cal, names, clock.today())
