"""Benchmark: label PDFs and public label verification. Prints figures and ratios; not a test.
Run by `make bench`.

    python -m tests.benchmarks.bench_labels --pdf      # ReportLab baseline vs seedreg's pipeline
    python -m tests.benchmarks.bench_labels --pdf --big --only job  # print jobs up to 30,000
    python -m tests.benchmarks.bench_labels --verify   # wrk against /api/health and verification

--pdf (no database): 1. a ReportLab canvas draws the same label fields 8-up on A4 in one
process (the baseline); 2. seedreg's pipeline (``render_labels_async``: chunks rendered by
WeasyPrint in the worker-process pool, merged with pypdf) for 1,000 and 10,000 labels; 3. a real
print job of as many labels (``worker.run_job`` on a temporary database: ids read at once, contents
fetched page by page, the PDF written to a file), with ``--big`` also of 30,000. Each case runs
in a fresh process; a sampler records the peak RSS of the main process, of the largest render
process and of all of them together (RSS and PSS). Also: MB per 100 labels, and that every font
in the output is embedded and subset.

--verify: loads 1,000,000 issued labels (sqlite3 executemany / PostgreSQL COPY), starts the
server with 1 and then 2 workers and runs wrk (50 connections, one thread; after a warm-up of
both, three alternating rounds of 10 s each, the median reported) against
/api/health and against /api/public/labels/{serial} with random existing serials. Uses
SEEDREG_TEST_POSTGRES_URL when set (scripts/with_postgres.py sets it), else a temporary SQLite
file.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SUBSET = re.compile(r"^[A-Z]{6}\+")

# ---------------------------------------------------------------------------------------------
# PDF cases (each in its own process)
# ---------------------------------------------------------------------------------------------


class PeakRss:
    """Samples the memory of this process and its children every 0.2 s (psutil): peak RSS of
    the main process, of the largest child, the peak sum of RSS (counts shared libraries and
    the memory-mapped CJK font once per process) and the peak sum of PSS (shares them out)."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.main = self.worker = self.total = self.total_pss = self.main_pss = 0
        self.children: set[int] = set()  # render processes seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil

        rss, pss = [], []
        children = self.me.children(recursive=True)
        for child in children:  # a just-forked child still shows this process's command
            if child.pid not in self.children:
                with contextlib.suppress(psutil.Error):
                    if "spawn_main" in " ".join(child.cmdline()):
                        self.children.add(child.pid)
        for proc in [self.me, *children]:
            with contextlib.suppress(psutil.Error):
                info = proc.memory_full_info()
                rss.append(info.rss)
                pss.append(info.pss)
        if not rss:
            return
        self.main = max(self.main, rss[0])
        self.main_pss = max(self.main_pss, pss[0])
        self.worker = max(self.worker, *rss[1:], 0)
        self.total = max(self.total, sum(rss))
        self.total_pss = max(self.total_pss, sum(pss))

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(0.2)

    def __enter__(self) -> PeakRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def font_check(pdf: bytes) -> tuple[int, int]:
    """(fonts, fonts embedded and subset) over every font descriptor, label faces included."""
    from tests.pdfread import fonts

    found = fonts(pdf)
    return len(found), sum(embedded and bool(SUBSET.match(name)) for name, embedded in found)


