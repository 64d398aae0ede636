"""Database engines for SQLite (embedded default) and PostgreSQL (production), one code path."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from piccolo.engine.base import Engine
from piccolo.engine.finder import engine_finder
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.querystring import QueryString

SQLITE_BUSY_TIMEOUT_S = 30


def sqlite_path(url: str) -> Path:
    """The file path of a ``sqlite:///…`` URL."""
    return Path(urlsplit(url).path if url.startswith("sqlite:////") else url[len("sqlite:///") :])


def engine_from_url(url: str) -> Engine[Any]:
    """Build the Piccolo engine for a database URL."""
    if url.startswith("sqlite:"):
        path = sqlite_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        _enable_wal(path)
        # A generous busy timeout: concurrent writers wait instead of failing.
        return SQLiteEngine(path=str(path), timeout=SQLITE_BUSY_TIMEOUT_S)
    return PostgresEngine(config={"dsn": url})


def _enable_wal(path: Path) -> None:
    # WAL is a property of the file: set once, readers then never block the writer.
    with sqlite3.connect(path, timeout=SQLITE_BUSY_TIMEOUT_S) as conn:
        conn.execute("PRAGMA journal_mode=WAL")


def db() -> Engine[Any]:
    """The configured engine."""
    engine = engine_finder()
    assert engine is not None, "PICCOLO_CONF did not provide an engine"
    return engine


def is_sqlite() -> bool:
    return isinstance(db(), SQLiteEngine)


def transaction() -> AbstractAsyncContextManager[Any]:
    """A write transaction. On SQLite it takes the write lock up front (BEGIN IMMEDIATE) so
    concurrent writers queue on the busy timeout instead of failing on lock upgrade."""
    engine = db()
    if isinstance(engine, SQLiteEngine):
        return engine.transaction(transaction_type=TransactionType.immediate)
    started: AbstractAsyncContextManager[Any] = engine.transaction()
    return started


async def start_pool(max_size: int) -> None:
    engine = db()
    if isinstance(engine, PostgresEngine):
        await engine.start_connection_pool(min_size=1, max_size=max_size)


async def close_pool() -> None:
    engine = db()
    if isinstance(engine, PostgresEngine):
        await engine.close_connection_pool()


async def fetch(sql: str, *args: Any) -> list[dict[str, Any]]:
    """Run raw SQL with ``{}`` placeholders (Piccolo's QueryString) inside the current
    transaction if there is one, and return rows as dicts on both engines."""
    rows = await db().run_querystring(QueryString(sql, *args))
    return [dict(row) for row in rows or []]
