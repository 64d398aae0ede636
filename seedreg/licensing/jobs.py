"""Daily duties no one has to remember: deemed acceptance, deemed renewal, expiry reminders,
corrected deadlines for annulled site-check pauses.
Idempotent, so every worker process may run them; the database decides who wins."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from seedreg.core import rulesettings as rs
from seedreg.core.audit.services import SYSTEM, record
from seedreg.core.db import transaction
from seedreg.licensing import rules
from seedreg.licensing.corrections import correct_annulled_pauses
from seedreg.licensing.intake import HOOKS  # noqa: F401  (registers licensing's deemed acceptance)
from seedreg.licensing.review import deem_renewals
from seedreg.licensing.rule_settings import RENEWAL_LEAD_DAYS
from seedreg.licensing.rules import LicenceStatus
from seedreg.licensing.tables import ExpiryReminder, Licence
from seedreg.matters.deemed import deem_overdue_acceptances
from seedreg.notifications.services import notify_organisation


async def _due_reminders(on: date) -> list[tuple[dict[str, Any], int]]:
    """Licences whose next expiry reminder (90/60/30 days) is due on ``on``, with its lead."""
    horizon = on + timedelta(days=max(rules.EXPIRY_REMINDER_DAYS))
    rows = await Licence.select(
        Licence.id, Licence.number, Licence.organisation, Licence.valid_to
    ).where(
        (Licence.status == LicenceStatus.VALID)
        & (Licence.valid_to >= on)
        & (Licence.valid_to <= horizon)
    )
    due = []
    for lic in rows:
        # Only this term's reminders count: a renewed licence is reminded again before its
        # new expiry (every reminder of a term is sent within its last 90 days).
        done = await ExpiryReminder.select(ExpiryReminder.lead_days).where(
            (ExpiryReminder.licence == lic["id"])
            & (
                ExpiryReminder.sent_on
                >= lic["valid_to"] - timedelta(days=max(rules.EXPIRY_REMINDER_DAYS))
            )
        )
        lead = rules.reminder_due(lic["valid_to"], on, [d["lead_days"] for d in done])
        if lead is not None:
            due.append((lic, lead))
    return due


def reminder_key(licence_id: int, valid_to: date, lead: int) -> str:
    """One reminder per licence, term and lead (a renewal keeps the licence, moves the term)."""
    return f"{licence_id}:{valid_to.isoformat()}:{lead}"


async def send_reminder(lic: dict[str, Any], lead: int, on: date) -> bool:
    """Claim the reminder by inserting its key first; whoever's insert lands sends it.

    Two workers that both found it due race on the unique key: the loser inserts nothing
    (ON CONFLICT DO NOTHING waits for the winner's commit) and tells no one. Returns whether
    this call sent it.
    """
    async with transaction():
        claimed = (
            await ExpiryReminder.insert(
                ExpiryReminder(
                    licence=lic["id"],
                    lead_days=lead,
                    sent_on=on,
                    dedup_key=reminder_key(lic["id"], lic["valid_to"], lead),
                )
            )
            .on_conflict(target=ExpiryReminder.dedup_key, action="DO NOTHING")
            .returning(ExpiryReminder.id)
        )
        if not claimed:
            return False
        await notify_organisation(
            lic["organisation"],
            "许可证即将到期",
            f"许可证{lic['number']}将于{lic['valid_to']}到期。需要延续的，"
            f"请于{rules.renewal_window_opens(lic['valid_to'], await rs.value(RENEWAL_LEAD_DAYS))}"
            "前提出延续申请。",
            "/licensing/licences",
        )
        await record(
            SYSTEM, "licence:expiry_reminder", "licence", lic["id"], after={"lead_days": lead}
        )
    return True


async def send_expiry_reminders(on: date) -> int:
    """Send every reminder due on ``on``; returns how many this call sent."""
    sent = 0
    for lic, lead in await _due_reminders(on):
        sent += await send_reminder(lic, lead, on)
    return sent


async def run_daily(on: date) -> dict[str, Any]:
    """Licensing's duties, and deemed acceptance of every licence matter (matters.deemed: the
    matters registered by the packages loaded — the app and the CLI load them all)."""
    return {
        "deemed_accepted": await deem_overdue_acceptances(on),
        "deemed_renewed": await deem_renewals(on),
        "reminders": await send_expiry_reminders(on),
        "pause_corrections": await correct_annulled_pauses(on),
    }
