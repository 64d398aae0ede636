"""Officials' label scans in the field (issue 22, the scanning piece), through real HTTP: the
API records a scan once per idempotency key (201, then 200 with the same record), answers with
the registry's truth and each difference with its violation_hint; typed serials with a wrong
check character are refused in Chinese; operators and the public cannot scan; the page works
without JavaScript and its JSON twin takes the session with the CSRF header."""

from __future__ import annotations

import asyncio
import re
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from bs4 import BeautifulSoup

from seedreg.labels.printable import label_contents
from seedreg.labels.serials import TYPO, serial_from_number
from tests.factories import actor_named
from tests.fixtures import Browser
from tests.http.lotkit import ok, refused
from tests.label_support import make_chain, set_status, sql

SCANS = "/api/labels/field-scans"


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


def issued_label(chain, count: int = 1) -> list:
    """A fresh lot with ``count`` labels of 25 株 each: their LabelContent (with QR texts)."""
    lot = chain.ready_lot(quantity=500)
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": count, "quantity_each": 25}
        ),
        201,
    )

    async def contents():
        return await label_contents(await actor_named("alice"), done["id"])

    return asyncio.run(contents())


def key() -> str:
    return str(uuid.uuid4())


def rows_for(idempotency_key: str) -> list[dict]:
    return sql("SELECT * FROM field_scan WHERE idempotency_key = {}", idempotency_key)


def changed_digit(qr_text: str) -> str:
    prefix, token = qr_text.rsplit("#", 1)
    at = len(token) // 3
    return f"{prefix}#{token[:at]}{(int(token[at]) + 1) % 10}{token[at + 1 :]}"


def test_a_scan_is_recorded_once_and_a_retry_gets_the_same_record(api, chain):
    label = issued_label(chain)[0]
    inspector = api("inspector")
    body = {
        "idempotency_key": key(),
        "qr_text": label.qr_text,
        "scanned_at": "2026-12-07T08:30:00+00:00",
        "latitude": 46.08,
        "longitude": 122.05,
        "phone_result": "valid",
    }
    first = ok(inspector.post(SCANS, json=body), 201)
    again = ok(inspector.post(SCANS, json=body), 200)
    assert again["id"] == first["id"]
    assert len(rows_for(body["idempotency_key"])) == 1
    assert first["serial"] == label.serial
    assert first["signature"]["ok"] is True
    assert first["signature"]["printed"]["species"] == chain.species
    assert first["signature"]["printed"]["quantity"] == "25 株"
    assert first["registry"]["verdict"] == "valid"
    assert first["registry"]["label"]["lot_number"] == label.lot_number
    assert (first["mismatches"], first["violation_hints"]) == ([], [])
    assert (first["latitude"], first["longitude"]) == (46.08, 122.05)
    assert first["lot_url"].startswith("/labels/lots/")  # the inspector's banner holds the lot
    stored = rows_for(body["idempotency_key"])[0]
    assert (stored["verdict"], stored["phone_result"], bool(stored["signature_ok"])) == (
        "valid",
        "valid",
        True,
    )
    events = sql(
        "SELECT action FROM audit_event WHERE subject_type = 'field_scan' AND subject_id = {}",
        str(first["id"]),
    )
    assert [e["action"] for e in events] == ["field_scan:record"]


def test_a_tampered_code_is_recorded_as_a_forged_signature(api, chain):
    label = issued_label(chain)[0]
    body = {"idempotency_key": key(), "qr_text": changed_digit(label.qr_text)}
    found = ok(api("inspector").post(SCANS, json=body), 201)
    assert found["signature"] == {
        "checked": True,
        "ok": False,
        "reason": "签名无效（标签内容被篡改或伪造）",
        "printed": None,
    }
    assert found["serial"] == label.serial  # recorded under the serial the code claims
    assert found["violation_hints"] == ["forged_signature"]
    assert "签名无效" in found["mismatches"][0]["text"]
    assert found["mismatches"][0]["basis"].startswith("种子法第四十条")


def test_a_void_label_and_a_revoked_licence_each_give_their_hint(api, chain):
    first, second = issued_label(chain, count=2)
    label_id = sql("SELECT id FROM label WHERE serial = {}", first.serial)[0]["id"]
    ok(chain.alice.post(f"/api/labels/items/{label_id}/void", json={"reason": "标签破损"}))
    voided = ok(
        api("inspector").post(SCANS, json={"idempotency_key": key(), "qr_text": first.qr_text}),
        201,
    )
    assert voided["violation_hints"] == ["label_void"]
    assert voided["mismatches"][0]["text"] == "标签已作废"

    licence = chain.licence["id"]
    set_status("licence", licence, "revoked")
    try:
        revoked = ok(
            api("station").post(SCANS, json={"idempotency_key": key(), "serial": second.serial}),
            201,
        )
    finally:
        set_status("licence", licence, "valid")
    assert revoked["signature"]["checked"] is False
    assert revoked["violation_hints"] == ["licence_invalid"]
    assert revoked["mismatches"][0]["text"] == "许可证已失效：许可证已吊销"


def test_an_unknown_serial_is_a_finding_not_an_error(api):
    unknown = serial_from_number(123_456_789)
    found = ok(
        api("inspector").post(SCANS, json={"idempotency_key": key(), "serial": unknown}), 201
    )
    assert found["registry"]["verdict"] == "not_found"
    assert found["violation_hints"] == ["label_not_found"]


