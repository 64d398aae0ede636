"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四)): which records the system holds may stand
for which catalogue materials."""

from __future__ import annotations

from datetime import date

import pytest

from seedreg.matters import held_rules
from seedreg.matters.held_rules import HeldRecord, RecordKind

TODAY = date(2026, 12, 7)
A02 = {"matter": "licensing", "code": "A02", "held_by": "registration"}
A04 = {"matter": "licensing", "code": "A04", "held_by": "upload"}
A07 = {"matter": "licensing", "code": "A07", "held_by": ""}
A08 = {"matter": "licensing", "code": "A08", "held_by": "licence"}
REGISTRATION = HeldRecord(RecordKind.REGISTRATION, "7", "营业执照", "/organisations/7")
LICENCE = HeldRecord(RecordKind.LICENCE, "3", "许可证", "/l/3", valid_to=date(2027, 1, 1))
OLD_LICENCE = HeldRecord(RecordKind.LICENCE, "2", "旧证", "/l/2", valid_to=date(2026, 12, 6))
A04_UPLOAD = HeldRecord(RecordKind.UPLOAD, "11", "场所证明.pdf", "/x", material="licensing:A04")
F05_UPLOAD = HeldRecord(RecordKind.UPLOAD, "12", "委托合同.pdf", "/y", material="filing:F05")
ALL = [REGISTRATION, LICENCE, OLD_LICENCE, A04_UPLOAD, F05_UPLOAD]


def test_each_material_is_offered_only_the_records_the_catalogue_names():
    found = held_rules.candidates([A02, A04, A07, A08], ALL, set(), TODAY)
    assert found == {"A02": [REGISTRATION], "A04": [A04_UPLOAD], "A08": [LICENCE]}


def test_what_is_already_present_is_not_offered_again():
    found = held_rules.candidates([A02, A08], ALL, {"A02"}, TODAY)
    assert list(found) == ["A08"]


def test_a_licence_is_offered_through_its_last_valid_day_only():
    assert held_rules.stands_for(OLD_LICENCE, A08, date(2026, 12, 6))
    assert not held_rules.stands_for(OLD_LICENCE, A08, TODAY)


def test_an_earlier_upload_stands_only_for_the_same_material_of_the_same_matter():
    f05 = {"matter": "filing", "code": "F05", "held_by": "upload"}
    a05 = {"matter": "licensing", "code": "A05", "held_by": "upload"}
    assert held_rules.stands_for(F05_UPLOAD, f05, TODAY)
    assert not held_rules.stands_for(F05_UPLOAD, a05, TODAY)
    assert not held_rules.stands_for(A04_UPLOAD, a05, TODAY)


def test_the_confirmed_record_must_be_one_that_was_offered():
    offered = held_rules.candidates([A02, A08], ALL, set(), TODAY)
    assert held_rules.pick(offered, "A08", "licence:3") == LICENCE
    for item, token in (("A08", "licence:2"), ("A02", "licence:3"), ("A07", "registration:7")):
        with pytest.raises(ValueError, match="不适用于该项材料"):
            held_rules.pick(offered, item, token)


def test_an_unknown_kind_in_the_catalogue_stops_the_load():
    assert held_rules.held_kinds(" registration, licence ,") == (
        RecordKind.REGISTRATION,
        RecordKind.LICENCE,
    )
    with pytest.raises(ValueError, match="未知的系统已有材料类别：certificate"):
        held_rules.held_kinds("certificate")


C03 = {
    "matter": "consignment_quarantine_request",
    "code": "C03",
    "held_by": "quarantine_certificate",
}
SITE_CERT = HeldRecord(
    RecordKind.QUARANTINE, "5", "产地检疫合格证", "/v/5", about=frozenset({"lot:1", "lot:2"})
)


def test_an_application_is_about_its_lots_its_variety_number_and_its_stock():
    consignment = {"items": [{"lot_id": 4, "quantity": "10"}, {"lot_id": "5"}], "vehicle": "车"}
    assert held_rules.subjects_of(consignment) == {"lot:4", "lot:5"}
    assert held_rules.subjects_of({"lot_id": 9}) == {"lot:9"}
    assert held_rules.subjects_of({"lot_ids": [2, 3]}) == {"lot:2", "lot:3"}
    introduction = {"species": "樟子松", "variety": " 甲 ", "variety_number": "国S-SV-PS-001-2020"}
    assert held_rules.subjects_of(introduction) == {
        "variety:国S-SV-PS-001-2020",
        held_rules.stock("樟子松", "甲"),
    }
    assert held_rules.subjects_of({}) == frozenset()
    assert held_rules.lot_ids(frozenset({"lot:12", "lot:3", "variety:x"})) == [3, 12]


def test_a_record_about_something_stands_only_for_applications_about_it():
    assert held_rules.stands_for(SITE_CERT, C03, TODAY, frozenset({"lot:2", "lot:9"}))
    assert not held_rules.stands_for(SITE_CERT, C03, TODAY, frozenset({"lot:9"}))
    assert not held_rules.stands_for(SITE_CERT, C03, TODAY)
    # a record about the whole organisation stands whatever the application is about
    assert held_rules.stands_for(REGISTRATION, A02, TODAY, frozenset({"lot:9"}))
    found = held_rules.candidates([C03, A02], [SITE_CERT, REGISTRATION], set(), TODAY)
    assert list(found) == ["A02"]
