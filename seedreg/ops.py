"""Administrative operations behind the CLI: migrate, create user, audit check, backup."""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

from seedreg.core.db import SQLITE_BUSY_TIMEOUT_S, db, sqlite_path
from seedreg.settings import get_settings


async def migrate() -> int:
    """Apply every app's migrations (piccolo's own runner), on either engine."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    result = await run_forwards(app_name="all")
    if not result.success:
        print(result.message)
        return 1
    # fresh statistics so the planner picks the partial indexes (both engines)
    await db().run_ddl("ANALYZE")
    return 0


async def create_user(args: argparse.Namespace, password: str) -> int:
    from pydantic import ValidationError

    from seedreg.accounts.schemas import UserCreate
    from seedreg.accounts.services import create_user as create
    from seedreg.core.audit.services import SYSTEM
    from seedreg.core.errors import DomainError
    from seedreg.core.validation import field_messages

    try:
        data = UserCreate(
            username=args.username,
            display_name=args.name,
            password=password,
            role=args.role,
            jurisdiction=args.jurisdiction,
            organisation_id=args.organisation_id,
            enforcement_id=args.enforcement_id,
            real_name=args.real_name,
            qualification_number=args.qualification_number,
        )
        user = await create(SYSTEM, data)
    except ValidationError as exc:
        print("输入有误：" + "；".join(f"{k}：{v}" for k, v in field_messages(exc).items()))
        return 2
    except DomainError as exc:
        print(f"未创建：{exc.message}")
        return 2
    print(f"已创建账号 {user.username}（{user.role_label}）")
    return 0


async def audit_verify() -> int:
    from seedreg.core.audit.services import head_hash, verify

    count, broken = await verify()
    if broken is None:
        head = await head_hash()
        # Record this line outside the database: it pins the chain, so even a consistent
        # rewrite of the tail by someone with database access would show.
        print(f"审计链完整：共 {count} 条事件；链尾哈希 {head}")
        return 0
    print(f"审计链断裂：第 {broken.seq} 条 —— {broken.reason}")
    return 1


def _default_backup(suffix: str) -> Path:
    folder = get_settings().var_dir / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"seedreg-{datetime.now().strftime('%Y%m%d-%H%M%S')}{suffix}"  # noqa: DTZ005


def backup(output: str | None) -> int:
    """SQLite: the online backup API (consistent while the app runs). PostgreSQL: pg_dump."""
    settings = get_settings()
    if settings.is_sqlite:
        target = Path(output) if output else _default_backup(".sqlite3")
        src = sqlite3.connect(sqlite_path(settings.database_url), timeout=SQLITE_BUSY_TIMEOUT_S)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
    else:
        target = Path(output) if output else _default_backup(".dump")
        _require("pg_dump")
        subprocess.run(
            ["pg_dump", "--format=custom", f"--file={target}"],
            env=_pg_env(settings.database_url),
            check=True,
        )
    print(f"已备份到 {target}")
    return 0


def restore(file: str, *, confirm: bool) -> int:
    """Replace the database with a backup. Stop the server first."""
    source = Path(file)
    if not source.is_file():
        print(f"备份文件不存在：{source}")
        return 2
    if not confirm:
        print("恢复会覆盖当前数据库。请先停止服务，再加 --yes 确认。")
        return 2
    settings = get_settings()
    if settings.is_sqlite:
        with (
            sqlite3.connect(source) as src,
            sqlite3.connect(
                sqlite_path(settings.database_url), timeout=SQLITE_BUSY_TIMEOUT_S
            ) as dst,
        ):
            src.backup(dst)
    else:
        _require("pg_restore")
        env = _pg_env(settings.database_url)
        target = env["PGDATABASE"]  # a name, not the URL: the password stays in PGPASSWORD
        subprocess.run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname", target, str(source)],
            env=env,
            check=True,
        )
    print(f"已从 {source} 恢复")
    return 0


def _pg_env(url: str) -> dict[str, str]:
    """Connection settings for the PostgreSQL client tools, passed in the environment so the
    password never appears on a command line (where ``ps`` would show it)."""
    parts = urlsplit(url)
    env = {
        **os.environ,
        "PGHOST": parts.hostname or "localhost",
        "PGPORT": str(parts.port or 5432),
        "PGDATABASE": parts.path.lstrip("/"),
    }
    if parts.username:
        env["PGUSER"] = unquote(parts.username)
    if parts.password:
        env["PGPASSWORD"] = unquote(parts.password)
    options = dict(parse_qsl(parts.query))
    if "sslmode" in options:
        env["PGSSLMODE"] = options["sslmode"]
    return env


def _require(tool: str) -> None:
    if shutil.which(tool) is None:
        raise SystemExit(f"找不到 {tool}：请安装 Debian 的 postgresql-client 软件包")
