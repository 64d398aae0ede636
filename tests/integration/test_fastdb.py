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
