"""Control characters (NUL above all) are the client's mistake, refused before the database:
schemathesis found that a search for text with NUL ended as a server error on PostgreSQL, which
cannot store or compare it (issue 12 item 6). Query values, path keys and bodies alike."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/api/public/licences?species=%E6%A8%9F%00",
        "/api/lots?status=%00",
        "/api/organisations?q=a%01b",
        "/api/labels/clone-flags?status=open%7F",
    ],
)
def test_a_control_character_in_a_query_value_is_a_422_on_its_field(api, path):
    r = api("admin").get(path)
    assert r.status_code == 422, (r.status_code, r.text[:300])
    error = r.json()["error"]
    field = path.split("?")[1].split("=")[0]
    assert (error["code"], error["field"]) == ("invalid_input", field)
    assert "控制字符" in error["details"][field]


def test_a_control_character_in_a_search_box_is_a_chinese_422_page(browser, personas):
    browser.login(personas["alice"].username)
    r = browser.get("/lots?species=%00")
    assert r.status_code == 422
    assert "控制字符" in r.text
    assert "Traceback" not in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/api/public/organisations/abc%00",
        "/api/public/licences/%00",
        "/api/public/quarantine/x%00y",
        "/api/signup/%00",
    ],
)
def test_a_control_character_in_a_path_key_is_not_found(api, path):
    r = api().get(path)
    assert r.status_code == 404, (r.status_code, r.text[:300])
    assert r.json()["error"]["code"] == "not_found"


def test_tabs_and_line_breaks_in_a_query_value_are_searched_as_before(api):
    r = api("admin").get("/api/organisations?q=%E6%A8%9F%09%0A")
    assert r.status_code == 200, r.text[:300]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f"])
def test_a_control_character_in_a_body_is_refused_on_its_field(api, personas, char):
    """The user name of a sign-in has no pattern of its own: with NUL, the look-up of the name
    was a server error on PostgreSQL (and a failed sign-in on SQLite)."""
    name = personas["alice"].username
    r = api().post(
        "/api/auth/token", json={"username": name[:2] + char + name[2:], "password": "x"}
    )
    assert r.status_code == 422, (r.status_code, r.text[:300])
    error = r.json()["error"]
    assert error["code"] == "invalid_input"
    assert f"U+{ord(char):04X}" in error["details"]["username"]
    assert "控制字符" in error["details"]["username"]


def test_which_characters_count_as_controls():
    from seedreg.core.inputs import control_char, invisible_char

    assert control_char("樟子松\t第一行\r\n第二行") is None
    assert [control_char(f"a{c}b") for c in "\x00\x08\x0b\x1f\x7f"] == list("\x00\x08\x0b\x1f\x7f")
    assert invisible_char("abc\x00") == "\x00"  # ASCII text too
    assert invisible_char("樟\x00") == "\x00"
