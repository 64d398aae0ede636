"""Opening a case from a finding (立案), reading cases with their clocks, the cases by stage and
the published decisions (行政执法公示)."""

from __future__ import annotations

import secrets
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.cases import rule_settings as cs
from seedreg.cases import rules
from seedreg.cases.rules import Stage
from seedreg.cases.schemas import (
    CaseOpenIn,
    CaseOut,
    CaseStats,
    ClockOut,
    PublicDecisionOut,
    StageCount,
)
from seedreg.cases.tables import Case
from seedreg.core import clock, paging
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.inspections import findings_read
from seedreg.organisations import services as organisations
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind
from seedreg.reference.services import division_names

NOT_FOUND = "未找到该案件"
CLOCK_BASIS = "行政处罚法第六十条：自立案之日起九十日内作出行政处罚决定"


async def source(actor: Actor, finding_id: int) -> dict[str, Any]:
    """The finding a case would be opened from, for the form (an inspector of its area)."""
    if actor.role is not Role.INSPECTOR:
        raise Forbidden("只有执法人员可以立案")
    found = await findings_read.finding_for_case(actor, finding_id)
    if not rules.may_handle_case(actor, found["division_code"]):
        raise Forbidden("只有本辖区的执法人员可以立案")
    return found


async def open_case(actor: Actor, data: CaseOpenIn) -> CaseOut:
    """立案: refused past the limitation (行政处罚法 Art. 36), and for a finding already in
    a case."""
    found = await source(actor, data.finding_id)
    problem = rules.limitation_problem(data.act_on, found["found_on"], serious=data.serious)
    if problem:
        raise RuleViolation(problem, field="act_on")
    if found["target_kind"] != "organisation":
        raise RuleViolation("目前只能对持证生产经营者立案", field="finding_id")
    party = await organisations.get(actor, found["target_id"])
    today = clock.today()
    async with transaction():
        if await Case.exists().where(Case.finding == data.finding_id):
            raise Conflict("该问题已经立案", field="finding_id")
        seq = await next_value(f"case:{today.year}")
        row = Case(
            public_id=secrets.token_urlsafe(16),
            number=f"兴林罚立〔{today.year}〕{seq}号",
            division_code=found["division_code"],
            finding=data.finding_id,
            check_id=found["check_id"],
            check_number=found["check_number"],
            code=found["code"],
            item_name=found["item_name"],
            breached_article=found["breached_article"],
            penalty_article=found["penalty_article"],
            facts=data.facts,
            goods_value=found["goods_value"],
            party_id=party.id,
            party_kind=party.kind.value,
            party_name=party.name,
            party_id_number=party.uscc or party.id_number or "",
            party_representative=party.legal_representative,
            party_address=party.address,
            act_on=data.act_on,
            found_on=found["found_on"],
            serious=data.serious,
            stage=Stage.OPENED,
            opened_on=today,
            opened_by=actor.user_id,
            created_at=clock.now(),
            updated_at=clock.now(),
        )
        await row.save()
        await audit.record(
            actor,
            "case:open",
            "case",
            row.id,
            after={"number": row.number, "finding": data.finding_id, "act_on": str(data.act_on)},
        )
    return await get(actor, row.id)


async def row_for(actor: Actor, case_id: int) -> dict[str, Any]:
    row = await Case.select().where(Case.id == case_id).first()
    if row is None:
        raise NotFound(NOT_FOUND)
    if not rules.may_see_case(actor, row["division_code"]):
        raise NotFound(NOT_FOUND)  # out of reach looks the same as missing
    return row


def case_clock(row: dict[str, Any]) -> rules.Clock:
    return rules.clock(
        row["opened_on"],
        extension_days=row["extension_days"],
        paused_before=row["paused_days"],
        pause_started_on=row["pause_started_on"],
        stage=Stage(row["stage"]),
        on=clock.today(),
    )


