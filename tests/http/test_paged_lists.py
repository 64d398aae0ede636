"""No list silently cut (the pager brief): each list that used to show only its newest 100–500
rows is paged on the page and in the API, and its export holds every matching row. Each test
seeds one page and one more of records of its own (a fresh organisation and operator), so the
counts are exact whatever the shared database holds, and finds the oldest on page 2.

Every organisation and record here is FICTIONAL test data."""

from __future__ import annotations

import asyncio
import io
from types import SimpleNamespace

import pytest
from openpyxl import load_workbook

from seedreg.accounts.rules import Role
from tests import factories
from tests.fixtures import Api, Browser, every_page, token_for, unique
from tests.http.introkit import apply
from tests.http.lotkit import make_lot, record_licence
from tests.http.nurserykit import base_body
from tests.http.requestkit import quality_body
from tests.http.test_afforestation import project
from tests.http.test_consignments import inbound_body
from tests.http.test_licensing_api import granted, licence, ok
from tests.http.test_quality_testers import registration

INBOUND = "/api/quarantine/inbound"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def c(api, personas) -> SimpleNamespace:
    return SimpleNamespace(
        alice=api("alice"),
        wlht=api("officer_wlht"),
        league=api("officer_league"),
        station=api("station"),
        anon=api(),
    )


@pytest.fixture
def who(server, personas) -> SimpleNamespace:
    """A fresh organisation and its operator (the personas fixture makes the admin who
    registers it)."""
    return own_operator(server)


def own_operator(server: str, county: str = "152201") -> SimpleNamespace:
    """A fresh organisation and its operator, signed in to the API (``api``) and the pages
    (``pages``)."""
    org = asyncio.run(factories.make_organisation(county, name=f"分页测试苗圃{unique('')}"))
    username = unique("pg")
    asyncio.run(factories.make_user(username, Role.OPERATOR, organisation_id=org.id))
    pages = Browser(server)
    pages.login(username)
    return SimpleNamespace(
        org=org, username=username, api=Api(server, token_for(server, username)), pages=pages
    )


def check_paged(
    who: SimpleNamespace,
    *,
    api_path: str,
    page_path: str,
    oldest_first: list[int],
    marker: str,
    export_key: str | None,
) -> None:
    """The list's API and page hold exactly ``oldest_first`` (ids, seeded in order), a page
    of the newest first and the oldest (``marker`` in the page's HTML) on page 2; the export
    (if the list has one) holds them all."""
    total = len(oldest_first)
    first = ok(who.api.get(api_path))
    size = first["page_size"]
    assert (first["total"], first["page"]) == (total, 1)
    assert total > size, "seed more than a page"
    assert [i["id"] for i in first["items"]] == oldest_first[::-1][:size]
    second = ok(who.api.get(api_path, params={"page": 2}))
    assert oldest_first[0] in [i["id"] for i in second["items"]]
    assert second["page"] == 2
    assert 400 <= who.api.get(api_path, params={"page": 10**21}).status_code < 500

    oldest = marker.format(id=oldest_first[0])
    html1 = who.pages.get(page_path).text
    assert oldest not in html1
    assert f"共 {total} 条" in html1
    assert "page_no=2" in html1
    assert "下一页" in html1
    html2 = who.pages.get(page_path, params={"page_no": 2}).text
    assert oldest in html2
    assert "上一页" in html2
    assert 400 <= who.pages.get(page_path, params={"page_no": 10**21}).status_code < 500

    if export_key is None:
        return
    r = who.pages.get(page_path, params={"format": "xlsx", "page_no": 2})
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith(XLSX)
    sheet = load_workbook(io.BytesIO(r.content)).active
    column = [cell.value for cell in next(sheet.iter_cols(min_row=1))]
    header, *rows = column
    assert len(rows) == total, (header, rows)
    assert export_key in rows


# --- 备案 filings (种子法 Art. 38 ¶1) -------------------------------------------------------------


def test_filings_are_paged_with_the_oldest_on_page_two_and_all_exported(who, c):
    number = licence(c.alice, granted(c)["licence_id"])["number"]
    details = {"kind": "packaged_seller", "licence_number": number, "varieties": ["樟子松"]}
    made = [ok(who.api.post("/api/filings", json={"details": details}), 201) for _ in range(21)]
    check_paged(
        who,
        api_path="/api/filings",
        page_path="/filings",
        oldest_first=[f["id"] for f in made],
        marker='href="/filings/{id}"',
        export_key=made[0]["reference"],
    )


# --- 重点工程造林 projects (种子法 Art. 44) -------------------------------------------------------


def test_afforestation_projects_are_paged_with_the_oldest_on_page_two(who, c):
    made = [project(c.station, who.org.id, ["樟子松"]) for _ in range(21)]
    check_paged(
        who,
        api_path="/api/afforestation",
        page_path="/afforestation",
        oldest_first=[p["id"] for p in made],
        marker='href="/afforestation/{id}"',
        export_key=None,
    )


