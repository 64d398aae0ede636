"""Shared steps of every licensing use-case: loading with access checks, guarded transitions,
and the outward shape of an application."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from piccolo.columns import Column

from seedreg.accounts.rules import Actor, Role
from seedreg.core import calendar, clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.core.workdays import WorkCalendar
from seedreg.licensing import rules
from seedreg.licensing.rule_settings import RENEWAL_LEAD_DAYS
from seedreg.licensing.rules import Action, ApplicationKind, Status
from seedreg.licensing.schemas import ApplicationOut, NoticeOut
from seedreg.licensing.states import MATTER
from seedreg.licensing.tables import ApplicationLicence, Licence
from seedreg.matters import applications as shared
from seedreg.matters import records, workflow
from seedreg.matters.notice_names import NOTICE_NAMES as NOTICE_LABELS
from seedreg.matters.tables import Application

OFFICER_ROLES = frozenset({Role.LICENSING_OFFICER, Role.ADMIN})
NOT_FOUND = "未找到该申请"
LICENSING_ONLY = ("licence", "renewal_deemed")  # kept in ApplicationLicence


def of_licensing() -> Any:
    """The clause that keeps a query on the shared applications to licensing's own."""
    return Application.matter == MATTER


async def with_licence(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Licensing's view of shared application rows: its kind (the sub-item), and from
    ApplicationLicence the licence it produced or concerns and whether renewal was deemed."""
    ids = [r["id"] for r in rows]
    own = {
        r["application"]: r
        for r in await ApplicationLicence.select(
            ApplicationLicence.application,
            ApplicationLicence.licence,
            ApplicationLicence.renewal_deemed,
        ).where(ApplicationLicence.application.is_in(ids or [-1]))
    }
    for row in rows:
        mine = own.get(row["id"], {})
        row["kind"] = row["sub_item"]
        row["licence"] = mine.get("licence")
        row["renewal_deemed"] = bool(mine.get("renewal_deemed", False))
    return rows


async def save(
    application_id: int,
    values: Mapping[str, Any],
    *,
    status: Status | None = None,
    updated_at: object = None,
) -> bool:
    """Write a licensing application: the shared columns through ``matters`` (their owner),
    the licence facts in licensing's own ApplicationLicence. Whether the row was written (see
    ``matters.applications.update`` for ``status`` and ``updated_at``)."""
    common = {
        ("sub_item" if k == "kind" else k): v for k, v in values.items() if k not in LICENSING_ONLY
    }
    done = await shared.update(application_id, common, status=status, updated_at=updated_at)
    own: dict[Column | str, Any] = {k: values[k] for k in LICENSING_ONLY if k in values}
    if done and own:
        await ApplicationLicence.update(own).where(ApplicationLicence.application == application_id)
    return done


async def load(actor: Actor, application_id: int) -> dict[str, Any]:
    """The application row (``matters.records.load``: NotFound if the actor may not see it,
    revealing nothing), with licensing's own facts (``with_licence``)."""
    row = await records.load(actor, MATTER, application_id, not_found=NOT_FOUND)
    return (await with_licence([row]))[0]


def ensure_officer(actor: Actor) -> None:
    if actor.role not in OFFICER_ROLES:
        raise Forbidden("只有审批人员可以办理此事项")


def ensure_applicant(actor: Actor, row: dict[str, Any]) -> None:
    """The operator itself, or an officer filing at the counter."""
    if actor.role is Role.OPERATOR:
        return
    if actor.role in OFFICER_ROLES and row["at_counter"]:
        return
    raise Forbidden("只有申请人（或窗口代办的审批人员）可以办理此事项")


async def write_step(application_id: int, values: Mapping[str, Any], state: str) -> bool:
    """A step's values: shared columns in matters, licence facts in licensing's own table."""
    return await save(application_id, values, status=Status(state))


