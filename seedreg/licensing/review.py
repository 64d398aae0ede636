"""Review and decision: site verification by two officers (inside the 20 working days),
excluded periods on Art. 45's grounds only, extension, grant or reasoned refusal, and deemed
renewal (行政许可法 Arts. 34, 38, 42, 45, 50)."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import OFFICIAL_ROLES, Actor, Role, covers_division
from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.audit.services import SYSTEM
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.licensing import licences, notices, rules
from seedreg.licensing.common import (
    ensure_officer,
    load,
    of_licensing,
    region_decides,
    require,
    save,
    to_out,
    transition,
    with_licence,
    work_calendar,
)
from seedreg.licensing.guide import contact_line
from seedreg.licensing.intake import APPEAL_RIGHTS
from seedreg.licensing.rule_settings import RENEWAL_LEAD_DAYS
from seedreg.licensing.rules import Action, ApplicationKind, Status
from seedreg.licensing.schemas import ApplicationOut, PauseIn, ReasonIn, SiteCheckIn
from seedreg.licensing.states import MATTER
from seedreg.licensing.tables import ApplicationLicence
from seedreg.matters import catalogue
from seedreg.matters.tables import Application, ApplicationMaterial
from seedreg.organisations import identity


async def _recomputed_due(
    row: dict[str, Any], pauses: list[dict[str, Any]], extended: bool
) -> date:
    cal = await work_calendar()
    limit, extension = await catalogue.decision_limits(MATTER)
    return rules.decision_due(
        row["accepted_on"],
        cal,
        extended=extended,
        pauses=rules.counted_pauses(pauses),
        on=clock.today(),
        limit=limit,
        extension=extension,
    )


def _ensure_reviewing(row: dict[str, Any]) -> None:
    if row["status"] != Status.ACCEPTED:
        label = Status(row["status"]).label
        raise Conflict(f"申请当前状态为“{label}”，只有已受理、审查中的申请可以办理此事项")


def _ensure_not_paused(row: dict[str, Any]) -> None:
    require(not rules.is_paused(row["pauses"] or []), "审查期限中止期间不能作出决定")


async def ensure_decided_here(row: dict[str, Any]) -> None:
    """A bureau decides only what it may issue; 良种 and the region's own licences it reviews
    and forwards (种子法 Art. 31 ¶2, 令第40号 Art. 12)."""
    require(
        not await region_decides(row),
        "生产经营林木良种繁殖材料的许可证（及其延续、变更、注销）由自治区林业和草原局核发"
        "（种子法第三十一条第二款），本机关只审核；请审核后报送自治区林业和草原局核发",
        "varieties",
    )


async def ensure_pending_items_arrived(row: dict[str, Any]) -> None:
    """容缺受理: the deferred materials must be in before the licence is granted."""
    pending = set(row["pending_items"] or [])
    if not pending:
        return
    uploaded = {
        m["item_code"]
        for m in await ApplicationMaterial.select(ApplicationMaterial.item_code).where(
            ApplicationMaterial.application == row["id"]
        )
    }
    missing = sorted(pending - uploaded)
    require(not missing, f"容缺受理的材料尚未补齐：{'、'.join(missing)}", "pending_items")


async def _update(actor: Actor, row: dict[str, Any], action: str, values: dict[str, Any]) -> None:
    if not await save(row["id"], {**values, "updated_at": clock.now()}, status=Status.ACCEPTED):
        raise Conflict("该申请已被他人处理，请刷新后查看")
    await audit.record(
        actor, f"application:{action}", "licence_application", row["id"], after=values
    )


async def record_site_check(actor: Actor, application_id: int, data: SiteCheckIn) -> ApplicationOut:
    """Substantive verification needs two or more officers (行政许可法 Art. 34)."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    _ensure_reviewing(row)
    ids = sorted(set(data.officer_ids))
    officers = await User.select(User.id, User.display_name, User.role, User.jurisdiction).where(
        User.id.is_in(ids) & (User.active.eq(True))
    )
    fit = [
        o
        for o in officers
        if Role(o["role"]) in OFFICIAL_ROLES
        and o["jurisdiction"]
        and covers_division(o["jurisdiction"], row["division_code"])
    ]
    require(
        len(ids) >= 2 and len(fit) == len(ids),
        "现场核查须由两名以上本辖区工作人员进行",
        "officer_ids",
    )
    require(data.checked_on <= clock.today(), "核查日期不能晚于今天", "checked_on")
    site_check = {
        "checked_on": data.checked_on.isoformat(),
        "findings": data.findings,
        "officers": [{"id": o["id"], "name": o["display_name"]} for o in fit],
    }
    async with transaction():
        await _update(actor, row, "site_check", {"site_check": site_check})
    return await to_out(await load(actor, application_id))


