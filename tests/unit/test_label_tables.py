"""A label issue's number of labels does not hide Piccolo's Table.count (issue 11)."""

from __future__ import annotations

from piccolo.columns import Integer

from seedreg.labels.tables import LabelIssue


def test_count_is_the_tables_count_query():
    assert isinstance(LabelIssue.label_count, Integer)
    assert LabelIssue.label_count._meta.db_column_name == "label_count"
    assert "COUNT(*)" in str(LabelIssue.count().where(LabelIssue.lot == 1).querystrings[0])
