"""The request pages as people use them (issue 17): the lot's 两证一签 page offers one button per
missing link; each leads to its form pre-filled; the 检疫员 and the 种苗站 work from their queue
and the detail (irreversible steps ask first); once both certificates exist the request and the
operator's notice lead to the labels. Typed values stay when the form is refused."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser, list_page_with
from tests.http.confirmkit import asks_first
from tests.http.lotkit import (
    confirmed_row,
    make_lot,
    new_species,
    ok,
    record_licence,
    seedling_measures,
    spruce_row,
)
from tests.pagetext import english_words


@pytest.fixture(scope="module")
def p(api, personas, server) -> SimpleNamespace:
    ns = SimpleNamespace(server=server, personas=personas, admin=api("admin"), alice=api("alice"))
    station, league = api("station"), api("officer_league")
    contact = {"contact_person": "王经理", "phone": "0482-8200001"}
    ok(ns.alice.patch(f"/api/organisations/{personas['alice'].organisation_id}", json=contact))
    ns.spruce = new_species(ns.admin)
    confirmed_row(ns.admin, station, "seedling", spruce_row(ns.spruce))
    ns.licence = record_licence(league, personas["alice"].organisation_id, species=[ns.spruce])
    return ns


def signed_in(p, name: str) -> Browser:
    b = Browser(p.server)
    b.login(p.personas[name].username)
    return b


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, f"{response.status_code}: {response.text[:500]}"
    return BeautifulSoup(response.text, "html.parser")


def form_values(form) -> dict:
    """What the browser would post: inputs (checked boxes only), selected options, textareas."""
    values: dict = {}
    for el in form.select("input[name]"):
        if el.get("type") in ("checkbox", "radio") and not el.has_attr("checked"):
            continue
        if el["name"] != "_csrf_token":
            values.setdefault(el["name"], []).append(el.get("value", ""))
    for el in form.select("select[name]"):
        chosen = el.select_one("option[selected]") or el.select_one("option")
        values[el["name"]] = [chosen.get("value", "") if chosen else ""]
    return {k: v if len(v) > 1 or k == "lot_ids" else v[0] for k, v in values.items()}


def post(browser: Browser, path: str, data: dict, form_page: str):
    token = browser.csrf(form_page)
    return browser.http.post(path, data={**data, "_csrf_token": token})


def button(page: BeautifulSoup, text: str) -> str:
    links = {a.get_text(strip=True): a["href"] for a in page.select("#request-buttons a")}
    assert text in links, links
    return links[text]


def test_from_a_new_lot_to_labels_by_the_buttons_the_pages_offer(p):
    lot = make_lot(p.alice, p.licence, species=p.spruce)
    alice, quarantine, station = (signed_in(p, n) for n in ("alice", "quarantine", "station"))
    lot_page = f"/labels/lots/{lot['id']}"
    page = soup(alice.get(lot_page))
    labels = [a.get_text(strip=True) for a in page.select("#request-buttons a")]
    assert labels[:3] == ["申请种苗站质量检验", "录入本单位检验员的自检结果", "申请产地检疫"]
    assert "调运检疫报检" in labels
    # 产地检疫: the form comes pre-filled with the lot, its site and the season
    form_url = button(page, "申请产地检疫")
    form = soup(alice.get(form_url)).select_one("form[action='/requests/new']")
    values = form_values(form)
    assert values["lot_ids"] == [str(lot["id"])]
    assert values["production_site"]
    assert "王经理" in values["contact"]
    assert not english_words(form.get_text(" "))
    sent = post(alice, "/requests/new", values, form_url)
    assert sent.status_code == 303, sent.text[:500]
    detail = sent.headers["location"]
    assert "已提交，待受理" in alice.get(detail).text
    # the 检疫员's queue holds it; accept, then certify (asks first)
    queue = BeautifulSoup(list_page_with(quarantine, "/requests", detail), "html.parser")
    assert queue.select_one(f"#queue a[href='{detail}']") is not None
    assert post(quarantine, f"{detail}/accept", {}, detail).status_code == 303
    certify = {"inspected_on": "", "findings": "经检疫，未发现检疫对象"}
    asks_first(post(quarantine, f"{detail}/certify", certify, detail), "产地检疫申请")
    done = post(quarantine, f"{detail}/certify", certify | {"confirm": "1"}, detail)
    assert done.status_code == 303, done.text[:500]
    assert "已签发产地检疫合格证" in alice.get(detail).text
    # back on the lot: only the quality link is missing now
    page = soup(alice.get(lot_page))
    labels = [a.get_text(strip=True) for a in page.select("#request-buttons a")]
    assert "申请产地检疫" not in labels
    form_url = button(page, "申请种苗站质量检验")
    values = form_values(soup(alice.get(form_url)).select_one("form[action='/requests/new']"))
    assert values["lot_id"] == str(lot["id"])
    sent = post(alice, "/requests/new", values, form_url)
    quality = sent.headers["location"]
    assert post(station, f"{quality}/accept", {}, quality).status_code == 303
    result_link = soup(station.get(quality)).select_one(f"a[href='{quality}/result']")
    assert result_link.get_text(strip=True) == "记录检验结果"
    measures = {k: str(v) for k, v in seedling_measures().items()} | {"meets_overall": "true"}
    saved = post(station, f"{quality}/result", measures, f"{quality}/result")
    assert saved.status_code == 303, saved.text[:800]
    # the chain closed: the request and the lot page lead to labels, which can be issued
    final = soup(alice.get(quality))
    assert final.select_one("#chain-closed a")["href"] == lot_page
    page = soup(alice.get(lot_page))
    assert "两证一签齐全" in page.get_text()
    issued = post(alice, f"{lot_page}/issues", {"count": "1", "quantity_each": "50"}, lot_page)
    assert issued.status_code == 303, issued.text[:500]


def test_a_refused_form_shows_the_message_and_keeps_what_was_typed(p):
    lot = make_lot(p.alice, p.licence, species=p.spruce)
    alice = signed_in(p, "alice")
    form_url = f"/requests/new?kind=quality_request&lot_id={lot['id']}"
    values = form_values(soup(alice.get(form_url)).select_one("form[action='/requests/new']"))
    values |= {"contact": "", "sample_place": "三号地块东侧"}
    refused = post(alice, "/requests/new", values, form_url)
    assert refused.status_code == 422
    page = BeautifulSoup(refused.text, "html.parser")
    assert page.select_one("small.err") is not None
    assert page.select_one("input[name=sample_place]")["value"] == "三号地块东侧"


def test_pests_found_are_refused_with_a_disposal_after_asking(p):
    lot = make_lot(p.alice, p.licence, species=p.spruce)
    alice, quarantine = signed_in(p, "alice"), signed_in(p, "quarantine")
    form_url = f"/requests/new?kind=site_quarantine_request&lot_id={lot['id']}"
    values = form_values(soup(alice.get(form_url)).select_one("form[action='/requests/new']"))
    detail = post(alice, "/requests/new", values, form_url).headers["location"]
    post(quarantine, f"{detail}/accept", {}, detail)
    refusal = {"reasons": "发现检疫对象：落叶松枯梢病", "disposal": "treat"}
    asks_first(post(quarantine, f"{detail}/refuse", refusal, detail), "产地检疫申请")
    post(quarantine, f"{detail}/refuse", refusal | {"confirm": "1"}, detail)
    text = soup(alice.get(detail)).get_text()
    assert "除害处理后重新申请检疫" in text
    assert "评价本次办理" in text
    # a new request is one button away again
    page = soup(alice.get(f"/labels/lots/{lot['id']}"))
    assert button(page, "申请产地检疫")
    asyncio.run(asyncio.sleep(0))