# --- 检验员 register (种子法 Art. 47) -------------------------------------------------------------


def test_the_tester_register_is_paged_with_the_oldest_on_page_two(who):
    made = [ok(who.api.post("/api/quality/testers", json=registration()), 201) for _ in range(21)]
    check_paged(
        who,
        api_path="/api/quality/testers",
        page_path="/quality/testers",
        oldest_first=[t["id"] for t in made],
        marker='id="tester-{id}"',
        export_key=None,
    )


# --- 苗圃基地 (listed by banner and name) ---------------------------------------------------------


def test_nursery_bases_are_paged_by_name_with_the_last_on_page_two_and_all_exported(who):
    stem = unique("分页苗圃")
    # named so that the first made sorts last: the list is by banner, then name
    made = [
        ok(who.api.post("/api/nurseries", json=base_body(name=f"{stem}{99 - i:02d}号")), 201)
        for i in range(21)
    ]
    check_paged(
        who,
        api_path="/api/nurseries",
        page_path="/nurseries",
        oldest_first=[b["id"] for b in made],
        marker='href="/nurseries/{id}"',
        export_key=made[0]["name"],
    )


# --- 引种申请 (兴署发〔2021〕6号 五(一)) ---------------------------------------------------------


def test_introductions_are_paged_with_the_oldest_on_page_two(who):
    made = [apply(who.api) for _ in range(21)]
    check_paged(
        who,
        api_path="/api/introductions",
        page_path="/introductions",
        oldest_first=[a["id"] for a in made],
        marker='href="/introductions/{id}"',
        export_key=None,
    )


# --- 我的咨询 (one's own questions) --------------------------------------------------------------


def test_ones_own_questions_are_paged_with_the_oldest_on_page_two(who):
    made = [
        ok(who.api.post("/api/servicedesk/questions", json={"text": f"分页咨询第{n}问"}), 201)
        for n in range(21)
    ]
    check_paged(
        who,
        api_path="/api/servicedesk/questions",
        page_path="/servicedesk/mine",
        oldest_first=[q["id"] for q in made],
        marker=f'href="/servicedesk/q/{made[0]["token"]}"',
        export_key=None,
    )


# --- 检验检疫申请 (requests for testing and quarantine) -----------------------------------------


def test_requests_are_paged_with_the_oldest_on_page_two_also_by_lot(who, c):
    lot = make_lot(who.api, record_licence(c.league, who.org.id, species=["樟子松"]))
    made = [ok(who.api.post("/api/requests", json=quality_body(lot)), 201) for _ in range(21)]
    ids = [r["id"] for r in made]
    # the list's own pager is ``records_page`` (the page's queue, for handlers, has page_no)
    page2 = who.pages.get("/requests", params={"records_page": 2}).text
    assert f'href="/requests/{ids[0]}"' in page2
    assert "共 21 条" in page2
    assert f'href="/requests/{ids[0]}"' not in who.pages.get("/requests").text
    first = ok(who.api.get("/api/requests"))
    assert (first["total"], [r["id"] for r in first["items"]]) == (21, ids[::-1][:20])
    assert [r["id"] for r in ok(who.api.get("/api/requests", params={"page": 2}))["items"]] == [
        ids[0]
    ]
    # by lot: the same paging over the requests naming it
    by_lot = ok(who.api.get("/api/requests", params={"lot_id": lot["id"], "page": 2}))
    assert (by_lot["total"], [r["id"] for r in by_lot["items"]]) == (21, [ids[0]])
    other = ok(who.api.get("/api/requests", params={"lot_id": lot["id"] + 10**6}))
    assert (other["total"], other["items"]) == (0, [])


# --- 调运台账: inbound consignments (an official's list: counted by difference) ----------------


def test_the_inbound_ledger_is_paged_and_holds_every_consignment(who, api):
    """The ledger is the jurisdiction's (other tests' consignments share it), so its count is
    taken by difference and the seeded ones are found across the pages."""
    officer, station = api("quarantine"), Browser(who.pages.base_url)
    station.login("station")
    before = ok(officer.get(INBOUND))["total"]
    k = SimpleNamespace(org=who.org.id)
    made = [
        ok(officer.post("/api/quarantine/inbound", json=inbound_body(k)), 201) for _ in range(21)
    ]
    first = ok(officer.get(INBOUND))
    assert first["total"] == before + 21
    assert (first["page"], len(first["items"])) == (1, first["page_size"])
    every = [i["id"] for i in every_page(officer, INBOUND)]
    assert len(every) == len(set(every)) == before + 21
    assert {m["id"] for m in made} <= set(every)
    html = station.get("/quarantine/ledger", params={"page_no": 2}).text
    assert f"共 {before + 21} 条" in html
    assert "上一页" in html
    assert 400 <= station.get("/quarantine/ledger", params={"page_no": 10**21}).status_code < 500
