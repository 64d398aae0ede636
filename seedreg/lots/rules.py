"""Pure lot rules: material kinds, quantities and the lot-number format. No I/O."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum


class Material(StrEnum):
    SEED = "seed"  # 种子, weighed in kg (stored in grams)
    SEEDLING = "seedling"  # 苗木, counted in 株

    @property
    def label(self) -> str:
        return {"seed": "种子", "seedling": "苗木"}[self.value]

    @property
    def unit(self) -> str:
        return {"seed": "kg", "seedling": "株"}[self.value]


class LotStatus(StrEnum):
    ACTIVE = "active"
    RECALLED = "recalled"  # 召回: its labels are void

    @property
    def label(self) -> str:
        return {"active": "正常", "recalled": "已召回"}[self.value]


GRAMS_PER_KG = 1000


def to_base_units(material: Material, amount: Decimal | int | float | str) -> int:
    """A quantity as entered (kg for seed, 株 for seedlings) → the stored integer (g or 株)."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError("数量应为数字") from exc
    if not value.is_finite() or value <= 0:
        raise ValueError("数量应大于 0")
    if material is Material.SEEDLING:
        if value != value.to_integral_value():
            raise ValueError("苗木数量应为整数（株）")
        return int(value)
    grams = value * GRAMS_PER_KG
    if grams != grams.to_integral_value():
        raise ValueError("种子数量最多精确到 0.001 kg（1 克）")
    return int(grams)


def from_base_units(material: Material, stored: int) -> Decimal:
    """The stored integer → kg (seed, up to 3 decimals) or 株."""
    if material is Material.SEEDLING:
        return Decimal(stored)
    kg = (Decimal(stored) / GRAMS_PER_KG).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return kg.normalize() if kg != kg.to_integral_value() else kg.quantize(Decimal(1))


def show_quantity(material: Material, stored: int) -> str:
    """For pages and paper: "12.5 kg", "3000 株"."""
    return f"{from_base_units(material, stored)} {material.unit}"


def lot_number(year: int, sequence: int) -> str:
    """批次号: "P" + two-digit year + seven-digit sequence, e.g. P260000042 (10 characters,
    short enough for the signed QR payload)."""
    if not 0 < sequence < 10**7:
        raise ValueError("批次序号超出范围")
    return f"P{year % 100:02d}{sequence:07d}"
