"""The verification fast path's SQL is named from the Piccolo table classes (issue 11): renaming
a column or a table in its class changes the SQL, and each selected column keeps its Python
name as the row's key."""

from __future__ import annotations

import re

import pytest

from seedreg.labels import fastsql
from seedreg.labels.tables import Label, LabelIssue, LabelScan
from seedreg.licensing.tables import Licence
from seedreg.lots.tables import Lot


@pytest.fixture
def renamed(monkeypatch):
    """Rename a column's (or a table's) database name on its class for one test."""

    def rename(target, new: str) -> None:
        if isinstance(target, type):  # a table class
            monkeypatch.setattr(target._meta, "tablename", new)
        else:  # a column: what db_column_name="..." on the class would set
            monkeypatch.setattr(target._meta, "_db_column_name", new)

    return rename


def test_the_sql_built_now_is_the_sql_in_use():
    assert fastsql.label_select() == fastsql.LABEL_SELECT
    assert fastsql.issue_sql() == fastsql.ISSUE_SQL
    assert fastsql.scan_columns() == (fastsql.SCAN_TABLE, fastsql.SCAN_COLUMNS)
    assert fastsql.LABEL_SELECT.endswith("FROM label l")
    assert "l.serial AS serial" in fastsql.LABEL_SELECT
    assert fastsql.LABEL_KEY == "l.serial"


def test_a_renamed_label_column_changes_the_label_select(renamed):
    before = fastsql.label_select()
    renamed(Label.serial, "serial_no")
    renamed(Label.superseded_by, "replaced_by")
    after = fastsql.label_select()
    assert after != before
    assert "l.serial_no AS serial" in after  # the row keeps its key
    assert "l.replaced_by AS superseded_by" in after
    assert not re.search(r"l\.serial\b(?!_)", after)
    assert fastsql.label_key() == "l.serial_no"


def test_renamed_tables_and_columns_change_the_issue_sql(renamed):
    before = fastsql.issue_sql()
    renamed(LabelIssue, "label_batch")
    renamed(Lot.recalled_on, "recall_day")
    renamed(Licence.valid_to, "expires_on")
    renamed(LabelIssue.quality_certificate, "quality_cert")
    after = fastsql.issue_sql()
    assert after != before
    assert "FROM label_batch i" in after
    assert "lt.recall_day AS recalled_on" in after
    assert "lic.expires_on AS licence_valid_to" in after
    assert "= i.quality_cert " in after
    assert "FROM label_issue" not in after


def test_a_renamed_scan_column_changes_the_appended_columns(renamed):
    renamed(LabelScan.outcome, "verdict")
    renamed(LabelScan, "scan_log")
    table, columns = fastsql.scan_columns()
    assert table == "scan_log"
    assert columns[-1] == "verdict"
    assert "outcome" not in columns