def test_a_typed_serial_with_a_wrong_check_character_is_refused_in_chinese(api):
    good = serial_from_number(987_654_321)
    typo = good[:-1] + ("0" if good[-1] != "0" else "1")
    body = {"idempotency_key": key(), "serial": typo}
    message = refused(api("inspector").post(SCANS, json=body), 422, field="serial")
    assert message == TYPO
    assert rows_for(body["idempotency_key"]) == []
    refused(
        api("inspector").post(SCANS, json={"idempotency_key": key(), "serial": "ABC"}),
        422,
        "序列号格式不正确",
        field="serial",
    )
    refused(api("inspector").post(SCANS, json={"idempotency_key": key()}), 422, "请扫描")
    bad_key = api("inspector").post(SCANS, json={"idempotency_key": "1", "serial": good})
    assert bad_key.status_code == 422
    assert "idempotency_key" in bad_key.json()["error"]["details"]


def test_a_key_used_by_another_official_is_a_conflict(api, chain):
    label = issued_label(chain)[0]
    body = {"idempotency_key": key(), "serial": label.serial}
    ok(api("inspector").post(SCANS, json=body), 201)
    refused(api("station").post(SCANS, json=body), 409, "另一次扫码")
    assert len(rows_for(body["idempotency_key"])) == 1


def test_operators_and_the_public_cannot_scan(api, chain):
    body = {"idempotency_key": key(), "serial": serial_from_number(5)}
    refused(api("alice").post(SCANS, json=body), 403, "监管人员")
    assert api().post(SCANS, json=body).status_code == 401
    assert rows_for(body["idempotency_key"]) == []


def signed_in(server: str, name: str) -> Browser:
    client = Browser(server)
    client.login(name)
    return client


def test_only_officials_open_the_scan_page(server, personas):
    page = signed_in(server, "inspector").get("/labels/scan")
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.select_one("#open-camera").get_text(strip=True) == "打开相机扫码"
    assert soup.select_one("form#serial-form[action='/labels/scan']") is not None
    assert soup.select_one("#scanner")["data-key"]  # the published key, for the phone's check
    assert signed_in(server, "alice").get("/labels/scan").status_code == 403
    anonymous = Browser(server).get("/labels/scan")
    assert anonymous.status_code in (302, 303)
    assert anonymous.headers["location"].startswith("/login")


def test_the_officials_home_links_the_scanner_and_an_operators_does_not(server, personas):
    assert 'href="/labels/scan"' in signed_in(server, "inspector").get("/").text
    assert 'href="/labels/scan"' not in signed_in(server, "alice").get("/").text


def test_without_javascript_the_serial_form_shows_the_registry_answer(server, personas, chain):
    label = issued_label(chain)[0]
    client = signed_in(server, "quarantine")
    form_key = re.search(r'name="idempotency_key" value="([^"]+)"', client.get("/labels/scan").text)
    assert form_key
    data = {"serial": label.serial.lower(), "idempotency_key": form_key.group(1)}
    first = client.post_form("/labels/scan", data)
    second = client.post_form("/labels/scan", data)  # the same form sent twice
    assert first.status_code == second.status_code == 200
    result = BeautifulSoup(first.text, "html.parser").select_one("#scan-result")
    text = result.get_text(" ", strip=True)
    for words in (label.serial, "有效", "未发现问题", chain.species):
        assert words in text, words
    assert len(rows_for(form_key.group(1))) == 1

    typo = label.serial[:-1] + ("0" if label.serial[-1] != "0" else "1")
    wrong = client.post_form("/labels/scan", {"serial": typo, "idempotency_key": key()})
    assert wrong.status_code == 422
    soup = BeautifulSoup(wrong.text, "html.parser")
    assert soup.select_one("#f-serial-err").get_text(strip=True) == TYPO
    assert soup.select_one("#f-serial")["value"] == typo  # what was typed stays


def test_the_pages_json_twin_takes_the_session_and_the_csrf_header(server, personas, chain):
    label = issued_label(chain)[0]
    client = signed_in(server, "inspector")
    page = client.get("/labels/scan").text
    csrf = BeautifulSoup(page, "html.parser").select_one("#scanner")["data-csrf"]
    body = {"idempotency_key": key(), "qr_text": label.qr_text, "phone_result": "valid"}
    headers = {"X-CSRFToken": csrf}
    first = client.post("/labels/field-scans", json=body, headers=headers)
    again = client.post("/labels/field-scans", json=body, headers=headers)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert len(rows_for(body["idempotency_key"])) == 1
    assert (
        client.post("/labels/field-scans", json={**body, "idempotency_key": key()}).status_code
        == 403
    )
    bad = client.post(
        "/labels/field-scans", json={"idempotency_key": key(), "serial": "ABC"}, headers=headers
    )
    assert bad.status_code == 422
    assert bad.json()["error"]["message"].startswith("序列号格式不正确")


def test_the_api_refuses_a_browser_cookie_for_writes(server, personas):
    client = signed_in(server, "inspector")
    body = {"idempotency_key": key(), "serial": serial_from_number(6)}
    assert client.post(SCANS, json=body).status_code == 401


def test_a_double_tap_sent_at_once_records_one_scan(api, chain):
    label = issued_label(chain)[0]
    body = {"idempotency_key": key(), "qr_text": label.qr_text, "phone_result": "valid"}
    inspector = api("inspector")
    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(lambda _: inspector.post(SCANS, json=body), range(6)))
    assert sorted(a.status_code for a in answers) == [200] * 5 + [201]
    assert len({a.json()["id"] for a in answers}) == 1
    assert len(rows_for(body["idempotency_key"])) == 1
