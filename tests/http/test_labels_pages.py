"""The label pages with a browser's forms: a lot's 两证一签 and issuing, an issue and its labels,
one label with 补发 and 作废, refusals shown beside the form, and the station's flag list."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser
from tests.http.confirmkit import asks_first
from tests.label_support import make_chain, sql


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


@pytest.fixture(scope="module")
def alice(server, personas) -> Browser:
    b = Browser(server)
    b.login(personas["alice"].username)
    return b


def text(response) -> str:
    return BeautifulSoup(response.text, "html.parser").get_text(" ")


def test_the_lot_page_says_what_is_missing(chain, alice):
    lot = chain.lot(quantity=100)
    r = alice.get(f"/labels/lots/{lot['id']}")
    assert r.status_code == 200
    page = text(r)
    assert "不能签发标签" in page
    assert "没有有效的质量检验合格证" in page
    assert "没有有效的检疫证书" in page
    assert "两证一签齐全后才能签发标签" in page
    assert BeautifulSoup(r.text, "html.parser").select("form[action$='/issues']") == []


def test_an_operator_issues_reissues_and_voids_through_the_pages(chain, alice):
    lot = chain.ready_lot(quantity=100)
    path = f"/labels/lots/{lot['id']}"
    page = text(alice.get(path))
    assert "两证一签齐全" in page
    assert lot["quality_certificate"]["number"] in page
    assert lot["site_quarantine"]["number"] in page

    r = alice.post_form(f"{path}/issues", {"count": "30", "quantity_each": "5"}, form_page=path)
    assert r.status_code == 409
    soup = BeautifulSoup(r.text, "html.parser")
    assert "超出批次剩余数量（剩余 100 株）" in soup.select_one("#f-count-err").get_text()
    assert soup.select_one("#f-count")["value"] == "30"  # what was typed is kept

    r = alice.post_form(f"{path}/issues", {"count": "3", "quantity_each": "5"}, form_page=path)
    assert r.status_code == 303
    issue_path = r.headers["location"]
    assert re.fullmatch(r"/labels/issues/\d+", issue_path)
    issue_page = alice.get(issue_path)
    serials = [
        a.get_text() for a in BeautifulSoup(issue_page.text, "html.parser").select("td a.code")
    ]
    assert len(serials) == 3
    assert "3 张 × 5 株" in text(issue_page)

    label_id = sql("SELECT id FROM label WHERE serial = {}", serials[0])[0]["id"]
    label_path = f"/labels/items/{label_id}"
    label_page = alice.get(label_path)
    assert label_page.status_code == 200
    links = [a["href"] for a in BeautifulSoup(label_page.text, "html.parser").select("a.button")]
    assert f"{label_path}/label.pdf?layout=single_100x70" in links
    assert f"{label_path}/label.pdf?layout=single_80x50" in links

    r = alice.post_form(f"{label_path}/reissue", {}, form_page=label_path)
    assert r.status_code == 303
    new_path = r.headers["location"]
    assert new_path != label_path
    assert "补发标签 1" in text(alice.get(new_path))  # 正本 is a licence word, not a label's
    old = text(alice.get(label_path))
    # the public check's verdict (issue 14 item 8), no longer the row's own 已作废
    assert "无效" in old
    assert "已被补发标签取代" in old
    assert "已补发" in old

    r = alice.post_form(f"{new_path}/void", {"reason": ""}, form_page=new_path)
    assert r.status_code == 422
    assert BeautifulSoup(r.text, "html.parser").select_one("#f-reason-err") is not None
    r = alice.post_form(f"{new_path}/void", {"reason": "标签破损"}, form_page=new_path)
    asks_first(r, "作废 标签", lot["number"])
    assert "标签破损" not in text(alice.get(new_path))
    r = alice.post_form(
        f"{new_path}/void", {"reason": "标签破损", "confirm": "1"}, form_page=new_path
    )
    assert r.status_code == 303
    assert "标签破损" in text(alice.get(new_path))
    assert "剩余可贴签 90 株" in text(alice.get(path)).replace("\n", " ").replace("  ", " ")


def test_officials_read_the_lot_page_without_the_issue_form(chain, server, personas):
    lot = chain.ready_lot(quantity=100)
    officer = Browser(server)
    officer.login(personas["officer_wlht"].username)
    r = officer.get(f"/labels/lots/{lot['id']}")
    assert r.status_code == 200
    assert BeautifulSoup(r.text, "html.parser").select("#form-issue") == []
    bob = Browser(server)
    bob.login(personas["bob"].username)
    assert bob.get(f"/labels/lots/{lot['id']}").status_code == 404


def test_the_station_lists_clone_flags(server, personas):
    station = Browser(server)
    station.login(personas["station"].username)
    for status in ("open", "confirmed", "dismissed"):
        r = station.get("/labels/clone-flags", params={"status": status})
        assert r.status_code == 200
        assert "疑似仿冒标签预警" in text(r)
    menu = BeautifulSoup(station.get("/").text, "html.parser").select(
        "nav a[href='/labels/clone-flags']"
    )
    assert menu, "the station's menu links to the flags"
