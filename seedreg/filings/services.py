"""备案 filings (种子法 Art. 38 ¶1) on the shared application tables: the filer's draft, submit,
补正 and withdrawal; the bureau's one-time 补正 notice and 不予备案 through the shared intake;
the record (予以备案) with its receipt. The rows are written only through ``matters``."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, Role, may_see_record
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import calendar, clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.core.workdays import WorkCalendar
from seedreg.filings import rules
from seedreg.filings.rules import MATTER, FilingKind
from seedreg.filings.schemas import (
    CommissionedDetails,
    FilingCreate,
    FilingDetails,
    FilingNoticeOut,
    FilingOut,
)
from seedreg.licensing.guide import contact_line
from seedreg.licensing.licence_register import valid_by_number
from seedreg.licensing.schemas import RejectIntakeIn, SupplementIn
from seedreg.matters import applications as shared
from seedreg.matters import clocks, intake, notices, ratings, records, workflow
from seedreg.matters import rules as flow_rules
from seedreg.matters.inbox import audit_subject
from seedreg.matters.tables import Application, Notice
from seedreg.matters.transitions import Party
from seedreg.organisations.tables import Organisation

# The notices with a print of their own (filings.documents renders them).
PRINTED = ("filing_receipt", "supplement", "rejection")
# 机关代字 + these: 兴林草备〔2026〕3号 for a receipt.
NUMBER_PREFIX = {"supplement": "备补", "rejection": "不予备", "filing_receipt": "备"}
HOOKS = intake.Hooks(prefixes=NUMBER_PREFIX)
NOT_FOUND = "未找到该备案"
# The states in which the filer may still correct what it files (its own draft, or 补正).
EDITABLE = ("draft", "supplement_requested")

PAGE_SIZE = 20  # filings a page of the list (page and API)


def _parties(actor: Actor, row: dict[str, Any]) -> frozenset[Party]:
    return flow_rules.actor_view(actor.role, MATTER, at_counter=row["at_counter"]).parties


def _ensure(actor: Actor, row: dict[str, Any], party: Party) -> None:
    if party not in _parties(actor, row):
        who = "备案人（或窗口代办的审批人员）" if party is Party.APPLICANT else "备案机关的工作人员"
        raise Forbidden(f"只有{who}可以办理此事项")


async def load(actor: Actor, application_id: int) -> dict[str, Any]:
    """The filing, if the actor may see it; otherwise NotFound (reveals nothing)."""
    return await records.load(actor, MATTER, application_id, not_found=NOT_FOUND)


async def _check_licence(details: FilingDetails, division_code: str) -> None:
    """The licence the filing rests on must be in force; a branch must lie in its area."""
    licence = await valid_by_number(details.licence_number)
    kind = FilingKind(details.kind)
    if problem := rules.licence_problem(
        kind,
        found=licence is not None,
        valid_area=(licence or {}).get("valid_area") or [],
        division_code=division_code,
    ):
        raise RuleViolation(problem, field="licence_number")
    if isinstance(details, CommissionedDetails):
        start, end = details.commission_from, details.commission_to
        if problem := rules.commission_problem(start, end, clock.today()):
            raise RuleViolation(problem, field="commission_to")


async def _filer(actor: Actor, data: FilingCreate) -> dict[str, Any]:
    if actor.role is Role.OPERATOR:
        org_id = actor.organisation_id
    elif Party.OFFICER in flow_rules.actor_view(actor.role, MATTER).parties:
        org_id = data.organisation_id
        if org_id is None:
            raise RuleViolation("窗口代办须选择备案人", field="organisation_id")
    else:
        raise Forbidden("只有生产经营者或审批人员可以提交备案")
    org = await Organisation.select().where(Organisation.id == (org_id or -1)).first()
    if org is None or not may_see_record(
        actor, organisation_id=org["id"], division_code=org["division_code"]
    ):
        raise NotFound("未找到该生产经营者")
    return org


async def create(actor: Actor, data: FilingCreate) -> FilingOut:
    """A draft filing with the filer's local bureau (Art. 38 ¶1: 向当地林业草原主管部门备案)."""
    org = await _filer(actor, data)
    await _check_licence(data.details, org["division_code"])
    now = clock.now()
    async with transaction():
        seq = await next_value(f"filing:{now.year}")
        reference = f"BA{now.year}{seq:06d}"
        app_id = await shared.insert(
            {
                "reference": reference,
                "matter": MATTER,
                "sub_item": data.details.kind,
                "status": flow_rules.flow(MATTER).start,
                "organisation": org["id"],
                "division_code": org["division_code"],
                "filed_by": actor.user_id,
                "at_counter": actor.role is not Role.OPERATOR,
                "details": data.details.model_dump(mode="json"),
                "created_at": now,
                "updated_at": now,
            }
        )
        await audit.record(
            actor,
            "application:create",
            audit_subject(MATTER),
            app_id,
            after={"kind": data.details.kind, "reference": reference},
        )
    return await get(actor, app_id)


