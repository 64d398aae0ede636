"""Finding the way for the public (issue 14 item 1): the home page leads to the licence
register, the 办事指南 and the label check; the serial form has its own page while the public-key
page keeps the technical details; no public page shows English."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser
from tests.http.lotkit import ok
from tests.label_support import make_chain
from tests.pagetext import english_in_html


def soup_of(response) -> BeautifulSoup:
    assert response.status_code == 200, response.text[:500]
    return BeautifulSoup(response.text, "html.parser")


def text_of(soup: BeautifulSoup) -> str:
    return "".join(soup.get_text(" ", strip=True).split())


@pytest.fixture(scope="module")
def serial(api) -> str:
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=100)
    issue = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        201,
    )
    return ok(chain.alice.get(f"/api/labels/issues/{issue['id']}/labels"))["items"][0]["serial"]


def test_the_public_home_leads_to_the_register_the_guide_and_the_label_check(server):
    page = soup_of(Browser(server).get("/"))
    main = page.find("main")
    links = {a["href"] for a in main.find_all("a")}
    assert {"/licensing/register", "/licensing/guide", "/v"} <= links
    form = main.find("form", action="/v")
    assert form is not None, "no serial box on the home page"
    box = form.find("input", attrs={"name": "serial"})
    label = main.find("label", attrs={"for": box["id"]})
    assert label is not None
    assert label.get_text(strip=True) == "标签序列号"
    assert form.find("button").get_text(strip=True) == "查验"
    assert "扫描标签上的二维码" in text_of(form.find_parent("section"))
    # the register leads to the guide too
    register = soup_of(Browser(server).get("/licensing/register"))
    assert register.find("main").find("a", href="/licensing/guide") is not None


def test_the_serial_form_has_its_own_page_and_the_key_page_keeps_the_details(server, serial):
    browser = Browser(server)
    form_page = soup_of(browser.get("/v"))
    assert form_page.find("h1").get_text(strip=True) == "标签查询"
    assert form_page.find("form", action="/v").find("input", attrs={"name": "serial"})
    text = text_of(form_page)
    assert "二维码" in text
    for technical in ("Ed25519", "PEM", "BEGIN PUBLIC KEY", "指纹"):
        assert technical not in text, technical
    assert form_page.find("a", href="/labels/public-key") is not None

    key_page = soup_of(browser.get("/labels/public-key"))
    assert key_page.find("form", action="/v") is None  # the form moved to its own page
    assert key_page.find("a", href="/v") is not None
    assert "Ed25519" in text_of(key_page)
    assert key_page.find(id="pem") is not None
    typed = browser.get(f"/v?serial={serial.lower()}")
    assert typed.status_code == 303
    assert typed.headers["location"] == f"/v/{serial}"


PUBLIC_PAGES = (
    "/",
    "/v",
    "/login",
    "/signup",
    "/signup/privacy",
    "/password/forgot",
    "/licensing/register",
    "/licensing/guide",
    "/settings",
    "/species",
    "/inspections/draws",
    "/introductions/route",
    "/servicedesk",
    "/servicedesk/ask",
    "/servicedesk/book",
    "/servicedesk/complain",
    "/verify/seals",
    "/cases/public",  # 行政执法公示 (issue 23)
    "/verify/cases/no-such-case/decision",
    "/verify/archive/no-such-export",  # an exported archive's QR page (found: test_archive.py)
    "/inspected",  # the 检查码 look-up (a code's page: test_inspected_code.py)
    "/reports/public",  # 好差评 publication (issue 25)
    "/reports/verify/no-such-print",  # a printed report's QR page (found: test_report_periods.py)
)
# The public-key page keeps the technical details for those who check signatures themselves.
TECHNICAL = frozenset({"PEM", "HTML", "RFC"})
PERSONAS = frozenset({"alice", "bob"})  # the test organisations are named after them


def test_no_public_page_shows_english(server, serial, api):
    browser = Browser(server)
    register = soup_of(browser.get("/licensing/register"))
    licence = register.select_one("main .cards a")["href"]
    found = {}
    for path in (*PUBLIC_PAGES, f"/v/{serial}", licence, "/no-such-page"):
        r = browser.get(path)
        assert r.status_code in (200, 404), path
        if words := english_in_html(r.text, PERSONAS | {serial}):
            found[path] = words
    if words := english_in_html(browser.get("/labels/public-key").text, TECHNICAL):
        found["/labels/public-key"] = words
    assert not found, f"English on public pages: {found}"


def test_the_serial_typed_wrong_comes_back_on_the_serial_page(server, serial):
    wrong = serial[:3] + ("A" if serial[3] != "A" else "B") + serial[4:]
    r = Browser(server).get(f"/v?serial={wrong}")
    assert r.status_code == 422
    page = BeautifulSoup(r.text, "html.parser")
    assert page.find("h1").get_text(strip=True) == "标签查询"
    assert page.find("input", attrs={"name": "serial"})["value"] == wrong
    assert "输错" in page.select_one(".alert").get_text()
