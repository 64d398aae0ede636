"""The pure checks of a 备案 filing (种子法 Art. 38 ¶1)."""

from __future__ import annotations

from datetime import date

import pytest

from seedreg.filings.rules import FilingKind, commission_problem, licence_problem


@pytest.mark.parametrize(
    ("area", "division", "inside"),
    [
        (["152201"], "152201", True),
        (["152201"], "152221", False),
        (["152200"], "152221", True),  # the league's licence covers its banners
        (["150000"], "152224", True),  # the region's covers the whole region
        (["152221", "152222"], "152222", True),
        ([], "152201", False),
    ],
)
def test_a_branch_lies_inside_the_licence_area(area, division, inside):
    problem = licence_problem(
        FilingKind.BRANCH, found=True, valid_area=area, division_code=division
    )
    assert (problem is None) is inside
    if not inside:
        assert "有效区域" in problem


def test_other_kinds_need_only_a_licence_in_force():
    for kind in (FilingKind.PACKAGED_SELLER, FilingKind.COMMISSIONED):
        assert (
            licence_problem(kind, found=True, valid_area=["152201"], division_code="152221") is None
        )
        assert "不存在或不在有效期内" in licence_problem(
            kind, found=False, valid_area=[], division_code="152221"
        )


def test_a_commission_runs_forward_and_is_not_over():
    today = date(2026, 11, 27)
    assert commission_problem(date(2026, 1, 1), date(2026, 12, 31), today) is None
    assert commission_problem(date(2026, 11, 27), date(2026, 11, 27), today) is None
    assert "不能早于" in commission_problem(date(2026, 12, 1), date(2026, 11, 1), today)
    assert "已届满" in commission_problem(date(2026, 1, 1), date(2026, 11, 26), today)


def test_every_kind_names_itself_and_its_licence():
    for kind in FilingKind:
        assert kind.label.endswith("备案")
        assert "许可证" in kind.licence_label
