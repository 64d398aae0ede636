"""Queueing licence versions for the region's e-licence library and sending them.

A licence is queued once per version: issuing makes version 1, and each change or renewal that
bumps the licence's version queues the new face. Rows are claimed with a lease before sending
(as the SMS outbox does), so several processes never send one row twice; a temporary failure
puts the row back with a growing pause, a permanent one (or too many tries) marks it failed.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import fetch, transaction
from seedreg.core.regionhttp import PermanentRegionError, RegionError
from seedreg.elicences import rule_settings, rules
from seedreg.elicences.library import Library
from seedreg.elicences.tables import ElicenceOutbox
from seedreg.licensing.licence_register import licence_out
from seedreg.licensing.tables import Licence
from seedreg.organisations.tables import Organisation

log = logging.getLogger("seedreg.elicences")
CLAIM_SECONDS = 300
MAX_ATTEMPTS = 12
QUEUE_BATCH = 500


def retry_pause(attempts: int) -> timedelta:
    """1 min after the first failure, doubling up to 6 h: a library down for a day is tried
    about a dozen times (MAX_ATTEMPTS) before the row is given up for an official to see."""
    return timedelta(seconds=min(60 * 2 ** max(attempts - 1, 0), 6 * 3600))


async def codes() -> rules.Codes:
    values = await rs.current()
    return rules.Codes(
        root=str(values.of(rule_settings.ROOT)),
        type_code=str(values.of(rule_settings.TYPE_CODE)),
        issuers=rules.parse_issuers(str(values.of(rule_settings.ISSUERS))),
    )


async def _unqueued() -> list[dict[str, Any]]:
    """Licences whose current version has no outbox row (region-recorded ones excluded: the
    region issued them and holds them already)."""
    queued = {
        (r["licence_id"], r["licence_version"])
        for r in await ElicenceOutbox.select(
            ElicenceOutbox.licence_id, ElicenceOutbox.licence_version
        )
    }
    rows = await (
        Licence.select()
        .where(Licence.recorded_only == False)  # noqa: E712 (Piccolo builds SQL from ==)
        .order_by(Licence.id)
        .output(load_json=True)
    )
    # a league has hundreds of licences, not millions: reading them all hourly is cheap
    return [r for r in rows if (r["id"], r["version"]) not in queued]


async def queue_new_versions() -> dict[str, Any]:
    """Queue every licence version not sent yet. Returns counts and, when codes are missing,
    what to set (nothing is queued without a well-formed identifier)."""
    current = await codes()
    queued, waiting, problems = 0, 0, set()
    for row in await _unqueued():
        if queued >= QUEUE_BATCH:
            break
        missing = rules.missing_codes(current, row["issuing_division"])
        if missing:
            waiting += 1
            problems.update(missing)
            continue
        ident = rules.identifier(current, row["issuing_division"], row["number"], row["version"])
        holder = await Organisation.select().where(Organisation.id == row["organisation"]).first()
        body = rules.payload(
            licence_out(row).model_dump(mode="json") | {"version": row["version"]},
            holder or {"kind": ""},
            ident,
            current.type_code,
        )
        async with transaction():
            await ElicenceOutbox.insert(
                ElicenceOutbox(
                    licence_id=row["id"],
                    licence_version=row["version"],
                    licence_number=row["number"],
                    identifier=ident,
                    payload=body,
                    created_at=clock.now(),
                )
            )
            await audit.record(
                audit.SYSTEM, "elicence:queue", "licence", row["id"], after={"identifier": ident}
            )
        queued += 1
    return {"queued": queued, "waiting": waiting, "problems": sorted(problems)}


async def _claim(batch: int, now: datetime) -> list[dict[str, Any]]:
    rows = await (
        ElicenceOutbox.select(ElicenceOutbox.id)
        .where(
            ElicenceOutbox.sent_at.is_null()
            & ElicenceOutbox.failed_at.is_null()
            & (ElicenceOutbox.claimed_until.is_null() | (ElicenceOutbox.claimed_until < now))
        )
        .order_by(ElicenceOutbox.id)
        .limit(batch)
    )
    claimed = []
    for row in rows:
        # the conditional UPDATE is the claim: of two senders, one gets the row back
        claimed.extend(
            await fetch(
                "UPDATE elicence_outbox SET claimed_until = {} WHERE id = {} AND sent_at IS NULL "
                "AND failed_at IS NULL AND (claimed_until IS NULL OR claimed_until < {}) "
                "RETURNING *",
                now + timedelta(seconds=CLAIM_SECONDS),
                row["id"],
                now,
            )
        )
    return claimed


def _payload(row: dict[str, Any]) -> dict[str, Any]:
    import json

    body = row["payload"]
    return json.loads(body) if isinstance(body, str) else dict(body)


async def drain(
    library: Library, batch: int = 50, *, now: datetime | None = None
) -> tuple[int, int]:
    """Send what is due; returns (sent, failed this round)."""
    now = now or clock.now()
    sent = failed = 0
    for row in await _claim(batch, now):
        try:
            receipt = await library.send(_payload(row))
        except RegionError as exc:
            failed += 1
            await _failed(row, exc, now)
            continue
        sent += 1
        async with transaction():
            await ElicenceOutbox.update(
                {
                    ElicenceOutbox.sent_at: clock.now(),
                    ElicenceOutbox.attempts: ElicenceOutbox.attempts + 1,
                    ElicenceOutbox.receipt: receipt,
                    ElicenceOutbox.last_error: "",
                }
            ).where(ElicenceOutbox.id == row["id"])
            await audit.record(
                audit.SYSTEM,
                "elicence:send",
                "licence",
                row["licence_id"],
                after={"identifier": row["identifier"], "receipt": receipt},
            )
    return sent, failed


async def _failed(row: dict[str, Any], exc: Exception, now: datetime) -> None:
    attempts = row["attempts"] + 1
    final = isinstance(exc, PermanentRegionError) or attempts >= MAX_ATTEMPTS
    log.warning("e-licence %s to the library failed (%s): %s", row["id"], attempts, exc)
    await ElicenceOutbox.update(
        {
            ElicenceOutbox.attempts: attempts,
            ElicenceOutbox.last_error: str(exc)[:300],
            ElicenceOutbox.claimed_until: None if final else now + retry_pause(attempts),
            ElicenceOutbox.failed_at: now if final else None,
        }
    ).where(ElicenceOutbox.id == row["id"])


async def of_licence(licence_id: int) -> list[dict[str, Any]]:
    """The licence's versions as pushed to the library, newest first (for its page and API)."""
    rows = await (
        ElicenceOutbox.select(
            ElicenceOutbox.licence_version,
            ElicenceOutbox.identifier,
            ElicenceOutbox.created_at,
            ElicenceOutbox.sent_at,
            ElicenceOutbox.failed_at,
            ElicenceOutbox.attempts,
            ElicenceOutbox.receipt,
        )
        .where(ElicenceOutbox.licence_id == licence_id)
        .order_by(ElicenceOutbox.licence_version, ascending=False)
    )
    return list(rows)


async def shown(licence_id: int) -> list[dict[str, Any]]:
    """The licence's identifiers for its pages, newest version first, each with its state."""
    return [
        {**r, "state": rules.push_state(r["sent_at"], r["failed_at"], r["receipt"])}
        for r in await of_licence(licence_id)
    ]


async def current_identifier(licence_id: int) -> str:
    """The identifier of the licence's newest version ("" while none is built)."""
    rows = await of_licence(licence_id)
    return str(rows[0]["identifier"]) if rows else ""
