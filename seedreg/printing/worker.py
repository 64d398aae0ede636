"""The print-job worker: claims queued jobs atomically, renders them in the process pool, stores
one PDF under ``prints_path``, and requeues jobs whose worker stopped sending heartbeats.

Runs as a background task in every server process (``run_print_worker``) and as
``python -m seedreg print-worker``. A claim is one conditional UPDATE (``status = 'queued'`` →
``running``), so two processes never take the same job on SQLite or PostgreSQL; every later
write names the worker, so a job requeued from under a worker that was only slow is not
overwritten by it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import anyio.to_thread

from seedreg.core import clock
from seedreg.core.audit.services import SYSTEM, record
from seedreg.core.db import transaction
from seedreg.core.errors import DomainError
from seedreg.printing.layouts import render_to_stream
from seedreg.printing.rules import JobStatus
from seedreg.printing.services import check_selection, content_pages, output_path, selected_ids
from seedreg.printing.tables import PrintJob
from seedreg.settings import get_settings

log = logging.getLogger("seedreg.printing")
POLL_SECONDS = 2.0
HEARTBEAT_SECONDS = 20.0
# A running job without a heartbeat for this long is taken to be orphaned (its process died).
STALE_AFTER = timedelta(minutes=3)

_wake: asyncio.Event | None = None


class JobLost(Exception):
    """The job was requeued and claimed elsewhere while this worker held it."""


def new_worker_id() -> str:
    return f"{socket.gethostname()[:20]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def wake() -> None:
    """Tell this process's worker loop that a job was queued (no wait for the next poll)."""
    if _wake is not None:
        _wake.set()


async def requeue_stale(now: datetime | None = None) -> int:
    """Put running jobs whose heartbeat is older than ``STALE_AFTER`` back in the queue."""
    cutoff = (now or clock.now()) - STALE_AFTER
    rows = await (
        PrintJob.update({PrintJob.status: JobStatus.QUEUED, PrintJob.worker: "", PrintJob.done: 0})
        .where((PrintJob.status == JobStatus.RUNNING) & (PrintJob.heartbeat_at < cutoff))
        .returning(PrintJob.id)
    )
    for row in rows:
        log.warning("print job %s requeued: no heartbeat since %s", row["id"], cutoff)
    return len(rows)


async def claim(worker_id: str) -> dict[str, Any] | None:
    """Take the oldest queued job for ``worker_id``; None when the queue is empty.

    The UPDATE re-checks ``status = 'queued'`` on the row itself: on PostgreSQL a second
    worker blocks on the row lock and then finds the status changed; SQLite runs one writer
    at a time. The loser tries the next candidate.
    """
    for _ in range(5):
        candidates = await (
            PrintJob.select(PrintJob.id)
            .where(PrintJob.status == JobStatus.QUEUED)
            .order_by(PrintJob.id)
            .limit(5)
        )
        if not candidates:
            return None
        for candidate in candidates:
            now = clock.now()
            rows = await (
                PrintJob.update(
                    {
                        PrintJob.status: JobStatus.RUNNING,
                        PrintJob.worker: worker_id,
                        PrintJob.started_at: now,
                        PrintJob.heartbeat_at: now,
                        PrintJob.done: 0,
                        PrintJob.error: "",
                    }
                )
                .where((PrintJob.id == candidate["id"]) & (PrintJob.status == JobStatus.QUEUED))
                .returning(*PrintJob.all_columns())
            )
            if rows:
                return rows[0]
    return None


async def _mine(job_id: int, worker_id: str, values: dict[Any, Any]) -> None:
    rows = await (
        PrintJob.update({**values, PrintJob.heartbeat_at: clock.now()})
        .where(
            (PrintJob.id == job_id)
            & (PrintJob.worker == worker_id)
            & (PrintJob.status == JobStatus.RUNNING)
        )
        .returning(PrintJob.id)
    )
    if not rows:
        raise JobLost(job_id)


async def _heartbeat(job_id: int, worker_id: str) -> None:
    while True:
        await asyncio.sleep(HEARTBEAT_SECONDS)
        await _mine(job_id, worker_id, {})


