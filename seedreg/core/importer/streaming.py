"""Rows of an upload as batches for async code: one reader thread parses the sheet (calamine's
objects stay on the thread that made them) and hands batches through a small bounded queue,
so at most a few batches are in memory however long the file, and the event loop never
blocks on parsing."""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import AsyncIterator
from typing import Any

from seedreg.core.importer.declaration import Importer, ParsedRow
from seedreg.core.importer.reading import iter_rows

BATCH = 1000
AHEAD = 4  # batches parsed ahead of the consumer
_DONE = object()


def _produce(
    importer: Importer, content: bytes, filename: str, out: queue.Queue[Any], stop: threading.Event
) -> None:
    def put(item: Any) -> None:
        while not stop.is_set():
            try:
                out.put(item, timeout=0.2)
                return
            except queue.Full:
                continue

    try:
        headers, rows = iter_rows(importer, content, filename)
        put((headers, []))  # the header is right: the consumer learns it before any row
        batch: list[ParsedRow] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                put((headers, batch))
                batch = []
        put((headers, batch))
        put(_DONE)
    except Exception as exc:  # handed to the consumer, raised there
        put(exc)


async def batches(
    importer: Importer, content: bytes, filename: str
) -> AsyncIterator[tuple[list[str], list[ParsedRow]]]:
    """(headers, a batch of parsed rows), in the sheet's order; the reader's refusal (a
    RuleViolation: not an xlsx, missing column, too many rows) is raised here."""
    out: queue.Queue[Any] = queue.Queue(maxsize=AHEAD)
    stop = threading.Event()
    reader = threading.Thread(
        target=_produce, args=(importer, content, filename, out, stop), daemon=True
    )
    reader.start()
    try:
        while True:
            item = await asyncio.to_thread(out.get)
            if item is _DONE:
                return
            if isinstance(item, Exception):
                raise item
            yield item
    finally:
        stop.set()
