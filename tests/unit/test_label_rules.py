"""Pure label rules: serials, 两证一签 readiness, the public verdict, print boxes, clone signs and
the look-up rate limit. No database."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from seedreg.labels import rules
from seedreg.labels.ratelimit import TokenBucket
from seedreg.labels.rules import (
    CertificateFacts,
    CloneLimits,
    CloneReason,
    LabelFacts,
    LicenceFacts,
    ScanFacts,
    Verdict,
)

ON = date(2026, 5, 10)

# --- serials ----------------------------------------------------------------------------------


def test_new_serials_are_eleven_characters_without_look_alikes_with_a_check_character():
    seen = {rules.new_serial() for _ in range(2000)}
    assert len(seen) == 2000
    for serial in seen:
        assert len(serial) == rules.SERIAL_LENGTH == 11
        assert set(serial) <= set(rules.SERIAL_ALPHABET)
        assert rules.serial_is_well_formed(serial)
    assert not set("ILOU") & set(rules.SERIAL_ALPHABET)
    assert len(rules.SERIAL_ALPHABET) == 32


def test_serial_from_number_is_base_32_plus_the_luhn_mod_32_check():
    assert rules.serial_from_number(0)[:10] == "0" * 10
    assert rules.serial_from_number(31)[:10] == "0" * 9 + "Z"
    assert rules.serial_from_number(32**10 - 1)[:10] == "Z" * 10
    from stdnum import luhn

    # Luhn mod N over this alphabet is python-stdnum's: a zero body checks with "0".
    assert rules.serial_from_number(0) == "0" * 11
    assert luhn.is_valid(rules.serial_from_number(123456789), alphabet=rules.SERIAL_ALPHABET)


def test_legacy_serials_keep_the_iso_7064_check():
    assert rules.legacy_serial_from_number(0)[:11] == "0" * 11
    assert rules.legacy_serial_from_number(35)[:11] == "0" * 10 + "Z"
    assert rules.legacy_serial_from_number(36**11 - 1)[:11] == "Z" * 11
    # ISO 7064 MOD 37,36 check of "A12425GABC1234002" is "M" (python-stdnum's own example).
    from stdnum.iso7064 import mod_37_36

    assert mod_37_36.calc_check_digit("A12425GABC1234002") == "M"
    assert rules.serial_is_well_formed(rules.legacy_serial_from_number(123456789012345))


@pytest.mark.parametrize(
    ("serial", "alphabet"),
    [
        (rules.serial_from_number(123456789012345), rules.SERIAL_ALPHABET),
        (rules.legacy_serial_from_number(123456789012345), rules.LEGACY_ALPHABET),
    ],
)
def test_every_single_typo_and_adjacent_swap_is_caught(serial, alphabet):
    for i, ch in enumerate(serial):
        for other in alphabet:
            if other != ch:
                typo = serial[:i] + other + serial[i + 1 :]
                assert not rules.serial_is_well_formed(typo), typo
    for i in range(len(serial) - 1):
        if serial[i] != serial[i + 1]:
            swapped = serial[:i] + serial[i + 1] + serial[i] + serial[i + 2 :]
            assert not rules.serial_is_well_formed(swapped), swapped


def test_luhn_mod_32_misses_only_the_swap_of_0_and_z():
    """Every adjacent swap of every pair of characters, at an even and an odd distance from
    the check character: only "0Z" ↔ "Z0" goes unnoticed (Luhn mod N's one blind pair)."""
    missed = set()
    alphabet = rules.SERIAL_ALPHABET
    for a in alphabet:
        for b in alphabet:
            if a == b:
                continue
            for body in (f"7K{a}{b}M9XW2H", f"7KQ{a}{b}9XW2H"):
                serial = body + _check(body)
                at = body.index(a + b)
                swapped = serial[:at] + b + a + serial[at + 2 :]
                if rules.serial_is_well_formed(swapped):
                    missed.add(a + b)
    assert missed == {"0Z", "Z0"}


def _check(body: str) -> str:
    from stdnum import luhn

    return luhn.calc_check_digit(body, alphabet=rules.SERIAL_ALPHABET)


@pytest.mark.parametrize(
    ("typed", "serial"),
    [
        (" ab12-cd34 ef5g ", "AB12CD34EF5G"),  # a legacy serial's length: as typed
        ("x" * 40, "X" * 24),
        ("", ""),
        (" 7kq3-m9xw 2hd ", "7KQ3M9XW2HD"),
        ("oIL3M9XW2HD", "0113M9XW2HD"),  # a new serial's length: O is 0, I and L are 1
        ("OIL3M9XW2HDA", "OIL3M9XW2HDA"),  # a legacy serial may hold O, I and L
    ],
)
def test_typed_serials_are_normalised(typed, serial):
    assert rules.normalise_serial(typed) == serial


def test_a_new_serial_typed_with_look_alikes_is_found():
    serial = next(s for s in (rules.new_serial() for _ in range(1000)) if set(s) & set("01"))
    typed = serial.replace("0", "O").replace("1", "l").lower()
    assert rules.normalise_serial(typed) == serial
    assert rules.serial_is_well_formed(rules.normalise_serial(typed))


@pytest.mark.parametrize(
    "serial", ["", "ABC", "A" * 13, "abcdefghijkl", "标签序列号标签序列号标签", "7KQ3M9XW2HU"]
)
def test_malformed_serials_are_not_well_formed(serial):
    assert not rules.serial_is_well_formed(serial)


# --- readiness --------------------------------------------------------------------------------

LICENCE = LicenceFacts("15220120260001", "valid", date(2025, 1, 1), date(2029, 12, 31))
QUALITY = CertificateFacts("ZJ152200-2026-0001", "valid", date(2026, 4, 1), date(2026, 10, 1))
QUARANTINE = CertificateFacts("CD152200-2026-0001", "valid", date(2026, 4, 2), date(2026, 6, 30))


def problems(**changes):
    args = {
        "lot_status": "active",
        "quantity": 1000,
        "labelled_quantity": 0,
        "licence": LICENCE,
        "quality": QUALITY,
        "quarantine": QUARANTINE,
        "on": ON,
    }
    return rules.readiness_problems(**(args | changes))


def test_a_complete_chain_has_no_problems():
    assert problems() == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"licence": None}, "批次没有关联生产经营许可证"),
        ({"licence": LicenceFacts("L1", "revoked", LICENCE.valid_from, LICENCE.valid_to)},
         "生产经营许可证已吊销（L1）"),
        ({"licence": LicenceFacts("L1", "annulled", LICENCE.valid_from, LICENCE.valid_to)},
         "生产经营许可证已撤销（L1）"),
        ({"licence": LicenceFacts("L1", "cancelled", LICENCE.valid_from, LICENCE.valid_to)},
         "生产经营许可证已注销（L1）"),
        ({"licence": LicenceFacts("L1", "expired", LICENCE.valid_from, LICENCE.valid_to)},
         "生产经营许可证已过期（L1，有效期至2029-12-31）"),
        ({"licence": LicenceFacts("L1", "valid", LICENCE.valid_from, date(2026, 5, 9))},
         "生产经营许可证已过期（L1，有效期至2026-05-09）"),
        ({"licence": LicenceFacts("L1", "valid", date(2026, 5, 11), LICENCE.valid_to)},
         "生产经营许可证尚未生效（L1，自2026-05-11起）"),
        ({"quality": None}, "没有有效的质量检验合格证"),
        ({"quality": CertificateFacts("Q", "revoked", QUALITY.issued_on, QUALITY.valid_to)},
         "质量检验合格证已撤销（Q）"),
        ({"quality": CertificateFacts("Q", "valid", QUALITY.issued_on, date(2026, 5, 9))},
         "质量检验合格证已过期（Q，有效期至2026-05-09）"),
        ({"quality": CertificateFacts("Q", "valid", date(2026, 5, 11), QUALITY.valid_to)},
         "质量检验合格证尚未生效（Q）"),
        ({"quarantine": None}, "没有有效的检疫证书"),
        ({"quarantine": CertificateFacts("K", "revoked", ON, ON)}, "检疫证书已撤销（K）"),
        ({"quarantine": CertificateFacts("K", "valid", ON, date(2026, 5, 9))},
         "检疫证书已过期（K，有效期至2026-05-09）"),
        ({"lot_status": "recalled"}, "批次已召回"),
        ({"labelled_quantity": 1000}, rules.EXHAUSTED),
    ],
)  # fmt: skip
def test_each_missing_or_ended_link_is_named(changes, expected):
    assert problems(**changes) == [expected]