def reportlab_pdf(contents: list) -> bytes:
    """The same fields, drawn with ReportLab's canvas 8-up on A4 (one process)."""
    from reportlab.lib.units import mm
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    from seedreg.core.qr import qr_png_uri
    from seedreg.printing import geometry, sheets

    # Noto CJK is CFF-based OpenType, which ReportLab cannot embed; its built-in CID font is
    # the usual ReportLab way (not embedded: the viewer supplies it, so sizes are not comparable).
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    spec = geometry.LAYOUTS["a4_8up"]
    size = geometry.LABEL_SIZES["100x70"]
    regions = geometry.REGIONS["100x70"]
    tops = geometry.region_tops("100x70")
    line = size.font_pt * geometry.LINE_HEIGHT
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(210 * mm, 297 * mm))
    for start in range(0, len(contents), 8):
        for (left, top), content in zip(spec.positions, contents[start : start + 8], strict=False):
            x0, y0 = left * mm, (297 - top) * mm  # label's top-left, PDF y grows upward
            c.setFillColorRGB(*((0.89, 0.95, 0.88) if content.improved else (1, 1, 1)))
            c.rect(x0, y0 - 70 * mm, 100 * mm, 70 * mm, stroke=0, fill=1)
            c.setFillColorRGB(0, 0, 0)
            c.setFont("STSong-Light", size.title_pt)
            c.drawString(x0 + size.padding * mm, y0 - size.padding * mm - 9, sheets.TITLE)
            png = qr_png_uri(content.qr_text).split(",", 1)[1]
            import base64

            qr_x = x0 + (100 - size.padding - size.qr_mm) * mm
            c.drawImage(
                ImageReader(io.BytesIO(base64.b64decode(png))),
                qr_x,
                y0 - (size.padding + size.qr_mm) * mm,
                size.qr_mm * mm,
                size.qr_mm * mm,
            )
            c.setFont("STSong-Light", size.font_pt)
            under = y0 - (size.padding + size.qr_mm + 0.3) * mm - size.font_pt
            c.drawCentredString(
                qr_x + size.qr_mm * mm / 2, under, sheets.version_caption(content.version)
            )
            c.drawCentredString(qr_x + size.qr_mm * mm / 2, under - line, content.serial)
            for region, region_top in zip(regions, tops, strict=True):
                y = y0 - region_top * mm - size.font_pt
                text = sheets.region_text(content, region, "100x70")
                for row in text.split("\n"):
                    parts = row.split("\t")
                    c.drawString(x0 + size.padding * mm, y, parts[0])
                    if len(parts) > 1:
                        c.drawString(x0 + (size.padding + region.tab) * mm, y, parts[1])
                    y -= line
        segments = geometry.cut_mark_segments(spec)
        c.setLineWidth(geometry.CUT_MARK_WIDTH * mm)
        for x1, y1, x2, y2 in segments:
            c.line(x1 * mm, (297 - y1) * mm, x2 * mm, (297 - y2) * mm)
        c.showPage()
    c.save()
    return out.getvalue()


async def _seedreg_pdf(contents: list, warm: bool) -> tuple[bytes, float]:
    from seedreg.printing import layouts, pool

    if warm:  # the server's worker keeps its pool: measure the steady state too
        executor = pool.get_pool()
        await asyncio.gather(
            *(asyncio.get_running_loop().run_in_executor(executor, pool._warm_up) for _ in range(2))
        )
    started = time.perf_counter()
    pdf = await layouts.render_labels_async(contents, "a4_8up")
    elapsed = time.perf_counter() - started
    await asyncio.to_thread(pool.shutdown_pool)
    return pdf, elapsed


async def _print_job(issue_id: int) -> tuple[Path, float]:
    """One print job of the issue's labels through ``worker.run_job`` (pool warmed first, as a
    server's worker keeps it); returns the stored PDF's path and the job's seconds."""
    from seedreg.core import clock
    from seedreg.core.db import fetch
    from seedreg.printing import pool, worker
    from seedreg.printing.services import output_path
    from seedreg.printing.tables import PrintJob

    executor = pool.get_pool()
    await asyncio.gather(
        *(asyncio.get_running_loop().run_in_executor(executor, pool._warm_up) for _ in range(2))
    )
    owner = await fetch(
        "SELECT lot.organisation FROM label_issue i JOIN lot ON lot.id = i.lot WHERE i.id = {}",
        issue_id,
    )
    await PrintJob.insert(
        PrintJob(
            public_id=f"bench{issue_id}{time.time_ns()}"[:24],
            organisation=owner[0]["organisation"],
            layout="a4_8up",
            selection={"issue_id": issue_id},
            created_at=clock.now(),
        )
    )
    job = await worker.claim("bench")
    started = time.perf_counter()
    status = await worker.run_job(job, "bench")
    elapsed = time.perf_counter() - started
    row = await PrintJob.select().where(PrintJob.id == job["id"]).first()
    await asyncio.to_thread(pool.shutdown_pool)
    if status != "done":
        raise SystemExit(f"print job {status}: {row['error']}")
    return output_path(row["output_name"]), elapsed


