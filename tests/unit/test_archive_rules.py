"""Pure archive rules: serial specs of a sale, corrections, retention, and completeness."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from seedreg.archive import completeness, rules
from seedreg.labels.serials import serial_from_number

SERIAL = serial_from_number(123456789)


def test_a_spec_reads_ranges_and_serials_and_checks_the_check_character():
    spec = rules.parse_serials(f"1-50，61 {SERIAL.lower()}\n{SERIAL}")
    assert spec.ranges == ((1, 50), (61, 61))
    assert spec.serials == (SERIAL,)
    assert spec.size == 52
    wrong = SERIAL[:-1] + ("0" if SERIAL[-1] != "0" else "1")
    with pytest.raises(ValueError, match="校验位"):
        rules.parse_serials(wrong)
    with pytest.raises(ValueError, match="从小到大"):
        rules.parse_serials("9-3")
    with pytest.raises(ValueError, match="最多"):
        rules.parse_serials("1-20001")


def test_corrections_apply_in_order_and_an_empty_one_is_refused():
    original = {"quantity": 40, "note": ""}
    first = {"changes": {"quantity": [40, 45]}}
    second = {"changes": {"quantity": [45, 44], "note": ["", "补记"]}}
    assert rules.current_values(original, [first, second]) == {"quantity": 44, "note": "补记"}
    assert original == {"quantity": 40, "note": ""}  # the original is never changed
    assert rules.changed_fields({"quantity": 44}, {"quantity": 50, "kind": "x"}) == {
        "quantity": [44, 50]
    }
    with pytest.raises(ValueError, match="相同"):
        rules.changed_fields({"quantity": 44}, {"quantity": 44})


def test_retention_counts_years_from_the_record():
    assert rules.kept_until(date(2026, 3, 1), 10) == date(2036, 3, 1)
    assert rules.kept_until(date(2024, 2, 29), 10) == date(2034, 2, 28)


COMPLETE = completeness.LotYear(
    lot_id=1, lot_number="P1", year=2026, produced_here=True, production_records=2,
    stock_in_records=0, stock_out_quantity=300, sale_quantity=300, sales=1,
    sales_without_papers=0, source_papers=0, has_quality_certificate=True,
    has_quarantine_certificate=True,
)  # fmt: skip


def codes(facts: completeness.LotYear) -> list[str]:
    return [g.code for g in completeness.gaps(facts)]


def test_a_complete_lot_has_no_gap():
    assert completeness.complete(COMPLETE)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"production_records": 0}, "production"),
        ({"sale_quantity": 200}, "sale"),
        ({"sales_without_papers": 1}, "sale_papers"),
        ({"has_quality_certificate": False}, "quality"),
        ({"has_quarantine_certificate": False}, "quarantine"),
    ],
)
def test_each_missing_item_is_named(change, code):
    assert codes(replace(COMPLETE, **change)) == [code]


def test_a_bought_in_lot_needs_its_stock_in_and_its_source_papers():
    bought = replace(COMPLETE, produced_here=False, production_records=0)
    assert codes(bought) == ["stock_in", "source_papers"]
    assert codes(replace(bought, stock_in_records=1, source_papers=1)) == []
