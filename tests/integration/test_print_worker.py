"""Print jobs against the real database: queueing checks access and mandatory items; a claimed
job renders in the process pool with progress per chunk up to the total and one stored PDF;
a large job holds only a few chunks of label contents at a time and is still refused before
any output for one bad label; concurrent workers never claim the same job; a job whose worker
died is requeued and finished.

The live test server (when running) has its own print worker polling the same queue, so these
tests never assume which worker takes a queued job, only that exactly one does.
"""

from __future__ import annotations

import asyncio
import secrets
import weakref
from datetime import timedelta

import pypdfium2 as pdfium
import pytest

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit.services import SYSTEM
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.labels import printable
from seedreg.labels.tables import Label
from seedreg.printing import layouts, pool, services, worker
from seedreg.printing.pool import shutdown_pool
from seedreg.printing.schemas import PrintJobCreate
from seedreg.printing.tables import PrintJob
from seedreg.settings import get_settings
from tests.factories import actor_named
from tests.pdfread import pdf_text, squash
from tests.printkit import make_issue


@pytest.fixture
async def alice(personas) -> Actor:
    return await actor_named("alice")


@pytest.fixture(scope="module", autouse=True)
def _stop_pool():
    yield
    shutdown_pool()


async def job_row(public_id: str) -> dict:
    return await PrintJob.select().where(PrintJob.public_id == public_id).first()


async def insert_job(organisation_id: int, selection: dict, **fields: object) -> int:
    rows = await PrintJob.insert(
        PrintJob(
            public_id=secrets.token_urlsafe(12),
            organisation=organisation_id,
            layout="a4_8up",
            selection=selection,
            created_at=clock.now(),
            **fields,
        )
    ).returning(PrintJob.id)
    return rows[0]["id"]


async def test_job_renders_with_progress_to_the_total(alice, monkeypatch):
    made = await make_issue(alice.organisation_id, 20)
    job = await services.create_job(
        alice, PrintJobCreate(layout="a4_8up", issue_id=made["issue_id"])
    )
    # the server's own worker may claim a queued job at once: only the total is certain here
    assert job.total == 20
    assert job.download_url is None
    # render a job of the same selection that is already ours, so no other worker can take it
    row, me = await running_job(alice.organisation_id, {"issue_id": made["issue_id"]})
    job = await services.get_job(alice, row["public_id"])
    monkeypatch.setattr(layouts, "CHUNK_LABELS", 8)  # 3 chunks: progress 8, 16, 20
    seen: list[int] = []
    real = pool.render_parallel

    async def spy(chunks, layout, colours, progress=None, store=None):
        async def recording(done: int) -> None:
            await progress(done)
            seen.append((await job_row(job.public_id))["done"])

        return await real(chunks, layout, colours, recording, store)

    monkeypatch.setattr(pool, "render_parallel", spy)
    assert await worker.run_job(row, me) == "done"
    assert len(seen) == 3
    assert seen == sorted(seen)
    assert seen[-1] == 20
    out = await services.get_job(alice, job.public_id)
    assert (out.status, out.done, out.total, out.percent) == ("done", 20, 20, 100)
    assert out.download_url == f"/api/printing/jobs/{job.public_id}/pdf"
    path, _ = await services.job_file(alice, job.public_id)
    data = path.read_bytes()
    assert out.output_size == len(data)
    text = squash(pdf_text(data))
    for serial in made["serials"]:
        assert f"信息代码：{serial}" in text
    assert len(pdfium.PdfDocument(data)) == 3  # 20 labels on 8-up sheets


async def running_job(organisation_id: int, selection: dict) -> tuple[dict, str]:
    """A job already running under a new worker id (so no other worker takes it)."""
    me = worker.new_worker_id()
    job_id = await insert_job(
        organisation_id, selection, status="running", worker=me, heartbeat_at=clock.now()
    )
    return await PrintJob.select().where(PrintJob.id == job_id).first(), me