def run_case(case: str, n: int, issue_id: int | None = None) -> dict:
    if case == "job":
        contents: list = []
    else:
        from seedreg.printing.samples import fake_contents

        contents = fake_contents(n)
    with PeakRss() as peak:
        if case == "reportlab":
            started = time.perf_counter()
            pdf = reportlab_pdf(contents)
            elapsed = time.perf_counter() - started
        elif case == "job":
            path, elapsed = asyncio.run(_print_job(issue_id))
        else:
            pdf, elapsed = asyncio.run(_seedreg_pdf(contents, warm=case == "seedreg-warm"))
    if case == "job":
        pdf = path.read_bytes()
        path.unlink()
    fonts, good = font_check(pdf)
    return {
        "case": case,
        "labels": n,
        "seconds": elapsed,
        "rate": n / elapsed,
        "mb_per_100": len(pdf) / 1e6 / n * 100,
        "bytes": len(pdf),
        "fonts": fonts,
        "fonts_embedded_subset": good,
        "peak_main_mb": peak.main / 2**20,
        "peak_worker_mb": peak.worker / 2**20,
        "peak_total_mb": peak.total / 2**20,
        "peak_total_pss_mb": peak.total_pss / 2**20,
        "peak_main_pss_mb": peak.main_pss / 2**20,
        "render_processes": len(peak.children),
        "maxrss_self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "maxrss_children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _case_in_subprocess(
    case: str, n: int, env: dict[str, str] | None = None, issue_id: int | None = None
) -> dict:
    args = [sys.executable, "-m", "tests.benchmarks.bench_labels", "--case", case, "--n", str(n)]
    if issue_id is not None:
        args += ["--issue", str(issue_id)]
    done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True, env=env)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _job_database(tmp: Path, sizes: list[int]) -> tuple[dict[str, str], dict[int, int]]:
    """A database in ``tmp`` with one issue of n labels per size; (env, {n: issue id})."""
    env = _env(tmp)
    if env["SEEDREG_DATABASE_URL"].startswith("postgres"):
        from tests.benchmarks.bench_licensing import _reset_postgres

        _reset_postgres(env["SEEDREG_DATABASE_URL"])
    for step in ("migrate", "load-reference", "keygen"):
        _cli(env, step)
    args = [sys.executable, "-m", "tests.benchmarks.bench_labels", "--load-issues"]
    done = subprocess.run(
        [*args, *map(str, sizes)], cwd=ROOT, capture_output=True, text=True, check=True, env=env
    )
    issues = json.loads(done.stdout.strip().splitlines()[-1])
    return env, {int(n): issue for n, issue in issues.items()}


ROW = (
    "{case:<22} {n:>7,} {rate:>9.1f} {ratio:>9.2f}x {mb100:>7.3f} {main:>8.0f} {worker:>10.0f} "
    "{procs:>5} {rss:>8.0f} {pss:>8.0f} {good:>4}/{fonts:<4}"
)


def _row(case: str, n: int, r: dict, base: dict) -> str:
    return ROW.format(
        case=case,
        n=n,
        rate=r["rate"],
        ratio=r["rate"] / base["rate"],
        mb100=r["mb_per_100"],
        main=r["peak_main_mb"],
        worker=r["peak_worker_mb"],
        procs=r["render_processes"],
        rss=r["peak_total_mb"],
        pss=r["peak_total_pss_mb"],
        good=r["fonts_embedded_subset"],
        fonts=r["fonts"],
    )


