"""The pure rules behind issue 14 items 5 and 7: what a checklist still lacks, and the lists
the forms pick from."""

from __future__ import annotations

from seedreg.licensing.rules import missing_items
from seedreg.quality.rules import SEEDLING_TYPES, seedling_type_choices
from seedreg.quarantine.rules import destination_groups

CHECKLIST = [
    {"code": "A01", "name": "申请表", "required": True},
    {"code": "A03", "name": "单位章程", "required": False},
    {"code": "A04", "name": "用地证明", "required": True},
]


def test_missing_items_are_required_ones_without_a_file_in_checklist_order():
    assert [i["code"] for i in missing_items(CHECKLIST, [])] == ["A01", "A04"]
    assert [i["code"] for i in missing_items(CHECKLIST, ["A04", "A04"])] == ["A01"]
    assert missing_items(CHECKLIST, ["A01", "A04"]) == []


def test_an_item_the_supplement_notice_named_is_missing_until_a_file_comes():
    assert [i["code"] for i in missing_items(CHECKLIST, ["A01", "A04"], ["A03"])] == ["A03"]
    assert missing_items(CHECKLIST, ["A01", "A03", "A04"], ["A03"]) == []


def test_seedling_types_are_the_standard_list_then_the_rows_own_kinds():
    assert seedling_type_choices([]) == list(SEEDLING_TYPES)
    assert seedling_type_choices(["移植苗", "容器苗", "截干苗", "截干苗", ""]) == [
        *SEEDLING_TYPES,
        "截干苗",
    ]


def test_destinations_are_the_regions_places_then_the_other_provinces():
    divisions = [
        {"code": "150000", "name": "内蒙古自治区", "level": "region", "parent_code": None},
        {"code": "152200", "name": "兴安盟", "level": "league_city", "parent_code": "150000"},
        {"code": "152201", "name": "乌兰浩特市", "level": "banner_county", "parent_code": "152200"},
    ]
    (inside_label, inside), (outside_label, outside) = destination_groups(divisions)
    assert "区内" in inside_label
    assert inside == [("152200", "兴安盟"), ("152201", "兴安盟乌兰浩特市")]
    assert "跨省" in outside_label
    assert ("220000", "吉林省") in outside
    assert all(not code.startswith("15") for code, _ in outside)
