"""The routing page "从哪里引种？" and its API twin, anonymous and signed in: each origin class
answers in Chinese with who decides, abroad is refused at the form, an unknown code is a clear
error, and the league's step follows the local setting."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser
from tests.http.lotkit import ok, refused

API = "/api/introductions/route"
PAGE = "/introductions/route"


def text_of(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


@pytest.mark.parametrize(
    ("code", "kind", "words"),
    [
        ("152222", "in_league", "无需审批"),
        ("150400", "other_city", "兴安盟林业和草原局"),
        ("370000", "other_province", "内蒙古自治区林业和草原局"),
        ("810000", "abroad", "不在本系统受理范围"),
    ],
)
def test_the_api_routes_every_origin_class(api, code, kind, words):
    route = ok(api().get(API, params={"division_code": code}))
    assert route["kind"] == kind
    assert words in route["explanation"]
    assert route["basis"]


def test_abroad_by_country_is_refused(api):
    route = ok(api().get(API, params={"country": "RU"}))
    assert (route["kind"], route["refused"], route["needs_application"]) == ("abroad", True, False)


@pytest.mark.parametrize("code", ["159999", "12345", "150000", "xyzxyz"])
def test_an_unknown_code_is_a_clear_error(api, code):
    refused(api().get(API, params={"division_code": code}), 422, "代码", field="division_code")


def test_the_page_works_without_javascript_for_anyone(server):
    browser = Browser(server)
    blank = browser.get(PAGE)
    assert blank.status_code == 200
    soup = BeautifulSoup(blank.text, "html.parser")
    form = soup.select_one("form#route-form")
    assert form["method"] == "get"
    groups = [g["label"] for g in form.select("optgroup")]
    assert groups == ["兴安盟", "内蒙古自治区其他盟市", "其他省、自治区、直辖市", "境外"]
    assert len(form.select("optgroup")[2].select("option")) == 30
    other_city = text_of(browser.get(PAGE, params={"origin": "150700"}).text)
    assert "来自内蒙古自治区呼伦贝尔市" in other_city
    assert "须经兴安盟林业和草原局同意" in other_city
    assert "审批（同意）" in other_city
    province = text_of(browser.get(PAGE, params={"origin": "220000"}).text)
    assert "初审后上报" in province
    assert "检疫要求书" in province
    league = text_of(browser.get(PAGE, params={"origin": "152200"}).text)
    assert "无需审批" in league
    assert "调运" in league
    abroad = text_of(browser.get(PAGE, params={"origin": "abroad"}).text)
    assert "不在本系统受理范围" in abroad
    assert "第五十七条" in abroad


def test_a_made_up_origin_is_shown_again_with_the_error(server):
    r = Browser(server).get(PAGE, params={"origin": "159999"})
    assert r.status_code == 422
    soup = BeautifulSoup(r.text, "html.parser")
    assert "不是内蒙古自治区的盟市代码" in soup.select_one("#r-origin-err").get_text()
    assert soup.select_one("#route") is None


def test_the_league_step_follows_the_setting(api, server):
    admin = api("admin")
    key = "introductions.league_step"
    try:
        ok(admin.put(f"/api/settings/{key}", json={"value": "filing"}))
        route = ok(api().get(API, params={"division_code": "150100"}))
        assert (route["league_step"], route["league_step_label"]) == ("filing", "备案")
        assert "备案" in text_of(Browser(server).get(PAGE, params={"origin": "150100"}).text)
    finally:
        admin.delete(f"/api/settings/{key}")
    assert ok(api().get(API, params={"division_code": "150100"}))["league_step"] == "consent"