async def transition(
    actor: audit.ActorLike,
    row: dict[str, Any],
    action: Action,
    changes: dict[str, Any] | None = None,
    *,
    notice: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """Move the application to its next state (``matters.workflow.transition``: guarded,
    audited, the applicant notified), its licence facts written to licensing's own table in
    the same step. Call inside a transaction."""

    updated = await workflow.transition(
        actor, row, action.value, changes, notice=notice, write=write_step
    )
    return {**updated, "status": Status(updated["status"])}


def require(condition: bool, message: str, field: str | None = None) -> None:
    if not condition:
        raise RuleViolation(message, field=field)


async def work_calendar() -> WorkCalendar:
    return await calendar.work_calendar()


def promised_days_left(row: dict[str, Any], cal: WorkCalendar, today: date) -> int | None:
    """Working days left to the promised decision day, while the reviewing bureau's clock runs
    (accepted, not yet decided or forwarded); None otherwise."""
    if Status(row["status"]) is not Status.ACCEPTED or not row["promised_due"]:
        return None
    return rules.days_left(row["promised_due"], today, cal)


def due_and_band(
    row: dict[str, Any], cal: WorkCalendar, today: date
) -> tuple[date | None, int | None, rules.Band | None]:
    status = Status(row["status"])
    if status is Status.SUBMITTED and row["received_on"]:
        due = rules.intake_due(row["received_on"], cal)
    elif status is Status.ACCEPTED:
        due = row["statutory_due"]
    elif status is Status.FORWARDED:  # the 审核 clock ended; the region's 核发 clock runs
        due = row["issuing_due"]
    else:
        return None, None, None
    left = rules.days_left(due, today, cal)
    return due, left, rules.band(left, promised_days_left(row, cal, today))


async def region_decides(row: dict[str, Any]) -> bool:
    """Whether the region's bureau decides this application, the handling bureau reviewing
    and forwarding (see ``rules.region_decides``)."""
    issuer = None
    if row["licence"]:
        lic = await Licence.select(Licence.issuing_division).where(Licence.id == row["licence"])
        issuer = lic[0]["issuing_division"] if lic else None
    return rules.region_decides(
        ApplicationKind(row["kind"]),
        handling_division=row["division_code"],
        covers_improved_varieties=bool((row["details"] or {}).get("varieties")),
        licence_issuing_division=issuer,
    )


async def _filing_warnings(row: dict[str, Any], kind: ApplicationKind) -> list[str]:
    if row["submitted_at"] is None:
        return []
    valid_to, lead = None, rules.RENEWAL_LEAD_DAYS
    if row["licence"] and kind is ApplicationKind.RENEWAL:
        lic = await Licence.select(Licence.valid_to).where(Licence.id == row["licence"]).first()
        valid_to = lic["valid_to"] if lic else None
        lead = await rs.value(RENEWAL_LEAD_DAYS)
    occurred = (row["details"] or {}).get("change_occurred_on")
    return rules.filing_warnings(
        kind,
        filed_on=row["submitted_at"].astimezone(clock.CHINA).date(),
        change_occurred_on=date.fromisoformat(occurred) if occurred else None,
        licence_valid_to=valid_to,
        renewal_lead_days=lead,
    )


async def to_out(
    row: dict[str, Any], cal: WorkCalendar | None = None, *, with_children: bool = True
) -> ApplicationOut:
    """The shared shape (``matters.records.shared_fields``) and licensing's own fields."""
    kind = ApplicationKind(row["kind"])
    shared_out = await records.shared_fields(
        row, cal, with_children=with_children, notice=lambda n: notice_out(n, kind)
    )
    return ApplicationOut(
        **shared_out,
        kind=kind,
        kind_label=kind.label,
        licence_id=row["licence"],
        renewal_deemed=row["renewal_deemed"],
        region_decides=await region_decides(row) if with_children else None,
        warnings=await _filing_warnings(row, kind) if with_children else [],
    )


def notice_title(kind: str, application_kind: str | None = None) -> str:
    """A notice's title; a grant's names what it decides (a 注销 is not a grant of a licence)."""
    if kind == "grant" and application_kind:
        return rules.decision_basis(application_kind).title
    return NOTICE_LABELS[kind]


def notice_out(row: dict[str, Any], application_kind: str | None = None) -> NoticeOut:
    return NoticeOut(
        id=row["id"],
        kind=row["kind"],
        kind_label=notice_title(row["kind"], application_kind),
        number=row["number"],
        issued_on=row["issued_on"],
        pdf_url=f"/licensing/notices/{row['id']}.pdf",
    )
