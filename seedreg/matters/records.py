"""Reading an application of any matter: loading it with the access check, and its outward
shape (``schemas.ApplicationOut``: the shared state and clocks, the matter's facts in
``details``). A matter's package extends the shape with what is its own (licensing: kind,
licence, warnings) by passing ``shared_fields`` into its own model."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from seedreg.accounts.rules import Actor, may_see_record
from seedreg.core import calendar, clock
from seedreg.core.errors import NotFound
from seedreg.core.workdays import WorkCalendar
from seedreg.matters import clocks, rules
from seedreg.matters.inbox import running_clock
from seedreg.matters.notice_names import NOTICE_NAMES
from seedreg.matters.schemas import NoticeOut
from seedreg.matters.tables import Application, ApplicationMaterial, Notice
from seedreg.matters.transitions import Clock
from seedreg.organisations.tables import Organisation

NOT_FOUND = "未找到该申请"
DUE_FIELDS = ("intake_due", "supplement_deadline", "statutory_due", "promised_due", "issuing_due")


async def load(
    actor: Actor, matter: str, application_id: int, *, not_found: str = NOT_FOUND
) -> dict[str, Any]:
    """The application row of ``matter``, if the actor may see it; otherwise NotFound
    (reveals nothing, not even that another matter has that id)."""
    row = (
        await Application.select()
        .where((Application.id == application_id) & (Application.matter == matter))
        .first()
        .output(load_json=True)
    )
    if row is None or not may_see_record(
        actor, organisation_id=row["organisation"], division_code=row["division_code"]
    ):
        raise NotFound(not_found)
    return dict(row)


def default_notice(row: dict[str, Any]) -> NoticeOut:
    return NoticeOut(
        id=row["id"],
        kind=row["kind"],
        kind_label=NOTICE_NAMES.get(row["kind"], row["kind"]),
        number=row["number"],
        issued_on=row["issued_on"],
    )


def clock_fields(row: dict[str, Any], cal: WorkCalendar, today: Any) -> dict[str, Any]:
    """Days left and band of the clock the state runs (the applicant's 补正 days have none, as
    in the inbox), the promise while the decision clock runs, the provisional deadlines."""
    kind, due = running_clock(row, cal)
    left = band = promised_left = None
    if kind is Clock.DECISION and row["promised_due"]:
        promised_left = clocks.days_left(row["promised_due"], today, cal)
    if due is not None and kind is not Clock.SUPPLEMENT:
        left = clocks.days_left(due, today, cal)
        band = clocks.band(left, promised_left)
    intake = clocks.intake_due(row["received_on"], cal) if row["received_on"] else None
    dues = {k: intake if k == "intake_due" else row[k] for k in DUE_FIELDS}
    marked = clocks.provisional_dates(dues, cal, row["received_on"])
    return {
        "intake_due": intake,
        "days_left": left,
        "band": band,
        "promised_days_left": promised_left,
        "pending_overdue": clocks.pending_overdue(
            kind is Clock.DECISION, row["pending_due"], today
        ),
        "provisional": bool(marked),
        "provisional_dates": marked,
    }


async def organisation_name(row: dict[str, Any]) -> str:
    name = row.get("organisation_name")
    if name is not None:
        return str(name)
    org = (
        await Organisation.select(Organisation.name)
        .where(Organisation.id == row["organisation"])
        .first()
    )
    return org["name"] if org else ""


async def shared_fields(
    row: dict[str, Any],
    cal: WorkCalendar | None = None,
    *,
    with_children: bool = True,
    notice: Callable[[dict[str, Any]], NoticeOut] = default_notice,
) -> dict[str, Any]:
    """The fields of ``ApplicationOut``; with its materials and notices (``notice`` builds
    each: the matter's titles and print links) unless ``with_children`` is off (lists)."""
    cal = cal or await calendar.work_calendar()
    materials: list[dict[str, Any]] = []
    notices: list[NoticeOut] = []
    if with_children:
        materials = await ApplicationMaterial.select(
            ApplicationMaterial.id,
            ApplicationMaterial.item_code,
            ApplicationMaterial.original_name,
            ApplicationMaterial.size,
            ApplicationMaterial.content_type,
            ApplicationMaterial.uploaded_at,
            ApplicationMaterial.source,
            ApplicationMaterial.held_kind,
            ApplicationMaterial.held_link,
        ).where(ApplicationMaterial.application == row["id"])
        notices = [
            notice(n)
            for n in await Notice.select()
            .where(Notice.application == row["id"])
            .order_by(Notice.id)
        ]
    copied = [
        "id",
        "matter",
        "reference",
        "sub_item",
        "status",
        "division_code",
        "at_counter",
        "submitted_at",
        "received_on",
        "supplement_items",
        "supplement_deadline",
        "accepted_on",
        "acceptance_deemed",
        "pending_items",
        "pending_due",
        "statutory_due",
        "promised_due",
        "extended",
        "site_check",
        "decided_on",
        "reasons",
        "competent_authority",
        "forwarded_on",
        "review_opinion",
        "issuing_due",
        "issuing_extended",
        "region_decision",
    ]
    return {
        **{k: row[k] for k in copied},
        **clock_fields(row, cal, clock.today()),
        "status_label": rules.state_label(row["matter"], str(row["status"])),
        "organisation_id": row["organisation"],
        "organisation_name": await organisation_name(row),
        "details": row["details"] or None,
        "paused": clocks.is_paused(row["pauses"] or []),
        "materials": materials,
        "notices": notices,
    }
