"""The stages of a case after 立案: 调查, 告知 (陈述申辩 and 听证), 法制审核, 决定, 送达, 结案,
and the clock's extension and pauses. One entry point, ``act``, so pages and the API share
every rule."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from pydantic import BaseModel

from seedreg.accounts.rules import Actor
from seedreg.cases import cases, rules
from seedreg.cases import rule_settings as cs
from seedreg.cases.rules import Stage
from seedreg.cases.schemas import (
    CaseOut,
    CloseIn,
    DecideIn,
    DefenceIn,
    ExtendIn,
    InvestigateIn,
    NoticeIn,
    PauseIn,
    ResumeIn,
    ReviewIn,
    ServeIn,
)
from seedreg.cases.tables import Case
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.core.validation import parse
from seedreg.inspections import findings_read
from seedreg.licensing import licence_register, licences

Changes = dict[str, Any]


def _refuse(problem: str | None, field: str | None = None) -> None:
    if problem:
        raise RuleViolation(problem, field=field)


async def _investigate(actor: Actor, row: Changes, data: InvestigateIn) -> Changes:
    return {"stage": Stage.INVESTIGATING, "investigation": data.investigation}


async def _party_licence(actor: Actor, row: Changes, licence_id: int) -> str:
    valid = await licence_register.valid_of(actor, [row["party_id"]])
    match = [lic for lic in valid if lic.id == licence_id]
    if not match:
        raise RuleViolation("只能吊销当事人持有的有效许可证", field="revoke_licence_id")
    return match[0].number


async def _notify(actor: Actor, row: Changes, data: NoticeIn) -> Changes:
    """告知 (Art. 44): the proposed penalty within the item's range; the hearing right follows
    from the amount and the party's kind (Art. 63, thresholds are local settings)."""
    value = str(data.goods_value) if data.goods_value is not None else row["goods_value"]
    low, high, _ = await findings_read.penalty_range(row["code"], value)
    _refuse(rules.amount_problem(data.amount, low, high), "amount")
    revoke = data.revoke_licence_id is not None
    licence_number = await _party_licence(actor, row, data.revoke_licence_id or 0) if revoke else ""
    individual = row["party_kind"] == "individual"
    threshold = await rs.value(cs.HEARING_INDIVIDUAL if individual else cs.HEARING_ORGANISATION)
    return {
        "stage": Stage.NOTIFIED,
        "goods_value": value,
        "notified_on": clock.today(),
        "notice_amount": data.amount,
        "notice_confiscation": data.confiscation,
        "notice_revoke_licence": data.revoke_licence_id,
        "notice_revoke_number": licence_number,
        "hearing_right": rules.hearing_right(data.amount, revoke=revoke, threshold=int(threshold)),
        "review_required": rules.review_required(
            data.amount,
            revoke=revoke,
            hearing_held=False,
            major_amount=int(await rs.value(cs.MAJOR_AMOUNT)),
        ),
    }


async def _defence(actor: Actor, row: Changes, data: DefenceIn) -> Changes:
    if data.hearing_requested:
        _refuse(rules.hearing_request_problem(row["hearing_right"]), "hearing_requested")
    # A hearing held makes the decision one for legal review (Art. 58(二)).
    needed = row["review_required"] or data.hearing_requested
    return {
        "defence": data.defence,
        "hearing_requested": data.hearing_requested,
        "review_required": needed,
    }


async def _review(actor: Actor, row: Changes, data: ReviewIn) -> Changes:
    _refuse(None if row["defence"] else "请先记录当事人的陈述、申辩（或其放弃的情况）", "opinion")
    return {"stage": Stage.REVIEWED, "review_opinion": data.opinion, "reviewed_on": clock.today()}


