"""The electronic-licence identifier (structure after GB/T 36904 as secondary sources give it;
the codes are settings) and the payload the region's library receives."""

from __future__ import annotations

import pytest

from seedreg.elicences import rules
from seedreg.organisations.rules import make_uscc

ISSUER = make_uscc("11152200MB0000001")
OTHER = make_uscc("11152201MB0000002")
TYPE_CODE = make_uscc("11100000MB0000003") + "007"
CODES = rules.Codes(
    root="1.2.156.3005.2", type_code=TYPE_CODE, issuers={"152200": ISSUER, "152201": OTHER}
)


def test_the_identifier_has_five_parts_after_the_root_and_checks():
    ident = rules.identifier(CODES, "152200", "15220020260001", 1)
    assert ident.startswith("1.2.156.3005.2.")
    root_less = ident.removeprefix("1.2.156.3005.2.").split(".")
    assert root_less[:4] == [TYPE_CODE, ISSUER, "15220020260001", "001"]
    assert len(root_less[4]) == 1
    assert rules.identifier_problems(ident, CODES.root) == []


def test_the_check_character_is_iso_7064_mod_37_36():
    # every valid body plus its check character passes the standard's own check
    from stdnum.iso7064 import mod_37_36

    body = TYPE_CODE + ISSUER + "15220020260001" + "001"
    assert mod_37_36.is_valid(body + rules.check_char(body))


def test_each_version_and_each_issuer_has_its_own_identifier():
    one = rules.identifier(CODES, "152200", "15220020260001", 1)
    two = rules.identifier(CODES, "152200", "15220020260001", 2)
    other = rules.identifier(CODES, "152201", "15220120260001", 1)
    assert len({one, two, other}) == 3
    assert two.split(".")[-2] == "002"
    assert other.split(".")[-4] == OTHER


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda p: [p[0][:-1] + "X", *p[1:]], "证照类型代码"),
        (lambda p: [p[0], p[1][:-1] + ("0" if p[1][-1] != "0" else "1"), *p[2:]], "颁发机构"),
        (lambda p: [*p[:3], "01", p[4]], "版本号"),
        (lambda p: [*p[:2], "15220020260002", *p[3:]], "校验位"),
        (lambda p: [*p[:4], "Z" if p[4] != "Z" else "Y"], "校验位"),
        (lambda p: p[:4], "五段"),
    ],
)
def test_a_changed_part_is_caught(change, problem):
    ident = rules.identifier(CODES, "152200", "15220020260001", 1)
    parts = ident.removeprefix(CODES.root + ".").split(".")
    broken = ".".join([CODES.root, *change(parts)])
    problems = rules.identifier_problems(broken, CODES.root)
    assert any(problem in p for p in problems), problems


def test_a_wrong_root_is_caught():
    ident = rules.identifier(CODES, "152200", "15220020260001", 1)
    assert rules.identifier_problems(ident, "1.2.156.3005.9") == ["根编码不符"]


def test_missing_codes_are_named_and_nothing_is_built():
    unset = rules.Codes(root="1.2.156.3005.2", type_code="未设定", issuers={})
    problems = rules.missing_codes(unset, "152200")
    assert any("证照类型代码" in p for p in problems)
    assert any("152200" in p for p in problems)
    with pytest.raises(ValueError, match="证照类型代码"):
        rules.identifier(unset, "152200", "15220020260001", 1)
    assert rules.missing_codes(CODES, "152223") == [
        "颁发机构（152223）的统一社会信用代码未设定或有误"
    ]


def test_the_issuer_table_is_read_from_the_setting_text():
    text = f"152200:{ISSUER.lower()}， 152201:{OTHER}; bad, 15220:{ISSUER}"
    assert rules.parse_issuers(text) == {"152200": ISSUER, "152201": OTHER}
    assert rules.parse_issuers("未设定") == {}


def test_the_payload_carries_the_identifier_and_the_licence_face():
    ident = rules.identifier(CODES, "152200", "15220020260001", 3)
    licence = {
        "number": "15220020260001",
        "issuing_authority": "兴安盟林业和草原局",
        "issued_on": "2026-11-27",
        "valid_from": "2026-11-27",
        "valid_to": "2031-11-26",
        "holder_name": "兴安苗木有限公司",
        "status": "valid",
        "version": 3,
        "legal_representative": "张三",
        "registered_address": "乌兰浩特市",
        "production_sites": [],
        "scope": ["seedling"],
        "species": ["樟子松"],
        "varieties": [],
        "valid_area": ["152200"],
        "verify_url": "https://example.invalid/verify/licences/x",
    }
    holder = {"kind": "enterprise", "uscc": OTHER, "id_number": None}
    body = rules.payload(licence, holder, ident, TYPE_CODE)
    assert body["certificateIdentifier"] == ident
    assert body["certificateTypeCode"] == TYPE_CODE
    assert body["certificateIssuingAuthorityCode"] == ISSUER
    assert (body["certificateHolderCode"], body["certificateHolderTypeCode"]) == (OTHER, "001")
    assert body["certificateName"] == "林木种子生产经营许可证"
    assert body["certificateVersion"] == 3
    assert body["data"]["species"] == ["樟子松"]
    person = rules.payload(licence, {"kind": "individual", "id_number": "X"}, ident, TYPE_CODE)
    assert (person["certificateHolderCode"], person["certificateHolderTypeName"]) == (
        "X",
        "公民身份号码",
    )
