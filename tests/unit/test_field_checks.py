"""The officials' field scan, pure: who may scan, each difference between the label in hand
and the registry with its violation_hint, and the idempotency rule of the upload queue."""

from __future__ import annotations

import pytest

from seedreg.accounts.rules import Actor, Role
from seedreg.labels.field_checks import (
    BASIS,
    Hint,
    Printed,
    Replay,
    may_scan_labels,
    mismatches,
    replay,
    verdict_hint,
)
from seedreg.labels.signing import claimed_serial
from seedreg.labels.verdicts import Verdict

LABEL = Printed(lot="P2026-001", licence_number="15220120260001", species="樟子松", quantity=25)


def hints(found: list) -> list[str]:
    return [m.hint.value for m in found]


@pytest.mark.parametrize("role", list(Role))
def test_every_official_may_scan_and_no_operator(role):
    actor = Actor(1, "u", "某人", role, jurisdiction="152201")
    assert may_scan_labels(actor) is (role is not Role.OPERATOR)


def test_a_genuine_valid_label_matching_the_registry_has_no_difference():
    assert mismatches(True, Verdict.VALID, "有效", LABEL, LABEL) == []


def test_a_typed_serial_of_a_valid_label_has_no_difference():
    assert mismatches(None, Verdict.VALID, "有效", None, LABEL) == []


@pytest.mark.parametrize(
    ("verdict", "hint", "words"),
    [
        (Verdict.NOT_FOUND, "label_not_found", "不存在"),
        (Verdict.VOID, "label_void", "标签已作废"),
        (Verdict.SUPERSEDED, "label_void", "标签已作废"),
        (Verdict.COPIED, "label_copied", "仿冒"),
        (Verdict.RECALLED, "lot_recalled", "批次已召回"),
        (Verdict.LICENCE_EXPIRED, "licence_invalid", "许可证已失效"),
        (Verdict.LICENCE_REVOKED, "licence_invalid", "许可证已吊销"),
        (Verdict.LICENCE_ANNULLED, "licence_invalid", "许可证已撤销"),
        (Verdict.LICENCE_CANCELLED, "licence_invalid", "许可证已注销"),
        (Verdict.QUALITY_EXPIRED, "no_quality_certificate", "质量检验合格证"),
        (Verdict.QUALITY_REVOKED, "no_quality_certificate", "质量检验合格证已撤销"),
        (Verdict.QUARANTINE_EXPIRED, "no_quarantine_certificate", "检疫证书"),
        (Verdict.QUARANTINE_REVOKED, "no_quarantine_certificate", "检疫证书已撤销"),
    ],
)
def test_each_registry_verdict_gives_its_hint_and_chinese_text(verdict, hint, words):
    found = mismatches(True, verdict, verdict.label, LABEL, LABEL)
    assert hints(found) == [hint]
    assert words in found[0].text
    assert found[0].basis.startswith("种子法第")


def test_every_verdict_but_valid_has_a_hint_and_every_hint_an_article():
    assert verdict_hint(Verdict.VALID) is None
    for verdict in Verdict:
        if verdict is not Verdict.VALID:
            assert verdict_hint(verdict) is not None, verdict
    assert set(BASIS) == set(Hint)


def test_a_forged_signature_comes_first_and_keeps_the_registry_verdict():
    found = mismatches(False, Verdict.VOID, Verdict.VOID.label, None, LABEL)
    assert hints(found) == ["forged_signature", "label_void"]
    assert "签名无效" in found[0].text


def test_nothing_printed_is_compared_when_the_signature_failed():
    other = Printed("X", "15220120269999", "落叶松", 99)
    assert hints(mismatches(False, Verdict.VALID, "有效", None, other)) == ["forged_signature"]


def test_species_lot_licence_and_quantity_differences_are_each_listed():
    registered = Printed("P2026-002", "15220120260002", "落叶松", 20)
    found = mismatches(True, Verdict.VALID, "有效", LABEL, registered)
    assert hints(found) == [
        "species_mismatch",
        "lot_mismatch",
        "licence_mismatch",
        "quantity_mismatch",
    ]
    assert found[0].text == "树种与登记不符：标签为“樟子松”，登记为“落叶松”"
    assert found[3].text == "数量超出批次登记给这张标签的数量"


def test_a_smaller_printed_quantity_is_a_difference_too():
    registered = Printed(LABEL.lot, LABEL.licence_number, LABEL.species, 30)
    found = mismatches(True, Verdict.VALID, "有效", LABEL, registered)
    assert [(m.hint, m.text) for m in found] == [
        (Hint.QUANTITY_MISMATCH, "数量少于登记给这张标签的数量")
    ]


def test_a_long_species_name_cut_to_the_qr_limit_is_no_difference():
    long_name = "欧洲赤松" * 8  # 32 characters; the QR carries 30
    printed = Printed(LABEL.lot, LABEL.licence_number, long_name[:30], 25)
    registered = Printed(LABEL.lot, LABEL.licence_number, long_name, 25)
    assert mismatches(True, Verdict.VALID, "有效", printed, registered) == []


def test_the_hints_are_plain_string_keys():
    found = mismatches(False, Verdict.LICENCE_REVOKED, "许可证已吊销", None, None)
    assert [str(m.hint) for m in found] == ["forged_signature", "licence_invalid"]


# --- idempotency ----------------------------------------------------------------------------


def test_a_key_never_seen_is_recorded():
    assert replay(None, None, 7, "7KQ3M9XW2HD") is Replay.NEW


def test_the_same_official_and_serial_again_is_the_same_scan():
    assert replay(7, "7KQ3M9XW2HD", 7, "7KQ3M9XW2HD") is Replay.SAME


@pytest.mark.parametrize(("by", "serial"), [(8, "7KQ3M9XW2HD"), (7, "0000000000Z")])
def test_a_key_of_another_official_or_serial_is_a_conflict(by, serial):
    assert replay(by, serial, 7, "7KQ3M9XW2HD") is Replay.CONFLICT


# --- the serial a QR text claims ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "serial"),
    [
        ("https://x.example/v/7KQ3M9XW2HD#123", "7KQ3M9XW2HD"),
        ("  https://x.example/v/7KQ3M9XW2HD#not-even-a-token ", "7KQ3M9XW2HD"),
        ("https://x.example/v/%37KQ#1", "7KQ"),
        ("https://x.example/label/7KQ3M9XW2HD#1", None),
        ("", None),
    ],
)
def test_the_serial_a_qr_text_claims_whether_signed_or_not(text, serial):
    assert claimed_serial(text) == serial