async def _decide(actor: Actor, row: Changes, data: DecideIn) -> Changes:
    """决定: not before the party was heard (Art. 62), not heavier than notified (Art. 45), in the
    item's range; a revocation goes through licensing's service (its table is not ours)."""
    if not row["defence"]:
        raise RuleViolation(
            "当事人陈述、申辩未记录，不得作出决定（行政处罚法第六十二条）", field="amount"
        )
    if row["review_required"] and Stage(row["stage"]) is not Stage.REVIEWED:
        raise RuleViolation("重大执法决定须先经法制审核（行政处罚法第五十八条）", field="amount")
    low, high, _ = await findings_read.penalty_range(row["code"], row["goods_value"])
    _refuse(rules.amount_problem(data.amount, low, high), "amount")
    notified_revoke = row["notice_revoke_licence"] is not None
    _refuse(
        rules.heavier_problem(data.amount, data.revoke, row["notice_amount"] or 0, notified_revoke),
        "amount",
    )
    today = clock.today()
    number = row["number"].replace("兴林罚立", "兴林罚决")
    changes: Changes = {
        "stage": Stage.DECIDED,
        "amount": data.amount,
        "decided_on": today,
        "confiscation": data.confiscation,
        "decision_number": number,
    }
    if data.revoke:
        licence = await licences.revoke_by_penalty(
            actor,
            row["notice_revoke_licence"],
            decision_number=number,
            decided_on=today,
            reasons=f"{row['item_name']}（{row['penalty_article']}）",
        )
        changes |= {"revoked_licence": licence.id, "revoked_licence_number": licence.number}
    return changes


async def _serve(actor: Actor, row: Changes, data: ServeIn) -> Changes:
    if not row["decided_on"] <= data.served_on <= clock.today():
        raise RuleViolation("送达日期应在决定之日至今天之间", field="served_on")
    return {"stage": Stage.SERVED, "served_on": data.served_on, "served_how": data.how}


async def _close(actor: Actor, row: Changes, data: CloseIn) -> Changes:
    return {"stage": Stage.CLOSED, "closed_on": clock.today(), "close_note": data.note}


async def _extend(actor: Actor, row: Changes, data: ExtendIn) -> Changes:
    days = int(await rs.value(cs.EXTENSION_DAYS))
    _refuse("本地设定不允许延长办案期限" if days == 0 else None, "reason")
    _refuse("办案期限只能延长一次" if row["extension_days"] else None, "reason")
    return {"extension_days": days, "extension_reason": data.reason}


async def _pause(actor: Actor, row: Changes, data: PauseIn) -> Changes:
    _refuse(None if await rs.value(cs.PAUSES_ALLOWED) else "本地设定：办案期限不中止", "kind")
    if data.kind is rules.PauseKind.HEARING and not row["hearing_requested"]:
        raise RuleViolation("当事人未要求听证，不能因听证中止期限", field="kind")
    return {"pause_kind": data.kind.value, "pause_started_on": clock.today()}


async def _resume(actor: Actor, row: Changes, data: ResumeIn) -> Changes:
    days = rules.paused_days(row["pause_started_on"], row["paused_days"], clock.today())
    return {"pause_kind": "", "pause_started_on": None, "paused_days": days}


Handler = Callable[[Actor, Changes, Any], Awaitable[Changes]]
ACTIONS: dict[str, tuple[type[BaseModel], Handler]] = {
    "investigate": (InvestigateIn, _investigate),
    "notify": (NoticeIn, _notify),
    "defence": (DefenceIn, _defence),
    "review": (ReviewIn, _review),
    "decide": (DecideIn, _decide),
    "serve": (ServeIn, _serve),
    "close": (CloseIn, _close),
    "extend": (ExtendIn, _extend),
    "pause": (PauseIn, _pause),
    "resume": (ResumeIn, _resume),
}


def _jsonable(changes: Changes) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in changes.items()}


async def act(actor: Actor, case_id: int, action: str, data: BaseModel) -> CaseOut:
    """Run one stage action on a case, in one transaction with its audit event."""
    if action not in ACTIONS or not isinstance(data, ACTIONS[action][0]):
        raise RuleViolation("没有这个办案环节")
    async with transaction():
        row = await cases.row_for(actor, case_id)
        if not rules.may_handle_case(actor, row["division_code"]):
            raise Forbidden("只有本辖区的执法人员可以办理案件")
        found = cases.case_clock(row)
        _refuse(rules.action_problem(Stage(row["stage"]), action, paused=found.paused))
        changes = await ACTIONS[action][1](actor, row, data)
        changes["updated_at"] = clock.now()
        await Case.update(dict(changes.items())).where(Case.id == case_id)
        await audit.record(
            actor,
            f"case:{action}",
            "case",
            case_id,
            before={"stage": row["stage"]},
            after=_jsonable({k: v for k, v in changes.items() if k != "updated_at"}),
        )
    return await cases.get(actor, case_id)


async def act_with(actor: Actor, case_id: int, action: str, raw: Any) -> CaseOut:
    """``act`` with the body (JSON or form fields) validated against the action's schema."""
    if action not in ACTIONS:
        raise RuleViolation("没有这个办案环节")
    return await act(actor, case_id, action, parse(ACTIONS[action][0], raw or {}))