async def update_details(actor: Actor, application_id: int, data: FilingCreate) -> FilingOut:
    """The filer corrects what it files while it is a draft or sent back for 补正; the kind
    stays (its checklist is the one the materials answer), the licence is checked again."""
    row = await load(actor, application_id)
    _ensure(actor, row, Party.APPLICANT)
    if row["status"] not in EDITABLE:
        label = flow_rules.state_label(MATTER, row["status"])
        raise RuleViolation(f"备案当前状态为“{label}”，只有草稿或待补正的备案可以修改")
    if data.details.kind != row["sub_item"]:
        raise RuleViolation("备案类别不能修改；类别不对的，请撤回后重新备案", field="kind")
    await _check_licence(data.details, row["division_code"])
    after = data.details.model_dump(mode="json")
    async with transaction():
        values = {"details": after, "updated_at": clock.now()}
        if not await shared.update(application_id, values, status=row["status"]):
            raise Conflict("该备案已被他人处理，请刷新后查看")
        await audit.record(
            actor,
            "filing:update",
            audit_subject(MATTER),
            application_id,
            before=row["details"],
            after=after,
        )
    return await get(actor, application_id)


async def _hand_in(actor: Actor, application_id: int, action: str, title: str) -> FilingOut:
    """Submit, or resubmit after 补正: the intake clock (Art. 32) starts from today."""
    row = await load(actor, application_id)
    _ensure(actor, row, Party.APPLICANT)
    today, cal = clock.today(), await calendar.work_calendar()
    changes: dict[str, Any] = {"received_on": today, "due_on": clocks.intake_due(today, cal)}
    if action == "submit":
        changes["submitted_at"] = clock.now()
    async with transaction():
        await workflow.transition(
            actor, row, action, changes, notice=(title, f"备案{row['reference']}：{title}。")
        )
    return await get(actor, application_id)


async def submit(actor: Actor, application_id: int) -> FilingOut:
    return await _hand_in(actor, application_id, "submit", "备案已提交，等待备案机关办理")


async def resubmit(actor: Actor, application_id: int) -> FilingOut:
    return await _hand_in(actor, application_id, "resubmit", "补正材料已提交")


async def withdraw(actor: Actor, application_id: int) -> FilingOut:
    row = await load(actor, application_id)
    _ensure(actor, row, Party.APPLICANT)
    async with transaction():
        await workflow.transition(
            actor, row, "withdraw", {"decided_on": clock.today(), "due_on": None}
        )
    return await get(actor, application_id)


async def request_supplement(actor: Actor, application_id: int, data: SupplementIn) -> FilingOut:
    """One notice naming every missing item at once (一次性告知)."""
    row = await load(actor, application_id)
    _ensure(actor, row, Party.OFFICER)
    async with transaction():
        await intake.request_supplement(
            actor,
            row,
            HOOKS,
            items=data.items,
            notes=data.notes,
            deadline_workdays=data.deadline_workdays,
        )
    return await get(actor, application_id)


async def reject(actor: Actor, application_id: int, data: RejectIntakeIn) -> FilingOut:
    """不予备案 with reasons (outside Art. 38 ¶1: it needs a licence, or another authority)."""
    row = await load(actor, application_id)
    _ensure(actor, row, Party.OFFICER)
    async with transaction():
        await intake.reject_intake(
            actor,
            row,
            HOOKS,
            reasons=data.reasons,
            competent_authority=data.competent_authority,
            contact=await contact_line(row["division_code"]),
        )
    return await get(actor, application_id)


