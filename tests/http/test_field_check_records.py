"""On-site checks (issue 22) through real HTTP: the whole check in one POST with an idempotency
key (a retry or a double tap makes one record), fewer than two enforcement officers refused
(行政处罚法 Art. 42), checklist failures and each kind of label mismatch becoming the right
findings, evidence photos kept with their hash and handed out without location, and who may
read a check."""

from __future__ import annotations

import hashlib
import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from PIL import Image

from seedreg.labels.serials import serial_from_number
from tests.http.checkkit import body, jpeg_with_location, key, make_team, png
from tests.http.lotkit import ok, refused
from tests.http.test_field_scans import changed_digit, issued_label
from tests.label_support import make_chain, set_status, sql

CHECKS = "/api/inspections/checks"


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


@pytest.fixture(scope="module")
def team(server, personas):
    return make_team(server)


def rows_for(idempotency_key: str) -> list[dict]:
    return sql("SELECT * FROM field_check WHERE idempotency_key = {}", idempotency_key)


def test_a_whole_check_is_recorded_once_and_a_retry_gets_the_same_record(team, chain):
    data = body(team, chain.alice_org)
    first = ok(team.first.post(CHECKS, json=data), 201)
    again = ok(team.first.post(CHECKS, json=data), 200)
    assert again["id"] == first["id"]
    assert again["number"] == first["number"]
    assert len(rows_for(data["idempotency_key"])) == 1
    assert first["number"].startswith("兴林检〔2026〕")
    assert [p["enforcement_id"] for p in first["inspectors"]] == [
        p["enforcement_id"] for p in again["inspectors"]
    ]
    assert len(first["inspectors"]) == 2
    assert all(p["enforcement_id"] for p in first["inspectors"])
    assert first["findings"] == []
    assert first["rectify_due"] is None
    assert first["signature"]["refused"] is True
    assert list(first["documents"]) == ["现场检查笔录"]
    events = sql(
        "SELECT action FROM audit_event WHERE subject_type = 'field_check' AND subject_id = {}",
        str(first["id"]),
    )
    assert [e["action"] for e in events] == ["field_check:record"]


def test_a_double_tap_sent_at_once_records_one_check(team, chain):
    data = body(team, chain.alice_org)
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: team.first.post(CHECKS, json=data), range(4)))
    assert sorted(r.status_code for r in answers) == [200, 200, 200, 201]
    assert len({r.json()["id"] for r in answers}) == 1
    assert len(rows_for(data["idempotency_key"])) == 1


def test_a_key_used_by_another_inspector_is_a_conflict(team, chain):
    data = body(team, chain.alice_org)
    ok(team.first.post(CHECKS, json=data), 201)
    refused(team.second.post(CHECKS, json=data), 409, "检查记录编号", field="idempotency_key")


def test_fewer_than_two_enforcement_officers_are_refused(team, chain):
    alone = body(team, chain.alice_org, inspector_ids=[team.first_id])
    refused(team.first.post(CHECKS, json=alone), 422, "不得少于两人", "第四十二条")
    twice = body(team, chain.alice_org, inspector_ids=[team.first_id, team.first_id])
    refused(team.first.post(CHECKS, json=twice), 422, "不得少于两人")
    officer = body(team, chain.alice_org, inspector_ids=[team.first_id, team.officer_id])
    refused(team.first.post(CHECKS, json=officer), 422, "不是执法人员")
    outsider = body(team, chain.alice_org, inspector_ids=[team.first_id, team.other_banner_id])
    refused(team.first.post(CHECKS, json=outsider), 422, "不负责")
    for data in (alone, twice, officer, outsider):
        assert rows_for(data["idempotency_key"]) == []


def test_a_check_needs_a_signature_or_a_witnessed_refusal(team, chain):
    unsigned = body(team, chain.alice_org, signature={})
    refused(team.first.post(CHECKS, json=unsigned), 422, "签名")
    no_witness = body(team, chain.alice_org, signature={"refused": True})
    refused(team.first.post(CHECKS, json=no_witness), 422, "见证人")


