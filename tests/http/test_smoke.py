"""The server answers, in Chinese, with the error shapes we promise."""

from __future__ import annotations

from bs4 import BeautifulSoup


def test_it_serves_the_welcome_page(api):
    r = api().get("/")
    assert r.status_code == 200
    assert "兴安盟林木种苗监管系统" in r.text


def test_it_answers_unknown_api_paths_with_the_error_shape(api):
    r = api().get("/api/does-not-exist")
    assert r.status_code == 404
    assert r.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": "页面不存在",
            "field": None,
            "details": None,
        }
    }


def test_it_renders_unknown_pages_as_a_chinese_404(api):
    r = api().get("/does-not-exist")
    assert r.status_code == 404
    soup = BeautifulSoup(r.text, "html.parser")
    assert "页面不存在" in soup.get_text()
    assert "Traceback" not in r.text


def test_it_rejects_malformed_json_with_a_structured_400(api):
    r = api().post(
        "/api/auth/token",
        content=b'{"username": "admin",',
        headers={"content-type": "application/json"},
    )
    assert r.status_code == 400
    assert r.json()["error"]["code"] == "bad_request"


def test_it_names_each_bad_field_in_chinese(api):
    r = api().post("/api/auth/token", json={"username": 5, "password": "", "extra": 1})
    assert r.status_code == 422
    details = r.json()["error"]["details"]
    assert details == {"username": "应为文本", "password": "内容太短", "extra": "不允许的字段"}
