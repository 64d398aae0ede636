"""Which materials are forms, how blank and filled forms differ, and what samples hide."""

from __future__ import annotations

import csv

import pytest

from seedreg.servicedesk import guide_rules
from seedreg.settings import PROJECT_ROOT


def _catalogue_rows():
    path = PROJECT_ROOT / "fixtures" / "matters" / "materials.csv"
    with path.open(encoding="utf-8") as fh:
        return {f"{r['matter']}:{r['code']}": r for r in csv.DictReader(fh)}


@pytest.mark.parametrize(
    ("key", "is_form"),
    [
        ("licensing:A01", True),
        ("filing:F01", True),
        ("introduction:I01", True),
        ("licensing:A02", False),
        ("licensing:A03", False),
        ("quality_request:Q01", False),
    ],
)
def test_forms_are_told_by_the_catalogue_flag(key, is_form):
    assert (_catalogue_rows()[key]["table_form"] == "true") is is_form


def test_a_blank_form_keeps_the_labels_and_drops_the_values():
    form = guide_rules.generic_definition("x:T1", "某某申请表", "依据")
    blank, filled = form.rows(filled=False), form.rows(filled=True)
    assert [f[0] for s in blank for f in s["fields"]] == [f[0] for s in filled for f in s["fields"]]
    assert all(value == "" for s in blank for _, value in s["fields"])
    assert all(value for s in filled for _, value in s["fields"])
    assert form.generic


def test_samples_hide_names_and_numbers():
    assert guide_rules.mask_name("包金花") == "包**"
    assert guide_rules.mask_name("兴安盟沨河林木种苗繁育有限公司") == "兴安盟××林木种苗繁育有限公司"
    assert guide_rules.mask_number("15000020260012") == "150000********"