def test_every_problem_is_listed_at_once():
    found = problems(lot_status="recalled", quality=None, quarantine=None, labelled_quantity=1000)
    assert found == [
        "批次已召回",
        "没有有效的质量检验合格证",
        "没有有效的检疫证书",
        rules.EXHAUSTED,
    ]


def test_the_last_day_of_validity_still_counts():
    last = CertificateFacts("Q", "valid", QUALITY.issued_on, ON)
    assert problems(quality=last, quarantine=last) == []


# --- the verdict ------------------------------------------------------------------------------

FACTS = LabelFacts(
    label_status="valid",
    superseded_by="",
    lot_status="active",
    licence_status="valid",
    licence_valid_to=date(2029, 12, 31),
    quality_status="valid",
    quality_valid_to=date(2026, 10, 1),
    quarantine_status="valid",
    quarantine_valid_to=date(2026, 6, 30),
)


def facts(**changes) -> LabelFacts:
    return LabelFacts(**(FACTS.__dict__ | changes))


@pytest.mark.parametrize(
    ("changes", "verdict", "label"),
    [
        ({}, Verdict.VALID, "有效"),
        ({"lot_status": "recalled"}, Verdict.RECALLED, "批次已召回"),
        ({"licence_status": "expired"}, Verdict.LICENCE_EXPIRED, "许可证已过期"),
        ({"licence_valid_to": date(2026, 5, 9)}, Verdict.LICENCE_EXPIRED, "许可证已过期"),
        ({"licence_status": "revoked"}, Verdict.LICENCE_REVOKED, "许可证已吊销"),
        ({"licence_status": "annulled"}, Verdict.LICENCE_ANNULLED, "许可证已撤销"),
        ({"licence_status": "cancelled"}, Verdict.LICENCE_CANCELLED, "许可证已注销"),
        ({"quality_valid_to": date(2026, 5, 9)}, Verdict.QUALITY_EXPIRED, "质量检验合格证已过期"),
        ({"quality_status": "revoked"}, Verdict.QUALITY_REVOKED, "质量检验合格证已撤销"),
        ({"quarantine_valid_to": date(2026, 5, 9)}, Verdict.QUARANTINE_EXPIRED, "检疫证书已过期"),
        ({"quarantine_status": "revoked"}, Verdict.QUARANTINE_REVOKED, "检疫证书已撤销"),
        ({"label_status": "void", "superseded_by": "NEW"}, Verdict.SUPERSEDED, "已被补发标签取代"),
        ({"label_status": "void"}, Verdict.VOID, "已作废"),
        ({"copied": True}, Verdict.COPIED, "已被确认存在仿冒复制品"),
    ],
)
def test_each_state_has_its_verdict(changes, verdict, label):
    found = rules.verdict(facts(**changes), ON)
    assert found is verdict
    assert found.label == label
    assert found.ok is (verdict is Verdict.VALID)


