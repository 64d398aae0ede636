"""The public verification's hot path, without the ORM: reads by key, and the scan log's
batched appends (SQLite executemany in a worker thread, PostgreSQL COPY).

Piccolo's SQLite engine opens a connection (and a thread) per query outside a transaction, and
building a query costs ~70 µs (performance.md): at thousands of look-ups a second that is most
of the time. Here SQLite reads through one kept, query-only connection per process (a unique
index look-up takes microseconds, so it runs on the event loop; WAL readers never wait for the
writer) and writes batches through a second connection in a worker thread. PostgreSQL uses a
few asyncpg connections of its own (``Connections``): Piccolo's pool resets each connection on
release, one more round trip per query, and asyncpg's pool costs as much CPU as the look-up
(measured: 387 µs a look-up through Piccolo's pool, 74 µs through a bare asyncpg pool, 33 µs
straight on a connection). Look-ups by serial that arrive together share one query
(``Batcher``): with two server processes that was 0.37–0.40 → 0.53–0.55 of the trivial
endpoint's throughput. They exist only inside the server (while Piccolo's pool runs); elsewhere
the ordinary path is used.
Dates come back from SQLite as ISO text (no type detection: callers parse the few they need).
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import threading
from collections import deque
from collections.abc import Awaitable, Callable
from functools import cache, partial
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


class Connections:
    """A fixed set of asyncpg connections handed out from a free list.

    asyncpg's pool costs ~40 µs of CPU per acquire and release (futures, shielding, timeouts:
    measured 74 µs a look-up through it, 33 µs straight on a connection), as much as the
    look-up itself. Here a free connection is taken from a list, a request that finds none
    waits in line, and a connection that fails is closed and replaced on the next use.
    """

    def __init__(self, url: str, size: int) -> None:
        self.url, self.size = url, size
        self.idle: list[Any] = []
        self.opened = 0
        self.waiting: deque[asyncio.Future[Any]] = deque()

    async def _take(self) -> Any:
        while True:
            if self.idle:
                return self.idle.pop()
            if self.opened < self.size:
                return await self._open()
            waiter = asyncio.get_running_loop().create_future()
            self.waiting.append(waiter)
            try:
                conn = await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled():  # handed one just as we left
                    self._hand_on(waiter.result())
                raise
            if conn is not None:
                return conn
            # None: a connection was dropped, so there is room to open one

    async def _open(self) -> Any:
        import asyncpg

        self.opened += 1
        try:
            return await asyncpg.connect(self.url)
        except BaseException:
            self.opened -= 1
            self._hand_on(None)
            raise

    def _hand_on(self, conn: Any) -> None:
        """Give a connection (or, with None, the room to open one) to the first request in
        line; a free connection nobody waits for goes back to the list."""
        while self.waiting:
            waiter = self.waiting.popleft()
            if not waiter.done():  # a request that gave up waiting is skipped
                waiter.set_result(conn)
                return
        if conn is not None:
            self.idle.append(conn)

    async def run(self, call: Callable[[Any], Awaitable[Any]]) -> Any:
        """``await call(connection)`` on a free connection."""
        import asyncpg

        conn = await self._take()
        try:
            result = await call(conn)
        except asyncpg.PostgresError:  # the server refused the statement: the link is fine
            self._hand_on(conn)
            raise
        except BaseException:
            # State unknown (cancelled mid-query, server gone): replace the connection.
            conn.terminate()
            self.opened -= 1
            self._hand_on(None)
            raise
        self._hand_on(conn)
        return result

    async def close(self) -> None:
        idle, self.idle = self.idle, []
        for conn in idle:
            await conn.close()


_pg: dict[str, Connections] = {}


def _pg_connections() -> Connections | None:
    """The hot path's own PostgreSQL connections, or None outside the server (no Piccolo
    pool: CLI, tests calling services), where the ordinary path is used."""
    found = _pg.get("conns")
    if found is not None:
        return found
    engine = db()
    if not isinstance(engine, PostgresEngine) or engine.pool is None:
        return None
    settings = get_settings()
    return _pg.setdefault(
        "conns", Connections(settings.database_url, settings.label_verify_connections)
    )


async def close() -> None:
    """Close the hot path's PostgreSQL connections (at shutdown)."""
    found = _pg.pop("conns", None)
    if found is not None:
        await found.close()


