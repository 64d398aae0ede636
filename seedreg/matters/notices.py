"""Written notices and decisions on an application of any matter (受理通知书, 补正通知书,
决定书…): numbered per GB/T 9704 by the handling bureau (机关代字 + the matter's class of
notice: 兴林草许受〔2026〕15号), stored with the deadlines they announce marked provisional where
the year's 调休 is not entered yet. Printed QR codes point at a notice's public_id."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from seedreg.core import calendar, clock
from seedreg.core.audit import services as audit
from seedreg.core.sequences import next_value
from seedreg.matters import applications as shared
from seedreg.matters.clocks import provisional_dates
from seedreg.matters.notice_names import NOTICE_NAMES
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind, document_number

# A matter's own name for a notice where the shared one (``notice_names.NOTICE_NAMES``) speaks of
# an application for a permit: a 备案 is refused as 不予备案, not as 不予受理.
MATTER_TITLES = {"filing": {"rejection": "不予备案通知书"}}

# The content keys that hold a deadline the notice announces.
DEADLINE_KEYS = ("statutory_due", "promised_due", "pending_deadline", "deadline", "issuing_due")


def title(matter: str, kind: str) -> str:
    """The notice's name as the matter prints it."""
    return MATTER_TITLES.get(matter, {}).get(kind) or NOTICE_NAMES.get(kind, kind)


async def _provisional(content: dict[str, Any], on: date) -> list[str]:
    """The announced deadlines counted into a year whose 调休 arrangement is not entered: the
    notice says so, as it was when issued (a record, not recomputed when printed again)."""
    dues = {k: date.fromisoformat(str(content[k])) for k in DEADLINE_KEYS if content.get(k)}
    return provisional_dates(dues, await calendar.work_calendar(), on) if dues else []


async def issue(
    actor: audit.ActorLike,
    application: dict[str, Any],
    kind: str,
    content: dict[str, Any],
    *,
    prefix: str,
    on: date | None = None,
) -> dict[str, Any]:
    """Number and store a notice dated ``on`` (default today); ``prefix`` is the matter's
    class of notice after the bureau's abbreviation (licensing's 许受 for an acceptance). Call
    inside the transition's transaction."""
    today = on or clock.today()
    division = application["division_code"]
    bureau = await authorities.authority(AuthorityKind.BUREAU, division)
    seq = await next_value(f"notice:{division}:{kind}:{today.year}")
    number = document_number(f"{bureau.doc_abbreviation}{prefix}", today.year, seq)
    if marked := await _provisional(content, today):
        content = {**content, "provisional": marked}
    notice = await shared.add_notice(
        {
            "application": application["id"],
            "kind": kind,
            "number": number,
            "public_id": secrets.token_urlsafe(12),
            "issued_on": today,
            "content": content,
            "issued_by": getattr(actor, "user_id", None) or None,
            "created_at": clock.now(),
        }
    )
    await audit.record(
        actor,
        f"notice:{kind}",
        "notice",
        notice["id"],
        after={"number": number, "application": application["id"]},
    )
    return {"id": notice["id"], "number": number, "public_id": notice["public_id"]}