def pdf_benchmark(sizes: list[int], baseline_n: int, job_sizes: list[int], only: str) -> None:
    print("\nLabel PDFs, 8-up A4 (100×70 mm labels). Each case in a fresh process.")
    base = _case_in_subprocess("reportlab", baseline_n)
    print(
        f"ReportLab canvas, one process, {baseline_n:,} labels: {base['rate']:.1f} labels/s, "
        f"{base['mb_per_100']:.3f} MB/100 labels (CID font not embedded), "
        f"peak RSS {base['peak_main_mb']:.0f} MB"
    )
    from seedreg.core.qr import qr_png_uri
    from seedreg.printing.samples import fake_contents

    sample = fake_contents(200)
    started = time.perf_counter()
    for content in sample:
        qr_png_uri(content.qr_text)
    qr_ms = (time.perf_counter() - started) / len(sample) * 1000
    print(
        f"QR code (zint, level M, all masks scored, {len(sample[0].qr_text)} characters): "
        f"{qr_ms:.1f} ms per label, in both pipelines"
    )
    target = base["rate"] / 2
    header = (
        f"{'seedreg pipeline':<22} {'labels':>7} {'labels/s':>9} {'/ReportLab':>10} "
        f"{'MB/100':>7} {'main MB':>8} {'render MB':>10} {'procs':>5} {'ΣRSS MB':>8} "
        f"{'ΣPSS MB':>8} {'fonts ok':>9}"
    )
    print(f"target: ≥ {target:.1f} labels/s (half of ReportLab), < 500 MB, < 1 MB/100 labels")
    print(header)
    if only in ("", "api"):
        for case in ("seedreg-cold", "seedreg-warm"):
            for n in sizes:
                print(_row(case, n, _case_in_subprocess(case, n), base))
    if only in ("", "job"):
        tmp = Path(tempfile.mkdtemp(prefix="seedreg-bench-jobs-"))
        try:
            env, issues = _job_database(tmp, job_sizes)
            for n in job_sizes:
                r = _case_in_subprocess("job", n, env, issues[n])
                print(_row("print job (worker)", n, r, base))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print(
        "cold/warm: render_labels_async on a list made in memory, the PDF returned as bytes "
        "(cold includes starting the render processes; warm: pool already running); made-up "
        "labels that all differ, so every chunk renders in one pass (the worst case). print job: "
        "worker.run_job on a temporary database (one issue, pool warmed), PDF stored as a file; "
        "the labels of one lot, so each chunk renders in two layers (shared face laid out once). "
        "main MB / render MB: peak RSS of the main process / of the largest render process; "
        "procs: render processes started (recycled every "
        "RECYCLE_AFTER_CHUNKS chunks each); ΣRSS counts shared libraries and the mapped font in "
        "every process, ΣPSS shares them out."
    )


# ---------------------------------------------------------------------------------------------
# Public verification throughput
# ---------------------------------------------------------------------------------------------

LUA = """
local serials = {}
for line in io.lines(os.getenv("SEEDREG_BENCH_SERIALS")) do serials[#serials + 1] = line end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  return wrk.format("GET", "/api/public/labels/" .. serials[math.random(#serials)])
end
"""


def _env(tmp: Path) -> dict[str, str]:
    pg = os.environ.get("SEEDREG_TEST_POSTGRES_URL", "")
    url = pg or f"sqlite:///{tmp / 'bench.sqlite3'}"
    return {
        **os.environ,
        "SEEDREG_DATABASE_URL": url,
        "SEEDREG_VAR_DIR": str(tmp),
        "SEEDREG_SECRET_KEY": "bench",
        "SEEDREG_RUN_SCHEDULER": "false",
        "SEEDREG_RUN_PRINT_WORKER": "false",
        "SEEDREG_LABEL_VERIFY_RATE_PER_MINUTE": "0",  # one client address: no rate limit
        "SEEDREG_ACCESS_LOG": "false",  # same for both endpoints; a proxy logs in production
        "PICCOLO_CONF": "seedreg.piccolo_conf",
    }


