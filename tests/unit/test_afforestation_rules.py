"""Pure afforestation rules: the checks of a delivered label and the 良种 share."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from seedreg.afforestation import rules
from seedreg.afforestation.rules import Check, CheckOutcome, LabelRecord, Share

ON = date(2026, 5, 1)
LATER = ON + timedelta(days=90)
GOOD = LabelRecord(
    found=True, label_valid=True, label_reason="", licence_status="valid",
    licence_valid_to=LATER, quality_status="valid", quality_valid_to=LATER,
    quarantine_status="valid", quarantine_valid_to=LATER, species="樟子松",
)  # fmt: skip


def failing(record: LabelRecord, planned: tuple[str, ...] = ("樟子松",)) -> list[Check]:
    results = rules.check_delivery(record, list(planned), ON)
    return [r.check for r in results if r.state is CheckOutcome.PROBLEM]


def introduction(record: LabelRecord) -> rules.CheckResult:
    [intro] = [
        r for r in rules.check_delivery(record, ["樟子松"], ON) if r.check is Check.INTRODUCTION
    ]
    return intro


APPROVAL = rules.ApprovalFacts(
    "兴林草引准〔2026〕1号", "樟子松", "", "150700", "兴安盟林业和草原局"
)


def test_a_good_label_of_the_league_passes_and_needs_no_introduction_approval():
    assert rules.passed(rules.check_delivery(GOOD, ["樟子松"], ON))
    intro = introduction(GOOD)
    assert intro.state is CheckOutcome.OK
    assert intro.text == "本盟内生产的批次，无需引种审批"


def test_a_lot_citing_an_approval_for_its_species_passes_the_introduction_check():
    intro = introduction(replace(GOOD, introduction_number=APPROVAL.number, approval=APPROVAL))
    assert intro.state is CheckOutcome.OK
    assert APPROVAL.number in intro.text


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"approval": None}, "没有记录"),
        ({"approval": replace(APPROVAL, species="杨树")}, "树种是杨树，不是樟子松"),
        ({"approval": replace(APPROVAL, variety="甲"), "variety": "乙"}, "品种是甲，不是乙"),
    ],
)
def test_a_lot_citing_a_missing_or_other_approval_fails_the_introduction_check(change, words):
    record = replace(
        GOOD, **{"introduction_number": APPROVAL.number, "approval": APPROVAL, **change}
    )
    intro = introduction(record)
    assert intro.state is CheckOutcome.PROBLEM
    assert words in intro.text
    assert failing(record) == [Check.INTRODUCTION]


@pytest.mark.parametrize(
    ("change", "check"),
    [
        ({"licence_status": "revoked"}, Check.LICENCE),
        ({"licence_valid_to": ON - timedelta(days=1)}, Check.LICENCE),
        ({"quality_status": None}, Check.QUALITY),
        ({"quality_status": "revoked"}, Check.QUALITY),
        ({"quarantine_status": None}, Check.QUARANTINE),
        ({"quarantine_valid_to": ON - timedelta(days=1)}, Check.QUARANTINE),
        ({"label_valid": False, "label_reason": "已作废"}, Check.LABEL),
        ({"species": "杨树"}, Check.SPECIES),
    ],
)
def test_each_missing_or_ended_document_fails_its_own_check(change, check):
    assert failing(replace(GOOD, **change)) == [check]


def test_an_unknown_serial_fails_as_a_possible_fake():
    missing = LabelRecord(False, False, "", "", None, None, None, None, None, "")
    [only] = rules.check_delivery(missing, ["樟子松"], ON)
    assert only.check is Check.LABEL
    assert "假冒" in only.text


def test_the_share_and_when_it_raises_a_lead():
    short = Share(improved=300, total=1000, required_percent=80)
    assert str(short.percent) == "30.0"
    assert short.short
    assert rules.raises_lead(True, short)
    assert not rules.raises_lead(False, short)  # Art. 44 binds state-funded projects only
    assert not Share(0, 0, 80).short  # nothing delivered yet
    assert not Share(800, 1000, 80).short
    assert "30.0%" in rules.lead_detail("项目", short)
