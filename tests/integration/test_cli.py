"""The administrator's command line: reference and demo loading, users, backup and restore."""

from __future__ import annotations

import asyncio
import csv
import re
import shutil
import sqlite3
import subprocess
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

from seedreg.accounts.rules import Role
from seedreg.accounts.tables import User
from seedreg.core.audit.tables import AuditEvent
from seedreg.core.db import fetch
from seedreg.demo import COUNTIES, OFFICIALS
from seedreg.quality.rules import SAMPLE_SEEDLING_ROWS
from seedreg.reference.services import FIXTURES
from tests.fixtures import run_cli, unique

SIX_BANNERS = {"152201", "152202", "152221", "152222", "152223", "152224"}
STRONG = "Scratch-Pass-2026"
REFERENCE = ("divisions", "species", "violations")


def _out(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


class Scratch:
    """A throwaway SQLite database in its own folder, driven through the CLI."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "x.sqlite3"
        self.env = {
            "SEEDREG_DATABASE_URL": f"sqlite:///{self.file}",
            "SEEDREG_VAR_DIR": str(folder),
            "SEEDREG_NEW_PASSWORD": STRONG,
        }

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = run_cli(*args, env=self.env, check=False)
        if check:
            assert result.returncode == 0, _out(result)
        return result

    def rows(self, sql: str, *params: object) -> list[tuple]:
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
    # the grading samples bring their own species (红皮云杉), outside the directive's list
    sample_species = {row.species for row in SAMPLE_SEEDLING_ROWS} - _fixture_names("species.csv")
    assert sample_species, "the shipped sample row's species should not be on the directive's list"
    assert [scratch.count(t) for t in ("division", "species", "violation")] == [
        expected["divisions"],
        expected["species"] + len(sample_species),
        expected["violations"],
    ]
    events = scratch.count("audit_event")
    assert events >= 1

    second = _changed(scratch.cli("load-reference").stdout)
    assert second.keys() == first.keys()
    assert set(second.values()) == {0}
    assert scratch.count("audit_event") == events


# --------------------------------------------------------------------------- demo data


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Scratch:
    scratch = Scratch(tmp_path_factory.mktemp("demo"))
    scratch.cli("migrate")
    scratch.cli("load-reference")
    return scratch


def _demo_counts(scratch: Scratch) -> dict[str, int]:
    return {t: scratch.count(t) for t in ("account", "organisation", "audit_event")}


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


# --------------------------------------------------------------------------- backup / restore


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