async def pause(actor: Actor, application_id: int, data: PauseIn) -> ApplicationOut:
    """Stop the clock for one of Art. 45's excluded periods, telling the applicant in writing
    which ground and why. A site check is not one of them (it runs inside the 20 days)."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    _ensure_reviewing(row)
    problem = rules.pause_ground_problem(data.ground)
    require(problem is None, problem or "", "ground")
    assert data.ground is not None
    pauses = list(row["pauses"] or [])
    require(not rules.is_paused(pauses), "审查期限已经中止")
    today = clock.today().isoformat()
    pauses.append({"start": today, "end": None, "ground": data.ground, "reason": data.reason})
    content = {
        "ground": data.ground.value,
        "ground_label": data.ground.label,
        "basis": data.ground.basis,
        "reason": data.reason,
        "from": today,
    }
    async with transaction():
        # due_on stays: the application stays in the inbox, shown as paused
        await _update(actor, row, "pause", {"pauses": pauses})
        await notices.issue(actor, row, "pause", content)
    return await to_out(await load(actor, application_id))


async def resume(actor: Actor, application_id: int) -> ApplicationOut:
    row = await load(actor, application_id)
    ensure_officer(actor)
    _ensure_reviewing(row)
    pauses = list(row["pauses"] or [])
    require(rules.is_paused(pauses) and not pauses[-1].get("end"), "审查期限未中止")
    pauses[-1] = {**pauses[-1], "end": clock.today().isoformat()}
    due = await _recomputed_due(row, pauses, row["extended"])
    async with transaction():
        await _update(actor, row, "resume", {"pauses": pauses, "statutory_due": due, "due_on": due})
    return await to_out(await load(actor, application_id))


async def extend(actor: Actor, application_id: int, data: ReasonIn) -> ApplicationOut:
    """Ten more working days, once, with the reason told to the applicant (Art. 42)."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    _ensure_reviewing(row)
    require(not row["extended"], "审查期限只能延长一次")
    due = await _recomputed_due(row, row["pauses"] or [], True)
    async with transaction():
        await _update(
            actor,
            row,
            "extend",
            {"extended": True, "statutory_due": due, "due_on": due, "reasons": data.reasons},
        )
        await notices.issue(
            actor, row, "extension", {"reasons": data.reasons, "statutory_due": due.isoformat()}
        )
    return await to_out(await load(actor, application_id))


async def grant(
    actor: audit.ActorLike,
    application_id: int,
    *,
    deemed: bool = False,
    row: dict[str, Any] | None = None,
    on: date | None = None,
) -> ApplicationOut | None:
    """准予许可 on ``on`` (default today): issue, renew, change or cancel the licence, with the
    written decision."""
    on = on or clock.today()
    if row is None:
        assert isinstance(actor, Actor)
        row = await load(actor, application_id)
        ensure_officer(actor)
    _ensure_reviewing(row)
    _ensure_not_paused(row)
    await ensure_decided_here(row)
    if not deemed:
        await ensure_pending_items_arrived(row)
        await identity.ensure_identity_verified(row["organisation"])  # 实名核验 first
    kind = ApplicationKind(row["kind"])
    async with transaction():
        licence_id = await licences.apply_grant(actor, row, kind, on=on)
        updated = await transition(
            actor,
            row,
            Action.GRANT,
            {
                "decided_on": on,
                "due_on": None,
                "licence": licence_id,
                "renewal_deemed": deemed,
            },
            notice=("准予许可", f"申请{row['reference']}已准予{kind.label}。"),
        )
        granted = await licences.terms(licence_id)
        # the decision states the licence as granted; a later renewal must not rewrite it
        await notices.issue(
            actor, updated, "grant", {"licence_id": licence_id, "deemed": deemed, **granted}, on=on
        )
    return await to_out(await load(actor, application_id)) if isinstance(actor, Actor) else None


async def refuse(actor: Actor, application_id: int, data: ReasonIn) -> ApplicationOut:
    """不予许可, with reasons and the rights to review and litigation (Art. 38)."""
    row = await load(actor, application_id)
    ensure_officer(actor)
    _ensure_reviewing(row)
    _ensure_not_paused(row)
    await ensure_decided_here(row)
    await identity.ensure_identity_verified(row["organisation"])  # 实名核验 first
    async with transaction():
        updated = await transition(
            actor,
            row,
            Action.REFUSE,
            {"decided_on": clock.today(), "due_on": None, "reasons": data.reasons},
            notice=("不予许可", data.reasons),
        )
        await notices.issue(
            actor,
            updated,
            "refusal",
            {
                "reasons": data.reasons,
                "rights": APPEAL_RIGHTS,
                "contact": await contact_line(row["division_code"]),
            },
        )
    return await to_out(await load(actor, application_id))


async def deem_renewals(on: date) -> list[int]:
    """A renewal applied for in time and not decided before expiry is deemed granted
    (行政许可法 Art. 50 ¶2). Run daily."""
    app = ApplicationLicence.application
    expiring = {
        r["application"]: r["lv"]
        for r in await ApplicationLicence.select(
            ApplicationLicence.application, ApplicationLicence.licence.valid_to.as_alias("lv")
        ).where(
            (app.sub_item == ApplicationKind.RENEWAL)
            & (app.status == Status.ACCEPTED)
            & (ApplicationLicence.licence.valid_to < on)
        )
    }
    rows = await with_licence(
        await Application.select()
        .where(of_licensing() & Application.id.is_in(list(expiring) or [-1]))
        .order_by(Application.id)
        .output(load_json=True)
    )
    for row in rows:
        row["lv"] = expiring[row["id"]]
    granted = []
    lead = await rs.value(RENEWAL_LEAD_DAYS)
    for row in rows:
        in_time = row["submitted_at"] and (
            row["submitted_at"].astimezone(clock.CHINA).date()
            <= rules.renewal_window_opens(row["lv"], lead)
        )
        if not in_time:
            continue
        row = {k: v for k, v in row.items() if k != "lv"}
        try:
            # The deadline here is the licence's expiry itself, so open pauses do not apply.
            await grant(SYSTEM, row["id"], deemed=True, row={**row, "pauses": []}, on=on)
        except (Conflict, RuleViolation):
            continue
        granted.append(row["id"])
    return granted
