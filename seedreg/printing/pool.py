"""The worker-process pool that renders label chunks, so both cores lay out PDFs and the server's
event loop stays free.

Processes are started with "spawn" (a fork of a running server would copy its event loop and
database connections). They are recycled here, after ``RECYCLE_AFTER_CHUNKS`` chunks per
process, rather than with ``max_tasks_per_child``: in CPython 3.11–3.13 that option deadlocks
once a worker retires with tasks still queued (gh-115634). WeasyPrint's memory also creeps
across documents even with ``gc.collect()`` (performance.md); a fresh process returns it.
At most ``IN_FLIGHT_PER_PROCESS`` chunks per process are queued at a time, and chunks given as
an async iterator are pulled only then, so a large job's contents are never all in memory.
"""

from __future__ import annotations

import asyncio
import ctypes
import multiprocessing
import threading
from collections.abc import AsyncGenerator, AsyncIterable, Awaitable, Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from functools import cache

from seedreg.labels.content import LabelContent

RECYCLE_AFTER_CHUNKS = 20
IN_FLIGHT_PER_PROCESS = 2

_pool: ProcessPoolExecutor | None = None
_pool_processes = 0
_pool_chunks = 0  # chunks handed to the current pool
_lock = threading.Lock()


def _warm_up() -> None:
    # Import WeasyPrint and load fontconfig before the first chunk arrives.
    from seedreg.core.pdf import check_pdf_support
    from seedreg.printing import layouts  # noqa: F401

    check_pdf_support()


def get_pool(processes: int | None = None) -> ProcessPoolExecutor:
    """The process-wide pool (created on first use with ``print_processes`` workers)."""
    global _pool, _pool_processes, _pool_chunks
    with _lock:
        if _pool is None:
            if processes is None:
                from seedreg.settings import get_settings

                processes = get_settings().print_processes
            _pool = ProcessPoolExecutor(
                max_workers=processes,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm_up,
            )
            _pool_processes, _pool_chunks = processes, 0
        return _pool


def shutdown_pool() -> None:
    """Stop the worker processes (app shutdown, end of a CLI run, recycling)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _render(contents: list[LabelContent], layout: str, colours: tuple[str, str]) -> bytes:
    from seedreg.printing.layouts import render_chunk

    try:
        return render_chunk(contents, layout, colours)
    finally:
        trim_heap()


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    return getattr(ctypes.CDLL(None), "malloc_trim", None)  # glibc only


def trim_heap() -> None:
    """Hand the heap a finished document freed back to the system: glibc keeps it otherwise,
    and a render process then sits ~40 MB above what the next chunk needs."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


async def _recycle_if_due() -> None:
    if _pool is not None and _pool_chunks >= RECYCLE_AFTER_CHUNKS * _pool_processes:
        await asyncio.to_thread(shutdown_pool)


async def _each(
    chunks: Iterable[list[LabelContent]] | AsyncIterable[list[LabelContent]],
) -> AsyncGenerator[list[LabelContent], None]:
    if isinstance(chunks, AsyncIterable):
        async for chunk in chunks:
            yield chunk
    else:
        for chunk in chunks:
            yield chunk


async def render_parallel(
    chunks: Iterable[list[LabelContent]] | AsyncIterable[list[LabelContent]],
    layout: str,
    colours: tuple[str, str],
    progress: Callable[[int], Awaitable[None]] | None = None,
    store: Callable[[int, bytes], Awaitable[None]] | None = None,
) -> list[bytes]:
    """Render ``chunks`` in the pool; returns their PDFs in order. ``progress(labels_done)`` is
    awaited after each chunk finishes. With ``store(index, pdf)`` each PDF is handed over as it
    finishes (in completion order) instead of being kept, and the list returned is empty.

    ``chunks`` may be an async iterator (a print job fetching its labels page by page): the
    next chunk is taken only when a process has room, so at most ``IN_FLIGHT_PER_PROCESS``
    chunks per process are held, whatever the size of the job."""
    global _pool_chunks
    loop = asyncio.get_running_loop()
    source = _each(chunks)
    results: dict[int, bytes] = {}
    running: dict[asyncio.Future[bytes], tuple[int, int]] = {}  # future: (index, labels)
    done = 0
    next_index = 0
    exhausted = False
    try:
        while not exhausted or running:
            pool = get_pool()
            window = IN_FLIGHT_PER_PROCESS * _pool_processes
            recycle_due = _pool_chunks >= RECYCLE_AFTER_CHUNKS * _pool_processes
            while not exhausted and len(running) < window and not recycle_due:
                chunk = await anext(source, None)
                if chunk is None:
                    exhausted = True
                    break
                future = loop.run_in_executor(pool, _render, chunk, layout, colours)
                running[future] = (next_index, len(chunk))
                del chunk  # the pool's work item holds it until it is rendered
                next_index += 1
                _pool_chunks += 1
                recycle_due = _pool_chunks >= RECYCLE_AFTER_CHUNKS * _pool_processes
            if running:
                finished, _ = await asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED)
                for future in finished:
                    index, labels = running.pop(future)
                    if store is None:
                        results[index] = future.result()
                    else:
                        await store(index, future.result())
                    done += labels
                    if progress is not None:
                        await progress(done)
            if not running:
                await _recycle_if_due()
    except BaseException:
        for future in running:
            future.cancel()
        raise
    finally:
        await source.aclose()
    return [results[i] for i in sorted(results)]