async def out(actor: Actor, row: dict[str, Any]) -> CaseOut:
    found = case_clock(row)
    stage = Stage(row["stage"])
    low, high, words = await findings_read.penalty_range(row["code"], row["goods_value"])
    actions = rules.allowed_actions(
        stage,
        handler=rules.may_handle_case(actor, row["division_code"]),
        paused=found.paused,
        extended=row["extension_days"] > 0,
        review_needed=row["review_required"],
    )
    if "extend" in actions and not await rs.value(cs.EXTENSION_DAYS):
        actions.remove("extend")
    if "pause" in actions and not await rs.value(cs.PAUSES_ALLOWED):
        actions.remove("pause")
    return CaseOut(
        **{k: v for k, v in row.items() if k in CaseOut.model_fields},
        finding_id=row["finding"],
        stage_label=stage.label,
        pause_kind_label=rules.PauseKind(row["pause_kind"]).label if row["pause_kind"] else "",
        decision_words=penalty_words(
            row["amount"], row["confiscation"], row["revoked_licence_number"]
        ),
        clock=ClockOut(
            due_on=found.due_on,
            days_left=found.days_left,
            band=found.band,
            band_label=found.band.label,
            paused=found.paused,
            basis=CLOCK_BASIS,
        ),
        penalty_low=low,
        penalty_high=high,
        penalty_words=words,
        allowed_actions=actions,
    )


async def get(actor: Actor, case_id: int) -> CaseOut:
    return await out(actor, await row_for(actor, case_id))


def _ensure_reader(actor: Actor) -> None:
    if actor.role not in (Role.INSPECTOR, Role.ADMIN) or actor.jurisdiction is None:
        raise Forbidden("行政处罚案件供执法人员和管理员查看")


async def _visible_rows(actor: Actor, stage: Stage | None = None) -> list[dict[str, Any]]:
    _ensure_reader(actor)
    query = Case.select()
    if stage is not None:
        query = query.where(Case.stage == stage)
    rows = await query.order_by(Case.id, ascending=False)
    return [r for r in rows if rules.may_see_case(actor, r["division_code"])]


async def list_cases(
    actor: Actor, stage: Stage | None = None, page: int = 1, per_page: int = 50
) -> tuple[list[CaseOut], int]:
    """The actor's cases (a banner's own; the league all), newest first, by page."""
    rows = await _visible_rows(actor, stage)
    chosen = rows[(page - 1) * per_page : page * per_page]
    return [await out(actor, r) for r in chosen], len(rows)


async def stats(actor: Actor) -> CaseStats:
    """Cases by stage, and the running cases past their decision day."""
    rows = await _visible_rows(actor)
    counts = dict.fromkeys(Stage, 0)
    overdue = 0
    for r in rows:
        counts[Stage(r["stage"])] += 1
        overdue += case_clock(r).band is rules.Band.OVERDUE
    return CaseStats(
        stages=[StageCount(stage=s, label=s.label, count=counts[s]) for s in Stage],
        overdue=overdue,
        total=len(rows),
    )


def penalty_words(amount: int | None, confiscation: str, licence_number: str) -> str:
    parts = []
    if amount:
        parts.append(f"罚款{amount:,}元")
    if confiscation:
        parts.append(f"没收{confiscation.removeprefix('没收')}")
    if licence_number:
        parts.append(f"吊销种子生产经营许可证（{licence_number}）")
    return "；".join(parts) or "不予罚款"


async def published(page: int = 1, per_page: int = 50) -> tuple[list[PublicDecisionOut], int]:
    """行政执法公示: decided cases, newest first. An individual's name is masked and no free
    text the inspector typed is published (it may name people): the catalogue item says what."""
    decided = Case.stage.is_in(list(rules.PUBLISHED))
    chosen = (
        await Case.select()
        .where(decided)
        .order_by(Case.decided_on, ascending=False)
        .order_by(Case.id, ascending=False)
        .limit(per_page)
        .offset(paging.offset(page, per_page))
    )
    bureaus = await authorities.names(AuthorityKind.BUREAU)
    places = await division_names()
    result = []
    for r in chosen:
        # a bureau the admin has not entered yet does not take the whole public page down
        code = r["division_code"]
        bureau = bureaus.get(code) or f"{places.get(code, code)}林业和草原主管部门"
        individual = r["party_kind"] == "individual"
        words = penalty_words(r["amount"], r["confiscation"], r["revoked_licence_number"])
        if individual:  # the confiscation is typed: it may name the person
            words = words.replace(r["party_name"], rules.mask_name(r["party_name"]))
        result.append(
            PublicDecisionOut(
                decision_number=r["decision_number"],
                decided_on=r["decided_on"],
                party=rules.mask_name(r["party_name"]) if individual else r["party_name"],
                item_name=rules.mask_text(r["item_name"]),
                breached_article=r["breached_article"],
                penalty_article=r["penalty_article"],
                penalty=rules.mask_text(words),
                authority=bureau,
            )
        )
    return result, await Case.count().where(decided)