def _cli(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "seedreg", *args],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )


async def _bench_organisation() -> int:
    from datetime import UTC, datetime

    from seedreg.organisations.tables import Organisation

    now = datetime.now(UTC)
    org = await Organisation.insert(
        Organisation(
            public_id="benchlabels01",
            kind="enterprise",
            name="兴安盟基准测试苗圃有限公司",
            legal_representative="张三",
            division_code="152201",
            address="乌兰浩特市",
            created_at=now,
            updated_at=now,
        )
    ).returning(Organisation.id)
    return org[0]["id"]


async def _bulk_issue(url: str, org_id: int, count: int, rng: random.Random) -> tuple[int, set]:
    """One lot and issue of ``count`` labels, bulk-loaded; (issue id, serials)."""
    from seedreg.core import clock
    from seedreg.labels.rules import serial_from_number
    from seedreg.labels.tables import Label
    from tests.benchmarks.bulk import load
    from tests.printkit import make_issue

    now, today = clock.now(), clock.today()
    made = await make_issue(org_id, count, insert_labels=False)
    serials = {serial_from_number(rng.randrange(32**10)) for _ in range(count)}
    while len(serials) < count:
        serials.add(serial_from_number(rng.randrange(32**10)))
    rows = [
        {
            "serial": serial,
            "lot": made["lot_id"],
            "issued_in": made["issue_id"],
            "sequence": i + 1,
            "quantity": 100,
            "issued_on": today,
            "created_at": now,
        }
        for i, serial in enumerate(serials)
    ]
    await asyncio.to_thread(load, url, Label, rows)
    return made["issue_id"], serials


async def _load_labels(url: str, n: int, per_lot: int) -> list[str]:
    """n labels in lots of ``per_lot`` (one issue each); returns a sample of serials."""
    org_id = await _bench_organisation()
    rng = random.Random(20261127)
    sample: list[str] = []
    for start in range(0, n, per_lot):
        count = min(per_lot, n - start)
        _, serials = await _bulk_issue(url, org_id, count, rng)
        sample += rng.sample(sorted(serials), min(1000, count))
    return sample


async def _load_issues(sizes: list[int]) -> dict[int, int]:
    from seedreg.settings import get_settings

    url = get_settings().database_url
    org_id = await _bench_organisation()
    rng = random.Random(20261127)
    return {n: (await _bulk_issue(url, org_id, n, rng))[0] for n in sizes}


def _start_server(env: dict[str, str], workers: int) -> tuple[subprocess.Popen[bytes], str]:
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "seedreg", "serve", "--port", str(port), "--workers", str(workers)],
        env={**env, "SEEDREG_PUBLIC_BASE_URL": base},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(600):
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def _wrk(url: str, seconds: int, script: Path | None, env: dict[str, str]) -> dict:
    args = ["wrk", "-t1", "-c50", f"-d{seconds}s", "--latency"]
    if script is not None:
        args += ["-s", str(script)]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True, env=env).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {
        "rate": rate,
        "p99_ms": float(p99.group(1)) * scale,
        "non_2xx": int(bad.group(1)) if bad else 0,
        "total": total,
    }


ROUNDS = 3