async def fetch_one(sql: str, *args: Any) -> dict[str, Any] | None:
    """The first row of ``sql`` (``?`` placeholders) as a dict, or None."""
    if _sqlite():
        rows = _connection("read").execute(sql, args).fetchall()
        return dict(rows[0]) if rows else None
    conns = _pg_connections()
    if conns is None:
        rows = await fetch(sql.replace("?", "{}"), *args)
        return rows[0] if rows else None
    numbered = _numbered(sql)
    record = await conns.run(lambda conn: conn.fetchrow(numbered, *args))
    return dict(record) if record is not None else None


async def _fetch_many(sql: str, values: list[Any], conn: Any) -> Any:
    return await conn.fetch(sql, values)


class Batcher:
    """Look-ups of one query by one column that arrive together share a round trip.

    A look-up waits for the next free runner (at most one per connection); a runner takes every
    value waiting and asks for them with ``column = ANY($1)``. Idle, a batch is one value and
    costs what a single query costs; under load, the values that queued while the connections
    were busy go in one statement, which saves PostgreSQL (and this process) a round trip, a
    statement execution and two context switches each.
    """

    def __init__(
        self, conns: Connections, select: str, column: str, key: str | None = None
    ) -> None:
        """``key``: the column's name in the rows, if not ``column`` itself (``l.serial``)."""
        self.conns, self.key = conns, key or column
        self.sql = f"{select} WHERE {column} = ANY($1)"
        self.waiting: dict[Any, list[asyncio.Future[dict[str, Any] | None]]] = {}
        self.runners: set[asyncio.Task[None]] = set()

    async def fetch(self, value: Any) -> dict[str, Any] | None:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[dict[str, Any] | None] = loop.create_future()
        self.waiting.setdefault(value, []).append(future)
        if len(self.runners) < self.conns.size:
            runner = loop.create_task(self._run())
            self.runners.add(runner)
            runner.add_done_callback(self.runners.discard)
        return await future

    async def _run(self) -> None:
        while self.waiting:
            batch, self.waiting = self.waiting, {}
            values = list(batch)
            try:
                records = await self.conns.run(partial(_fetch_many, self.sql, values))
            except BaseException as exc:
                failure = exc if isinstance(exc, Exception) else ConnectionError("查询被中断")
                for futures in batch.values():
                    for future in futures:
                        if not future.done():
                            future.set_exception(failure)
                if not isinstance(exc, Exception):
                    raise
                continue
            found = {record[self.key]: record for record in records}
            for value, futures in batch.items():
                record = found.get(value)
                for future in futures:
                    if not future.done():  # a look-up that gave up waiting is skipped
                        future.set_result(dict(record) if record is not None else None)


_batchers: dict[tuple[str, str], Batcher] = {}


async def fetch_one_by(
    select: str, column: str, value: Any, key: str | None = None
) -> dict[str, Any] | None:
    """``select`` (no WHERE) filtered on ``column = value``: the row as a dict, or None.
    ``key`` is the column's name in the rows (``column`` itself if not given). On PostgreSQL
    inside the server, look-ups that arrive together share one query."""
    conns = None if _sqlite() else _pg_connections()
    if conns is None:
        return await fetch_one(f"{select} WHERE {column} = ?", value)
    batcher = _batchers.get((select, column))
    if batcher is None or batcher.conns is not conns:
        batcher = _batchers[select, column] = Batcher(conns, select, column, key)
    return await batcher.fetch(value)


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
    """Append rows to ``table`` in one transaction: executemany on SQLite (in a worker thread)
    and COPY on PostgreSQL (one round trip, not one statement per row)."""
    if not rows:
        return
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608 (names are constants)
    if _sqlite():
        await asyncio.to_thread(_sqlite_insert, sql, rows)
        return
    conns = _pg_connections()
    if conns is None:  # outside the server: the ordinary path
        from seedreg.core.db import transaction

        async with transaction():
            for row in rows:
                await fetch(sql.replace("?", "{}"), *row)
        return
    await conns.run(
        lambda conn: conn.copy_records_to_table(table, records=rows, columns=list(columns))
    )
