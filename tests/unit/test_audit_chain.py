"""Pure tests of the audit hash chain: how tampering, deletion and reordering are found."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta, timezone

import pytest

from seedreg.core.audit.chain import (
    GENESIS,
    HASHED_FIELDS,
    BrokenLink,
    event_hash,
    first_broken_link,
)

T0 = datetime(2026, 11, 27, 4, 0, tzinfo=UTC)


def make_chain(n: int = 5) -> list[dict]:
    events, prev = [], GENESIS
    for seq in range(1, n + 1):
        event = {
            "seq": seq,
            "occurred_at": T0 + timedelta(minutes=seq),
            "actor_id": seq % 2 or None,
            "actor_label": "系统" if seq % 2 else "张三（盟林草局管理员）",
            "action": "organisation:update",
            "subject_type": "organisation",
            "subject_id": str(100 + seq),
            "before": {"name": f"旧名称{seq}"} if seq > 1 else None,
            "after": {"name": f"新名称{seq}", "n": seq},
            "prev_hash": prev,
        }
        event["hash"] = event_hash(event)
        prev = event["hash"]
        events.append(event)
    return events


def test_an_intact_chain_has_no_broken_link():
    assert first_broken_link(make_chain()) is None


def test_an_empty_chain_has_no_broken_link():
    assert first_broken_link([]) is None


def test_each_event_hashes_its_predecessor():
    chain = make_chain()
    assert chain[0]["prev_hash"] == GENESIS
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(chain))
    assert len({e["hash"] for e in chain}) == len(chain)


def test_a_tampered_field_is_found_at_that_event():
    chain = make_chain()
    chain[2] = {**chain[2], "after": {"name": "伪造名称", "n": 3}}
    assert first_broken_link(chain) == BrokenLink(3, "内容哈希不符：此事件被改动")


@pytest.mark.parametrize("field", [f for f in HASHED_FIELDS if f not in ("seq", "prev_hash")])
def test_every_hashed_field_is_protected(field):
    chain = make_chain()
    original = chain[1][field]
    forged = {
        datetime: T0 - timedelta(days=1),
        str: f"{original}x",
        int: 999,
        dict: {"forged": True},
        type(None): {"forged": True},
    }[type(original)]
    chain[1] = {**chain[1], field: forged}
    broken = first_broken_link(chain)
    assert broken is not None
    assert broken.seq == 2


def test_a_forged_seq_is_found():
    chain = make_chain()
    chain[3] = {**chain[3], "seq": 40}
    assert first_broken_link(chain) == BrokenLink(4, "第4条事件缺失（下一条为第40条）")


def test_a_forged_prev_hash_is_found():
    chain = make_chain()
    chain[3] = {**chain[3], "prev_hash": GENESIS}
    assert first_broken_link(chain) == BrokenLink(4, "前序哈希不符：此前的事件被改动或删除")


def test_a_tampered_event_with_a_recomputed_hash_breaks_the_next_link():
    chain = make_chain()
    forged = {**chain[2], "after": {"name": "伪造名称", "n": 3}}
    forged["hash"] = event_hash(forged)
    chain[2] = forged
    assert first_broken_link(chain) == BrokenLink(4, "前序哈希不符：此前的事件被改动或删除")


def test_a_deleted_middle_event_is_found():
    chain = make_chain()
    del chain[2]
    assert first_broken_link(chain) == BrokenLink(3, "第3条事件缺失（下一条为第4条）")


def test_a_deleted_middle_event_with_later_seqs_renumbered_is_found():
    chain = make_chain()
    del chain[2]
    renumbered = [{**e, "seq": i} for i, e in enumerate(chain, start=1)]
    broken = first_broken_link(renumbered)
    assert broken is not None
    assert broken.seq == 3


def test_a_reordered_pair_is_found():
    chain = make_chain()
    chain[2], chain[3] = chain[3], chain[2]
    assert first_broken_link(chain) == BrokenLink(3, "第3条事件缺失（下一条为第4条）")


def test_a_reordered_pair_with_swapped_seqs_is_found():
    chain = make_chain()
    third, fourth = chain[2], chain[3]
    chain[2], chain[3] = {**fourth, "seq": 3}, {**third, "seq": 4}
    assert first_broken_link(chain) == BrokenLink(3, "前序哈希不符：此前的事件被改动或删除")


def test_the_first_break_is_reported_when_there_are_several():
    chain = make_chain()
    chain[1] = {**chain[1], "actor_label": "伪造"}
    chain[3] = {**chain[3], "actor_label": "伪造"}
    assert first_broken_link(chain).seq == 2


def test_a_forged_first_event_is_found():
    chain = make_chain()
    chain[0] = {**chain[0], "subject_id": "999"}
    assert first_broken_link(chain) == BrokenLink(1, "内容哈希不符：此事件被改动")


def test_the_hash_does_not_depend_on_the_time_zone_a_moment_is_read_in():
    event = make_chain(1)[0]
    beijing = timezone(timedelta(hours=8))
    same_moment = {**event, "occurred_at": event["occurred_at"].astimezone(beijing)}
    assert event_hash(same_moment) == event["hash"]
    a_microsecond_later = {**event, "occurred_at": event["occurred_at"] + timedelta(microseconds=1)}
    assert event_hash(a_microsecond_later) != event["hash"]


def test_the_hash_does_not_depend_on_key_order_in_json_values():
    event = make_chain(1)[0]
    reordered = {**event, "after": dict(reversed(list(event["after"].items())))}
    assert event_hash(reordered) == event["hash"]
