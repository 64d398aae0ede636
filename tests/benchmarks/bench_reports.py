"""Benchmark: the reports' dashboards at scale (issue 25). Seeds 100,000 licences, 300,000
applications, 1,000,000 labels, 1,000,000 scans and 10,000 inspections (times the scale),
times the full refresh (the job, not a page) and an incremental one with nothing new, then
prints each dashboard's median and p95 server time (Server-Timing) over 100 requests and the
ratio to the 200 ms target (the dashboards, the publication and the period reports' API), and the
monthly and annual report PDFs' wall time (target 2 s).
Not a test: run by `make bench`.

    SEEDREG_BENCH_SCALE=0.1 python -m tests.benchmarks.bench_reports [--requests N]

Uses SEEDREG_TEST_POSTGRES_URL when set (scripts/with_postgres.py sets it), else SQLite.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_labels import _env, _load_labels
from tests.benchmarks.bench_licensing import (
    COUNTIES,
    PASSWORD,
    _cli,
    _reset_postgres,
    _start_server,
    generate,
)

TARGET_MS = 200.0
SIZES = {"licences": 100_000, "applications": 300_000, "labels": 1_000_000, "scans": 1_000_000,
         "inspections": 10_000}  # fmt: skip
CODES = ["V1-1", "V3-2", "V4-1", "V2-1", "V5-1"]


def _sizes() -> dict[str, int]:
    scale = float(os.environ.get("SEEDREG_BENCH_SCALE", "1"))
    return {k: max(10, int(v * scale)) for k, v in SIZES.items()}


async def _scans_and_checks(url: str, n_scans: int, n_checks: int) -> None:
    """Look-ups spread over the last 12 months, and checks with findings and follow-ups."""
    from seedreg.inspections.tables import CheckFinding, FieldCheck, FollowUp
    from seedreg.labels.tables import LabelScan
    from seedreg.lots.tables import Lot
    from tests.benchmarks.bulk import load

    rng = random.Random(20261207)
    now = datetime.now(UTC)
    lots = [r["id"] for r in await Lot.select(Lot.id)]
    scans = (
        {"serial": f"S{i:09d}", "label": None, "lot": rng.choice(lots),
         "scanned_at": now - timedelta(minutes=rng.randrange(365 * 24 * 60)),
         "client": "bench", "outcome": "valid"}
        for i in range(n_scans)
    )  # fmt: skip
    await asyncio.to_thread(load, url, LabelScan, scans)
    checks, findings, follow_ups = [], [], []
    for i in range(n_checks):
        at = now - timedelta(days=rng.randrange(365))
        checks.append(
            {"idempotency_key": str(uuid.uuid4()), "public_id": f"C{i:011d}",
             "number": f"兴林检〔B〕{i}号", "division_code": COUNTIES[i % 6], "origin": "plan",
             "target_kind": "organisation", "target_id": 1, "target_name": "基准测试苗圃",
             "representative": "张三", "started_at": at, "ended_at": at, "submitted_at": at}
        )  # fmt: skip
        for code in rng.sample(CODES, rng.randrange(3)):
            findings.append({"field_check": i + 1, "code": code, "source": "checklist",
                             "text": "基准测试"})  # fmt: skip
            follow_ups.append({"finding": len(findings), "field_check": i + 1,
                               "division_code": COUNTIES[i % 6],
                               "due_on": (at + timedelta(days=30)).date()})  # fmt: skip
    await asyncio.to_thread(load, url, FieldCheck, checks)
    await asyncio.to_thread(load, url, CheckFinding, findings)
    await asyncio.to_thread(load, url, FollowUp, follow_ups)


async def _refresh_twice() -> tuple[float, float]:
    from seedreg.reports import services

    started = time.perf_counter()
    await services.refresh(force=True)
    full = time.perf_counter() - started
    started = time.perf_counter()
    await services.refresh()
    return full, time.perf_counter() - started


def measure(client: Any, path: str, requests: int) -> tuple[float, float]:
    times = []
    for _ in range(requests):
        response = client.get(path)
        response.raise_for_status()
        times.append(float(response.headers["server-timing"].split("dur=")[1]))
    times.sort()
    return statistics.median(times), times[max(int(len(times) * 0.95) - 1, 0)]


def _seed(env: dict[str, str], sizes: dict[str, int]) -> None:
    url = env["SEEDREG_DATABASE_URL"]
    started = time.perf_counter()
    generate(url, sizes["licences"], sizes["applications"])
    asyncio.run(_load_labels(url, sizes["labels"], per_lot=max(sizes["labels"] // 200, 1)))
    asyncio.run(_scans_and_checks(url, sizes["scans"], sizes["inspections"]))
    print(f"seeded {sizes} in {time.perf_counter() - started:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="seedreg-bench-reports-"))
    env = {**_env(tmp), "SEEDREG_NEW_PASSWORD": PASSWORD}
    url = env["SEEDREG_DATABASE_URL"]
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    try:
        if engine == "PostgreSQL":
            _reset_postgres(url)
        for step in ("migrate", "load-reference"):
            _cli(env, step)
        for user, role, where in (("bench_league", "licensing_officer", "152200"),
                                  ("bench_banner", "licensing_officer", "152201")):  # fmt: skip
            _cli(
                env, "create-user", user, "--name", "统计", "--role", role, "--jurisdiction", where
            )
        os.environ.update(
            {k: env[k] for k in ("SEEDREG_DATABASE_URL", "SEEDREG_VAR_DIR", "PICCOLO_CONF")}
        )
        _seed(env, _sizes())
        full, quiet = asyncio.run(_refresh_twice())
        print(f"{engine}: full refresh {full:.1f} s; incremental with nothing new {quiet:.3f} s")
        _serve(env, args.requests)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _serve(env: dict[str, str], requests: int) -> None:
    import httpx

    proc, base = _start_server(env)
    try:
        clients = {}
        for user in ("bench_league", "bench_banner"):
            r = httpx.post(f"{base}/api/auth/token", json={"username": user, "password": PASSWORD})
            token = r.json()["token"]
            clients[user] = httpx.Client(
                base_url=base, timeout=60, headers={"Authorization": f"Bearer {token}"}
            )
        public = httpx.Client(base_url=base, timeout=60)
        cases = [
            ("dashboard: league", clients["bench_league"], "/api/reports/dashboard"),
            ("dashboard: league, one banner", clients["bench_league"],
             "/api/reports/dashboard?division=152201"),
            ("dashboard: banner official", clients["bench_banner"], "/api/reports/dashboard"),
            ("publication (public)", public, "/api/public/reports/publication"),
        ]  # fmt: skip
        print(f"\n{requests} requests each, server time (Server-Timing)")
        print(f"{'dashboard':<32} {'median ms':>10} {'p95 ms':>10} {'p95/target':>11}")
        for name, client, path in cases:
            measure(client, path, 5)  # warm-up
            median, p95 = measure(client, path, requests)
            print(f"{name:<32} {median:>10.1f} {p95:>10.1f} {p95 / TARGET_MS:>10.2f}x")
        cases += [
            ("period report: month (league)", clients["bench_league"], "/api/reports/period"),
            ("period report: year (banner)", clients["bench_banner"],
             f"/api/reports/period?period={datetime.now(UTC).year}"),
        ]  # fmt: skip
        for name, client, path in cases[-2:]:
            measure(client, path, 5)
            median, p95 = measure(client, path, requests)
            print(f"{name:<32} {median:>10.1f} {p95:>10.1f} {p95 / TARGET_MS:>10.2f}x")
        league = clients["bench_league"]
        annual = f"/reports/period.pdf?period={datetime.now(UTC).year}"
        for name, path in (("monthly report PDF (league)", "/reports/monthly.pdf"),
                           ("annual report PDF (league)", annual)):  # fmt: skip
            seconds = []
            for _ in range(5):  # each print is recorded (report_print) as a real one is
                started = time.perf_counter()
                league.get(path).raise_for_status()
                seconds.append(time.perf_counter() - started)
            print(f"{name}: median {statistics.median(seconds):.2f} s, "
                  f"max {max(seconds):.2f} s of 5, target 2 s")  # fmt: skip
    finally:
        proc.terminate()
        proc.wait(timeout=10)


if __name__ == "__main__":
    main()