ISSUED = date(2026, 4, 1)  # the label's issue; certificates end between it and ON (a lapse)


@pytest.mark.parametrize(
    ("changes", "text"),
    [
        ({"quality_valid_to": date(2026, 5, 9)}, "质量检验合格证已于2026年5月9日到期"),
        ({"quarantine_valid_to": date(2026, 4, 30)}, "检疫证书已于2026年4月30日到期"),
        ({"licence_valid_to": date(2026, 5, 1)}, "生产经营许可证已于2026年5月1日到期"),
        (
            {"licence_status": "expired", "licence_valid_to": date(2026, 5, 1)},
            "生产经营许可证已于2026年5月1日到期",
        ),
    ],
)
def test_a_lapse_after_issue_is_a_notice_not_a_verdict(changes, text):
    known = facts(issued_on=ISSUED, **changes)
    assert rules.verdict(known, ON) is Verdict.VALID
    changed = rules.changes_since_issue(known, ON)
    assert [(c.text, c.lapse) for c in changed] == [(text, True)]
    assert rules.notice(Verdict.VALID, changed) == f"标签真实，签发时证照齐全有效；{text}"


def test_an_end_before_the_issue_is_no_lapse():
    known = facts(issued_on=ISSUED, quality_valid_to=date(2026, 3, 31))
    assert rules.verdict(known, ON) is Verdict.QUALITY_EXPIRED
    assert rules.changes_since_issue(known, ON) == []
    assert rules.verdict(facts(issued_on=ISSUED, quality_valid_to=ISSUED), ON) is Verdict.VALID


@pytest.mark.parametrize(
    ("changes", "verdict", "text"),
    [
        ({"lot_status": "recalled", "recalled_on": date(2026, 5, 2)}, Verdict.RECALLED,
         "批次已于2026年5月2日召回"),
        ({"licence_status": "revoked"}, Verdict.LICENCE_REVOKED, "生产经营许可证已吊销"),
        ({"licence_status": "cancelled"}, Verdict.LICENCE_CANCELLED, "生产经营许可证已注销"),
        ({"quality_status": "revoked"}, Verdict.QUALITY_REVOKED, "质量检验合格证已撤销"),
        ({"quarantine_status": "revoked"}, Verdict.QUARANTINE_REVOKED, "检疫证书已撤销"),
    ],
)  # fmt: skip
def test_a_withdrawal_after_issue_stays_red(changes, verdict, text):
    known = facts(issued_on=ISSUED, quality_valid_to=date(2026, 5, 9), **changes)
    assert rules.verdict(known, ON) is verdict
    changed = rules.changes_since_issue(known, ON)
    assert (changed[0].kind, changed[0].text, changed[0].lapse) == (verdict, text, False)
    if verdict is not Verdict.QUALITY_REVOKED:  # a revoked certificate's end is moot
        assert changed[-1].text == "质量检验合格证已于2026年5月9日到期"  # told too, after it
    assert rules.notice(verdict, changed) == ""


