"""A scratch database migrated to a point in licensing's history, for the tests of data
migrations: every app fully migrated except licensing, which stops at the given migration
(inclusive). Runs in a subprocess on the scratch database's own URL."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

from tests.fixtures import ROOT
from tests.integration.test_cli import Scratch

MIGRATE_TO = """
import asyncio, sys
from piccolo.apps.migrations.commands.base import BaseMigrationManager
from piccolo.apps.migrations.commands.forwards import run_forwards

async def main():
    for app in BaseMigrationManager().get_sorted_app_names():
        target = sys.argv[1] if app == "licensing" else "all"
        result = await run_forwards(app_name=app, migration_id=target)
        assert result.success, result.message

asyncio.run(main())
"""


def run_python(scratch: Scratch, code: str, *args: str) -> str:
    """Run ``code`` against the scratch database; what it printed."""
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, **scratch.env},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def migrate_to(scratch: Scratch, licensing_migration: str) -> None:
    run_python(scratch, MIGRATE_TO, licensing_migration)


def execute(scratch: Scratch, sql: str) -> None:
    """One statement, committed."""
    if scratch.postgres_url:
        scratch.rows(sql)  # asyncpg commits each statement
        return
    conn = sqlite3.connect(scratch.file)
    try:
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()
