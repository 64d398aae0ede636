"""Print jobs: an operator queues the labels of an issue (or a lot's range) in a layout; a worker
(seedreg.printing.worker) renders them in the background; the organisation and the officials of
its jurisdiction follow the progress and download the PDF."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

from seedreg.accounts.rules import Actor, Role, may_see_record
from seedreg.core import clock
from seedreg.core.audit.services import record
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.labels.content import LabelContent
from seedreg.printing.geometry import LAYOUTS
from seedreg.printing.layouts import chunk_size
from seedreg.printing.rules import JobStatus
from seedreg.printing.schemas import PrintJobCreate, PrintJobOut
from seedreg.printing.tables import PrintJob
from seedreg.settings import get_settings

NOT_FOUND = "未找到该打印任务"
MAX_LABEL_IDS = 5_000


def selection_of(data: PrintJobCreate) -> dict[str, Any]:
    """What the job prints, as stored in ``PrintJob.selection``."""
    if data.issue_id is not None:
        return {"issue_id": data.issue_id}
    if data.label_ids is not None:
        return {"label_ids": sorted(set(data.label_ids))}
    return {"lot_id": data.lot_id, "sequences": [data.first, data.last]}


async def _owner(selection: dict[str, Any]) -> dict[str, Any]:
    """(lot, organisation, division_code) of the labels selected; NotFound when none."""
    if "issue_id" in selection:
        rows = await fetch(
            "SELECT lot.id AS lot, lot.organisation, lot.division_code FROM label_issue i "
            "JOIN lot ON lot.id = i.lot WHERE i.id = {}",
            selection["issue_id"],
        )
    elif "lot_id" in selection:
        rows = await fetch(
            "SELECT id AS lot, organisation, division_code FROM lot WHERE id = {}",
            selection["lot_id"],
        )
    else:
        ids = selection["label_ids"]
        if not ids or len(ids) > MAX_LABEL_IDS:
            raise RuleViolation(f"按标签编号打印时一次 1 至 {MAX_LABEL_IDS} 张", field="label_ids")
        marks = ", ".join("{}" for _ in ids)
        sql = (
            "SELECT DISTINCT lot.id AS lot, lot.organisation, lot.division_code FROM label l "  # noqa: S608 (placeholders only)
            f"JOIN lot ON lot.id = l.lot WHERE l.id IN ({marks})"
        )
        rows = await fetch(sql, *ids)
        if len({r["organisation"] for r in rows}) > 1:
            raise RuleViolation("一次只能打印同一生产经营者的标签", field="label_ids")
        if len(rows) > 1:
            return {**rows[0], "lot": None}
    if not rows:
        raise NotFound("未找到要打印的标签")
    return rows[0]


def missing_report(contents: Sequence[LabelContent]) -> str | None:
    """Why the labels cannot be printed (empty mandatory items), or None."""
    tally = _Missing()
    tally.add(contents)
    return tally.report()


class _Missing:
    """Counts labels with empty mandatory items page by page, keeping only the first."""

    def __init__(self) -> None:
        self.labels = self.bad = 0
        self.first: tuple[str, list[str]] | None = None

    def add(self, page: Sequence[LabelContent]) -> None:
        self.labels += len(page)
        for content in page:
            if missing := content.missing():
                self.bad += 1
                self.first = self.first or (content.serial, missing)

    def report(self) -> str | None:
        if not self.labels:
            return "没有可打印的有效标签"
        if self.first is None:
            return None
        serial, missing = self.first
        more = f"等 {self.bad} 张标签" if self.bad > 1 else ""
        return f"标签 {serial}{more}缺少必填项：{'、'.join(missing)}，不能打印"


async def selected_ids(actor: Any, selection: dict[str, Any]) -> list[int]:
    """The ids of the selection's valid labels in print order (NotFound outside the actor's
    reach): small, unlike their contents (~3 KB each), which are fetched page by page."""
    from seedreg.labels.printable import ordered_label_ids

    if "issue_id" in selection:
        return await ordered_label_ids(actor, issue_id=selection["issue_id"])
    if "label_ids" in selection:
        return await ordered_label_ids(actor, label_ids=selection["label_ids"])
    first, last = selection["sequences"]
    return await ordered_label_ids(actor, lot_id=selection["lot_id"], sequences=(first, last))


async def content_pages(
    actor: Any, ids: Sequence[int], *, signed: bool = True
) -> AsyncIterator[list[LabelContent]]:
    """The LabelContent of ``ids`` one rendering chunk at a time, in order, each page fetched
    only when asked for. Labels voided since the ids were read are left out. ``signed=False``:
    no QR texts (checking the mandatory items needs none)."""
    from seedreg.labels.printable import label_contents

    size = chunk_size()
    for start in range(0, len(ids), size):
        yield await label_contents(actor, label_ids=ids[start : start + size], signed=signed)


async def check_selection(actor: Any, ids: Sequence[int]) -> tuple[int, str | None]:
    """(labels, why they cannot be printed or None) for the labels ``ids``, reading them a
    page at a time and keeping none: the whole selection is refused before anything is
    rendered if a single label has an empty mandatory item."""
    tally = _Missing()
    async for page in content_pages(actor, ids, signed=False):
        tally.add(page)
    return tally.labels, tally.report()


async def create_job(actor: Actor, data: PrintJobCreate) -> PrintJobOut:
    """Queue a print job. Only the organisation's operators print its labels; every label is
    checked for empty mandatory items first (RuleViolation naming them)."""
    if data.layout not in LAYOUTS:
        raise RuleViolation("未知的标签版式", field="layout")
    selection = selection_of(data)
    owner = await _owner(selection)
    if not may_see_record(
        actor, organisation_id=owner["organisation"], division_code=owner["division_code"]
    ):
        raise NotFound("未找到要打印的标签")
    if actor.role is not Role.OPERATOR:
        raise Forbidden("只有本单位的生产经营者可以打印标签")
    total, problem = await check_selection(actor, await selected_ids(actor, selection))
    if problem:
        raise RuleViolation(problem)
    async with transaction():
        row = (
            await PrintJob.insert(
                PrintJob(
                    public_id=secrets.token_urlsafe(12),
                    organisation=owner["organisation"],
                    lot=owner["lot"],
                    requested_by=actor.user_id,
                    layout=data.layout,
                    selection=selection,
                    total=total,
                    created_at=clock.now(),
                )
            ).returning(PrintJob.id)
        )[0]
        await record(
            actor,
            "print_job.create",
            "print_job",
            row["id"],
            after={"layout": data.layout, "selection": selection, "total": total},
        )
    from seedreg.printing import worker

    worker.wake()
    return await get_job(actor, await _public_id(row["id"]))


async def _public_id(job_id: int) -> str:
    rows = await fetch("SELECT public_id FROM print_job WHERE id = {}", job_id)
    return str(rows[0]["public_id"])


_SELECT = (
    "SELECT j.*, COALESCE(lot.division_code, o.division_code) AS division_code "
    "FROM print_job j JOIN organisation o ON o.id = j.organisation "
    "LEFT JOIN lot ON lot.id = j.lot "
)


async def load_job(actor: Actor, public_id: str) -> dict[str, Any]:
    """The job row if the actor may see it (its organisation, officials of the jurisdiction)."""
    rows = await fetch(f"{_SELECT} WHERE j.public_id = {{}}", public_id)
    if not rows or not may_see_record(
        actor, organisation_id=rows[0]["organisation"], division_code=rows[0]["division_code"]
    ):
        raise NotFound(NOT_FOUND)
    return rows[0]


def job_out(row: dict[str, Any]) -> PrintJobOut:
    total, done = row["total"] or 0, row["done"] or 0
    status = JobStatus(row["status"])
    finished = status is JobStatus.DONE
    base = f"/api/printing/jobs/{row['public_id']}"
    return PrintJobOut(
        public_id=row["public_id"],
        layout=row["layout"],
        layout_title=LAYOUTS[row["layout"]].title if row["layout"] in LAYOUTS else row["layout"],
        status=status,
        status_label=status.label,
        finished=finished,
        failed=status is JobStatus.FAILED,
        running=status is JobStatus.RUNNING,
        pending=status.pending,
        total=total,
        done=done,
        percent=100 if finished else (done * 100 // total if total else 0),
        error=row["error"] or "",
        output_size=row["output_size"] or 0,
        lot_id=row["lot"],
        organisation_id=row["organisation"],
        created_at=row["created_at"],
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        status_url=base,
        download_url=f"{base}/pdf" if finished else None,
    )


async def get_job(actor: Actor, public_id: str) -> PrintJobOut:
    return job_out(await load_job(actor, public_id))


async def list_jobs(actor: Actor, limit: int = 50) -> list[PrintJobOut]:
    """The latest jobs the actor may see: its organisation's, or its jurisdiction's."""
    if actor.role is Role.OPERATOR:
        rows = await fetch(
            f"{_SELECT} WHERE j.organisation = {{}} ORDER BY j.id DESC LIMIT {{}}",
            actor.organisation_id,
            limit,
        )
    else:
        rows = await fetch(f"{_SELECT} ORDER BY j.id DESC LIMIT {{}}", limit * 4)
        rows = [
            r
            for r in rows
            if may_see_record(
                actor, organisation_id=r["organisation"], division_code=r["division_code"]
            )
        ][:limit]
    return [job_out(r) for r in rows]


def output_path(name: str) -> Path:
    return get_settings().prints_path / name


async def job_file(actor: Actor, public_id: str) -> tuple[Path, str]:
    """(path, download name) of a finished job's PDF; NotFound for outsiders or unfinished."""
    row = await load_job(actor, public_id)
    path = output_path(row["output_name"]) if row["output_name"] else None
    if row["status"] != JobStatus.DONE or path is None or not path.is_file():
        raise NotFound("该打印任务还没有可下载的文件")
    return path, f"labels-{public_id}.pdf"