class ContentCounter:
    """Wraps the labels package's content building and fetching: how many LabelContent objects
    are alive at most (weak references), and the size of every page fetched."""

    def __init__(self, monkeypatch) -> None:
        self.live: weakref.WeakSet = weakref.WeakSet()
        self.peak = 0
        self.pages: list[int] = []
        build, fetch = printable.build_content, printable.label_contents

        def counting_build(*args, **kwargs):
            content = build(*args, **kwargs)
            self.live.add(content)
            self.peak = max(self.peak, len(self.live))
            return content

        async def recording_fetch(actor, issue_id=None, label_ids=None, **kwargs):
            self.pages.append(len(label_ids) if label_ids is not None else -1)
            return await fetch(actor, issue_id, label_ids, **kwargs)

        monkeypatch.setattr(printable, "build_content", counting_build)
        monkeypatch.setattr(printable, "label_contents", recording_fetch)


async def test_a_large_job_holds_a_few_chunks_of_contents_at_a_time(alice, monkeypatch):
    monkeypatch.setattr(layouts, "CHUNK_LABELS", 8)  # 120 labels: 15 chunks
    made = await make_issue(alice.organisation_id, 120)
    row, me = await running_job(alice.organisation_id, {"issue_id": made["issue_id"]})
    expected = layouts.render_labels(
        await printable.label_contents(SYSTEM, issue_id=made["issue_id"]), "a4_8up"
    )
    counter = ContentCounter(monkeypatch)
    assert await worker.run_job(row, me) == "done"
    # checked, then rendered, a chunk-sized page at a time; never the whole job in memory
    assert counter.pages == [8] * 30
    window = pool.IN_FLIGHT_PER_PROCESS * get_settings().print_processes
    assert 8 <= counter.peak <= (window + 2) * 8 < 120
    row = await PrintJob.select().where(PrintJob.id == row["id"]).first()
    assert (row["status"], row["done"], row["total"]) == ("done", 120, 120)
    data = services.output_path(row["output_name"]).read_bytes()
    assert data == expected  # same labels, same order, same chunks


async def test_a_large_job_is_refused_before_any_output_for_one_bad_label(alice, monkeypatch):
    monkeypatch.setattr(layouts, "CHUNK_LABELS", 8)
    good = await make_issue(alice.organisation_id, 40)
    bad = await make_issue(alice.organisation_id, 1, phone="")
    # the bad label sorts last: its page is the sixth and last
    await Label.update({Label.sequence: 999}).where(Label.id == bad["label_ids"][0])
    ids = sorted(good["label_ids"] + bad["label_ids"])
    row, me = await running_job(alice.organisation_id, {"label_ids": ids})
    counter = ContentCounter(monkeypatch)
    rendering: list[object] = []

    async def no_rendering(*args, **kwargs):
        rendering.append(args)
        raise AssertionError("rendering started")

    monkeypatch.setattr(pool, "render_parallel", no_rendering)
    assert await worker.run_job(row, me) == "failed"
    assert rendering == []
    assert counter.pages == [8] * 5 + [1]
    assert counter.peak <= 16
    row = await PrintJob.select().where(PrintJob.id == row["id"]).first()
    assert row["status"] == "failed"
    assert f"标签 {bad['serials'][0]}缺少必填项：联系电话" in row["error"]
    assert row["output_name"] == ""
    pdf = services.output_path(f"{row['public_id']}.pdf")
    assert not pdf.exists()
    assert not pdf.with_suffix(".part").exists()


async def test_queueing_checks_access_and_mandatory_items(alice, personas):
    bob = await actor_named("bob")
    officer = await actor_named("officer_wlht")
    made = await make_issue(alice.organisation_id, 2)
    with pytest.raises(NotFound):
        await services.create_job(bob, PrintJobCreate(layout="a4_8up", issue_id=made["issue_id"]))
    with pytest.raises(Forbidden):  # sees the labels, but printing is the operator's
        await services.create_job(
            officer, PrintJobCreate(layout="a4_8up", issue_id=made["issue_id"])
        )
    with pytest.raises(RuleViolation, match="未知的标签版式"):
        await services.create_job(alice, PrintJobCreate(layout="a3", issue_id=made["issue_id"]))
    broken = await make_issue(alice.organisation_id, 2, phone="", quarantine_number="")
    with pytest.raises(RuleViolation, match="检疫证书编号、联系电话"):
        await services.create_job(
            alice, PrintJobCreate(layout="a4_8up", issue_id=broken["issue_id"])
        )