async def record(actor: Actor, application_id: int) -> FilingOut:
    """予以备案: filed, not approved (Art. 38 ¶1); the receipt states what was filed. The licence
    it rests on is checked again (it may have ended since the filing was made)."""
    row = await load(actor, application_id)
    _ensure(actor, row, Party.OFFICER)
    details = FilingCreate.model_validate({"details": row["details"]}).details
    await _check_licence(details, row["division_code"])
    today = clock.today()
    content = {"details": row["details"], "basis": rules.BASIS, "filed_on": today.isoformat()}
    async with transaction():
        updated = await workflow.transition(
            actor,
            row,
            "record",
            {"decided_on": today, "due_on": None},
            notice=("已予备案", f"备案{row['reference']}已予备案，可下载备案回执。"),
        )
        await notices.issue(
            actor, updated, "filing_receipt", content, prefix=NUMBER_PREFIX["filing_receipt"]
        )
    return await get(actor, application_id)


async def rate(actor: Actor, application_id: int, score: int, comment: str) -> dict[str, Any]:
    """好差评 once the filing is decided (一事一评, 兴署发〔2021〕5号 Art. 38(三))."""
    return await ratings.rate(actor, await load(actor, application_id), score, comment)


async def get(actor: Actor, application_id: int) -> FilingOut:
    return await to_out(actor, await load(actor, application_id))


async def mine(
    actor: Actor, *, page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[FilingOut], int]:
    """One page of the filer's own filings, newest first (an officer sees those of the
    jurisdiction: the reach clause is may_see_record's, in SQL), and how many there are: three
    queries for the page, whatever its length (rows with the filer's name, their notices, the
    count)."""
    reach = (
        Application.organisation == (actor.organisation_id or -1)
        if actor.role is Role.OPERATOR
        else in_jurisdiction(Application.division_code, actor)
    )
    rows, total = await paging.page_of(
        Application,
        [Application.matter == MATTER, reach],
        page=page,
        per_page=per_page,
        columns=(
            *Application.all_columns(),
            Application.organisation.name.as_alias("organisation_name"),
        ),
    )
    notices: dict[int, list[dict[str, Any]]] = {r["id"]: [] for r in rows}
    for n in (
        await Notice.select()
        .where(Notice.application.is_in(list(notices) or [-1]))
        .order_by(Notice.id)
    ):
        notices[n["application"]].append(n)
    cal = await calendar.work_calendar()
    return [await to_out(actor, r, cal=cal, notice_rows=notices[r["id"]]) for r in rows], total


def notice_title(kind: str) -> str:
    return notices.title(MATTER, kind)


def _notice_out(n: dict[str, Any]) -> FilingNoticeOut:
    return FilingNoticeOut(
        id=n["id"],
        kind=n["kind"],
        kind_label=notice_title(n["kind"]),
        number=n["number"],
        issued_on=n["issued_on"],
        public_id=n["public_id"],
        pdf_url=f"/api/filings/notices/{n['id']}/pdf" if n["kind"] in PRINTED else None,
    )


async def to_out(
    actor: Actor,
    row: dict[str, Any],
    *,
    cal: WorkCalendar | None = None,
    notice_rows: list[dict[str, Any]] | None = None,
) -> FilingOut:
    """The shared shape (``matters.records``) with the filing's kind and this actor's actions;
    a list passes the notices it read at once (``notice_rows``)."""
    kind = FilingKind(row["sub_item"])
    view = flow_rules.ApplicationView(MATTER, row["status"])
    actor_view = flow_rules.actor_view(actor.role, MATTER, at_counter=row["at_counter"])
    labels = flow_rules.flow(MATTER).action_labels
    listed = notice_rows is not None
    fields = await records.shared_fields(row, cal, with_children=not listed, notice=_notice_out)
    if listed:
        fields["notices"] = [_notice_out(n) for n in notice_rows or []]
    return FilingOut(
        **{**fields, "details": row["details"] or {}},
        kind=kind,
        kind_label=kind.label,
        allowed_actions=sorted(
            a for a in flow_rules.allowed_actions(view, actor_view) if a in labels
        ),
    )