def test_an_unknown_serial_may_be_a_counterfeit():
    assert rules.verdict(None, ON) is Verdict.NOT_FOUND
    assert Verdict.NOT_FOUND.label == "序列号不存在（可能是假冒标签）"


def test_the_verdict_names_the_most_important_reason():
    everything = facts(
        lot_status="recalled",
        label_status="void",
        superseded_by="NEW",
        licence_status="revoked",
        quality_status="revoked",
        quarantine_status="revoked",
    )
    assert rules.verdict(everything, ON) is Verdict.RECALLED
    assert rules.verdict(facts(label_status="void", licence_status="revoked"), ON) is Verdict.VOID
    assert rules.verdict(facts(label_status="void", copied=True), ON) is Verdict.VOID
    assert rules.verdict(facts(copied=True, licence_status="revoked"), ON) is Verdict.COPIED
    ended = facts(licence_status="revoked", quality_status="revoked")
    assert rules.verdict(ended, ON) is Verdict.LICENCE_REVOKED
    assert rules.verdict(facts(quality_status="revoked", quarantine_status="revoked"), ON) is (
        Verdict.QUALITY_REVOKED
    )


def test_outcomes_fit_the_scan_log_column():
    assert all(len(v.value) <= 24 for v in Verdict)


# --- fitting text into a printed box ----------------------------------------------------------


def test_a_cjk_character_is_one_em_and_a_latin_letter_about_half():
    assert rules.char_em("松") == 1.0
    assert rules.char_em("Ⅱ") == 1.0  # ambiguous width: full width in a CJK font
    assert rules.char_em("a") == rules.char_em("1") == 0.55


def test_fits_counts_lines_by_width():
    em_mm = 10 * rules.MM_PER_PT  # one em at 10 pt ≈ 3.53 mm
    box = 10 * em_mm
    assert rules.fits("樟" * 10, box, 10, 1)
    assert not rules.fits("樟" * 11, box, 10, 1)
    assert rules.fits("樟" * 11, box, 10, 2)
    assert rules.lines_needed("樟" * 21, box, 10) == 3
    assert rules.fits("a" * 18, box, 10, 1)  # 18 × 0.55 = 9.9 em
    assert not rules.fits("a" * 19, box, 10, 1)
    assert rules.lines_needed("樟\n松", box, 10) == 2
    assert rules.fits("", box, 10, 1)
    assert not rules.fits("樟" * 10, box, 12, 1)  # a larger font needs more room


def test_field_boxes_cover_every_printed_field_in_every_layout():
    printed = {
        "category", "species", "latin_name", "variety", "approval_number", "suitable_area",
        "suitable_season", "quality", "quantity", "produced_on", "producer",
        "registered_address", "origin", "phone", "licence_number", "quarantine_number",
        "serial", "instructions",
    }  # fmt: skip
    assert set(rules.FIELD_BOXES) == set(rules.LAYOUTS)
    for layout, boxes in rules.FIELD_BOXES.items():
        assert set(boxes) == printed, layout
        for width, pt, lines in boxes.values():
            assert 10 < width < 100
            assert 4 <= pt <= 9
            assert 1 <= lines <= 3


def test_field_boxes_are_the_ones_printing_lays_out():
    from seedreg.printing import geometry

    assert set(geometry.FIELD_BOXES) == set(rules.FIELD_BOXES)
    for layout, boxes in geometry.FIELD_BOXES.items():
        theirs = {f: (b.width, b.font_pt, b.lines) for f, b in boxes.items()}
        assert rules.FIELD_BOXES[layout] == theirs, layout


def test_overflowing_names_the_fields_that_do_not_fit():
    printed = {"species": "树种：樟子松", "suitable_area": "适宜种植区域：" + "兴安盟各旗县市" * 8}
    assert rules.overflowing(printed, "single_100x70") == ["suitable_area"]
    assert rules.overflowing({"species": "树种：" + "樟" * 30}, "single_80x50") == ["species"]


