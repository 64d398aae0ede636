"""Absurd input is the client's mistake: a 4xx in the app's error shape, never a server error
(issue 12 item 2). Each class is refused in one place for every route: JSON nesting (the request
class), integer and date parameters (the route guard), query-string length, and bodies (the
input base class)."""

from __future__ import annotations

import pytest

from tests.fixtures import unique

DEEP_ARRAY = b"[" * 5000 + b"]" * 5000
DEEP_OBJECT = b'{"a":' * 5000 + b"1" + b"}" * 5000
HUGE = "1" + "0" * 21  # 10²¹


def _error(r, status: int) -> dict:
    assert r.status_code == status, (r.status_code, r.text[:300])
    error = r.json()["error"]
    assert error["status"] == status
    assert set(error) == {"status", "code", "message", "field", "details"}
    return error


@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
@pytest.mark.parametrize("path", ["/api/lots", "/api/auth/token", "/api/licensing/applications"])
def test_json_nested_5000_deep_is_a_400(api, body, path):
    r = api("alice").post(path, content=body, headers={"content-type": "application/json"})
    error = _error(r, 400)
    assert error["code"] == "bad_request"
    assert "嵌套" in error["message"]


def test_json_nested_as_deep_as_the_limit_is_read(api):
    # 64 levels (the limit) of arrays: read, then refused by the schema as the wrong type (422)
    body = b"[" * 64 + b"]" * 64
    r = api("alice").post("/api/lots", content=body, headers={"content-type": "application/json"})
    assert r.status_code in (400, 422)
    assert "嵌套" not in r.text


def test_brackets_inside_strings_do_not_count_as_nesting(api):
    text = "[" * 500
    r = api().post("/api/auth/token", json={"username": text, "password": "x"})
    assert r.status_code in (401, 422), r.text[:200]
    assert "嵌套" not in r.text


@pytest.mark.parametrize(
    "path",
    [
        f"/api/lots?page={HUGE}",
        f"/api/licensing/applications?page={HUGE}",
        f"/api/public/licences?page={HUGE}",
        f"/api/labels/clone-flags?page={HUGE}",
        f"/api/quarantine/site-certificates?page={HUGE}",
        "/api/lots?page=0",
        "/api/lots?page=-5",
        "/api/lots?page=2147483648",
    ],
)
def test_page_numbers_out_of_range_are_a_422(api, path):
    error = _error(api("admin").get(path), 422)
    assert error["code"] == "invalid_input"
    assert error["field"] == "page"
    assert error["details"]["page"].startswith("不能")


def test_a_page_number_on_a_page_is_a_chinese_422(browser, personas):
    browser.login(personas["alice"].username)
    r = browser.get(f"/lots?page_no={HUGE}")
    assert r.status_code == 422
    assert "不能大于" in r.text
    assert "Traceback" not in r.text


@pytest.mark.parametrize(
    "path",
    [
        f"/api/lots/{HUGE}",
        "/api/lots/2147483648",
        f"/api/labels/items/{HUGE}",
        f"/api/licensing/licences/{HUGE}",
        f"/lots/{HUGE}",
        "/licensing/notices/99999999999.pdf",
    ],
)
def test_ids_no_table_can_hold_are_not_found(api, path):
    r = api("admin").get(path)
    assert r.status_code == 404, (r.status_code, r.text[:200])
    if path.startswith("/api/"):
        assert r.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("start", ["9999-12-30", "2200-01-01", "0001-01-01", "1899-12-31"])
def test_a_deadline_from_a_date_out_of_range_is_a_422(api, start):
    error = _error(api().get(f"/api/calendar/deadline?start={start}&workdays=5"), 422)
    assert error["field"] == "start"
    assert "日期不能" in error["details"]["start"]


def test_a_deadline_at_the_edge_of_the_range_is_computed(api):
    r = api().get("/api/calendar/deadline?start=2199-12-31&workdays=366")
    assert r.status_code == 200, r.text
    assert r.json()["due"].startswith("2201-")


def test_an_over_long_query_string_is_a_414(api):
    error = _error(api("alice").get("/api/lots?species=" + "x" * 5000), 414)
    assert "过长" in error["message"]


def test_absurd_numbers_and_dates_in_a_body_are_a_422_naming_the_field(api):
    body = {"licence_id": int(HUGE), "produced_on": "9999-12-31"}
    error = _error(api("alice").post("/api/lots", json=body), 422)
    assert error["details"]["licence_id"] == "不能大于2147483647"
    assert error["details"]["produced_on"] == "日期不能晚于2199年"


def test_a_huge_unbounded_string_in_a_body_is_refused(api):
    body = {"username": unique(), "password": "x" * 20_000}
    r = api().post("/api/auth/token", json=body)
    assert r.status_code in (401, 422)


@pytest.mark.parametrize(
    "selection",
    [
        {"lot_id": int(HUGE), "first": 1, "last": 2},
        {"issue_id": int(HUGE)},
        {"label_ids": [int(HUGE)]},
    ],
    ids=["lot", "issue", "labels"],
)
def test_ids_too_large_for_the_database_in_a_body_are_refused_on_their_field(api, selection):
    # the print-job body is an Input: its ids are bounded like every other body's
    r = api("alice").post("/api/printing/jobs", json={"layout": "single_100x70", **selection})
    error = _error(r, 422)
    [field] = [k for k in selection if k not in ("first", "last")]
    assert error["details"][field] == "不能大于2147483647"
