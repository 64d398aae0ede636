"""Pure lot rules (seedreg.lots.rules): quantities, lot numbers, the soft 审定/认定 number
check (facts §14) and whether a licence covers a lot (Seed Law Arts. 32–33)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from seedreg.lots.rules import (
    Material,
    Problem,
    approval_number_warning,
    coverage_problems,
    from_base_units,
    lot_number,
    show_quantity,
    site_problem,
    to_base_units,
)

TODAY = date(2026, 11, 27)
SITE = {
    "division_code": "152201",
    "township": "义勒力特镇",
    "village": "红星村",
    "detail": "3号地块",
}
LICENCE = {
    "organisation": 7,
    "status": "valid",
    "valid_from": date(2025, 1, 1),
    "valid_to": date(2029, 12, 31),
    "scope": ["seedling"],
    "species": ["樟子松", "红皮云杉"],
    "varieties": [
        {"species": "樟子松", "variety": "樟子松优良种源", "approval_number": "国S-SP-PS-001-2020"}
    ],
    "production_sites": [SITE],
}
LOT = {
    "organisation_id": 7,
    "material": "seedling",
    "species": "樟子松",
    "improved": False,
    "variety": "",
    "approval_number": "",
    "site": SITE,
    "produced_on": date(2026, 10, 1),
    "today": TODAY,
}


@pytest.mark.parametrize(
    ("material", "entered", "stored", "shown"),
    [
        (Material.SEED, "12.5", 12500, "12.5 kg"),
        (Material.SEED, 3, 3000, "3 kg"),
        (Material.SEED, "0.001", 1, "0.001 kg"),
        (Material.SEEDLING, 3000, 3000, "3000 株"),
        (Material.SEEDLING, "3000.0", 3000, "3000 株"),
    ],
)
def test_quantities_are_stored_in_base_units(material, entered, stored, shown):
    assert to_base_units(material, entered) == stored
    assert show_quantity(material, stored) == shown
    assert from_base_units(material, stored) == Decimal(shown.split()[0])


@pytest.mark.parametrize(
    ("material", "entered", "message"),
    [
        (Material.SEED, "0", "数量应大于 0"),
        (Material.SEED, -1, "数量应大于 0"),
        (Material.SEED, "abc", "数量应为数字"),
        (Material.SEED, "NaN", "数量应大于 0"),
        (Material.SEED, "0.0005", "0.001 kg"),
        (Material.SEEDLING, "1.5", "整数"),
    ],
)
def test_bad_quantities_are_refused_in_chinese(material, entered, message):
    with pytest.raises(ValueError, match=message):
        to_base_units(material, entered)


def test_lot_numbers():
    assert lot_number(2026, 42) == "P260000042"
    with pytest.raises(ValueError, match="批次序号超出范围"):
        lot_number(2026, 10**7)


@pytest.mark.parametrize(
    ("number", "warns"),
    [
        ("国S-SV-CC-031-2008", False),
        ("国S-SF-PT-030-2008", False),
        ("蒙R-SC-LK-002-2021", False),
        ("", False),
        ("蒙林审2019-3", True),
        ("国S-SV-CC-31-2008", True),
        ("S-SV-CC-031-2008", True),
    ],
)
def test_the_approval_number_check_is_only_a_warning(number, warns):
    warning = approval_number_warning(number)
    assert (warning is not None) is warns
    if warns:
        assert number in warning


def test_a_covered_lot_has_no_problems():
    assert coverage_problems(LICENCE, **LOT) == []
    improved = {
        **LOT,
        "improved": True,
        "variety": " 樟子松优良种源 ",
        "approval_number": "国S-SP-PS-001-2020",
    }
    assert coverage_problems(LICENCE, **improved) == []


@pytest.mark.parametrize(
    ("licence_change", "lot_change", "expected"),
    [
        ({"organisation": 8}, {}, [Problem("licence_id", "该许可证不属于本单位")]),
        (
            {"status": "revoked"},
            {},
            [Problem("licence_id", "该许可证已吊销，不能作为生产经营依据")],
        ),
        (
            {"status": "cancelled"},
            {},
            [Problem("licence_id", "该许可证已注销，不能作为生产经营依据")],
        ),
        (
            {"valid_to": date(2026, 11, 1)},
            {},
            [
                Problem(
                    "licence_id", "该许可证今天不在有效期（2025-01-01至2026-11-01）内，不能登记批次"
                )
            ],
        ),
        (
            {"valid_from": date(2026, 10, 2)},
            {},
            [
                Problem(
                    "produced_on",
                    "生产日期 2026-10-01 不在许可证有效期（2026-10-02至2029-12-31）内",
                )
            ],
        ),
        ({}, {"produced_on": date(2026, 11, 28)}, [Problem("produced_on", "生产日期不能晚于今天")]),
        ({}, {"material": "seed"}, [Problem("material", "该许可证的生产经营范围不包括种子")]),
        (
            {},
            {"species": "兴安落叶松"},
            [Problem("species", "该许可证的生产经营树种不包括“兴安落叶松”")],
        ),
        (
            {},
            {
                "improved": True,
                "variety": "樟子松优良种源",
                "approval_number": "国S-SP-PS-002-2020",
            },
            [
                Problem(
                    "approval_number",
                    "该许可证未载明林木良种“樟子松 樟子松优良种源（国S-SP-PS-002-2020）”："
                    "良种须按品种和审定/认定编号列入许可证",
                )
            ],
        ),
        ({}, {"improved": True}, [Problem("variety", "林木良种须填写品种名称")]),
        (
            {},
            {"improved": True, "variety": "樟子松优良种源"},
            [Problem("approval_number", "林木良种须填写审定/认定编号")],
        ),
        (
            {},
            {"approval_number": "国S-SP-PS-001-2020"},
            [Problem("approval_number", "普通（非良种）批次不填写审定/认定编号")],
        ),
        (
            {},
            {"site": {**SITE, "village": "别的村"}},
            [Problem("production_site", "生产地点不是该许可证载明的生产地点")],
        ),
        ({}, {"site": None}, [Problem("production_site", "请选择生产地点")]),
        (
            {"scope": ["seed"], "species": ["油松"]},
            {},
            [
                Problem("material", "该许可证的生产经营范围不包括苗木"),
                Problem("species", "该许可证的生产经营树种不包括“樟子松”"),
            ],
        ),
    ],
)
def test_every_reason_a_licence_does_not_cover_a_lot(licence_change, lot_change, expected):
    assert coverage_problems({**LICENCE, **licence_change}, **{**LOT, **lot_change}) == expected


def test_a_site_matches_whatever_the_spacing():
    spaced = {k: f" {v} " for k, v in SITE.items()}
    assert site_problem(spaced, [SITE]) is None
    assert site_problem({**SITE, "detail": ""}, [SITE]) == "生产地点不是该许可证载明的生产地点"