# --- clone signs ------------------------------------------------------------------------------

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=UTC)
LIMITS = CloneLimits(timedelta(hours=24), 100.0, 5, 20, 20.0)
ULANHOT = (46.0726, 122.0675)
BEIJING = (39.9042, 116.4074)


def test_distances_are_great_circle_kilometres():
    assert rules.distance_km(46.0, 122.0, 47.0, 122.0) == pytest.approx(111.2, abs=0.2)
    km = rules.distance_km(*ULANHOT, *BEIJING)
    assert 800 < km < 900
    assert km == pytest.approx(rules.distance_km(*BEIJING, *ULANHOT))
    assert rules.distance_km(*ULANHOT, *ULANHOT) == 0


def scan(hours_ago: float, where: tuple[float, float]) -> ScanFacts:
    return ScanFacts(NOW - timedelta(hours=hours_ago), *where)


def test_two_located_scans_far_apart_within_the_window_are_a_sign():
    signs = rules.clone_signs([scan(3, ULANHOT), scan(1, BEIJING)], 2, 1, LIMITS)
    assert [reason for reason, _ in signs] == [CloneReason.FAR_APART]
    assert signs[0][1]["km"] > 800


def test_nearby_scans_or_scans_far_apart_in_time_are_not():
    near = (46.10, 122.10)
    assert rules.clone_signs([scan(3, ULANHOT), scan(1, near)], 2, 1, LIMITS) == []
    apart = [scan(30, ULANHOT), scan(1, BEIJING)]  # 29 h apart: a buyer may travel
    assert rules.clone_signs(apart, 2, 1, LIMITS) == []
    assert rules.clone_signs([scan(1, BEIJING)], 1, 1, LIMITS) == []


def test_too_many_networks_or_clients_are_signs():
    assert rules.clone_signs([], 5, 5, LIMITS) == []
    signs = dict(rules.clone_signs([], 21, 6, LIMITS))
    assert signs == {
        CloneReason.MANY_NETWORKS: {"networks": 6},
        CloneReason.MANY_CLIENTS: {"clients": 21},
    }


def test_a_lot_scanned_far_more_often_than_its_labels_is_a_sign():
    assert not rules.lot_overscanned(200, 10, LIMITS)
    assert rules.lot_overscanned(201, 10, LIMITS)
    assert not rules.lot_overscanned(5, 0, LIMITS)


def test_every_reason_has_a_chinese_label_that_fits_the_column():
    for reason in CloneReason:
        assert len(reason.value) <= 24
        assert reason.label


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.77", "203.0.0.0/16"),
        ("10.2.3.4", "10.2.0.0/16"),
        ("2001:db8:85a3::8a2e:370:7334", "2001:db8::/32"),
        ("::ffff:198.51.100.9", "198.51.0.0/16"),
        ("testclient", ""),
        ("", ""),
    ],
)
def test_networks_are_coarse_prefixes(address, network):
    assert rules.network_prefix(address) == network


@pytest.mark.parametrize(
    ("lat", "lon", "valid"),
    [(46.07, 122.06, True), (-90, 180, True), (91, 0, False), (0, -181, False),
     (float("nan"), 0, False)],
)  # fmt: skip
def test_positions_must_be_on_earth(lat, lon, valid):
    assert rules.valid_position(lat, lon) is valid


# --- the rate limit ---------------------------------------------------------------------------


def test_a_client_gets_its_burst_then_the_rate():
    bucket = TokenBucket(rate_per_minute=60, burst=3)
    assert [bucket.allow("a", 0.0) for _ in range(4)] == [True, True, True, False]
    assert bucket.allow("b", 0.0)  # another client has its own bucket
    assert not bucket.allow("a", 0.5)
    assert bucket.allow("a", 1.6)  # one token a second
    assert not bucket.allow("a", 1.7)
    assert [bucket.allow("a", 100.0) for _ in range(4)] == [True, True, True, False]


def test_a_rate_of_zero_turns_the_limit_off():
    bucket = TokenBucket(rate_per_minute=0, burst=1)
    assert all(bucket.allow("a", 0.0) for _ in range(1000))


def test_idle_clients_are_forgotten_when_the_table_fills(monkeypatch):
    from seedreg.labels import ratelimit

    monkeypatch.setattr(ratelimit, "MAX_CLIENTS", 10)
    bucket = TokenBucket(rate_per_minute=60, burst=2)
    for n in range(10):
        bucket.allow(f"old{n}", 0.0)
    bucket.allow("new", 10.0)  # the old buckets have refilled: nothing is lost by forgetting
    assert set(bucket.buckets) == {"new"}
