"""Test set-up: one real database per run (SQLite file, or PostgreSQL when
SEEDREG_TEST_POSTGRES_URL is set), migrated by the real CLI, and a real server process.

Tests never clean up between themselves: each creates its own uniquely named data, so the
suite also proves the audit chain stays intact across everything it does.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

_TMP = Path(tempfile.mkdtemp(prefix="seedreg-test-"))
_PG = os.environ.get("SEEDREG_TEST_POSTGRES_URL", "")
os.environ["SEEDREG_DATABASE_URL"] = _PG or f"sqlite:///{_TMP / 'test.sqlite3'}"
os.environ["SEEDREG_VAR_DIR"] = str(_TMP / "var")
os.environ["SEEDREG_SECRET_KEY"] = "test-secret-key-not-for-production"
os.environ["SEEDREG_LOGIN_MAX_FAILURES_PER_IP"] = "100000"
os.environ["SEEDREG_CLONE_LOT_CHECK_SECONDS"] = "0.5"  # the tests wait seconds, not a minute
os.environ["SEEDREG_RUN_SMS_SENDER"] = "0"  # SMS tests drain the outbox to their own gateways
os.environ["PICCOLO_CONF"] = "seedreg.piccolo_conf"

pytest_plugins = ["tests.fixtures"]


def pytest_configure(config: pytest.Config) -> None:
    """Random order (pytest-randomly), but one random stream for the whole run, as
    --randomly-dont-reset-seed does: the factories draw "unique" codes from `random`, and
    reseeding before each test would make two tests draw the same ones. Set here rather than in
    addopts so that `-p no:randomly` (the fixed order) still parses."""
    if hasattr(config.option, "randomly_reset_seed"):
        config.option.randomly_reset_seed = False


def pytest_report_header(config: object) -> str:
    engine = "PostgreSQL" if _PG else "SQLite"
    return f"seedreg database: {engine} ({os.environ['SEEDREG_DATABASE_URL']})"
