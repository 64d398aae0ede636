"""The pure rules of the on-site check: two enforcement officers (行政处罚法 Art. 42), who may
record and read a check, the catalogue item each label-scan difference pre-fills, and the
form's fields mapped one to one onto the API body."""

from __future__ import annotations

import pytest

from seedreg.accounts.rules import Actor, Role
from seedreg.inspections import check_forms
from seedreg.inspections import check_rules as cr
from seedreg.inspections.catalogue import FIXTURE, _fixture_rows
from seedreg.labels.field_checks import Hint


def person(n: int, *, card: str = "x", role: Role = Role.INSPECTOR, where: str = "152201"):
    return cr.Present(n, f"人{n}", card and f"1522{n:010d}", role.value, where)


def actor(role: Role, where: str | None) -> Actor:
    return Actor(user_id=1, username="u", display_name="某人", role=role, jurisdiction=where)


def test_two_distinct_certified_inspectors_of_the_area_make_a_check():
    assert cr.inspectors_problem([person(1), person(2)], "152201") is None
    assert cr.inspectors_problem([person(1)], "152201") == cr.TOO_FEW_INSPECTORS
    assert cr.inspectors_problem([person(1), person(1)], "152201") == cr.TOO_FEW_INSPECTORS
    assert "第四十二条" in cr.TOO_FEW_INSPECTORS
    no_card = cr.inspectors_problem([person(1), person(2, card="")], "152201")
    assert no_card is not None
    assert "未登记执法证号" in no_card
    officer = cr.inspectors_problem([person(1), person(2, role=Role.SEED_STATION)], "152201")
    assert officer == "人2不是执法人员，不能参加现场检查"
    elsewhere = cr.inspectors_problem([person(1), person(2, where="152221")], "152201")
    assert elsewhere == "执法人员人2不负责被检查单位所在地区"
    league = cr.inspectors_problem([person(1, where="152200"), person(2)], "152201")
    assert league is None  # a league inspector covers the banners


def test_one_certificate_number_on_two_accounts_is_one_inspector():
    same = cr.Present(3, "人3", "152200000001", Role.INSPECTOR.value, "152201")
    also = cr.Present(4, "人4", "152200000001", Role.INSPECTOR.value, "152201")
    assert cr.inspectors_problem([same, also], "152201") == cr.TOO_FEW_INSPECTORS


@pytest.mark.parametrize(
    ("role", "where", "record", "see"),
    [
        (Role.INSPECTOR, "152201", True, True),
        (Role.INSPECTOR, "152200", True, True),  # the league covers its banners
        (Role.INSPECTOR, "152221", False, False),  # another banner
        (Role.ADMIN, "152200", False, True),
        (Role.LICENSING_OFFICER, "152201", False, False),
        (Role.SEED_STATION, "152200", False, False),
        (Role.OPERATOR, None, False, False),
    ],
)
def test_who_records_and_who_reads_a_check_in_a_banner(role, where, record, see):
    assert cr.may_record_check(actor(role, where), "152201") is record
    assert cr.may_see_check(actor(role, where), "152201") is see


def test_every_scan_hint_prefills_an_item_of_the_catalogue():
    codes = {row["code"] for row in _fixture_rows(FIXTURE)}
    assert set(cr.HINT_ITEMS) == {h.value for h in Hint}
    assert set(cr.HINT_ITEMS.values()) <= codes
    assert cr.item_for_hint("species_mismatch") == "V2-1"  # Art. 48: fake seed
    assert cr.item_for_hint("forged_signature") == "V3-3"


def test_scan_findings_name_the_label_and_skip_what_has_no_item():
    found = cr.scan_findings(
        "ABC123",
        [("label_void", "标签已作废"), ("no_such_hint", "？"), ("licence_invalid", "许可证已失效")],
    )
    assert [(f.code, f.text) for f in found] == [
        ("V3-2", "标签 ABC123：标签已作废"),
        ("V1-1", "标签 ABC123：许可证已失效"),
    ]


def test_the_form_maps_one_to_one_onto_the_api_body():
    key = "0b5f4a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b"
    values = {
        "idempotency_key": key,
        "origin": "ad_hoc",
        "target_kind": "organisation",
        "target_id": "7",
        "representative": "王经理",
        "started_at": "2026-11-27T09:30",
        "ended_at": "2026-11-27T10:45",
        "latitude": "",
        "checklist-V1-1-result": "fails",
        "checklist-V1-1-note": "无许可证",
        "checklist-V1-1-goods_value": "8000",
        "checklist-V3-2-result": "",
        "checklist-V3-2-note": "",
        "scans-0-idempotency_key": "1b5f4a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b",
        "scans-0-qr_text": "https://x/v/ABC#sig",
        "scan_serials": "k7m2p9q4r1x\n\n",
        "samples-0-number": "YP-1",
        "samples-0-goods": "樟子松",
        "samples-0-quantity": "50株",
        "samples-1-number": "",
        "seizure-goods-0-goods": "苗木",
        "seizure-goods-0-quantity": "3000株",
        "seizure-place": "仓库",
        "seizure-reason": "可能转移",
        "photos-0-key": "2b5f4a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b",
        "photos-0-caption": "堆放处",
        "findings-0-code": "V4-1",
        "findings-0-text": "档案不全",
        "findings-1-code": "",
        "findings-1-text": "",
        "signature-photo_key": "",
        "signature-refused": "on",
        "signature-witness": "李四",
    }
    body = check_forms.body(values, ["3", "4"])
    assert body["started_at"] == "2026-11-27T09:30:00+08:00"
    assert "latitude" not in body
    assert body["inspector_ids"] == ["3", "4"]
    assert body["checklist"] == [
        {"code": "V1-1", "result": "fails", "note": "无许可证", "goods_value": "8000"}
    ]
    typed = check_forms.typed_scan_key(key, "K7M2P9Q4R1X")
    assert body["scans"] == [
        {
            "idempotency_key": "1b5f4a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b",
            "qr_text": "https://x/v/ABC#sig",
        },
        {"idempotency_key": typed, "serial": "k7m2p9q4r1x"},
    ]
    assert body["samples"] == [{"number": "YP-1", "goods": "樟子松", "quantity": "50株"}]
    assert body["seizure"] == {
        "goods": [{"goods": "苗木", "quantity": "3000株"}],
        "place": "仓库",
        "reason": "可能转移",
    }
    assert body["photos"] == [{"key": "2b5f4a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b", "caption": "堆放处"}]
    assert body["findings"] == [{"code": "V4-1", "text": "档案不全"}]
    assert body["signature"] == {"photo_key": "", "refused": True, "witness": "李四", "reason": ""}


def test_a_typed_serial_keeps_its_scan_key_across_resubmits():
    key = "0b5f4a1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b"
    assert check_forms.typed_scan_key(key, "abc") == check_forms.typed_scan_key(key, "ABC")
    assert check_forms.typed_scan_key(key, "abc") != check_forms.typed_scan_key(key, "abd")
    assert check_forms.typed_scan_key("not-a-key", "abc") == ""
