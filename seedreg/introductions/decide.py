"""The bureau's decisions on an introduction, as guarded transitions of the shared workflow
(``matters.workflow.transition``) with their effects (``introductions.decisions``) in the same
transaction. The routing fixed at application decides which are open: from another 盟市 the
league grants or refuses; from another province it reviews and forwards, then records the
region's decision (兴署发〔2021〕6号 五(一)).

Grant and refusal go through the shared review (``matters.review``), the region's decision
through the shared forwarding (``matters.forwarding``); both run the hooks registered in
``introductions.decisions`` inside their transaction. The guards here (route, blocking
automatic checks, region date and scan) run first.
"""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.introductions import check_rules, decisions, review, services
from seedreg.introductions.routing_rules import REGION_BUREAU, RouteKind
from seedreg.introductions.schemas import (
    ForwardIn,
    GrantIn,
    RefuseIn,
    RegionDecisionIn,
    stated,
)
from seedreg.licensing.guide import contact_line
from seedreg.licensing.schemas import PauseIn, ReasonIn, SiteCheckIn
from seedreg.matters import decisions as md
from seedreg.matters import forwarding, workflow
from seedreg.matters import review as shared_review
from seedreg.matters.tables import ApplicationMaterial
from seedreg.matters.transitions import Party


def facts_of(details: dict[str, Any]) -> review.Facts:
    d = stated(details)
    return review.Facts(
        species=d.species,
        origin_code=d.origin_code,
        site_codes=tuple(s.division_code for s in d.sites),
        variety_number=d.variety_number.strip() if d.improved else "",
        filing_number=d.filing_number,
        native=d.native,
        trial_evidence=d.trial_evidence,
        requirement_number=d.requirement_number,
    )


async def checks(actor: Actor, application_id: int) -> list[check_rules.Check]:
    """The reviewer's automatic checks, each with its source (as of today)."""
    row = await services.load(actor, application_id)
    return await review.automatic_checks(facts_of(row["details"]), clock.today())


def _route(row: dict[str, Any]) -> RouteKind:
    return RouteKind(row["sub_item"])


def _expect(row: dict[str, Any], kind: RouteKind, what: str) -> None:
    if _route(row) is not kind:
        raise Conflict(f"该申请来源为{_route(row).label}，不能{what}")


async def _officer_row(actor: Actor, application_id: int) -> dict[str, Any]:
    row = await services.load(actor, application_id)
    services.ensure(actor, row, Party.OFFICER)
    return row


async def record_site_check(actor: Actor, application_id: int, data: SiteCheckIn) -> None:
    """现场核查 by two or more officers of the jurisdiction (行政许可法第三十四条)."""
    row = await _officer_row(actor, application_id)
    await shared_review.record_site_check(
        actor,
        row,
        services.HOOKS,
        checked_on=data.checked_on,
        officer_ids=data.officer_ids,
        findings=data.findings,
    )


async def pause(actor: Actor, application_id: int, data: PauseIn) -> None:
    """中止 on one of 行政许可法第四十五条's grounds, told in writing."""
    row = await _officer_row(actor, application_id)
    ground = data.ground.value if data.ground else None
    await shared_review.pause(actor, row, services.HOOKS, ground=ground, reason=data.reason)


async def resume(actor: Actor, application_id: int) -> None:
    await shared_review.resume(actor, await _officer_row(actor, application_id), services.HOOKS)


async def extend(actor: Actor, application_id: int, data: ReasonIn) -> None:
    """延长十个工作日, once (行政许可法第四十二条第一款)."""
    row = await _officer_row(actor, application_id)
    await shared_review.extend(actor, row, services.HOOKS, reasons=data.reasons)


async def _forward(
    actor: Actor, row: dict[str, Any], changes: dict[str, Any], data: dict[str, Any]
) -> None:
    # The shared forwarding's notice and clock are licensing's (令第40号 Art. 12); the
    # introduction's 报送告知书 states the opinion and scope, so this step stays here.
    message = (
        "引种申请已报送自治区",
        f"引种申请{row['reference']}已报送{REGION_BUREAU}，由自治区决定。",
    )
    async with transaction():
        updated = await workflow.transition(actor, row, "forward", changes, notice=message)
        await decisions.on_forward(updated, actor, data)


