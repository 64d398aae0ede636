"""The lists that gained 导出电子表格 in issue 20 — accounts, the audit trail, print jobs and
notifications — each downloaded and read back with calamine: the workbook holds the rows the
page shows (under the page's filter where it has one), with Chinese headers."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import parse_qsl

import pytest
from bs4 import BeautifulSoup
from python_calamine import CalamineWorkbook

from tests.http.lotkit import ok
from tests.http.test_excel_ledgers import XLSX, signed_in
from tests.http.test_excel_licences import granted_number
from tests.http.test_licensing_api import issue_details
from tests.label_support import make_chain


def link_and_rows(b: Any, path: str) -> tuple[BeautifulSoup, list[list[Any]]]:
    """The page, and the rows of the workbook its 导出电子表格 link downloads."""
    soup = BeautifulSoup(b.http.get(path).text, "html.parser")
    link = soup.find("a", string="导出电子表格")
    assert link is not None, path
    wanted = set(parse_qsl(path.partition("?")[2]))
    assert wanted <= set(parse_qsl(link["href"].partition("?")[2]))  # the page's filter goes too
    r = b.http.get(link["href"])
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith(XLSX)
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(r.content)).get_sheet_by_index(0)
    return soup, sheet.to_python()


@pytest.fixture(scope="module")
def web(server, personas) -> str:
    return server


def test_the_accounts_export_lists_the_users_the_page_shows(web):
    soup, rows = link_and_rows(signed_in(web, "admin"), "/admin/users")
    assert rows[0][:3] == ["用户名", "姓名", "角色"]
    shown = [tr.find("td").get_text(strip=True) for tr in soup.select("table tbody tr")]
    assert [r[0] for r in rows[1:]] == shown
    assert "alice" in shown


def test_the_audit_export_holds_the_events_of_the_filtered_record(web, api):
    number = granted_number(api)
    listed = ok(api("alice").get("/api/licensing/licences", params={"q": number}))["items"]
    licence_id = next(x["id"] for x in listed if x["number"] == number)
    path = f"/admin/audit?subject_type=licence&subject_id={licence_id}"
    soup, rows = link_and_rows(signed_in(web, "admin"), path)
    assert rows[0][:4] == ["序号", "时间", "操作人", "操作"]
    shown = [li.find("strong").get_text(strip=True) for li in soup.select("ol.timeline > li")]
    assert [r[3] for r in rows[1:]] == shown
    assert len(shown) >= 1
    assert all(r[4] == "许可证" for r in rows[1:]), rows[1:]


def test_the_print_jobs_export_lists_the_jobs_the_page_shows(web, api):
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=200)
    body = {"count": 2, "quantity_each": 100}
    issue = ok(chain.alice.post(f"/api/labels/lots/{lot['id']}/issues", json=body), 201)
    job = {"layout": "a4_8up", "issue_id": issue["id"]}
    ok(chain.alice.post("/api/printing/jobs", json=job), 201)
    soup, rows = link_and_rows(signed_in(web, "alice"), "/printing/jobs")
    assert rows[0][:2] == ["版式", "张数"]
    shown = [a.find("strong").get_text(strip=True) for a in soup.select("ul.cards li a")]
    assert [f"{r[0]} · {int(r[1])} 张" for r in rows[1:]] == shown
    assert shown[0].endswith("· 2 张")


def test_the_notifications_export_lists_the_messages_the_page_shows(web, api):
    granted_number(api)  # alice is told of her grant
    alice = signed_in(web, "alice")
    soup, rows = link_and_rows(alice, "/notifications")
    assert rows[0] == ["时间", "标题", "内容", "已读时间"]
    shown = [li.find("strong").get_text(strip=True) for li in soup.select("ul.notices-list > li")]
    assert [r[1] for r in rows[1:]] == shown
    assert shown


def test_the_matters_inbox_export_holds_the_filtered_rows_in_the_pages_order(web, api):
    granted_number(api)  # at least one licensing application passed through the inbox
    apps = "/api/licensing/applications"
    alice = api("alice")
    app = ok(alice.post(apps, json={"kind": "issue", "details": issue_details()}), 201)
    ok(alice.post(f"{apps}/{app['id']}/submit"))  # open: in the inbox
    soup, rows = link_and_rows(signed_in(web, "officer_league"), "/matters/inbox?matter=licensing")
    assert rows[0][:3] == ["受理编号", "事项", "申请人"]
    shown = [s.get_text(strip=True) for s in soup.select("ul.inbox > li .code")]
    assert shown
    assert [r[0] for r in rows[1 : len(shown) + 1]] == shown  # the first page, in its order
    assert len({r[1] for r in rows[1:]}) == 1  # one matter: the filter went with the export
    assert app["reference"] in [r[0] for r in rows[1:]]


def test_the_violations_export_lists_the_catalogue_the_page_shows(web):
    soup, rows = link_and_rows(signed_in(web, "officer_league"), "/inspections/violations")
    assert rows[0][:3] == ["编号", "检查事项", "违法行为"]
    shown = [a.find("strong").get_text(strip=True) for a in soup.select("a.row-link")]
    assert sorted(f"{r[0]} {r[2]}" for r in rows[1:]) == sorted(shown)
    assert len(shown) > 10


def test_a_lots_labels_export_holds_every_label_the_pages_show(web, api):
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=6000)
    body = {"count": 60, "quantity_each": 100}  # more than one page of 50
    ok(chain.alice.post(f"/api/labels/lots/{lot['id']}/issues", json=body), 201)
    alice = signed_in(web, "alice")
    soup, rows = link_and_rows(alice, f"/labels/lots/{lot['id']}")
    assert rows[0][:4] == ["序列号", "序号", "版本", "数量"]
    shown = [a.get_text(strip=True) for a in soup.select(".labels-table a.code")]
    second = BeautifulSoup(
        alice.http.get(f"/labels/lots/{lot['id']}?page_no=2").text, "html.parser"
    )
    shown += [a.get_text(strip=True) for a in second.select(".labels-table a.code")]
    assert len(shown) == 60
    assert [r[0] for r in rows[1:]] == shown
    assert {r[4] for r in rows[1:]} == {"有效"}