def test_a_failed_checklist_item_is_a_finding_with_its_penalty_range(team, chain):
    checklist = [
        {"code": "V1-1", "result": "fails", "note": "现场销售樟子松苗，未能出示许可证",
         "goods_value": "25000"},
        {"code": "V4-1", "result": "fails", "note": ""},
        {"code": "V3-2", "result": "na", "note": "未销售"},
    ]  # fmt: skip
    done = ok(team.first.post(CHECKS, json=body(team, chain.alice_org, checklist=checklist)), 201)
    first, second = done["findings"]
    assert (first["code"], first["text"], first["source"]) == (
        "V1-1",
        "现场销售樟子松苗，未能出示许可证",
        "checklist",
    )
    # 种子法 Art. 76: 货值 ≥ 10,000 → 3–5 × 货值
    assert (first["penalty"]["min_yuan"], first["penalty"]["max_yuan"]) == (75000, 125000)
    assert first["basis"] == "种子法第三十二条、第三十三条"
    assert second["code"] == "V4-1"
    assert second["text"].startswith("未按规定建立")
    assert (second["penalty"]["min_yuan"], second["penalty"]["max_yuan"]) == (2000, 20000)
    assert done["rectify_due"] == "2026-12-12"  # 15 days, the local setting's default
    assert "责令改正通知书" in done["documents"]


def test_an_unknown_catalogue_code_is_refused(team, chain):
    checklist = [{"code": "X9-9", "result": "fails", "note": ""}]
    refused(
        team.first.post(CHECKS, json=body(team, chain.alice_org, checklist=checklist)),
        422,
        "X9-9",
    )


def scan(qr_text: str = "", serial: str = "") -> dict:
    return {"idempotency_key": key(), "qr_text": qr_text, "serial": serial}


def test_each_kind_of_label_mismatch_gives_its_prefilled_finding(team, chain):
    genuine, tampered, voided, short, revoked = issued_label(chain, count=5)
    label_id = sql("SELECT id FROM label WHERE serial = {}", voided.serial)[0]["id"]
    ok(chain.alice.post(f"/api/labels/items/{label_id}/void", json={"reason": "标签破损"}))
    sql("UPDATE label SET quantity = quantity + 5 WHERE serial = {}", short.serial)
    unknown = serial_from_number(234_567_891)
    scans = [
        scan(genuine.qr_text),
        scan(changed_digit(tampered.qr_text)),
        scan(voided.qr_text),
        scan(short.qr_text),
        scan(serial=unknown),
    ]
    done = ok(team.first.post(CHECKS, json=body(team, chain.alice_org, scans=scans)), 201)
    by_scan = {f["scan_key"]: (f["code"], f["source"]) for f in done["findings"]}
    assert scans[0]["idempotency_key"] not in by_scan  # a genuine label: nothing to find
    assert by_scan[scans[1]["idempotency_key"]] == ("V3-3", "scan")  # forged signature
    assert by_scan[scans[2]["idempotency_key"]] == ("V3-2", "scan")  # void label
    assert by_scan[scans[3]["idempotency_key"]] == ("V3-2", "scan")  # quantity differs
    assert by_scan[scans[4]["idempotency_key"]] == ("V3-2", "scan")  # not in the registry
    texts = {f["scan_key"]: f["text"] for f in done["findings"]}
    assert texts[scans[2]["idempotency_key"]] == f"标签 {voided.serial}：标签已作废"
    assert "数量" in texts[scans[3]["idempotency_key"]]
    assert [s["hints"] for s in done["scans"]] == [
        [], ["forged_signature"], ["label_void"], ["quantity_mismatch"], ["label_not_found"]
    ]  # fmt: skip
    recorded = sql("SELECT idempotency_key FROM field_scan WHERE serial = {}", genuine.serial)
    assert [r["idempotency_key"] for r in recorded] == [scans[0]["idempotency_key"]]

    licence = chain.licence["id"]
    set_status("licence", licence, "revoked")
    try:
        lapsed = [scan(serial=revoked.serial)]
        done = ok(team.first.post(CHECKS, json=body(team, chain.alice_org, scans=lapsed)), 201)
    finally:
        set_status("licence", licence, "valid")
    assert [(f["code"], f["text"]) for f in done["findings"]] == [
        ("V1-1", f"标签 {revoked.serial}：许可证已失效：许可证已吊销")
    ]


def test_a_scan_finding_the_inspector_edited_replaces_the_prefilled_one(team, chain):
    label = issued_label(chain)[0]
    tampered = scan(changed_digit(label.qr_text))
    mine = {"code": "V3-2", "text": "标签二维码与印刷内容不一致", "source": "scan",
            "scan_key": tampered["idempotency_key"]}  # fmt: skip
    done = ok(
        team.first.post(
            CHECKS, json=body(team, chain.alice_org, scans=[tampered], findings=[mine])
        ),
        201,
    )
    assert [(f["code"], f["text"]) for f in done["findings"]] == [("V3-2", mine["text"])]


