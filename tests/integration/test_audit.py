"""The audit chain on the real database: transactional, append-only, concurrent-safe, verifiable."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3

import pytest
from piccolo.engine.postgres import PostgresTransaction
from piccolo.engine.sqlite import TransactionType

from seedreg.core.audit.chain import GENESIS, event_hash
from seedreg.core.audit.services import SYSTEM, history, record, verify
from seedreg.core.audit.tables import AuditEvent, AuditHead
from seedreg.core.db import SQLITE_BUSY_TIMEOUT_S, db, fetch, is_sqlite, transaction
from seedreg.core.tables import NumberSequence
from tests.fixtures import run_cli, unique

APPEND_ONLY = "append-only"  # the message of the triggers in audit's second migration


class Boom(Exception):
    """Raised on purpose inside a transaction."""


async def _head() -> dict:
    return await AuditHead.select().where(AuditHead.id == 1).first()


async def _all_events() -> list[dict]:
    return await AuditEvent.select().order_by(AuditEvent.seq).output(load_json=True)


@pytest.fixture(scope="session", autouse=True)
def chain_verified_at_session_end(database):
    """Re-check the whole chain once everything in the session has written to it.

    Session-scoped, so the finalizer runs when the session ends (after every other test file):
    a break caused by anything in the suite surfaces as an error at teardown.
    """
    yield
    count, broken = asyncio.run(verify())
    assert broken is None, f"audit chain broken after the suite: {broken}"
    assert count > 0


async def test_record_commits_with_the_change(database):
    name = unique("audit-commit-")
    async with transaction():
        await NumberSequence.insert(NumberSequence(name=name, value=7))
        await record(SYSTEM, "test:commit", "test_subject", name, after={"value": 7})

    assert await NumberSequence.exists().where(NumberSequence.name == name)
    events = await history("test_subject", name)
    assert [(e["action"], e["after"], e["actor_label"]) for e in events] == [
        ("test:commit", {"value": 7}, "系统")
    ]
    assert (await _head())["hash"] == events[0]["hash"]


async def test_record_rolls_back_with_the_change(database):
    name = unique("audit-rollback-")
    head_before = await _head()
    count_before = await AuditEvent.count()

    async def write_then_fail() -> None:
        async with transaction():
            await NumberSequence.insert(NumberSequence(name=name, value=1))
            await record(SYSTEM, "test:rollback", "test_subject", name, after={"value": 1})
            # Inside the transaction both are visible …
            assert await NumberSequence.exists().where(NumberSequence.name == name)
            assert len(await history("test_subject", name)) == 1
            raise Boom

    with pytest.raises(Boom):
        await write_then_fail()

    # … and after the rollback neither is, and the chain's head did not move.
    assert not await NumberSequence.exists().where(NumberSequence.name == name)
    assert await history("test_subject", name) == []
    assert await AuditEvent.count() == count_before
    assert await _head() == head_before
    assert (await verify())[1] is None


async def test_record_outside_a_transaction_commits_on_its_own(database):
    subject = unique("audit-alone-")
    await record(SYSTEM, "test:alone", "test_subject", subject, before={"a": 1}, after=None)
    [event] = await history("test_subject", subject)
    assert event["before"] == {"a": 1}
    assert event["after"] is None


async def test_events_form_a_chain(database):
    for i in range(3):
        await record(SYSTEM, "test:chain", "test_subject", unique("audit-chain-"), after={"i": i})
    events = await _all_events()
    assert len(events) >= 3
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    assert events[0]["prev_hash"] == GENESIS
    for previous, event in itertools.pairwise(events):
        assert event["prev_hash"] == previous["hash"], event["seq"]
    for event in events:
        assert event_hash(event) == event["hash"], event["seq"]
    head = await _head()
    assert (head["seq"], head["hash"]) == (events[-1]["seq"], events[-1]["hash"])


REFUSED = {
    "update one": "UPDATE audit_event SET actor_label = 'forged' WHERE seq = {}",
    "delete one": "DELETE FROM audit_event WHERE seq = {}",
    "delete every row": "DELETE FROM audit_event WHERE seq <= {}",
}


@pytest.mark.parametrize("sql", REFUSED.values(), ids=REFUSED.keys())
async def test_the_database_refuses_update_and_delete(database, sql):
    await record(SYSTEM, "test:target", "test_subject", unique("audit-target-"))
    events_before = await _all_events()
    target = events_before[-1]["seq"]

    # Outside a transaction (autocommit) …
    with pytest.raises(Exception, match=APPEND_ONLY):
        await fetch(sql, target)
    # … and inside one, which the failure must roll back.
    with pytest.raises(Exception, match=APPEND_ONLY):
        async with transaction():
            await fetch(sql, target)

    assert db().current_transaction.get() is None, "a failed statement left a transaction open"
    assert await _all_events() == events_before
    # The connection state is healthy: the next write in a transaction works and chains on.
    subject = unique("audit-after-refusal-")
    async with transaction():
        await record(SYSTEM, "test:after_refusal", "test_subject", subject)
    [event] = await history("test_subject", subject)
    assert event["seq"] == target + 1
    assert event["prev_hash"] == events_before[-1]["hash"]


def test_write_transactions_queue_instead_of_failing(database):
    """SQLite: BEGIN IMMEDIATE plus a busy timeout; PostgreSQL: row locks do the queueing."""
    if is_sqlite():
        assert transaction().transaction_type is TransactionType.immediate
        assert db().connection_kwargs["timeout"] == SQLITE_BUSY_TIMEOUT_S >= 5
    else:
        assert isinstance(transaction(), PostgresTransaction)


async def test_concurrent_records_keep_one_consistent_chain(database):
    tag = unique("audit-concurrent-")
    n = 30

    async def one(i: int) -> None:
        async with transaction():
            await record(SYSTEM, "test:concurrent", "test_concurrent", f"{tag}-{i}", after={"i": i})
            await asyncio.sleep(0)  # let the others queue behind this writer

    await asyncio.gather(*(one(i) for i in range(n)))

    events = await _all_events()
    mine = [e for e in events if e["subject_id"].startswith(f"{tag}-")]
    assert sorted(e["after"]["i"] for e in mine) == list(range(n))
    assert len({e["seq"] for e in mine}) == n
    assert [e["seq"] for e in events] == list(range(1, len(events) + 1))
    by_seq = {e["seq"]: e for e in events}
    for e in mine:
        assert e["prev_hash"] == by_seq[e["seq"] - 1]["hash"], e["seq"]
        assert event_hash(e) == e["hash"]
    count, broken = await verify()
    assert broken is None
    assert count == len(events)


async def test_verify_finds_no_break_in_the_real_database(database):
    count, broken = await verify()
    assert broken is None, broken
    assert count == await AuditEvent.count()
    assert count > 0


def test_cli_audit_verify_reports_an_intact_chain(database):
    expected = AuditEvent.count().run_sync()
    result = run_cli("audit-verify", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"审计链完整：共 {expected} 条事件" in result.stdout


# --------------------------------------------------------------------------- tampering


def _scratch_env(tmp_path) -> dict[str, str]:
    return {
        "SEEDREG_DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
        "SEEDREG_VAR_DIR": str(tmp_path),
        "SEEDREG_NEW_PASSWORD": "Scratch-Pass-2026",
    }


def _create_admin(env: dict[str, str], username: str) -> None:
    result = run_cli(
        "create-user",
        username,
        "--name",
        "审计测试",
        "--role",
        "league_admin",
        "--jurisdiction",
        "152200",
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_cli_audit_verify_names_a_tampered_event(tmp_path):
    env = _scratch_env(tmp_path)
    run_cli("migrate", env=env)
    run_cli("load-reference", env=env)
    _create_admin(env, "scratch_one")
    _create_admin(env, "scratch_two")
    with sqlite3.connect(tmp_path / "x.sqlite3") as conn:
        total = conn.execute("SELECT COUNT(*) FROM audit_event").fetchone()[0]
    conn.close()
    intact = run_cli("audit-verify", env=env, check=False)
    assert intact.returncode == 0, intact.stdout
    assert f"审计链完整：共 {total} 条事件" in intact.stdout

    with sqlite3.connect(tmp_path / "x.sqlite3") as conn:
        (seq, after) = conn.execute(
            "SELECT seq, after FROM audit_event WHERE action = 'user:create' ORDER BY seq LIMIT 1"
        ).fetchone()
        assert 1 < seq < total  # a middle event: the report must name it, not an end
        assert "scratch_one" in after
        # The triggers stop this from inside the application, so drop them first (as an
        # attacker with file access could), then forge the event.
        with pytest.raises(sqlite3.IntegrityError, match=APPEND_ONLY):
            conn.execute("UPDATE audit_event SET after = NULL WHERE seq = ?", (seq,))
        conn.execute("DROP TRIGGER audit_event_no_update")
        conn.execute("DROP TRIGGER audit_event_no_delete")
        forged = after.replace("scratch_one", "scratch_666")
        conn.execute("UPDATE audit_event SET after = ? WHERE seq = ?", (forged, seq))
    conn.close()

    broken = run_cli("audit-verify", env=env, check=False)
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert f"审计链断裂：第 {seq} 条" in broken.stdout
    assert "内容哈希不符" in broken.stdout
