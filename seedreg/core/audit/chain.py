"""Pure hash-chain rules: how an event is hashed and how a chain is checked."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64
HASHED_FIELDS = (
    "seq",
    "occurred_at",
    "actor_id",
    "actor_label",
    "action",
    "subject_type",
    "subject_id",
    "before",
    "after",
    "prev_hash",
)


def canonical(value: Any) -> str:
    """Stable JSON text: sorted keys, no spaces, non-JSON values as strings."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def as_json(value: Any) -> Any:
    """The value as it will read back from a JSON column (dates become strings…)."""
    return None if value is None else json.loads(canonical(value))


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(event: Mapping[str, Any]) -> str:
    payload = {k: event[k] for k in HASHED_FIELDS}
    payload["occurred_at"] = stamp(payload["occurred_at"])
    return hashlib.sha256(canonical(payload).encode()).hexdigest()


@dataclass(frozen=True)
class BrokenLink:
    seq: int
    reason: str


def first_broken_link(events: Iterable[Mapping[str, Any]]) -> BrokenLink | None:
    """Walk events in seq order; return the first that does not follow from its predecessor."""
    prev_hash, expected_seq = GENESIS, 1
    for event in events:
        if event["seq"] != expected_seq:
            return BrokenLink(
                expected_seq, f"第{expected_seq}条事件缺失（下一条为第{event['seq']}条）"
            )
        if event["prev_hash"] != prev_hash:
            return BrokenLink(event["seq"], "前序哈希不符：此前的事件被改动或删除")
        if event_hash(event) != event["hash"]:
            return BrokenLink(event["seq"], "内容哈希不符：此事件被改动")
        prev_hash, expected_seq = event["hash"], expected_seq + 1
    return None
