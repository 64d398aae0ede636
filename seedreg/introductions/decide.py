"""The bureau's decisions on an introduction, as guarded transitions of the shared workflow
(``matters.workflow.transition``) with their effects (``introductions.decisions``) in the same
transaction. The routing fixed at application decides which are open: from another 盟市 the
league grants or refuses; from another province it reviews and forwards, then records the
region's decision (兴署发〔2021〕6号 五(一)).

Seam for the decision hook registry (``matters.decisions``): once it lands, register
``decisions.on_grant`` / ``on_refuse`` / ``on_forward`` / ``on_region_decision`` for the
matter ``introduction`` and replace the ``_decide`` body with the registry's decision call;
the guards here (route, blocking checks) stay.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
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
from seedreg.matters import workflow
from seedreg.matters.tables import ApplicationMaterial
from seedreg.matters.transitions import Party

Effect = Callable[[dict[str, Any], audit.ActorLike, dict[str, Any]], Awaitable[Any]]


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


async def _decide(
    actor: Actor,
    row: dict[str, Any],
    action: str,
    changes: dict[str, Any],
    effect: Effect,
    data: dict[str, Any],
    message: tuple[str, str],
) -> None:
    async with transaction():
        updated = await workflow.transition(actor, row, action, changes, notice=message)
        await effect(updated, actor, data)


async def grant(actor: Actor, application_id: int, data: GrantIn) -> dict[str, Any]:
    """准予引种 (from another 盟市 only): refused while an automatic check fails."""
    row = await services.load(actor, application_id)
    services.ensure(actor, row, Party.OFFICER)
    _expect(row, RouteKind.OTHER_CITY, "由盟林草局直接批准（应初审后报送自治区）")
    await services.vet(stated(row["details"]))
    failed = check_rules.blocking(await checks(actor, application_id))
    if failed:
        reasons = "；".join(f"{c.title}：{c.message}（{c.source}）" for c in failed)
        raise RuleViolation(f"自动审查未通过，不能准予引种：{reasons}")
    today = clock.today()
    await _decide(
        actor,
        row,
        "grant",
        {"decided_on": today, "due_on": None},
        decisions.on_grant,
        data.model_dump(),
        ("准予引种", f"引种申请{row['reference']}已准予，可下载准予引种决定书。"),
    )
    return await services.load(actor, application_id)


async def refuse(actor: Actor, application_id: int, data: RefuseIn) -> dict[str, Any]:
    """不予批准 with reasons and the rights of appeal (行政许可法第三十八条第二款)."""
    row = await services.load(actor, application_id)
    services.ensure(actor, row, Party.OFFICER)
    _expect(row, RouteKind.OTHER_CITY, "由盟林草局作出决定（应初审后报送自治区）")
    contact = await contact_line(row["division_code"])
    await _decide(
        actor,
        row,
        "refuse",
        {"decided_on": clock.today(), "due_on": None, "reasons": data.reasons},
        decisions.on_refuse,
        {**data.model_dump(), "contact": contact},
        ("不予批准引种", data.reasons),
    )
    return await services.load(actor, application_id)


async def forward(actor: Actor, application_id: int, data: ForwardIn) -> dict[str, Any]:
    """From another province: the league's review opinion goes to the region, which decides."""
    row = await services.load(actor, application_id)
    services.ensure(actor, row, Party.OFFICER)
    _expect(row, RouteKind.OTHER_PROVINCE, "报送自治区（由盟林草局决定）")
    await _decide(
        actor,
        row,
        "forward",
        {"forwarded_on": clock.today(), "review_opinion": data.opinion, "due_on": None},
        decisions.on_forward,
        data.model_dump(),
        (
            "引种申请已报送自治区",
            f"引种申请{row['reference']}已报送{REGION_BUREAU}，由自治区决定。",
        ),
    )
    return await services.load(actor, application_id)


async def record_region(
    actor: Actor, application_id: int, data: RegionDecisionIn
) -> dict[str, Any]:
    """The region's decision, as the officer records it: number, date, outcome, scan."""
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
    region = data.model_dump(mode="json")
    changes = {
        "decided_on": data.decided_on,
        "due_on": None,
        "reasons": "" if granted else data.reasons,
        "details": {**row["details"], "region_decision": region},
    }
    action = "region_grant" if granted else "region_refuse"
    title = "自治区准予引种" if granted else "自治区不予批准引种"
    await _decide(
        actor,
        row,
        action,
        changes,
        decisions.on_region_decision,
        data.model_dump(),
        (title, f"引种申请{row['reference']}：{title}（{data.number}）。"),
    )
    return await services.load(actor, application_id)