def test_photos_are_kept_with_their_hash_and_handed_out_without_location(team, chain):
    photo, signature = key(), key()
    data = body(
        team,
        chain.alice_org,
        photos=[{"key": photo, "caption": "无标签苗木堆放处"}],
        signature={"photo_key": signature},
    )
    done = ok(team.first.post(CHECKS, json=data), 201)
    assert [p["uploaded"] for p in done["photos"]] == [False, False]
    original = jpeg_with_location()
    url = f"{CHECKS}/{data['idempotency_key']}/photos/{photo}"
    kept = ok(team.second.put(url, content=original), 201)
    assert kept["sha256"] == hashlib.sha256(original).hexdigest()
    assert ok(team.second.put(url, content=original), 200)["sha256"] == kept["sha256"]
    refused(team.second.put(url, content=png()), 409, "照片编号")
    sign_url = f"{CHECKS}/{data['idempotency_key']}/photos/{signature}"
    ok(team.first.put(sign_url, content=png()), 201)

    stored = sql("SELECT * FROM check_photo WHERE photo_key = {}", photo)[0]
    assert stored["sha256"] == hashlib.sha256(original).hexdigest()
    from seedreg.inspections.evidence import evidence_dir

    assert (evidence_dir() / stored["stored_name"]).read_bytes() == original
    handed = team.first.get(f"{CHECKS}/{done['id']}/photos/{photo}")
    assert handed.status_code == 200
    assert handed.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(original)) as image:
        assert 0x8825 in image.getexif()
    with Image.open(io.BytesIO(handed.content)) as image:
        assert 0x8825 not in image.getexif()
        assert image.size == (80, 60)
    again = ok(team.first.get(f"{CHECKS}/{done['id']}"))
    assert [p["uploaded"] for p in again["photos"]] == [True, True]


def test_only_images_declared_on_the_check_are_accepted(team, chain):
    photo = key()
    data = body(team, chain.alice_org, photos=[{"key": photo, "caption": ""}])
    ok(team.first.post(CHECKS, json=data), 201)
    base = f"{CHECKS}/{data['idempotency_key']}/photos"
    refused(team.first.put(f"{base}/{key()}", content=png()), 422, "不在本次检查")
    refused(team.first.put(f"{base}/{photo}", content=b"%PDF-1.7 not a photo"), 422, "JPEG")
    refused(team.other_banner.put(f"{base}/{photo}", content=png()), 403)
    refused(team.first.put(f"{CHECKS}/{key()}/photos/{photo}", content=png()), 404)


def test_an_inspector_of_another_banner_cannot_open_the_check(team, chain, api):
    done = ok(team.first.post(CHECKS, json=body(team, chain.alice_org)), 201)
    url = f"{CHECKS}/{done['id']}"
    refused(team.other_banner.get(url), 403)
    assert ok(team.league.get(url))["id"] == done["id"]  # the league sees all
    assert ok(api("admin").get(url))["id"] == done["id"]
    for name in ("alice", "bob", "officer_wlht", "station"):
        assert api(name).get(url).status_code == 403, name
    assert api().get(url).status_code == 401
    assert done["id"] not in [c["id"] for c in ok(team.other_banner.get(CHECKS))["items"]]
    assert done["id"] in [c["id"] for c in ok(team.league.get(CHECKS))["items"]]
    assert api("alice").get(CHECKS).status_code == 403
    refused(team.other_banner.get(f"{url}/documents/record"), 403)


def test_an_inspector_of_another_banner_cannot_record_a_check_there(team, chain):
    data = body(team, chain.alice_org)
    refused(team.other_banner.post(CHECKS, json=data), 403)
    refused(api_post_as_operator := team.first.post(CHECKS, json={**data, "target_id": 0}), 422)
    assert api_post_as_operator.json()["error"]["field"] == "target_id"


def test_a_drawn_check_names_its_drawn_visit_and_a_lead_its_content(team, chain):
    drawn = body(team, chain.alice_org, origin="draw")
    refused(team.first.post(CHECKS, json=drawn), 422, "抽中的检查对象", field="drawn_visit_id")
    wrong = body(team, chain.alice_org, origin="draw", drawn_visit_id=999_999)
    refused(team.first.post(CHECKS, json=wrong), 422, "抽中的检查对象")
    lead = body(team, chain.alice_org, origin="lead")
    refused(team.first.post(CHECKS, json=lead), 422, "线索内容", field="lead_note")
    naive = body(team, chain.alice_org, started_at="2026-11-27T09:30:00")
    assert team.first.post(CHECKS, json=naive).status_code in (400, 422)  # a time needs its zone
    backwards = body(team, chain.alice_org, ended_at="2026-11-27T01:00:00+00:00")
    refused(team.first.post(CHECKS, json=backwards), 422, "结束时间")