async def test_worker_refuses_labels_that_lost_a_mandatory_item(alice):
    broken = await make_issue(alice.organisation_id, 3, producer="")
    row, me = await running_job(alice.organisation_id, {"issue_id": broken["issue_id"]})
    job_id = row["id"]
    assert await worker.run_job(row, me) == "failed"
    row = await PrintJob.select().where(PrintJob.id == job_id).first()
    assert row["status"] == "failed"
    assert "生产经营者" in row["error"]
    assert "不能打印" in row["error"]


async def test_two_workers_never_claim_the_same_job(alice):
    made = await make_issue(alice.organisation_id, 1)
    mine = {
        await insert_job(alice.organisation_id, {"issue_id": made["issue_id"]}) for _ in range(8)
    }
    workers = ["claim-test-a", "claim-test-b"]

    async def drain(worker_id: str) -> list[int]:
        taken = []
        while (job := await worker.claim(worker_id)) is not None:
            taken.append(job["id"])
        return taken

    results = await asyncio.gather(*(drain(w) for w in workers))
    claimed = [job_id for taken in results for job_id in taken]
    assert len(claimed) == len(set(claimed)), "a job was claimed twice"
    rows = await PrintJob.select().where(PrintJob.id.is_in(list(mine)))
    for row in rows:
        by_me = [w for w, taken in zip(workers, results, strict=True) if row["id"] in taken]
        if by_me:
            assert row["status"] == "running"
            assert row["worker"] == by_me[0]
        else:  # only the live server's worker may have taken it, and may have finished it since
            assert row["status"] in ("running", "done")
            assert row["worker"] not in workers
            assert row["worker"]
    # put my claims back to failed so that nobody renders them
    await PrintJob.update({PrintJob.status: "failed"}).where(PrintJob.id.is_in(claimed))


async def test_orphaned_job_is_requeued_and_finished(alice):
    made = await make_issue(alice.organisation_id, 3)
    long_ago = clock.now() - worker.STALE_AFTER - timedelta(minutes=1)
    fresh = clock.now()
    orphan = await insert_job(
        alice.organisation_id,
        {"issue_id": made["issue_id"]},
        status="running",
        worker="dead-host:1:abc",
        started_at=long_ago,
        heartbeat_at=long_ago,
        total=3,
        done=1,
    )
    alive = await insert_job(
        alice.organisation_id,
        {"issue_id": made["issue_id"]},
        status="running",
        worker="busy-host:2:def",
        started_at=fresh,
        heartbeat_at=fresh,
    )
    await worker.requeue_stale()
    row = await PrintJob.select().where(PrintJob.id == orphan).first()
    assert row["worker"] != "dead-host:1:abc"  # requeued (and perhaps claimed again already)
    assert row["status"] in ("queued", "running", "done")
    still = await PrintJob.select().where(PrintJob.id == alive).first()
    assert (still["status"], still["worker"]) == ("running", "busy-host:2:def")
    # the requeued job is finished by some worker: this one, or the server's
    for _ in range(120):
        row = await PrintJob.select().where(PrintJob.id == orphan).first()
        if row["status"] in ("done", "failed"):
            break
        if row["status"] == "queued":
            await worker.run_once()
        else:
            await asyncio.sleep(0.5)
    assert (row["status"], row["done"], row["total"]) == ("done", 3, 3), row["error"]
    await PrintJob.update({PrintJob.status: "failed"}).where(PrintJob.id == alive)


async def test_a_slow_worker_cannot_overwrite_a_job_taken_over(alice):
    made = await make_issue(alice.organisation_id, 1)
    job_id = await insert_job(
        alice.organisation_id,
        {"issue_id": made["issue_id"]},
        status="running",
        worker="new-owner:1:aaa",
        heartbeat_at=clock.now(),
    )
    with pytest.raises(worker.JobLost):
        await worker._mine(job_id, "old-owner:2:bbb", {PrintJob.done: 1})
    row = await PrintJob.select().where(PrintJob.id == job_id).first()
    assert (row["worker"], row["done"]) == ("new-owner:1:aaa", 0)
    await PrintJob.update({PrintJob.status: "failed"}).where(PrintJob.id == job_id)
