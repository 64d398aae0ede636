"""Benchmark: the public licence register and the officer inbox with 100,000 licences and
300,000 applications. Prints median and 95th-percentile server time (Server-Timing) over
200 requests per query and the ratio to the 50 ms target. Not a test: run by `make bench`.

    python -m tests.benchmarks.bench_licensing [--licences N] [--applications N]

Uses SEEDREG_TEST_POSTGRES_URL when set (scripts/with_postgres.py sets it), else a temporary
SQLite file.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

TARGET_MS = 50.0
ROOT = Path(__file__).resolve().parents[2]
COUNTIES = ["152201", "152202", "152221", "152222", "152223", "152224"]
SPECIES = [
    "兴安落叶松",
    "樟子松",
    "华北落叶松",
    "云杉",
    "小×黑系列杨",
    "五角枫",
    "山杏",
    "文冠果",
    "榆树",
    "柠条",
    "白城系列杨",
    "侧柏",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
PASSWORD = "Bench-Password-2026"


def _env() -> dict[str, str]:
    pg = os.environ.get("SEEDREG_TEST_POSTGRES_URL", "")
    tmp = Path(tempfile.mkdtemp(prefix="seedreg-bench-"))
    url = pg or f"sqlite:///{tmp / 'bench.sqlite3'}"
    return {
        **os.environ,
        "SEEDREG_DATABASE_URL": url,
        "SEEDREG_VAR_DIR": str(tmp),
        "SEEDREG_SECRET_KEY": "bench",
        "SEEDREG_RUN_SCHEDULER": "false",
        "PICCOLO_CONF": "seedreg.piccolo_conf",
        "SEEDREG_NEW_PASSWORD": PASSWORD,
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


def _reset_postgres(url: str) -> None:
    import asyncio

    import asyncpg

    async def reset() -> None:
        conn = await asyncpg.connect(url)
        await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        await conn.close()

    asyncio.run(reset())


def _holder(rng: random.Random, i: int) -> str:
    return f"兴安盟{rng.choice(SURNAMES)}{rng.choice(SURNAMES)}{i}号林业苗木有限公司"


def generate(url: str, n_licences: int, n_applications: int) -> dict[str, str]:
    """Fill the database; returns sample search terms that exist."""
    os.environ["SEEDREG_DATABASE_URL"] = url
    from seedreg.core import clock
    from seedreg.core.tables import SearchTerm
    from seedreg.licensing.licences import search_terms
    from seedreg.licensing.tables import Licence
    from seedreg.matters.tables import Application
    from seedreg.organisations.tables import Organisation
    from tests.benchmarks.bulk import load

    rng = random.Random(20261127)
    now = datetime.now(UTC)
    today = clock.today()
    n_orgs = max(1, n_licences // 2)
    load(
        url,
        Organisation,
        (
            {
                "public_id": f"bench{i:08d}",
                "kind": "enterprise",
                "name": _holder(rng, i),
                "uscc": None,
                "legal_representative": "张三",
                "division_code": COUNTIES[i % 6],
                "address": "乌兰浩特市",
                "created_at": now,
                "updated_at": now,
            }
            for i in range(n_orgs)
        ),
    )
    first_org = 1  # fresh database: ids start at 1 after the demo-free set-up
    licences = []
    for i in range(n_licences):
        county = COUNTIES[i % 6]
        year = 2016 + i % 11
        species = rng.sample(SPECIES, 3)
        issued = date(year, 1 + i % 12, 1 + i % 28)
        licences.append(
            {
                "number": f"{county}{year}{i // 66 % 10000:04d}{i % 66:02d}"[:14],
                "public_id": f"L{i:011d}",
                "organisation": first_org + i % n_orgs,
                "holder_name": _holder(rng, i % n_orgs),
                "legal_representative": "张三",
                "registered_address": "乌兰浩特市",
                "scope": ["seedling"],
                "species": species,
                "valid_area": [county],
                "valid_from": issued,
                "valid_to": issued + timedelta(days=5 * 365),
                "issued_on": issued,
                "issuing_division": county,
                "issuing_authority": "林业和草原局",
                "division_code": county,
                "status": rng.choice(["valid"] * 8 + ["cancelled", "revoked"]),
                "created_at": now,
                "updated_at": now,
            }
        )
    load(url, Licence, licences)
    load(
        url,
        SearchTerm,
        (
            {"subject_type": "licence", "subject_id": i + 1, "field": field, "term": term}
            for i, lic in enumerate(licences)
            for field, terms in search_terms(
                lic["holder_name"], lic["species"], lic["division_code"]
            ).items()
            for term in terms
        ),
    )
    statuses = (
        ["granted"] * 80
        + ["refused"] * 5
        + ["withdrawn"] * 5
        + ["rejected_intake"] * 3
        + ["submitted"] * 3
        + ["accepted"] * 3
        + ["supplement_requested"]
    )
    apps = []
    for i in range(n_applications):
        status = rng.choice(statuses)
        open_ = status in ("submitted", "accepted", "supplement_requested")
        received = today - timedelta(days=rng.randint(0, 3000 if not open_ else 20))
        apps.append(
            {
                "reference": f"SQ{i:012d}",
                "matter": "licensing",
                "sub_item": rng.choice(["issue", "renewal", "change"]),
                "status": status,
                "organisation": first_org + i % n_orgs,
                "division_code": COUNTIES[i % 6],
                "details": {},
                "received_on": received,
                "submitted_at": now,
                "accepted_on": received if status == "accepted" else None,
                "statutory_due": received + timedelta(days=28) if status == "accepted" else None,
                "due_on": received + timedelta(days=rng.randint(1, 28)) if open_ else None,
                "decided_on": None if open_ else received + timedelta(days=10),
                "created_at": now,
                "updated_at": now,
            }
        )
    load(url, Application, apps)
    sample = rng.choice(licences)
    return {
        "holder": sample["holder_name"][3:6],
        "number": sample["number"][:10],
        "species": "樟子松",
    }


def _start_server(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], str]:
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "seedreg", "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return proc, base
        except httpx.TransportError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def measure(client: object, path: str, requests: int) -> tuple[float, float, int]:
    """Median and p95 server time, and the total the query matched (a search that finds
    nothing would be fast for the wrong reason)."""
    times = []
    for _ in range(requests):
        response = client.get(path)  # type: ignore[attr-defined]
        response.raise_for_status()
        header = response.headers["server-timing"]
        times.append(float(header.split("dur=")[1]))
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], response.json()["total"]


def export_register(client: object) -> None:
    """The whole public register as xlsx (one query for its rows since issue 20, where paging
    by 20 made ~2 queries per 20 rows): wall time and rows per second."""
    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    response = client.get("/licensing/register?format=xlsx", timeout=600)  # type: ignore[attr-defined]
    response.raise_for_status()
    seconds = time.perf_counter() - started
    rows = (
        len(
            CalamineWorkbook.from_filelike(io.BytesIO(response.content))
            .get_sheet_by_index(0)
            .to_python()
        )
        - 1
    )
    print(
        f"\nregister export: {rows:,} rows in {seconds:.1f} s ({rows / seconds:,.0f} rows/s), "
        f"{len(response.content) / 1e6:.1f} MB, load average {os.getloadavg()[0]:.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--licences", type=int, default=100_000)
    parser.add_argument("--applications", type=int, default=300_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    env = _env()
    url = env["SEEDREG_DATABASE_URL"]
    engine = "PostgreSQL" if url.startswith("postgres") else "SQLite"
    if engine == "PostgreSQL":
        _reset_postgres(url)
    _cli(env, "migrate")
    _cli(env, "load-reference")
    _cli(
        env,
        "create-user",
        "bench_league",
        "--name",
        "盟审批",
        "--role",
        "licensing_officer",
        "--jurisdiction",
        "152200",
    )
    _cli(
        env,
        "create-user",
        "bench_banner",
        "--name",
        "旗审批",
        "--role",
        "licensing_officer",
        "--jurisdiction",
        "152201",
    )
    started = time.perf_counter()
    terms = generate(url, args.licences, args.applications)
    print(
        f"{engine}: generated {args.licences:,} licences and {args.applications:,} "
        f"applications in {time.perf_counter() - started:.1f} s"
    )
    import httpx

    proc, base = _start_server(env)
    try:
        tokens = {}
        for user in ("bench_league", "bench_banner"):
            r = httpx.post(f"{base}/api/auth/token", json={"username": user, "password": PASSWORD})
            tokens[user] = r.json()["token"]
        public = httpx.Client(base_url=base, timeout=60)
        league = httpx.Client(
            base_url=base, timeout=60, headers={"Authorization": f"Bearer {tokens['bench_league']}"}
        )
        banner = httpx.Client(
            base_url=base, timeout=60, headers={"Authorization": f"Bearer {tokens['bench_banner']}"}
        )
        cases = [
            ("register: first page", public, "/api/public/licences"),
            ("register: by holder", public, f"/api/public/licences?holder={terms['holder']}"),
            (
                "register: by number prefix",
                public,
                f"/api/public/licences?number={terms['number']}",
            ),
            (
                "register: species + division",
                public,
                "/api/public/licences?species=樟子松&division_code=152201",
            ),
            ("inbox: league officer", league, "/api/licensing/applications?open_only=true"),
            ("inbox: banner officer", banner, "/api/licensing/applications?open_only=true"),
        ]
        print(f"\n{engine}, {args.requests} requests each, server time (Server-Timing)")
        print(f"{'query':<30} {'matches':>8} {'median ms':>10} {'p95 ms':>10} {'p95/target':>11}")
        for name, client, path in cases:
            measure(client, path, 5)  # warm-up
            median, p95, total = measure(client, path, args.requests)
            print(f"{name:<30} {total:>8,} {median:>10.1f} {p95:>10.1f} {p95 / TARGET_MS:>10.2f}x")
        export_register(public)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(env["SEEDREG_VAR_DIR"], ignore_errors=True)


if __name__ == "__main__":
    main()
