"""Lot quantities: seed entered in kg and stored in grams, seedlings in whole 株."""

from decimal import Decimal

import pytest

from seedreg.lots.rules import Material, from_base_units, lot_number, show_quantity, to_base_units


@pytest.mark.parametrize(
    ("material", "entered", "stored"),
    [
        (Material.SEED, "12.5", 12_500),
        (Material.SEED, "0.001", 1),
        (Material.SEED, 3, 3_000),
        (Material.SEEDLING, "3000", 3_000),
        (Material.SEEDLING, Decimal("40.0"), 40),
    ],
)
def test_entered_amounts_become_base_units(material: Material, entered, stored: int) -> None:
    assert to_base_units(material, entered) == stored


@pytest.mark.parametrize(
    ("material", "entered", "message"),
    [
        (Material.SEED, "0", "大于 0"),
        (Material.SEED, "-1", "大于 0"),
        (Material.SEED, "abc", "数字"),
        (Material.SEED, "NaN", "大于 0"),
        (Material.SEED, "0.0005", "0.001 kg"),
        (Material.SEEDLING, "2.5", "整数"),
    ],
)
def test_bad_amounts_are_refused_in_chinese(material: Material, entered, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_base_units(material, entered)


def test_stored_amounts_show_in_kg_or_plants() -> None:
    assert show_quantity(Material.SEED, 12_500) == "12.5 kg"
    assert show_quantity(Material.SEED, 3_000) == "3 kg"
    assert show_quantity(Material.SEED, 1) == "0.001 kg"
    assert show_quantity(Material.SEEDLING, 3_000) == "3000 株"
    assert from_base_units(Material.SEED, 250) == Decimal("0.25")


def test_lot_numbers_are_short_and_ordered() -> None:
    assert lot_number(2026, 42) == "P260000042"
    assert lot_number(2026, 9_999_999) == "P269999999"
    with pytest.raises(ValueError, match="超出范围"):
        lot_number(2026, 10**7)