def _median(runs: list[dict]) -> dict:
    """The run with the median rate (its own p99 and error count)."""
    return sorted(runs, key=lambda r: r["rate"])[len(runs) // 2]


def verify_benchmark(n: int, seconds: int) -> None:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: bash scripts/ensure_system.sh wrk")
    tmp = Path(tempfile.mkdtemp(prefix="seedreg-bench-labels-"))
    env = _env(tmp)
    url = env["SEEDREG_DATABASE_URL"]
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    try:
        if engine == "PostgreSQL":
            from tests.benchmarks.bench_licensing import _reset_postgres

            _reset_postgres(url)
        for step in ("migrate", "load-reference", "keygen"):
            _cli(env, step)
        os.environ.update(
            {k: env[k] for k in ("SEEDREG_DATABASE_URL", "SEEDREG_VAR_DIR", "PICCOLO_CONF")}
        )
        started = time.perf_counter()
        sample = asyncio.run(_load_labels(url, n, per_lot=100_000))
        print(f"\n{engine}: loaded {n:,} labels in {time.perf_counter() - started:.1f} s")
        serials = tmp / "serials.txt"
        serials.write_text("\n".join(sample) + "\n")
        script = tmp / "verify.lua"
        script.write_text(LUA)
        wrk_env = {**os.environ, "SEEDREG_BENCH_SERIALS": str(serials)}
        print(
            f"wrk: 50 connections, one thread; {ROUNDS} alternating rounds of {seconds} s per "
            f"endpoint after a warm-up of each, median shown; random serials of {len(sample):,}; "
            "uvicorn with uvloop + httptools, access log off"
        )
        columns = ("workers", "endpoint", "req/s", "p99 ms", "non-2xx", "ratio", "rounds req/s")
        print("{:>7} {:<26} {:>9} {:>8} {:>8} {:>7}  {}".format(*columns))
        for workers in (1, 2):
            proc, base = _start_server(env, workers)
            try:
                import httpx

                check = httpx.get(f"{base}/api/public/labels/{sample[0]}", timeout=10)
                assert check.status_code == 200, check.text[:300]
                health_url = f"{base}/api/health"
                _wrk(health_url, 2, None, wrk_env)  # warm-up, both endpoints alike
                _wrk(base, 2, script, wrk_env)
                runs: dict[str, list[dict]] = {"health": [], "verify": []}
                for _ in range(ROUNDS):  # alternating: a noisy neighbour hits both alike
                    runs["health"].append(_wrk(health_url, seconds, None, wrk_env))
                    runs["verify"].append(_wrk(base, seconds, script, wrk_env))
            finally:
                proc.terminate()
                proc.wait(timeout=30)
            health = _median(runs["health"])
            for name, key in (("/api/health", "health"), ("/api/public/labels/{serial}", "verify")):
                r = _median(runs[key])
                ratio = r["rate"] / health["rate"]
                each = " ".join(f"{x['rate']:,.0f}" for x in runs[key])
                print(
                    f"{workers:>7} {name:<26} {r['rate']:>9,.0f} {r['p99_ms']:>8.1f} "
                    f"{r['non_2xx']:>8} {ratio:>6.2f}x  {each}"
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pdf", action="store_true", help="PDF figures only")
    parser.add_argument("--verify", action="store_true", help="verification throughput only")
    parser.add_argument("--labels", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument(
        "--big", action="store_true", help="also a 30,000-label print job (about 15 minutes)"
    )
    parser.add_argument(
        "--only", choices=["api", "job"], default="", help="PDF: only these seedreg cases"
    )
    parser.add_argument("--baseline", type=int, default=1_000)
    parser.add_argument("--verify-labels", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--case", help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--issue", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--load-issues", type=int, nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.n, args.issue)))
        return
    if args.load_issues:
        print(json.dumps(asyncio.run(_load_issues(args.load_issues))))
        return
    both = not args.pdf and not args.verify
    if args.pdf or both:
        job_sizes = args.labels + ([30_000] if args.big else [])
        pdf_benchmark(args.labels, args.baseline, job_sizes, args.only)
    if args.verify or both:
        verify_benchmark(args.verify_labels, args.seconds)


if __name__ == "__main__":
    main()
