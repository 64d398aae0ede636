"""The applicant's side: drafts, submission, resubmission after 补正, withdrawal, lists."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from seedreg.accounts.rules import LEAGUE_CODE, Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.core.validation import field_messages
from seedreg.licensing import rules
from seedreg.licensing.common import (
    MATTER,
    OFFICER_ROLES,
    due_and_band,
    ensure_applicant,
    load,
    of_licensing,
    require,
    save,
    to_out,
    transition,
    with_licence,
    work_calendar,
)
from seedreg.licensing.rules import Action, ApplicationKind, LicenceStatus, Status
from seedreg.licensing.schemas import ApplicationCreate, ApplicationDetails, ApplicationOut
from seedreg.licensing.tables import ApplicationLicence, Licence
from seedreg.matters import applications as shared
from seedreg.matters.tables import Application
from seedreg.organisations.tables import Organisation

OPEN = (Status.SUBMITTED, Status.SUPPLEMENT_REQUESTED, Status.ACCEPTED, Status.FORWARDED)
PAGE_SIZE = 50


async def _organisation_for(actor: Actor, data: ApplicationCreate) -> dict[str, Any]:
    if actor.role is Role.OPERATOR:
        org_id = actor.organisation_id
    elif actor.role in OFFICER_ROLES:
        org_id = data.organisation_id
        if org_id is None and data.kind is not ApplicationKind.ISSUE and data.licence_id:
            org_id = await _holder_of(data.licence_id)  # the licence names its holder
        require(org_id is not None, "窗口代办须选择申请人", "organisation_id")
    else:
        raise Forbidden("只有生产经营者或审批人员可以提出申请")
    org = await Organisation.select().where(Organisation.id == (org_id or -1)).first()
    from seedreg.accounts.rules import may_see_record

    if org is None or not may_see_record(
        actor, organisation_id=org["id"], division_code=org["division_code"]
    ):
        raise NotFound("未找到该生产经营者")
    return org


async def _holder_of(licence_id: int) -> int | None:
    row = await Licence.select(Licence.organisation).where(Licence.id == licence_id).first()
    return row["organisation"] if row else None


async def _target_licence(
    actor: Actor, data: ApplicationCreate, org: dict[str, Any]
) -> dict[str, Any] | None:
    if data.kind is ApplicationKind.ISSUE:
        require(data.licence_id is None, "核发申请不针对已有许可证", "licence_id")
        return None
    licence = (
        await Licence.select()
        .where((Licence.id == (data.licence_id or -1)) & (Licence.organisation == org["id"]))
        .first()
        .output(load_json=True)
    )
    if licence is None:
        whose = "本单位" if actor.role is Role.OPERATOR else "该申请人名下"
        raise RuleViolation(f"延续、变更、注销须选择{whose}的许可证", field="licence_id")
    status = rules.licence_status_on(
        LicenceStatus(licence["status"]), licence["valid_to"], clock.today()
    )
    require(status is LicenceStatus.VALID, f"该许可证{status.label}，不能申请{data.kind.label}")
    if data.kind is ApplicationKind.RENEWAL and clock.today() > licence["valid_to"]:
        raise RuleViolation("许可证已过期，不能申请延续，请重新申请核发")
    await _ensure_none_in_progress(licence["id"])
    return licence


async def _ensure_none_in_progress(licence_id: int | None, *, besides: int = -1) -> None:
    """One application in progress per licence: two renewals granted would add ten years."""
    if licence_id is None:
        return
    app = ApplicationLicence.application
    other = (
        await ApplicationLicence.select(app.reference.as_alias("reference"))
        .where(
            (ApplicationLicence.licence == licence_id)
            & (app.id != besides)
            & app.status.is_in(list(OPEN))
        )
        .first()
    )
    require(
        other is None,
        f"该许可证已有办理中的申请{other and other['reference']}，请办结或撤回后再申请",
        "licence_id",
    )


def _prefill(org: dict[str, Any], licence: dict[str, Any] | None) -> dict[str, Any]:
    """Start from the licence's current terms (or the organisation's registration)."""
    if licence:
        return {
            k: licence[k]
            for k in (
                "legal_representative",
                "registered_address",
                "scope",
                "species",
                "varieties",
                "production_sites",
                "valid_area",
            )
        }
    return {
        "legal_representative": org["legal_representative"],
        "registered_address": org["address"],
        "scope": [],
        "species": [],
        "varieties": [],
        "production_sites": [],
        "valid_area": [org["division_code"]],
    }


async def create(actor: Actor, data: ApplicationCreate) -> ApplicationOut:
    """Open a draft of any kind; an officer doing so files at the counter for the applicant."""
    org = await _organisation_for(actor, data)
    licence = await _target_licence(actor, data, org)
    division = data.division_code or org["division_code"]
    require(
        division in (org["division_code"], LEAGUE_CODE),
        "受理机关应为申请人所在旗县市或兴安盟林业和草原局",
        "division_code",
    )
    details = data.details.model_dump(mode="json") if data.details else _prefill(org, licence)
    now = clock.now()
    async with transaction():
        seq = await next_value(f"application:{now.year}")
        reference = f"SQ{now.year}{seq:06d}"
        app_id = await shared.insert(
            {
                "reference": reference,
                "matter": MATTER,
                "sub_item": data.kind,
                "status": Status.DRAFT,
                "organisation": org["id"],
                "division_code": division,
                "filed_by": actor.user_id,
                "at_counter": actor.role is not Role.OPERATOR,
                "details": details,
                "created_at": now,
                "updated_at": now,
            }
        )
        await ApplicationLicence(
            application=app_id, licence=licence["id"] if licence else None
        ).save()
        await audit.record(
            actor,
            "application:create",
            "licence_application",
            app_id,
            after={"kind": data.kind.value, "reference": reference},
        )
    return await get(actor, app_id)


async def get(actor: Actor, application_id: int) -> ApplicationOut:
    return await to_out(await load(actor, application_id))


async def update_details(
    actor: Actor, application_id: int, details: ApplicationDetails
) -> ApplicationOut:
    row = await load(actor, application_id)
    ensure_applicant(actor, row)
    require(
        row["status"] in (Status.DRAFT, Status.SUPPLEMENT_REQUESTED),
        "只有草稿或待补正的申请可以修改",
    )
    async with transaction():
        await save(
            application_id,
            {"details": details.model_dump(mode="json"), "updated_at": clock.now()},
        )
        await audit.record(
            actor,
            "application:update",
            "licence_application",
            application_id,
            before=row["details"],
            after=details.model_dump(mode="json"),
        )
    return await get(actor, application_id)


def _complete_details(row: dict[str, Any]) -> ApplicationDetails:
    try:
        details = ApplicationDetails.model_validate(row["details"])
    except ValidationError as exc:
        problems = "；".join(f"{k}：{v}" for k, v in field_messages(exc).items())
        raise RuleViolation(f"申请信息不完整：{problems}", field="details") from None
    if problem := rules.valid_area_problem(row["division_code"], details.valid_area):
        raise RuleViolation(problem, field="valid_area")
    kind = ApplicationKind(row["kind"])
    if kind is ApplicationKind.CHANGE:
        require(
            details.change_occurred_on is not None and bool(details.change_summary),
            "变更申请须填写变更事项和发生日期",
            "details",
        )
    if kind is ApplicationKind.CANCELLATION:
        require(bool(details.cancellation_reason), "注销申请须说明理由", "details")
    return details


async def submit(actor: Actor, application_id: int) -> ApplicationOut:
    row = await load(actor, application_id)
    ensure_applicant(actor, row)
    _complete_details(row)
    await _ensure_none_in_progress(row["licence"], besides=row["id"])
    now = clock.now()
    async with transaction():
        today, cal = clock.today(), await work_calendar()
        await transition(
            actor,
            row,
            Action.SUBMIT,
            {"submitted_at": now, "received_on": today, "due_on": rules.intake_due(today, cal)},
            notice=("申请已提交", f"申请{row['reference']}已提交，等待受理。"),
        )
    return await get(actor, application_id)


async def resubmit(actor: Actor, application_id: int) -> ApplicationOut:
    """Hand in the supplemented materials; the acceptance clock starts again from today."""
    row = await load(actor, application_id)
    ensure_applicant(actor, row)
    _complete_details(row)
    async with transaction():
        today, cal = clock.today(), await work_calendar()
        await transition(
            actor,
            row,
            Action.RESUBMIT,
            {"received_on": today, "due_on": rules.intake_due(today, cal)},
            notice=("补正材料已提交", f"申请{row['reference']}的补正材料已提交。"),
        )
    return await get(actor, application_id)


async def withdraw(actor: Actor, application_id: int) -> ApplicationOut:
    row = await load(actor, application_id)
    ensure_applicant(actor, row)
    async with transaction():
        await transition(actor, row, Action.WITHDRAW, {"decided_on": clock.today(), "due_on": None})
    return await get(actor, application_id)


async def search(
    actor: Actor,
    *,
    status: str = "",
    kind: str = "",
    open_only: bool = False,
    pending_overdue: bool = False,
    page: int = 1,
) -> tuple[list[ApplicationOut], int]:
    """An operator's own applications (newest first), or an official's inbox within the
    jurisdiction: open applications by their next deadline, most urgent first.
    ``pending_overdue`` keeps only 容缺受理 whose deferred items are past their day.

    Open applications always carry ``due_on`` and closed ones never do, so the inbox is read
    from a small partial index: first the page's ids in order, then those rows.
    """
    table = Application
    inbox = open_only and not status and actor.role is not Role.OPERATOR
    clauses = _search_clauses(actor, status=status, kind=kind, inbox=inbox)
    if pending_overdue:  # see rules.pending_overdue
        clauses += [table.status == Status.ACCEPTED, table.pending_due < clock.today()]
    ids_query, count = table.select(table.id), table.count()
    for clause in clauses:
        ids_query, count = ids_query.where(clause), count.where(clause)
    order = (table.due_on, table.id) if inbox else (table.id,)
    ids = [
        r["id"]
        for r in await ids_query.order_by(*order, ascending=inbox)
        .limit(PAGE_SIZE)
        .offset(paging.offset(page, PAGE_SIZE))
    ]
    rows = await with_licence(
        await table.select(
            *table.all_columns(), table.organisation.name.as_alias("organisation_name")
        )
        .where(table.id.is_in(ids or [-1]))
        .output(load_json=True)
    )
    by_id = {r["id"]: r for r in rows}
    cal = await work_calendar()
    items = [await to_out(by_id[i], cal, with_children=False) for i in ids]
    return items, await count


def _search_clauses(actor: Actor, *, status: str, kind: str, inbox: bool) -> list[Any]:
    table = Application
    if actor.role is Role.OPERATOR:
        clauses = [of_licensing(), table.organisation == (actor.organisation_id or -1)]
    else:
        clauses = [of_licensing(), in_jurisdiction(table.division_code, actor)]
        # drafts are the applicant's own business; in the inbox due_on already excludes them
        clauses.append(table.due_on.is_not_null() if inbox else table.status != Status.DRAFT)
    if status:
        clauses.append(table.status == status)
    if kind:
        clauses.append(table.sub_item == kind)
    return clauses


async def band_counts(actor: Actor) -> tuple[dict[rules.Band, int], int]:
    """How many applications of an official's inbox are in each deadline band (every band, in
    the order the inbox legend shows them; 0 where none), and how many the inbox holds (those
    waiting for the applicant's 补正 run no clock of the bureau's and have no band)."""
    table = Application
    rows = await table.select(
        table.status, table.received_on, table.statutory_due, table.promised_due, table.issuing_due
    ).where(of_licensing(), in_jurisdiction(table.division_code, actor), table.due_on.is_not_null())
    cal, today = await work_calendar(), clock.today()
    counts = dict.fromkeys(rules.Band, 0)
    for row in rows:
        if colour := due_and_band(row, cal, today)[2]:
            counts[colour] += 1
    return counts, len(rows)
