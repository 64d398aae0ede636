"""The verification hot path's own PostgreSQL connections (``fastdb.Connections``): never more
than their number open, everyone served in turn, a broken connection replaced, a refused
statement or an impatient request costing nothing. PostgreSQL only (SQLite reads through one
kept connection)."""

from __future__ import annotations

import asyncio

import asyncpg
import pytest

from seedreg.core.db import is_sqlite
from seedreg.labels import fastdb
from seedreg.settings import get_settings


@pytest.fixture
def conns():
    if is_sqlite():
        pytest.skip("the hot path's own connections are PostgreSQL's; this run uses SQLite")
    return lambda size: fastdb.Connections(get_settings().database_url, size)


def _run(coro):
    return asyncio.run(coro)


def test_at_most_size_connections_serve_every_request_in_turn(conns):
    async def scenario():
        pool = conns(2)
        busy, peak = 0, 0

        async def call(conn):
            nonlocal busy, peak
            busy += 1
            peak = max(peak, busy)
            await conn.fetchval("SELECT pg_sleep(0.01)")
            busy -= 1
            return await conn.fetchval("SELECT 1")

        results = await asyncio.gather(*(pool.run(call) for _ in range(20)))
        state = (peak, pool.opened, len(pool.idle), len(pool.waiting))
        await pool.close()
        return results, state

    results, (peak, opened, idle, waiting) = _run(scenario())
    assert results == [1] * 20
    assert (peak, opened, idle, waiting) == (2, 2, 2, 0)


def test_a_connection_the_server_dropped_is_replaced(conns):
    async def scenario():
        pool = conns(1)
        pid = await pool.run(lambda c: c.fetchval("SELECT pg_backend_pid()"))
        killer = await asyncpg.connect(get_settings().database_url)
        await killer.fetchval("SELECT pg_terminate_backend($1)", pid)
        await killer.close()
        await asyncio.sleep(0.2)
        with pytest.raises((asyncpg.PostgresError, asyncpg.InterfaceError, OSError)):
            await pool.run(lambda c: c.fetchval("SELECT 1"))
        again = await pool.run(lambda c: c.fetchval("SELECT pg_backend_pid()"))
        state = (pool.opened, len(pool.idle))
        await pool.close()
        return pid, again, state

    pid, again, state = _run(scenario())
    assert again != pid
    assert state == (1, 1)


def test_a_refused_statement_keeps_its_connection(conns):
    async def scenario():
        pool = conns(1)
        pid = await pool.run(lambda c: c.fetchval("SELECT pg_backend_pid()"))
        with pytest.raises(asyncpg.PostgresError):
            await pool.run(lambda c: c.fetchval("SELECT * FROM no_such_table"))
        same = await pool.run(lambda c: c.fetchval("SELECT pg_backend_pid()"))
        await pool.close()
        return pid, same

    pid, same = _run(scenario())
    assert pid == same


def test_a_request_that_stops_waiting_loses_no_connection(conns):
    async def scenario():
        pool = conns(1)
        holder = asyncio.create_task(pool.run(lambda c: c.fetchval("SELECT pg_sleep(0.3)")))
        await asyncio.sleep(0.05)
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(pool.run(lambda c: c.fetchval("SELECT 1")), 0.05)
        await holder
        value = await pool.run(lambda c: c.fetchval("SELECT 2"))
        state = (pool.opened, len(pool.idle), len(pool.waiting))
        await pool.close()
        return value, state

    value, state = _run(scenario())
    assert value == 2
    assert state == (1, 1, 0)


NUMBERS = "SELECT n, n * 2 AS twice FROM generate_series(1, 1000) AS n"


def _counting(pool):
    """Count the statements the pool runs."""
    calls = []
    run = pool.run

    async def counted(call):
        calls.append(1)
        return await run(call)

    pool.run = counted
    return calls


def test_look_ups_that_arrive_together_share_a_query_and_each_gets_its_row(conns):
    async def scenario():
        pool = conns(2)
        calls = _counting(pool)
        batcher = fastdb.Batcher(pool, NUMBERS, "n")
        wanted = [*range(1, 61), 5, 5, 7, 5000]  # repeats, and one that does not exist
        rows = await asyncio.gather(*(batcher.fetch(n) for n in wanted))
        alone = await batcher.fetch(42)  # nothing else waiting: a batch of one
        await asyncio.sleep(0.01)  # the runners see nothing waiting and end
        state = (len(batcher.waiting), len(batcher.runners))
        await pool.close()
        return wanted, rows, alone, len(calls), state

    wanted, rows, alone, statements, state = _run(scenario())
    for n, row in zip(wanted, rows, strict=True):
        assert row == ({"n": n, "twice": 2 * n} if n <= 1000 else None)
    assert rows[60] is not rows[61]  # the same row twice: two dicts, not one shared
    assert alone == {"n": 42, "twice": 84}
    assert statements <= 3  # 64 look-ups, at most one statement per connection plus the last
    assert state == (0, 0)


def test_a_refused_batch_fails_its_look_ups_and_the_next_batch_runs(conns):
    async def scenario():
        pool = conns(1)
        broken = fastdb.Batcher(pool, "SELECT n FROM no_such_table", "n")
        failures = await asyncio.gather(
            *(broken.fetch(n) for n in range(5)), return_exceptions=True
        )
        good = fastdb.Batcher(pool, NUMBERS, "n")
        row = await good.fetch(3)
        await pool.close()
        return failures, row

    failures, row = _run(scenario())
    assert all(isinstance(f, asyncpg.PostgresError) for f in failures)
    assert row == {"n": 3, "twice": 6}


def test_a_look_up_that_stops_waiting_leaves_the_others_served(conns):
    async def scenario():
        pool = conns(1)
        slow = "SELECT n, pg_sleep(0.2)::text AS slept FROM generate_series(1, 10) AS n"
        batcher = fastdb.Batcher(pool, slow, "n")
        first = asyncio.create_task(batcher.fetch(1))
        await asyncio.sleep(0.05)  # the first batch is running; these wait for the next
        impatient = asyncio.create_task(asyncio.wait_for(batcher.fetch(2), 0.05))
        patient = asyncio.create_task(batcher.fetch(3))
        with pytest.raises(TimeoutError):
            await impatient
        rows = [await first, await patient]
        await asyncio.sleep(0.01)
        state = (pool.opened, len(pool.idle), len(batcher.runners))
        await pool.close()
        return rows, state

    rows, state = _run(scenario())
    assert [r["n"] for r in rows] == [1, 3]
    assert state == (1, 1, 0)