async def grant(actor: Actor, application_id: int, data: GrantIn) -> dict[str, Any]:
    """准予引种 (from another 盟市 only): refused while an automatic check fails. The shared
    review decides; the approval is ``decisions.on_grant``."""
    row = await services.load(actor, application_id)
    services.ensure(actor, row, Party.OFFICER)
    _expect(row, RouteKind.OTHER_CITY, "由盟林草局直接批准（应初审后报送自治区）")
    services.ensure_open(row, "grant")
    await services.vet(stated(row["details"]))
    failed = check_rules.blocking(await checks(actor, application_id))
    if failed:
        reasons = "；".join(f"{c.title}：{c.message}（{c.source}）" for c in failed)
        raise RuleViolation(f"自动审查未通过，不能准予引种：{reasons}")
    row = {**row, decisions.CONDITIONS_KEY: data.conditions}
    await shared_review.grant(actor, row, services.HOOKS)
    return await services.load(actor, application_id)


async def refuse(actor: Actor, application_id: int, data: RefuseIn) -> dict[str, Any]:
    """不予批准 with reasons and the rights of appeal (行政许可法第三十八条第二款)."""
    row = await services.load(actor, application_id)
    services.ensure(actor, row, Party.OFFICER)
    _expect(row, RouteKind.OTHER_CITY, "由盟林草局作出决定（应初审后报送自治区）")
    services.ensure_open(row, "refuse")
    contact = await contact_line(row["division_code"])
    await shared_review.refuse(actor, row, services.HOOKS, reasons=data.reasons, contact=contact)
    return await services.load(actor, application_id)


async def forward(actor: Actor, application_id: int, data: ForwardIn) -> dict[str, Any]:
    """From another province: the league's review opinion goes to the region, which decides."""
    row = await services.load(actor, application_id)
    services.ensure(actor, row, Party.OFFICER)
    _expect(row, RouteKind.OTHER_PROVINCE, "报送自治区（由盟林草局决定）")
    changes = {"forwarded_on": clock.today(), "review_opinion": data.opinion, "due_on": None}
    await _forward(actor, row, changes, data.model_dump())
    return await services.load(actor, application_id)


async def record_region(
    actor: Actor, application_id: int, data: RegionDecisionIn
) -> dict[str, Any]:
    """The region's decision, as the officer records it: number, date, outcome, scan; the
    shared forwarding records it, ``decisions`` puts a grant on the approvals."""
    row = await services.load(actor, application_id)
    services.ensure(actor, row, Party.OFFICER)
    if data.decided_on > clock.today():
        raise RuleViolation("自治区决定日期不能晚于今天", field="decided_on")
    if row["forwarded_on"] and data.decided_on < row["forwarded_on"]:
        raise RuleViolation("自治区决定日期不能早于报送日期", field="decided_on")
    if data.scan_material_id is not None and not await ApplicationMaterial.exists().where(
        (ApplicationMaterial.id == data.scan_material_id)
        & (ApplicationMaterial.application == application_id)
    ):
        raise RuleViolation("扫描件须先作为本申请的材料上传", field="scan_material_id")
    granted = data.outcome == "granted"
    if not granted and len(data.reasons.strip()) < 4:
        raise RuleViolation("请填写自治区不予批准的理由", field="reasons")
    region = md.RegionDecision(
        decided_on=data.decided_on,
        outcome=md.Outcome.GRANT if granted else md.Outcome.REFUSE,
        number=data.number,
        reasons="" if granted else data.reasons,
        scan=data.scan_material_id,
        facts=data.model_dump(mode="json"),
    )
    await forwarding.record_region_decision(actor, row, services.HOOKS, region)
    return await services.load(actor, application_id)
