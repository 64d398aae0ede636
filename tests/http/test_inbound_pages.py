"""Inbound consignments on pages (issue 17): the 检疫员 records a consignment arriving with
another province's 植物检疫证书 and its arrival check (复检) through forms calling the same
services as /api/quarantine/inbound; mistakes come back in Chinese on the re-shown form with
what was typed; the ledger lists the record, flagged when it needed an approval and names none."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser, unique
from tests.http.lotkit import today
from tests.label_support import sql

NEW = "/quarantine/inbound/new"


@pytest.fixture(scope="module")
def officer(server, personas) -> Browser:
    b = Browser(server)
    b.login(personas["quarantine"].username)
    return b


def form(org_id: int, number: str, **changes: str) -> dict[str, str]:
    values = {
        "organisation_id": str(org_id),
        "certificate_number": number,
        "issuer": "吉林省白城市森林病虫害防治检疫站",
        "origin": "吉林省白城市",
        "origin_choice": "220000",
        "destination": "乌兰浩特市义勒力特镇",
        "arrives_on": today().isoformat(),
        "carrier": "白城运输公司",
        "vehicle": "货车 吉G·54321",
        "introduction_ref": "",
        "species_0": "樟子松",
        "quantity_0": "3000",
        "unit_0": "株",
        "species_2": "山杏",
        "variety_2": "",
        "quantity_2": "120",
        "unit_2": "kg",
    }
    return values | changes


def test_the_officer_records_an_inbound_consignment_and_its_arrival_check(officer, personas):
    org = personas["alice"].organisation_id
    chooser = officer.get(NEW)
    assert chooser.status_code == 200
    assert "选择生产经营者" in chooser.text
    page = officer.get(f"{NEW}?organisation_id={org}")
    assert page.status_code == 200
    html = BeautifulSoup(page.text, "html.parser")
    assert html.select_one("select[name=origin_choice] option[value=abroad]") is not None
    number = unique("吉检")
    made = officer.post_form(NEW, form(org, number), form_page=f"{NEW}?organisation_id={org}")
    assert made.status_code == 303, made.text[:800]
    detail_url = made.headers["location"]
    assert re.fullmatch(r"/quarantine/inbound/\d+", detail_url)
    row = sql(
        "SELECT direction, origin_division, carrier, lines FROM quarantine_certificate "
        "WHERE number = {}",
        number,
    )[0]
    assert (row["direction"], row["origin_division"], row["carrier"]) == (
        "in",
        "220000",
        "白城运输公司",
    )
    lines = json.loads(row["lines"]) if isinstance(row["lines"], str) else row["lines"]
    assert [(x["species"], x["quantity"], x["unit"]) for x in lines] == [
        ("樟子松", 3000, "株"),
        ("山杏", 120, "kg"),
    ]
    detail = BeautifulSoup(officer.get(detail_url).text, "html.parser")
    text = detail.select_one("main").get_text()
    assert "缺少引种审批" in text
    assert "山杏 · 120 kg" in text
    assert "未复检" in text
    # the ledger lists it, flagged, with a link to it
    ledger = BeautifulSoup(officer.get("/quarantine/ledger").text, "html.parser")
    link = ledger.select_one(f'#inbound a[href="{detail_url}"]')
    assert link is not None
    assert "flagged" in link.find_parent("li")["class"]
    assert ledger.select_one(f'a[href="{NEW}"]') is not None
    # the arrival check asks first, then is recorded once
    check = {"result": "destroy", "note": "发现松材线虫病疫木，就地销毁"}
    asked = officer.post_form(f"{detail_url}/arrival", check, form_page=detail_url)
    assert asked.status_code == 200
    assert "确认复检结论" in asked.text
    assert "销毁" in asked.text
    assert (
        sql("SELECT arrival_result FROM quarantine_certificate WHERE number = {}", number)[0][
            "arrival_result"
        ]
        == ""
    )
    done = officer.post_form(
        f"{detail_url}/arrival", check | {"confirm": "1"}, form_page=detail_url
    )
    assert done.status_code == 303, done.text[:800]
    after = BeautifulSoup(officer.get(detail_url).text, "html.parser")
    assert "销毁" in after.select_one("main dl").get_text()
    assert after.select_one("#arrival") is None  # recorded once: no form any more


def test_mistakes_come_back_in_chinese_with_what_was_typed(officer, personas):
    org = personas["alice"].organisation_id
    number = unique("吉检")
    bad = form(org, number, quantity_2="一百", vehicle="", origin_choice="")
    shown = officer.post_form(NEW, bad, form_page=f"{NEW}?organisation_id={org}")
    assert shown.status_code == 422
    html = BeautifulSoup(shown.text, "html.parser")
    assert "请更正标出的项目" in html.select_one(".alert").get_text()
    assert html.select_one("#i-quantity_2-err").get_text() == "应为整数"
    assert html.select_one("#i-origin_choice-err") is not None
    assert html.select_one("input[name=quantity_2]")["value"] == "一百"
    assert html.select_one("input[name=certificate_number]")["value"] == number
    assert not sql("SELECT id FROM quarantine_certificate WHERE number = {}", number)
    # no line at all
    empty = form(org, number, species_0="", quantity_0="", species_2="", quantity_2="")
    none = officer.post_form(NEW, empty, form_page=f"{NEW}?organisation_id={org}")
    assert none.status_code == 422
    assert BeautifulSoup(none.text, "html.parser").select_one("#i-lines-err") is not None
    # the same certificate twice
    assert officer.post_form(NEW, form(org, number), form_page=NEW).status_code == 303
    twice = officer.post_form(NEW, form(org, number), form_page=NEW)
    assert twice.status_code == 409
    assert "已登记" in twice.text


def test_only_the_quarantine_officer_records(server, personas):
    alice = Browser(server)
    alice.login(personas["alice"].username)
    assert alice.get(NEW).status_code == 403
    station = Browser(server)
    station.login(personas["station"].username)
    assert station.get(NEW).status_code == 403
    assert 'href="/quarantine/inbound/new"' not in station.get("/quarantine/ledger").text