async def _finish(job: dict[str, Any], worker_id: str, values: dict[Any, Any]) -> None:
    failed = values.get(PrintJob.status) == JobStatus.FAILED
    async with transaction():
        await _mine(job["id"], worker_id, {**values, PrintJob.finished_at: clock.now()})
        await record(
            SYSTEM,
            "print_job.failed" if failed else "print_job.done",
            "print_job",
            job["id"],
            after={
                "error": values.get(PrintJob.error, ""),
                "size": values.get(PrintJob.output_size, 0),
            },
        )


async def _render_file(pages: Any, layout: str, path: Path, progress: Any) -> int:
    """Render into ``<name>.part`` and rename: a download never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    try:
        with tmp.open("wb") as stream:
            await render_to_stream(pages, layout, stream, progress)
            size = stream.tell()
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return size


async def run_job(job: dict[str, Any], worker_id: str) -> str:
    """Render a claimed job; returns its final status ("done" / "failed" / "lost").

    Memory stays flat whatever the size of the job: only the label ids of the selection are
    read at once; a first pass reads the contents a page at a time to refuse the job before
    any output if one label has an empty mandatory item, and the rendering fetches each page
    again just before the pool has room for it."""
    beat = asyncio.create_task(_heartbeat(job["id"], worker_id))
    try:
        selection = job["selection"]
        if isinstance(selection, str):
            import json

            selection = json.loads(selection)
        ids = await selected_ids(SYSTEM, selection)
        total, problem = await check_selection(SYSTEM, ids)
        if problem:
            await _finish(
                job, worker_id, {PrintJob.status: JobStatus.FAILED, PrintJob.error: problem}
            )
            return "failed"
        await _mine(job["id"], worker_id, {PrintJob.total: total, PrintJob.done: 0})
        rendered = 0

        async def progress(done: int) -> None:
            nonlocal rendered
            rendered = done
            await _mine(job["id"], worker_id, {PrintJob.done: done})

        name = f"{job['public_id']}.pdf"
        pages = content_pages(SYSTEM, ids)
        size = await _render_file(pages, job["layout"], output_path(name), progress)
        await _finish(
            job,
            worker_id,
            {
                PrintJob.status: JobStatus.DONE,
                # less than checked only if labels were voided meanwhile: they are left out
                PrintJob.total: rendered,
                PrintJob.done: rendered,
                PrintJob.output_name: name,
                PrintJob.output_size: size,
            },
        )
        return "done"
    except JobLost:
        log.warning("print job %s was taken over by another worker", job["id"])
        return "lost"
    except Exception as exc:
        log.exception("print job %s failed", job["id"])
        message = exc.message if isinstance(exc, DomainError) else "生成 PDF 时出错，请稍后重试"
        try:
            await _finish(
                job, worker_id, {PrintJob.status: JobStatus.FAILED, PrintJob.error: message}
            )
        except JobLost:
            return "lost"
        return "failed"
    finally:
        beat.cancel()


async def run_once(worker_id: str | None = None) -> str | None:
    """Requeue orphans, then run at most one job. Returns its outcome, None if none queued."""
    worker_id = worker_id or new_worker_id()
    await requeue_stale()
    job = await claim(worker_id)
    if job is None:
        return None
    return await run_job(job, worker_id)


async def run_forever(worker_id: str | None = None) -> None:
    """The worker loop: one job at a time per process (each job uses every pool process)."""
    global _wake
    _wake = asyncio.Event()
    worker_id = worker_id or new_worker_id()
    log.info("print worker %s started (%s processes)", worker_id, get_settings().print_processes)
    while True:
        try:
            outcome = await run_once(worker_id)
        except Exception:  # keep serving; the next poll tries again
            log.exception("print worker loop failed")
            outcome = None
        if outcome is None:
            _wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(_wake.wait(), POLL_SECONDS)


def start() -> asyncio.Task[None]:
    """Start the worker loop in the running event loop (the app's lifespan)."""
    return asyncio.create_task(run_forever(), name="print-worker")


async def stop(task: asyncio.Task[None]) -> None:
    """Cancel the loop and stop the render processes (a running job is requeued later)."""
    from seedreg.printing.pool import shutdown_pool

    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    await anyio.to_thread.run_sync(shutdown_pool)
