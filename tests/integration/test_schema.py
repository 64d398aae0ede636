"""The database the real CLI migrated matches the Table classes, on SQLite and on PostgreSQL."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

import pytest
from piccolo.apps.migrations.commands.check import CheckMigrationManager
from piccolo.apps.migrations.commands.new import AutoMigrationManager
from piccolo.columns import Varchar
from piccolo.conf.apps import Finder
from piccolo.table import Table

from seedreg.core.db import fetch, is_sqlite
from seedreg.inspections.catalogue import FIXTURE as VIOLATIONS
from seedreg.inspections.tables import ViolationItem
from seedreg.reference.services import FIXTURES
from seedreg.reference.tables import Division, Species
from tests.fixtures import run_cli

TABLES: list[type[Table]] = Finder().get_table_classes()
BY_NAME = {t._meta.tablename: t for t in TABLES}
PICCOLO_OWN = {"migration"}  # Piccolo's record of applied migrations


@dataclass
class LiveTable:
    """What the live database says about one table."""

    nullable: dict[str, bool]  # column → may hold NULL
    lengths: dict[str, int | None]  # column → declared character length (VARCHAR(n))
    unique_sets: list[tuple[str, ...]] = field(default_factory=list)  # unique indexes / pk
    index_sets: list[tuple[str, ...]] = field(default_factory=list)  # every index


async def _live_table_names() -> set[str]:
    if is_sqlite():
        rows = await fetch(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return {r["name"] for r in rows}
    rows = await fetch(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    )
    return {r["table_name"] for r in rows}


async def _sqlite_table(name: str) -> LiveTable:
    info = await fetch(f'PRAGMA table_info("{name}")')
    live = LiveTable(
        nullable={r["name"]: not r["notnull"] for r in info},
        lengths={r["name"]: _sqlite_length(r["type"]) for r in info},
    )
    pk = tuple(r["name"] for r in sorted(info, key=lambda r: r["pk"]) if r["pk"])
    if pk:
        live.unique_sets.append(pk)
        live.index_sets.append(pk)
    for index in await fetch(f'PRAGMA index_list("{name}")'):
        cols = tuple(
            r["name"]
            for r in sorted(await fetch(f'PRAGMA index_info("{index["name"]}")'), key=_seqno)
        )
        live.index_sets.append(cols)
        if index["unique"]:
            live.unique_sets.append(cols)
    return live


def _sqlite_length(declared_type: str) -> int | None:
    match = re.fullmatch(r"VARCHAR\((\d+)\)", declared_type, flags=re.IGNORECASE)
    return int(match[1]) if match else None


def _seqno(row: dict) -> int:
    return row["seqno"]


_INDEXDEF = re.compile(r"^CREATE (UNIQUE )?INDEX \S+ ON \S+ USING \w+ \((?P<cols>.+)\)$")


async def _postgres_table(name: str) -> LiveTable:
    columns = await fetch(
        "SELECT column_name, is_nullable, character_maximum_length "
        "FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = {}",
        name,
    )
    live = LiveTable(
        nullable={r["column_name"]: r["is_nullable"] == "YES" for r in columns},
        lengths={r["column_name"]: r["character_maximum_length"] for r in columns},
    )
    indexes = await fetch(
        "SELECT indexname, indexdef FROM pg_indexes "
        "WHERE schemaname = current_schema() AND tablename = {}",
        name,
    )
    for index in indexes:
        match = _INDEXDEF.match(index["indexdef"])
        assert match, f"unexpected index definition: {index['indexdef']}"
        cols = tuple(c.strip().strip('"') for c in match["cols"].split(","))
        live.index_sets.append(cols)
        if match.group(1):
            live.unique_sets.append(cols)
    return live


async def _live(name: str) -> LiveTable:
    return await (_sqlite_table(name) if is_sqlite() else _postgres_table(name))


def test_every_app_declares_tables():
    # Guards the parametrisation below: an empty registry would make it pass vacuously.
    assert len(TABLES) >= 10
    assert {"audit_event", "audit_head", "number_sequence", "calendar_day", "account"} <= set(
        BY_NAME
    )


async def test_no_table_exists_that_no_table_class_declares(database):
    live = await _live_table_names()
    assert live - PICCOLO_OWN == set(BY_NAME), (
        f"undeclared in DB: {sorted(live - PICCOLO_OWN - set(BY_NAME))}; "
        f"missing from DB: {sorted(set(BY_NAME) - live)}"
    )


@pytest.mark.parametrize("tablename", sorted(BY_NAME))
async def test_columns_and_nullability_match_the_table_class(database, tablename):
    table = BY_NAME[tablename]
    live = await _live(tablename)
    declared = {c._meta.db_column_name: c._meta.null for c in table._meta.columns}
    assert set(live.nullable) == set(declared), tablename
    for column, null in declared.items():
        assert live.nullable[column] == null, f"{tablename}.{column}: nullable should be {null}"


@pytest.mark.parametrize("tablename", sorted(BY_NAME))
async def test_varchar_lengths_match_the_table_class(database, tablename):
    """PostgreSQL enforces VARCHAR(n) (SQLite does not), so a mismatch fails only in production."""
    table = BY_NAME[tablename]
    live = await _live(tablename)
    for column in table._meta.columns:
        if isinstance(column, Varchar):
            name = column._meta.db_column_name
            assert live.lengths[name] == column.length, f"{tablename}.{name}"


def test_reference_fixtures_fit_their_columns():
    """Every value of the reference CSVs fits its column (load-reference on PostgreSQL)."""
    for table, fixture in (
        (Division, FIXTURES / "divisions.csv"),
        (Species, FIXTURES / "species.csv"),
        (ViolationItem, VIOLATIONS),
    ):
        with fixture.open(encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert rows, fixture
        for column in table._meta.columns:
            name = column._meta.db_column_name
            if isinstance(column, Varchar) and name in rows[0]:
                longest = max(rows, key=lambda r, n=name: len(r[n]))[name]
                assert len(longest) <= column.length, f"{fixture} {name}: {longest!r}"


@pytest.mark.parametrize("tablename", sorted(BY_NAME))
async def test_unique_and_indexed_columns_have_their_index(database, tablename):
    table = BY_NAME[tablename]
    live = await _live(tablename)
    for column in table._meta.columns:
        name = column._meta.db_column_name
        if column._meta.unique or column._meta.primary_key:
            assert (name,) in live.unique_sets, f"{tablename}.{name} has no unique index"
        if column._meta.index:
            assert any(cols[:1] == (name,) for cols in live.index_sets), (
                f"{tablename}.{name} has no index"
            )
    declared_unique = {
        (c._meta.db_column_name,)
        for c in table._meta.columns
        if c._meta.unique or c._meta.primary_key
    }
    # No stray unique constraint either: it would reject rows the application considers valid.
    assert set(live.unique_sets) <= declared_unique, tablename


def test_migrate_again_is_a_no_op(database):
    result = run_cli("migrate", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Running" not in result.stdout
    apps = Finder().get_app_configs()
    assert result.stdout.count("No migrations need to be run") == len(apps), result.stdout


async def test_every_migration_has_run(database):
    statuses = await CheckMigrationManager(app_name="all").get_migration_statuses()
    assert statuses, "no migrations found"
    assert [s.migration_id for s in statuses if not s.has_ran] == []


async def test_table_classes_need_no_new_migration(database):
    """What ``piccolo migrations new --auto`` would write: nothing, for every app."""
    for app in Finder().get_app_configs():
        alter = await AutoMigrationManager(auto_input="y").get_alter_statements(app)
        pending = [s for group in alter for s in group.statements]
        assert pending == [], f"{app.app_name} has model changes without a migration: {pending}"
