"""Review and decision of a licence application: the shared review (``matters.review``: site
check by two officers, Art. 45 pauses, the one extension, grant or reasoned refusal; 行政许可法
Arts. 34, 38, 42, 45) called on rows loaded with licensing's access check, the licence made by
licensing's grant hook (``licensing.decisions``) in the decision's transaction; and the deemed
renewal (Art. 50 ¶2), licensing's own."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.audit.services import SYSTEM
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.licensing import decisions as _hooks  # noqa: F401  (registers licensing's hooks)
from seedreg.licensing import rules
from seedreg.licensing.common import ensure_officer, load, of_licensing, to_out, with_licence
from seedreg.licensing.guide import contact_line
from seedreg.licensing.intake import HOOKS
from seedreg.licensing.rule_settings import RENEWAL_LEAD_DAYS
from seedreg.licensing.rules import ApplicationKind, Status
from seedreg.licensing.schemas import ApplicationOut, PauseIn, ReasonIn, SiteCheckIn
from seedreg.licensing.tables import ApplicationLicence
from seedreg.matters import review
from seedreg.matters.review import ensure_decided_here, ensure_pending_items_arrived
from seedreg.matters.tables import Application

__all__ = [
    "deem_renewals",
    "ensure_decided_here",
    "ensure_pending_items_arrived",
    "extend",
    "grant",
    "pause",
    "record_site_check",
    "refuse",
    "resume",
]


async def _officer_row(actor: Actor, application_id: int) -> dict[str, Any]:
    row = await load(actor, application_id)
    ensure_officer(actor)
    return row


async def record_site_check(actor: Actor, application_id: int, data: SiteCheckIn) -> ApplicationOut:
    row = await _officer_row(actor, application_id)
    await review.record_site_check(
        actor,
        row,
        HOOKS,
        checked_on=data.checked_on,
        officer_ids=data.officer_ids,
        findings=data.findings,
    )
    return await to_out(await load(actor, application_id))


async def pause(actor: Actor, application_id: int, data: PauseIn) -> ApplicationOut:
    row = await _officer_row(actor, application_id)
    ground = data.ground.value if data.ground else None
    await review.pause(actor, row, HOOKS, ground=ground, reason=data.reason)
    return await to_out(await load(actor, application_id))


async def resume(actor: Actor, application_id: int) -> ApplicationOut:
    await review.resume(actor, await _officer_row(actor, application_id), HOOKS)
    return await to_out(await load(actor, application_id))


async def extend(actor: Actor, application_id: int, data: ReasonIn) -> ApplicationOut:
    row = await _officer_row(actor, application_id)
    await review.extend(actor, row, HOOKS, reasons=data.reasons)
    return await to_out(await load(actor, application_id))


async def grant(
    actor: audit.ActorLike,
    application_id: int,
    *,
    deemed: bool = False,
    row: dict[str, Any] | None = None,
    on: date | None = None,
) -> ApplicationOut | None:
    """准予许可 on ``on`` (default today): the licence issued, renewed, changed or cancelled by
    the grant hook, with the written decision."""
    if row is None:
        assert isinstance(actor, Actor)
        row = await _officer_row(actor, application_id)
    await review.grant(actor, row, HOOKS, on=on, deemed=deemed)
    return await to_out(await load(actor, application_id)) if isinstance(actor, Actor) else None


async def refuse(actor: Actor, application_id: int, data: ReasonIn) -> ApplicationOut:
    """不予许可, with reasons and the rights to review and litigation (Art. 38)."""
    row = await _officer_row(actor, application_id)
    contact = await contact_line(row["division_code"])
    await review.refuse(actor, row, HOOKS, reasons=data.reasons, contact=contact)
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
    granted = []
    lead = await rs.value(RENEWAL_LEAD_DAYS)
    for row in rows:
        in_time = row["submitted_at"] and (
            row["submitted_at"].astimezone(clock.CHINA).date()
            <= rules.renewal_window_opens(expiring[row["id"]], lead)
        )
        if not in_time:
            continue
        try:
            # The deadline here is the licence's expiry itself, so open pauses do not apply.
            await grant(SYSTEM, row["id"], deemed=True, row={**row, "pauses": []}, on=on)
        except (Conflict, RuleViolation):
            continue
        granted.append(row["id"])
    return granted
