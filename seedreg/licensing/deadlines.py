"""Licensing's own clock facts (renewal lead, change filing, expiry reminders, 容缺受理 by its
states). The clocks every matter shares (行政许可法 Arts. 32, 42, 45; 令第40号 Art. 12;
兴署发〔2021〕5号 Arts. 16, 38) are ``matters.clocks``, re-exported here so that ``rules.X``
stays the one name licensing's callers use. Pure, no I/O."""

from __future__ import annotations

from datetime import date

from seedreg.licensing.states import Status
from seedreg.matters import clocks
from seedreg.matters.clocks import (
    BAND_LABELS,
    DECISION_WORKDAYS,
    EXTENSION_WORKDAYS,
    INTAKE_PROMISED_WORKDAYS,
    INTAKE_STATUTORY_WORKDAYS,
    PAUSE_BASIS,
    PAUSE_GROUND_LABELS,
    RATING_FOLLOW_UP_DAYS,
    Band,
    Pause,
    PauseGround,
    band,
    check_supplement_items,
    counted_pauses,
    days_left,
    decision_due,
    deemed_acceptance_day,
    intake_due,
    is_deemed_accepted,
    is_paused,
    issuing_due,
    pause_ground_problem,
    paused_workdays,
    promised_due,
)

RENEWAL_LEAD_DAYS = 30  # 行政许可法 Art. 50; the local setting licensing.renewal_lead_days
CHANGE_FILING_DAYS = 30  # 种子法 Art. 33 ¶2
EXPIRY_REMINDER_DAYS = (90, 60, 30)


def pending_overdue(status: Status, pending_due: date | None, on: date) -> bool:
    """容缺受理 past its day while the application is under review (see ``matters.clocks``)."""
    return clocks.pending_overdue(status is Status.ACCEPTED, pending_due, on)


__all__ = [
    "BAND_LABELS",
    "CHANGE_FILING_DAYS",
    "DECISION_WORKDAYS",
    "EXPIRY_REMINDER_DAYS",
    "EXTENSION_WORKDAYS",
    "INTAKE_PROMISED_WORKDAYS",
    "INTAKE_STATUTORY_WORKDAYS",
    "PAUSE_BASIS",
    "PAUSE_GROUND_LABELS",
    "RATING_FOLLOW_UP_DAYS",
    "RENEWAL_LEAD_DAYS",
    "Band",
    "Pause",
    "PauseGround",
    "band",
    "check_supplement_items",
    "counted_pauses",
    "days_left",
    "decision_due",
    "deemed_acceptance_day",
    "intake_due",
    "is_deemed_accepted",
    "is_paused",
    "issuing_due",
    "pause_ground_problem",
    "paused_workdays",
    "pending_overdue",
    "promised_due",
]
