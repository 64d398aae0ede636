"""The administrator's command line: reference and demo loading, users, backup and restore."""

from __future__ import annotations

import asyncio
import csv
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from seedreg import demo_chain
from seedreg.accounts.rules import Role
from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.core.audit.tables import AuditEvent
from seedreg.core.db import fetch
from seedreg.demo import COUNTIES, OFFICIALS
from seedreg.quality.grading_public import read_public_rows
from seedreg.reference.services import FIXTURES
from tests.fixtures import ROOT, run_cli, unique

SIX_BANNERS = {"152201", "152202", "152221", "152222", "152223", "152224"}
STRONG = "Scratch-Pass-2026"
REFERENCE = ("divisions", "species", "authorities")
VIOLATIONS = ROOT / "fixtures" / "inspections" / "violations.csv"


def _out(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


class Scratch:
    """A throwaway SQLite database in its own folder, driven through the CLI."""

    def __init__(self, folder: Path, postgres_url: str = "") -> None:
        self.folder = folder
        self.file = folder / "x.sqlite3"
        self.postgres_url = postgres_url  # a PostgreSQL database of its own instead of the file
        self.env = {
            "SEEDREG_DATABASE_URL": postgres_url or f"sqlite:///{self.file}",
            "SEEDREG_VAR_DIR": str(folder),
            "SEEDREG_NEW_PASSWORD": STRONG,
        }

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = run_cli(*args, env=self.env, check=False)
        if check:
            assert result.returncode == 0, _out(result)
        return result

    def rows(self, sql: str, *params: object) -> list[tuple]:
        if self.postgres_url:
            return _postgres_rows(self.postgres_url, sql, *params)
        conn = sqlite3.connect(self.file)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def count(self, table: str) -> int:
        return self.rows(f"SELECT COUNT(*) FROM {table}")[0][0]  # noqa: S608 (fixed names)

    def usernames(self) -> set[str]:
        return {r[0] for r in self.rows("SELECT username FROM account")}

    def create_admin(self, username: str) -> None:
        self.cli(
            "create-user",
            username,
            "--name",
            "命令行测试",
            "--role",
            "league_admin",
            "--jurisdiction",
            "152200",
        )


def _postgres_rows(url: str, sql: str, *params: object) -> list[tuple]:
    import asyncpg

    numbered = iter(range(1, len(params) + 1))
    sql = re.sub(r"\?", lambda _: f"${next(numbered)}", sql)  # sqlite3's ? → asyncpg's $n

    async def run() -> list[tuple]:
        conn = await asyncpg.connect(url)
        try:
            return [tuple(r) for r in await conn.fetch(sql, *params)]
        finally:
            await conn.close()

    return asyncio.run(run())


def _changed(output: str) -> dict[str, int]:
    return {k: int(v) for k, v in re.findall(r"(\w+) 变更 (\d+) 条", output)}


# --------------------------------------------------------------------------- reference data


def _fixture_rows(name: str) -> int:
    with (FIXTURES / name).open(encoding="utf-8") as fh:
        return len(list(csv.DictReader(fh)))


def _fixture_names(name: str) -> set[str]:
    with (FIXTURES / name).open(encoding="utf-8") as fh:
        return {row["name_zh"] for row in csv.DictReader(fh)}


def test_load_reference_twice_changes_nothing_the_second_time(database):
    events = AuditEvent.count().run_sync()
    run_cli("load-reference")
    second = run_cli("load-reference")
    for name in REFERENCE:
        assert f"{name} 变更 0 条" in second.stdout, second.stdout
    changed = _changed(second.stdout)
    assert set(REFERENCE) <= set(changed)
    assert set(changed.values()) == {0}, second.stdout
    assert AuditEvent.count().run_sync() == events, "an unchanged load must not be audited"


def test_load_reference_on_a_fresh_database_loads_then_is_idempotent(tmp_path):
    scratch = Scratch(tmp_path)
    scratch.cli("migrate")
    first = _changed(scratch.cli("load-reference").stdout)
    expected = {name: _fixture_rows(f"{name}.csv") for name in REFERENCE}
    assert {name: first.get(name) for name in REFERENCE} == expected
    with VIOLATIONS.open(encoding="utf-8") as fh:
        expected["violations"] = len(list(csv.DictReader(fh)))
    assert first["violations"] == expected["violations"]
    # the public grading rows bring their own species (红皮云杉, 油松), outside the directive's list
    public = read_public_rows()
    sample_species = {row["species"] for row in public} - _fixture_names("species.csv")
    assert sample_species == {"红皮云杉", "油松"}
    # three draft rows (each CSV grade line merged into its row), none confirmed
    assert first["grading_rows"] == len(public) + len(sample_species) == 5
    assert scratch.count("seedling_grading_row") == 3
    assert [scratch.count(t) for t in ("division", "species", "violation_item", "authority")] == [
        expected["divisions"],
        expected["species"] + len(sample_species),
        expected["violations"],
        expected["authorities"],
    ]
    events = scratch.count("audit_event")
    assert events >= 1

    second = _changed(scratch.cli("load-reference").stdout)
    assert second.keys() == first.keys()
    assert set(second.values()) == {0}
    assert scratch.count("audit_event") == events


# --------------------------------------------------------------------------- demo data


ON_POSTGRES = os.environ["SEEDREG_DATABASE_URL"].startswith("postgres")
DEMO_TABLES = (
    "account",
    "organisation",
    "audit_event",
    "matter_application",
    "matter_notice",
    "licence",
    "legal_case",
    "lot",
    "quality_inspection",
    "quality_certificate",
    "site_quarantine_certificate",
    "site_quarantine_lot",
    "label_issue",
    "field_check",
    "check_finding",
    "check_photo",
    "label",
    "notification",
    "inspection_plan",
    "random_draw",
    "drawn_visit",
    "improved_variety",
)


@contextmanager
def _own_postgres_database() -> Iterator[str]:
    """A database of its own on the test run's PostgreSQL server, dropped afterwards."""
    import asyncpg

    server = os.environ["SEEDREG_DATABASE_URL"]
    name = unique("seedreg_demo_")

    async def run(sql: str) -> None:
        conn = await asyncpg.connect(server)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(run(f'CREATE DATABASE "{name}"'))
    try:
        yield urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    finally:
        asyncio.run(run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def _fresh_database(folder: Path) -> Iterator[Scratch]:
    """Migrated, with reference data, on this run's engine (SQLite file or PostgreSQL)."""
    with ExitStack() as stack:
        url = stack.enter_context(_own_postgres_database()) if ON_POSTGRES else ""
        scratch = Scratch(folder, url)
        scratch.cli("migrate")
        scratch.cli("load-reference")
        yield scratch


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Iterator[Scratch]:
    with _fresh_database(tmp_path_factory.mktemp("demo")) as scratch:
        yield scratch


@pytest.fixture(scope="module")
def demo_output(demo) -> str:
    """What load-demo prints (the chain is printed on every run, loaded or already there)."""
    return demo.cli("load-demo").stdout


def _demo_counts(scratch: Scratch) -> dict[str, int]:
    return {t: scratch.count(t) for t in DEMO_TABLES}


def test_load_demo_creates_every_role_in_all_six_banners(demo):
    result = demo.cli("load-demo")
    roles = {r[0] for r in demo.rows("SELECT DISTINCT role FROM account")}
    assert roles == {r.value for r in Role}
    banners = [r[0] for r in demo.rows("SELECT division_code FROM organisation")]
    assert set(banners) == SIX_BANNERS == set(COUNTIES)
    assert all(banners.count(code) >= 1 for code in SIX_BANNERS)
    # Every organisation has an operator account, and every official is there.
    assert demo.rows(
        "SELECT COUNT(*) FROM organisation o WHERE NOT EXISTS "
        "(SELECT 1 FROM account a WHERE a.organisation = o.id AND a.role = 'operator')"
    ) == [(0,)]
    assert {spec[0] for spec in OFFICIALS} <= demo.usernames()
    for username in demo.usernames():
        assert username in result.stdout, f"{username} not listed for the presenter"
    counts = _demo_counts(demo)
    assert counts["account"] == len(OFFICIALS) + counts["organisation"]
    verify = demo.cli("audit-verify")
    assert f"审计链完整：共 {counts['audit_event']} 条事件" in verify.stdout


def test_the_demo_varieties_say_they_are_demo_and_show_every_status(demo, demo_output):
    rows = demo.rows(
        "SELECT variety_name, note, kind, valid_until, stopped_on FROM improved_variety ORDER BY id"
    )
    assert len(rows) == 7
    assert all(name.startswith("（演示）") and "演示数据" in note for name, note, *_ in rows)
    assert sum(1 for *_, stopped in rows if stopped) == 1
    recognitions = [str(until) for _, _, kind, until, _ in rows if kind == "recognition"]
    assert sorted(recognitions) == ["2021-12-31", "2028-12-31"]  # one of them long expired
    assert "林木良种（演示）" in demo_output


def test_the_demo_filings_show_every_state_of_their_flow(demo, demo_output):
    from seedreg.matters.transitions import FILING

    rows = demo.rows(
        "SELECT status, at_counter FROM matter_application WHERE matter = 'filing' ORDER BY id"
    )
    assert sorted(r[0] for r in rows) == sorted(FILING.states)
    assert "备案演示数据" in demo_output
    for state in FILING.states.values():
        assert state.label in demo_output
    kinds = {
        r[0]
        for r in demo.rows(
            "SELECT n.kind FROM matter_notice n JOIN matter_application a ON a.id = n.application "
            "WHERE a.matter = 'filing'"
        )
    }
    assert kinds == {"supplement", "filing_receipt", "rejection"}


def test_load_demo_twice_creates_nothing_new(demo):
    if demo.count("account") == 0:
        demo.cli("load-demo")
    before = _demo_counts(demo)
    assert before["account"] > 0
    ids_before = demo.rows("SELECT id, username FROM account ORDER BY id")
    orgs_before = demo.rows("SELECT id, name, uscc, id_number FROM organisation ORDER BY id")

    demo.cli("load-demo")

    assert _demo_counts(demo) == before
    assert demo.rows("SELECT id, username FROM account ORDER BY id") == ids_before
    assert demo.rows("SELECT id, name, uscc, id_number FROM organisation ORDER BY id") == (
        orgs_before
    )


def test_the_demo_has_a_clean_check_and_one_with_findings(demo, demo_output):
    assert "未发现问题（双随机抽查）" in demo_output
    assert "发现问题2项（线索核查）" in demo_output
    rows = demo.rows("SELECT id, origin FROM field_check ORDER BY id")
    # the draw's and the lead's checks, then the two past follow-ups' checks (issue 23)
    assert [r[1] for r in rows] == ["draw", "lead", "ad_hoc", "ad_hoc"]
    photos = demo.rows("SELECT field_check, kind FROM check_photo ORDER BY kind")
    kinds = [kind for check, kind in photos if check in (rows[0][0], rows[1][0])]
    assert kinds == ["photo", "signature"]
    published = demo.rows(
        "SELECT v.result FROM drawn_visit v JOIN field_check c ON c.drawn_visit = v.id"
    )
    assert published == [("已检查，未发现问题",)]  # 双随机一公开: the result is published


def test_the_demo_has_a_decided_case_and_an_open_one(demo, demo_output):
    assert "行政处罚案件 兴林罚立" in demo_output
    assert "已决定，罚款20,000元；没收无标签樟子松苗3000株" in demo_output
    rows = demo.rows("SELECT code, stage, amount FROM legal_case ORDER BY id")
    assert rows == [("V3-1", "decided", 20000), ("V4-1", "investigating", None)]
    demo.cli("load-demo")  # a second load adds nothing
    assert demo.count("legal_case") == 2


def _day(value: object) -> str:
    return str(value)[:10]  # SQLite gives ISO text, PostgreSQL a date


def _holder_org(scratch: Scratch, username: str) -> int:
    return scratch.rows("SELECT organisation FROM account WHERE username = ?", username)[0][0]


def _lot(scratch: Scratch, org: int, species: str, material: str) -> tuple:
    found = scratch.rows(
        "SELECT id, number, quantity, labelled_quantity, status FROM lot "
        "WHERE organisation = ? AND species = ? AND material = ?",
        org,
        species,
        material,
    )
    assert len(found) == 1, (species, material, found)
    return found[0]


def test_load_demo_makes_the_whole_two_certificates_one_label_chain(demo, demo_output):
    today = clock.today().isoformat()
    holder = _holder_org(demo, demo_chain.HOLDER)
    # Both licences were applied for, accepted and granted (with their written notices).
    for username in (demo_chain.HOLDER, demo_chain.SECOND):
        org = _holder_org(demo, username)
        [(number, status, start, end)] = demo.rows(
            "SELECT number, status, valid_from, valid_to FROM licence WHERE organisation = ?", org
        )
        assert status == "valid"
        assert _day(start) <= today <= _day(end), (number, start, end)
        assert number in demo_output
        assert demo.rows(
            "SELECT a.status, a.accepted_on IS NOT NULL FROM matter_application a "
            "JOIN application_licence al ON al.application = a.id "
            "JOIN licence l ON l.id = al.licence WHERE l.organisation = ?",
            org,
        ) == [("granted", True)]
    notices = {r[0] for r in demo.rows("SELECT kind FROM matter_notice")}
    assert {"acceptance", "grant"} <= notices
    assert demo.rows("SELECT full_time_quarantine FROM account WHERE username = 'jianyi'") == [
        (True,)
    ]

    pine = _lot(demo, holder, "樟子松", "seedling")
    larch = _lot(demo, holder, "兴安落叶松", "seed")
    spruce = _lot(demo, holder, demo_chain.SPRUCE, "seedling")
    assert (pine[2], larch[2]) == (20000, 150_000)  # 株; g (150 kg)
    for lot in (pine, larch, spruce):
        assert lot[1] in demo_output

    # The demo admin named the public 红皮云杉 row's table, the demo 种苗站 confirmed it, graded
    # the 红皮云杉 lot against it and issued the 合格证, which names the standard, table and row.
    assert "依据 GB 6000-1999 附录A 红皮云杉 移植苗 2-2" in demo_output
    [(cert, status, valid_to)] = demo.rows(
        "SELECT c.number, c.status, c.valid_to FROM quality_certificate c "
        "JOIN quality_inspection i ON i.id = c.inspection "
        "WHERE c.lot = ? AND i.by_station AND i.passed",
        spruce[0],
    )
    assert status == "valid"
    assert _day(valid_to) >= today
    assert cert in demo_output
    # One 产地检疫合格证, signed by the full-time 检疫员, covers the three lots.
    covered = demo.rows(
        "SELECT c.number, c.status, c.valid_to, a.username, s.lot "
        "FROM site_quarantine_certificate c JOIN site_quarantine_lot s ON s.certificate = c.id "
        "JOIN account a ON a.id = c.inspector"
    )
    assert {r[4] for r in covered} == {pine[0], larch[0], spruce[0]}
    number, status, valid_to, signer, _ = covered[0]
    assert (status, signer) == ("valid", "jianyi")
    assert _day(valid_to) >= today
    assert number in demo_output

    # 16 labels × 100 株, the first reissued: 17 rows, 16 valid, the old one superseded.
    labels = demo.rows(
        "SELECT serial, status, superseded_by, version FROM label WHERE lot = ?", spruce[0]
    )
    valid = [r for r in labels if r[1] == "valid"]
    superseded = [r for r in labels if r[2]]
    assert (len(labels), len(valid), len(superseded)) == (17, 16, 1)
    assert spruce[3] == 1600
    new = next(r for r in valid if r[0] == superseded[0][2])
    assert new[3] == 2
    assert f"/v/{new[0]}" in demo_output
    assert f"/v/{superseded[0][0]}" in demo_output

    recalled = demo.rows("SELECT number FROM lot WHERE status = 'recalled'")
    assert len(recalled) == 1
    assert recalled[0][0] in demo_output
    events = demo.count("audit_event")
    assert f"审计链完整：共 {events} 条事件" in demo.cli("audit-verify").stdout


# The league's six divisions (divisions.csv), written out here, not taken from the demo code.
LEAGUE_DIVISIONS = {
    "152201": "乌兰浩特市",
    "152202": "阿尔山市",
    "152221": "科尔沁右翼前旗",
    "152222": "科尔沁右翼中旗",
    "152223": "扎赉特旗",
    "152224": "突泉县",
}
RURAL_ADDRESS = re.compile(r"(?P<town>\w+?(镇|乡|苏木))(?P<village>\w+?(村|嘎查))\w*组")
ROLE_WORDS = ("审批人员", "检疫员", "种苗站", "管理员", "执法人员", "甲", "乙")


def test_the_demo_data_lies_in_the_league_and_names_people(demo, demo_output):
    """Issue 14 items 11 and 13: every address is in one of the league's six divisions, in a town
    (镇/乡/苏木) of that division and a 村/嘎查; nothing is faker's street or company filler;
    officials carry a person's name and the 检疫员 signs with it and the number of the card."""
    from faker.providers.address.zh_CN import Provider as Places
    from faker.providers.company.zh_CN import Provider as Companies

    from seedreg.demo_places import COUNTIES as TOWNS

    orgs = demo.rows("SELECT name, division_code, address, legal_representative FROM organisation")
    assert len(orgs) == 16  # 12 operators + 4 国有林场 running the demo's state bases (issue 18)
    for name, code, address, person in orgs:
        county = LEAGUE_DIVISIONS[code]
        assert address.startswith(county), (name, address)
        found = RURAL_ADDRESS.fullmatch(address.removeprefix(county))
        assert found, (name, address)
        assert found["town"] in TOWNS[code][2], (name, address)
        assert not any(p in name for p in Companies.company_prefixes), name
        assert not any(c in address for c in Places.cities if c not in LEAGUE_DIVISIONS.values())
        assert 2 <= len(person) <= 5, person
    sites = demo.rows("SELECT production_sites FROM licence")
    assert len(sites) == 2
    for (text,) in sites:
        for site in json.loads(text) if isinstance(text, str) else text:
            assert site["township"] in TOWNS[site["division_code"]][2], site
    lot_sites = [r[0] for r in demo.rows("SELECT production_site FROM site_quarantine_certificate")]
    assert lot_sites
    assert all(s.startswith(tuple(LEAGUE_DIVISIONS.values())) for s in lot_sites)
    officials = demo.rows(
        "SELECT username, display_name, real_name FROM account WHERE organisation IS NULL"
    )
    for username, shown, real in officials:
        assert shown == real, username
        assert not any(w in real for w in ROLE_WORDS), (username, real)
    [(signer, card)] = demo.rows(
        "SELECT DISTINCT inspector_name, inspector_qualification FROM site_quarantine_certificate"
    )
    assert (signer, card) == demo.rows(
        "SELECT real_name, qualification_number FROM account WHERE username = 'jianyi'"
    )[0]
    assert card
    assert demo.rows("SELECT DISTINCT signer_name FROM quality_certificate") == demo.rows(
        "SELECT real_name FROM account WHERE username = 'zhongmiao'"
    )


@contextmanager
def _serving(scratch: Scratch) -> Iterator[str]:
    """The real app on the scratch database; yields its base URL."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        **scratch.env,
        "SEEDREG_PUBLIC_BASE_URL": base,
        "SEEDREG_RUN_SCHEDULER": "false",
        "SEEDREG_RUN_PRINT_WORKER": "false",
    }
    log = scratch.folder / "server.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "seedreg", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, log.read_text()[-3000:]
                    time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def test_the_printed_demo_labels_verify_on_the_real_app(demo, demo_output):
    valid = re.search(r"/v/(\w+)（有效）", demo_output)
    old = re.search(r"/v/(\w+)（已补发）", demo_output)
    assert valid, demo_output
    assert old, demo_output
    with _serving(demo) as base:
        found = httpx.get(f"{base}/api/public/labels/{valid[1]}", timeout=10).json()
        assert (found["verdict"], found["ok"]) == ("valid", True), found
        assert found["label"]["species"] == demo_chain.SPRUCE
        assert found["label"]["quantity"] == "100 株"
        replaced = httpx.get(f"{base}/api/public/labels/{old[1]}", timeout=10).json()
        assert (replaced["verdict"], replaced["current_serial"]) == ("superseded", valid[1])
        page = httpx.get(f"{base}/v/{valid[1]}", timeout=10)
        assert page.status_code == 200
        assert "有效" in page.text


def test_the_demo_map_draws_every_base_and_the_target_shows_the_league_above_it(demo, demo_output):
    """Issue 18: bases in every banner, the demo lots name their base, the map draws every base
    of the demo data, and the league's confirmed state bases are above "3—5"."""
    from bs4 import BeautifulSoup

    from seedreg.demo import DEMO_PASSWORD
    from tests.fixtures import Browser

    bases = demo.rows("SELECT id, division_code FROM nursery_base")
    assert {code for _, code in bases} == set(SIX_BANNERS)
    unlinked = demo.rows("SELECT COUNT(*) FROM lot WHERE base IS NULL AND nursery_base <> ''")
    assert unlinked == [(0,)]
    with _serving(demo) as base:
        station = Browser(base)
        station.login("zhongmiao", DEMO_PASSWORD)
        page = BeautifulSoup(station.get("/nurseries/map").text, "html.parser")
        drawn = {int(c["data-id"]) for c in page.find(id="nursery-map").find_all("circle")}
        assert drawn == {row[0] for row in bases}
        target = BeautifulSoup(station.get("/nurseries/target").text, "html.parser")
        league = target.find("tr", attrs={"data-code": "152200"}).get_text(" ", strip=True)
        assert league == "兴安盟 6 超过上限", league


def test_load_demo_builds_the_chain_on_a_holiday(tmp_path):
    """Granting, inspecting and labelling on a rest day (国庆节, a Saturday) works too."""
    day = "2026-10-03"
    patched = (
        "import datetime, sys\n"
        "from seedreg.core import clock\n"
        f"clock.now = lambda: datetime.datetime.fromisoformat('{day}T09:00:00+08:00')\n"
        "from seedreg.__main__ import main\n"
        "sys.exit(main(['load-demo']))\n"
    )
    with _fresh_database(tmp_path) as scratch:
        done = subprocess.run(
            [sys.executable, "-c", patched],
            cwd=ROOT,
            env={**os.environ, **scratch.env},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, _out(done)
        assert [_day(r[0]) for r in scratch.rows("SELECT valid_from FROM licence")] == [day, day]
        assert scratch.count("label") == 17
        assert "（有效）" in done.stdout


# --------------------------------------------------------------------------- backup / restore


def _spy_tool(folder, name: str):
    """A stand-in for a PostgreSQL client tool that records its own argv and password variable."""
    folder.mkdir(exist_ok=True)
    tool = folder / name
    tool.write_text(
        "#!/bin/sh\n"
        f'printf "%s\\n" "$@" > "{folder}/{name}.argv"\n'
        'printf "%s" "$PGPASSWORD|$PGUSER|$PGHOST|$PGPORT|$PGDATABASE|$PGSSLMODE"'
        f' > "{folder}/{name}.env"\n'
    )
    tool.chmod(0o755)
    return lambda suffix: (folder / f"{name}.{suffix}").read_text()


@pytest.mark.parametrize("tool", ["pg_dump", "pg_restore"])
def test_backups_keep_the_database_password_off_the_command_line(tmp_path, tool):
    spy = _spy_tool(tmp_path / "bin", tool)
    url = "postgresql://seed%40user:s3cr%3Aet@db.internal:6543/seedreg?sslmode=require"
    env = {
        "SEEDREG_DATABASE_URL": url,
        "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
    }
    dump = tmp_path / "x.dump"
    dump.write_bytes(b"PGDMP")
    args = (
        ["backup", "--output", str(dump)] if tool == "pg_dump" else ["restore", str(dump), "--yes"]
    )
    run_cli(*args, env=env)
    argv = spy("argv")
    assert "s3cr" not in argv
    assert "postgresql://" not in argv
    assert spy("env") == "s3cr:et|seed@user|db.internal|6543|seedreg|require"


def test_backup_then_restore_on_sqlite(tmp_path):
    scratch = Scratch(tmp_path / "db")
    scratch.cli("migrate")
    scratch.cli("load-reference")
    scratch.create_admin("kept_user")
    events_at_backup = scratch.count("audit_event")
    backup_file = tmp_path / "backup.sqlite3"

    result = scratch.cli("backup", "--output", str(backup_file))
    assert f"已备份到 {backup_file}" in result.stdout
    assert backup_file.stat().st_size > 0
    scratch.create_admin("later_user")
    assert {"kept_user", "later_user"} <= scratch.usernames()

    refused = scratch.cli("restore", str(backup_file), check=False)
    assert refused.returncode == 2, _out(refused)
    assert "--yes" in refused.stdout
    assert "later_user" in scratch.usernames(), "a refused restore must not touch the database"

    missing = scratch.cli("restore", str(tmp_path / "no-such-file"), "--yes", check=False)
    assert missing.returncode == 2, _out(missing)
    assert "备份文件不存在" in missing.stdout

    restored = scratch.cli("restore", str(backup_file), "--yes")
    assert f"已从 {backup_file} 恢复" in restored.stdout
    users = scratch.usernames()
    assert "kept_user" in users
    assert "later_user" not in users
    # The restored database is whole: its audit chain ends where the backup was taken.
    assert scratch.count("audit_event") == events_at_backup
    verify = scratch.cli("audit-verify")
    assert f"审计链完整：共 {events_at_backup} 条事件" in verify.stdout


def _major(version_text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", version_text)
    assert match, version_text
    return int(match[1])


def test_backup_on_postgresql_writes_a_pg_dump_custom_archive(database, tmp_path):
    if not database.startswith("postgres"):
        pytest.skip("pg_dump backup applies to PostgreSQL only; this run uses SQLite")
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump is not installed (Debian package postgresql-client)"
    client = subprocess.run(
        [pg_dump, "--version"], capture_output=True, text=True, check=True
    ).stdout
    server = asyncio.run(fetch("SHOW server_version"))[0]["server_version"]
    versions = f"pg_dump: {client.strip()}; server: {server}"
    if _major(client) != _major(server):
        warnings.warn(f"pg_dump and server major versions differ — {versions}", stacklevel=1)

    target = tmp_path / "backup.dump"
    result = run_cli("backup", "--output", str(target), check=False)
    assert result.returncode == 0, f"{versions}\n{_out(result)}"
    assert f"已备份到 {target}" in result.stdout
    data = target.read_bytes()
    assert data.startswith(b"PGDMP"), data[:16]
    assert len(data) > 1000


# --------------------------------------------------------------------------- create-user


def _writes_nothing(
    username: str, run: Callable[[], subprocess.CompletedProcess[str]]
) -> subprocess.CompletedProcess[str]:
    events = AuditEvent.count().run_sync()
    result = run()
    assert not User.exists().where(User.username == username).run_sync()
    assert AuditEvent.count().run_sync() == events
    return result


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-1A", "密码至少10位"),
        ("alllowercaseletters", "密码须包含大写字母、小写字母、数字、符号中的至少三类"),
    ],
)
def test_create_user_rejects_a_weak_password_in_chinese(database, password, reason):
    username = unique("weak")
    result = _writes_nothing(
        username,
        lambda: run_cli(
            "create-user",
            username,
            "--name",
            "弱密码",
            "--role",
            "seed_station",
            "--jurisdiction",
            "152200",
            env={"SEEDREG_NEW_PASSWORD": password},
            check=False,
        ),
    )
    assert result.returncode == 2, _out(result)
    assert f"未创建：{reason}" in result.stdout


def test_create_user_rejects_an_unknown_role_in_chinese(database):
    username = unique("badrole")
    result = _writes_nothing(
        username,
        lambda: run_cli(
            "create-user",
            username,
            "--name",
            "错误角色",
            "--role",
            "emperor",
            "--jurisdiction",
            "152200",
            env={"SEEDREG_NEW_PASSWORD": STRONG},
            check=False,
        ),
    )
    assert result.returncode == 2, _out(result)
    assert "输入有误：role：不在允许的选项中" in result.stdout
    assert "Traceback" not in result.stderr


def test_create_user_with_good_input_creates_and_audits(database):
    username = unique("cli")
    events = AuditEvent.count().run_sync()
    result = run_cli(
        "create-user",
        username,
        "--name",
        "命令行账号",
        "--role",
        "seed_station",
        "--jurisdiction",
        "152200",
        env={"SEEDREG_NEW_PASSWORD": STRONG},
        check=False,
    )
    assert result.returncode == 0, _out(result)
    assert f"已创建账号 {username}（种苗站）" in result.stdout
    assert User.exists().where(User.username == username).run_sync()
    assert AuditEvent.count().run_sync() == events + 1
