"""The public verification's hot path, without the ORM: reads by key, and the scan log's
batched appends (SQLite executemany in a worker thread, PostgreSQL COPY).

Piccolo's SQLite engine opens a connection (and a thread) per query outside a transaction, and
building a query costs ~70 µs (performance.md): at thousands of look-ups a second that is most
of the time. Here SQLite reads through one kept, query-only connection per process (a unique
index look-up takes microseconds, so it runs on the event loop; WAL readers never wait for the
writer) and writes batches through a second connection in a worker thread. PostgreSQL uses a
small asyncpg pool of its own whose connections are not reset on release: asyncpg's default
reset is one more round trip per query, and these statements leave no session state behind
(measured: 387 µs a look-up through Piccolo's pool, about half without the reset). The pool
exists only inside the server (while Piccolo's pool runs); elsewhere the ordinary path is used.
Dates come back from SQLite as ISO text (no type detection: callers parse the few they need).
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
from functools import cache
from typing import Any

from piccolo.engine.postgres import PostgresEngine

from seedreg.core.db import SQLITE_BUSY_TIMEOUT_S, db, fetch, sqlite_path
from seedreg.settings import get_settings

_connections: dict[str, sqlite3.Connection] = {}
_write_lock = threading.Lock()


@cache
def _sqlite() -> bool:
    # The engine does not change while a process runs: decide once (engine_finder is ~20 µs).
    return get_settings().is_sqlite


def _connection(kind: str) -> sqlite3.Connection:
    conn = _connections.get(kind)
    if conn is None:
        import piccolo.engine.sqlite  # noqa: F401 - registers the date/time adapters used on writes

        conn = sqlite3.connect(
            sqlite_path(get_settings().database_url),
            timeout=SQLITE_BUSY_TIMEOUT_S,
            check_same_thread=False,
            isolation_level=None,  # autocommit reads see the latest commit; writes say BEGIN
        )
        if kind == "read":
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA query_only = ON")
        else:  # the scan log: a lost last second after a power cut is acceptable, a sync per
            conn.execute("PRAGMA synchronous = NORMAL")  # batch is not (WAL stays consistent)
        _connections[kind] = conn
    return conn


@cache
def _numbered(sql: str) -> str:
    """``?`` placeholders → PostgreSQL's ``$1, $2, …``."""
    counter = iter(range(1, 100_000))
    return re.sub(r"\?", lambda _: f"${next(counter)}", sql)


_pg: dict[str, Any] = {}


async def _no_reset(conn: Any) -> None:
    """Look-ups and plain INSERTs leave no session state to reset."""


async def _pool() -> Any:
    """The hot path's own asyncpg pool, or None outside the server (no Piccolo pool)."""
    engine = db()
    if not isinstance(engine, PostgresEngine) or engine.pool is None:
        return None
    if "pool" not in _pg:
        import asyncpg

        size = max(2, get_settings().pool_size // 2)
        pool = await asyncpg.create_pool(
            get_settings().database_url, min_size=1, max_size=size, reset=_no_reset
        )
        if "pool" in _pg:  # another request made one meanwhile
            await pool.close()
        else:
            _pg["pool"] = pool
    return _pg["pool"]


async def close() -> None:
    """Close the hot path's PostgreSQL pool (at shutdown)."""
    pool = _pg.pop("pool", None)
    if pool is not None:
        await pool.close()


async def fetch_one(sql: str, *args: Any) -> dict[str, Any] | None:
    """The first row of ``sql`` (``?`` placeholders) as a dict, or None."""
    if _sqlite():
        rows = _connection("read").execute(sql, args).fetchall()
        return dict(rows[0]) if rows else None
    pool = await _pool()
    if pool is None:  # no pool started (CLI, tests calling services): the ordinary path
        rows = await fetch(sql.replace("?", "{}"), *args)
        return rows[0] if rows else None
    async with pool.acquire() as conn:
        record = await conn.fetchrow(_numbered(sql), *args)
    return dict(record) if record is not None else None


def _sqlite_insert(sql: str, rows: list[tuple[Any, ...]]) -> None:
    with _write_lock:
        conn = _connection("write")
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany(sql, rows)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")


async def append_rows(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Append rows to ``table`` in one transaction: SQLite's executemany in a worker thread,
    PostgreSQL's COPY (one round trip for the batch instead of one statement per row)."""
    if not rows:
        return
    names = ", ".join(columns)
    sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in columns)})"  # noqa: S608 (names are constants)
    if _sqlite():
        await asyncio.to_thread(_sqlite_insert, sql, rows)
        return
    pool = await _pool()
    if pool is None:  # outside the server: the ordinary path
        from seedreg.core.db import transaction

        async with transaction():
            for row in rows:
                await fetch(sql.replace("?", "{}"), *row)
        return
    async with pool.acquire() as conn:
        await conn.copy_records_to_table(table, records=rows, columns=list(columns))
