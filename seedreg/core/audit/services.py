"""Writing and verifying audit events."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from piccolo.query.functions.aggregate import Max

from seedreg.core import clock
from seedreg.core.audit.chain import BrokenLink, as_json, event_hash, first_broken_link
from seedreg.core.audit.tables import AuditEvent, AuditHead
from seedreg.core.db import fetch, transaction


class ActorLike(Protocol):
    # read-only members: a frozen dataclass or a property satisfies them
    @property
    def user_id(self) -> int | None: ...

    @property
    def label(self) -> str: ...


@dataclass(frozen=True)
class SystemActor:
    """The system itself (deemed decisions, scheduled jobs, the CLI)."""

    user_id: int | None = None
    label: str = "系统"


SYSTEM = SystemActor()


# Called after every event: caches of state elsewhere (the label verification's) drop what
# they hold, so a change made in this process is seen at once.
_listeners: list[Callable[[], None]] = []


def on_record(listener: Callable[[], None]) -> None:
    """Have ``listener()`` called whenever an event is recorded in this process."""
    _listeners.append(listener)


async def record(
    actor: ActorLike,
    action: str,
    subject_type: str,
    subject_id: object,
    *,
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one event to the chain, inside the caller's transaction (or a new one)."""
    async with transaction():
        # Locking the head row serialises writers, so the chain has no forks.
        head = await fetch("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        if not head:
            await fetch("INSERT INTO audit_head (id, seq, hash) VALUES (1, 1, '')")
            head = [{"seq": 1, "hash": ""}]
        event = {
            "seq": head[0]["seq"],
            "occurred_at": clock.now(),
            "actor_id": actor.user_id,
            "actor_label": actor.label,
            "action": action,
            "subject_type": subject_type,
            "subject_id": str(subject_id),
            "before": as_json(before),
            "after": as_json(after),
            "prev_hash": head[0]["hash"] or "0" * 64,
        }
        event["hash"] = event_hash(event)
        await AuditEvent.insert(AuditEvent(**event))
        await AuditHead.update({AuditHead.hash: event["hash"]}).where(AuditHead.id == 1)
    for listener in _listeners:
        listener()


async def history(subject_type: str, subject_id: object) -> list[dict[str, Any]]:
    """Events of one record, oldest first."""
    return (
        await AuditEvent.select()
        .where(
            (AuditEvent.subject_type == subject_type) & (AuditEvent.subject_id == str(subject_id))
        )
        .order_by(AuditEvent.seq)
        .output(load_json=True)
    )


async def _all_events(batch: int = 1000) -> AsyncIterator[dict[str, Any]]:
    last = 0
    while True:
        rows = (
            await AuditEvent.select()
            .where(AuditEvent.seq > last)
            .order_by(AuditEvent.seq)
            .limit(batch)
            .output(load_json=True)
        )
        for row in rows:
            yield row
        if len(rows) < batch:
            return
        last = rows[-1]["seq"]


async def verify() -> tuple[int, BrokenLink | None]:
    """Check the whole chain; return the number of events and the first broken link."""
    events = [e async for e in _all_events()]
    broken = first_broken_link(events)
    if broken is None:
        head = await AuditHead.select().where(AuditHead.id == 1).first()
        last_hash = events[-1]["hash"] if events else ""
        if head and head["hash"] != last_hash:
            broken = BrokenLink(len(events) + 1, "链尾不符：最新的事件被删除")
    return len(events), broken


async def recent(limit: int = 100) -> list[dict[str, Any]]:
    """The latest events, newest first."""
    return (
        await AuditEvent.select()
        .order_by(AuditEvent.seq, ascending=False)
        .limit(limit)
        .output(load_json=True)
    )


async def head_hash() -> str:
    head = await AuditHead.select(AuditHead.hash).where(AuditHead.id == 1).first()
    return head["hash"] if head else ""


async def subjects_since(seq: int) -> tuple[int, set[str]]:
    """The chain's last position and the subject types recorded after ``seq``: what a summary
    counted up to ``seq`` must recount (one grouped query over the seq index)."""
    head = await AuditEvent.select(Max(AuditEvent.seq).as_alias("last")).first()
    last = int(head["last"] or 0) if head else 0
    if last <= seq:
        return last, set()
    rows = (
        await AuditEvent.select(AuditEvent.subject_type)
        .where((AuditEvent.seq > seq) & (AuditEvent.seq <= last))
        .distinct()
    )
    return last, {r["subject_type"] for r in rows}
