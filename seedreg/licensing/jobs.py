"""Daily duties no one has to remember: deemed acceptance, deemed renewal, expiry reminders.
Idempotent, so every worker process may run them; the database decides who wins."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from seedreg.core.audit.services import SYSTEM, record
from seedreg.core.db import transaction
from seedreg.licensing import rules
from seedreg.licensing.intake import deem_overdue_acceptances
from seedreg.licensing.review import deem_renewals
from seedreg.licensing.rules import LicenceStatus
from seedreg.licensing.tables import ExpiryReminder, Licence
from seedreg.notifications.services import notify_organisation


async def send_expiry_reminders(on: date) -> int:
    horizon = on + timedelta(days=max(rules.EXPIRY_REMINDER_DAYS))
    rows = await Licence.select(
        Licence.id, Licence.number, Licence.organisation, Licence.valid_to
    ).where(
        (Licence.status == LicenceStatus.VALID)
        & (Licence.valid_to >= on)
        & (Licence.valid_to <= horizon)
    )
    sent = 0
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
        if lead is None:
            continue
        async with transaction():
            await ExpiryReminder.insert(
                ExpiryReminder(licence=lic["id"], lead_days=lead, sent_on=on)
            )
            await notify_organisation(
                lic["organisation"],
                "许可证即将到期",
                f"许可证{lic['number']}将于{lic['valid_to']}到期。需要延续的，"
                f"请于{rules.renewal_window_opens(lic['valid_to'])}前提出延续申请。",
                "/licensing/licences",
            )
            await record(
                SYSTEM, "licence:expiry_reminder", "licence", lic["id"], after={"lead_days": lead}
            )
        sent += 1
    return sent


async def run_daily(on: date) -> dict[str, Any]:
    return {
        "deemed_accepted": await deem_overdue_acceptances(on),
        "deemed_renewed": await deem_renewals(on),
        "reminders": await send_expiry_reminders(on),
    }
