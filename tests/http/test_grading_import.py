"""Seedling grading rows imported from an xlsx sheet through the live server (the core importer's
first user): the template, the preview naming each bad row's number and column in Chinese with
nothing written yet, all-or-nothing and valid-rows-only commits, the audit events, and files
refused for being no xlsx or too big. Pages and API alike.

Every grading row here is FICTIONAL test data on species of the test's own."""

from __future__ import annotations

import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from openpyxl import Workbook, load_workbook

from seedreg.quality.grading_import import COLUMNS
from tests.fixtures import Browser
from tests.http.lotkit import new_species, ok, refused

BASE = "/admin/quality/grading/import"
API = "/api/quality/grading/seedling/import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = [c.header for c in COLUMNS]


def good(species: str, age: str = "2-2", **changes: Any) -> dict[str, Any]:
    """A FICTIONAL row as the sheet's columns name it."""
    row = {
        "树种": species,
        "标准": "DB15/T 374-2023（测试数据）",
        "表号": "表1",
        "行": f"{species} 移植苗 {age}",
        "苗木种类": "移植苗",
        "苗龄": age,
        "I级苗 地径（cm）": 0.5,
        "I级苗 苗高（cm）": 25,
        "I级苗 根系长度（cm）": 20,
        "II级苗 地径（cm）": 0.35,
        "II级苗 苗高（cm）": 15,
        "II级苗 根系长度（cm）": 15,
        "I、II级苗百分率（%）": 80,
        "综合控制指标": "顶芽饱满，无损伤",
    }
    return row | changes


def sheet(*rows: dict[str, Any]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(HEADERS)
    for row in rows:
        ws.append([row.get(h) for h in HEADERS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def browser_as(server: str, personas, name: str) -> Browser:
    b = Browser(server)
    b.login(personas[name].username)
    return b


def upload(browser: Browser, content: bytes, name: str = "分级数据.xlsx", mime: str = XLSX):
    token = browser.csrf(BASE)
    return browser.http.post(
        BASE, data={"_csrf_token": token}, files={"file": (name, content, mime)}
    )


def commit_form(browser: Browser, preview_html: str, mode: str):
    form = BeautifulSoup(preview_html, "html.parser").select_one("form[action^='/admin']")
    action = form["action"]
    token = form.select_one("input[name=_csrf_token]")["value"]
    return browser.http.post(action, data={"mode": mode, "_csrf_token": token}), action


def rows_of(client, species: str) -> list[dict]:
    return [r for r in ok(client.get("/api/quality/grading/seedling")) if r["species"] == species]


def preview_errors(html: str) -> list[str]:
    return [
        li.get_text(strip=True)
        for li in BeautifulSoup(html, "html.parser").select(".import-errors li")
    ]


@pytest.fixture(scope="module")
def c(api, personas, server) -> dict[str, Any]:
    return {
        "admin": api("admin"),
        "station": api("station"),
        "alice": api("alice"),
        "server": server,
        "personas": personas,
    }


def test_the_template_is_an_xlsx_with_the_declared_headers(c):
    station = browser_as(c["server"], c["personas"], "station")
    page = station.get(BASE)
    assert page.status_code == 200
    assert "下载导入模板（.xlsx）" in page.text
    r = station.get(f"{BASE}/template.xlsx")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(XLSX)
    book = load_workbook(io.BytesIO(r.content))
    header = [cell.value.rstrip("*") for cell in book.worksheets[0][1]]
    assert header == HEADERS
    assert book.worksheets[0][1][0].value == "树种*"
    assert c["station"].get(f"{API}/template.xlsx").content[:2] == b"PK"


def test_the_preview_names_each_bad_row_and_column_and_writes_nothing(c):
    species = new_species(c["admin"])
    content = sheet(
        good(species, "2-2"),
        good(species, "3-0", **{"I级苗 苗高（cm）": "很高"}),
        good("不存在的树种", "2-2"),
        good(species, "2-1", **{"苗龄": ""}),
        good(species, "1-1", **{"II级苗 地径（cm）": 0.9}),
    )
    station = browser_as(c["server"], c["personas"], "station")
    r = upload(station, content)
    assert r.status_code == 200, r.text[:500]
    errors = preview_errors(r.text)
    assert errors == [
        "第3行“I级苗 苗高（cm）”列：应为数字",
        "第4行“树种”列：“不存在的树种”不在树种名录中：请先在基础数据中添加该树种",
        "第5行“苗龄”列：必填",
        "第6行“I级苗各指标”列：地径下限应为 I级 ≥ II级 ≥ 0",
    ]
    text = BeautifulSoup(r.text, "html.parser").get_text(" ")
    assert "1 行无错误" in text
    assert "4 行有错误" in text
    assert "尚未写入任何数据" in text
    assert "全部导入（任何一行有错误则都不导入）" in text
    assert "只导入无错误的行（有错误的行跳过）" in text
    assert rows_of(c["admin"], species) == []


def test_all_or_nothing_refuses_a_file_with_errors_and_valid_only_imports_the_rest(c):
    species = new_species(c["admin"])
    content = sheet(
        good(species, "2-2"), good(species, "3-0", **{"苗龄": "x-y"}), good(species, "1-0")
    )
    station = browser_as(c["server"], c["personas"], "station")
    preview = upload(station, content)
    r, action = commit_form(station, preview.text, "all")
    assert r.status_code == 422
    assert "有 1 行有错误，按“全部导入”未导入任何行" in r.text
    assert rows_of(c["admin"], species) == []
    token = action.rsplit("/", 1)[1]
    # The preview stays for the user's second choice; another person cannot use it.
    other = browser_as(c["server"], c["personas"], "admin")
    stolen = other.http.post(action, data={"mode": "valid", "_csrf_token": other.csrf(BASE)})
    assert stolen.status_code == 404
    r, _ = commit_form(station, r.text, "valid")
    assert r.status_code == 303
    assert r.headers["location"].startswith("/admin/quality/grading?imported=2&skipped=1")
    assert "已导入 2 行，跳过有错误的 1 行" in station.get(r.headers["location"]).text
    rows = rows_of(c["admin"], species)
    assert sorted(r["age_code"] for r in rows) == ["1-0", "2-2"]
    assert {(r["state"], r["entered_by_name"] != "") for r in rows} == {("draft", True)}
    # One event for the import with its counts, one per row created.
    events = ok(
        c["admin"].get("/api/audit", params={"subject_type": "import", "subject_id": token})
    )
    assert [e["action"] for e in events] == ["import:grading_seedling"]
    assert {k: events[0]["after"][k] for k in ("mode", "rows", "imported", "skipped")} == {
        "mode": "valid",
        "rows": 3,
        "imported": 2,
        "skipped": 1,
    }
    assert events[0]["after"]["skipped_rows"] == [3]
    for row in rows:
        params = {"subject_type": "seedling_grading_row", "subject_id": str(row["id"])}
        actions = [e["action"] for e in ok(c["admin"].get("/api/audit", params=params))]
        assert actions == ["grading:seedling:save"]
    # The preview is used up.
    again = station.http.post(action, data={"mode": "valid", "_csrf_token": station.csrf(BASE)})
    assert again.status_code == 404


def test_a_clean_file_imports_all_or_nothing_through_the_api(c):
    species = new_species(c["admin"])
    content = sheet(good(species, "2-2"), good(species, "2-1"))
    files = {"file": ("rows.xlsx", content, XLSX)}
    preview = ok(c["admin"].post(API, files=files), 201)
    assert (preview["rows"], preview["valid"], preview["errors"]) == (2, 2, [])
    done = ok(c["admin"].post(f"{API}/{preview['token']}", json={"mode": "all"}))
    assert (done["imported"], done["skipped"]) == (2, 0)
    rows = rows_of(c["admin"], species)
    assert len(rows) == 2
    # Four eyes: the importer cannot confirm its own rows; the station can.
    refused(c["admin"].post(f"/api/quality/grading/seedling/{rows[0]['id']}/confirm"), 409)
    assert (
        ok(c["station"].post(f"/api/quality/grading/seedling/{rows[0]['id']}/confirm"))["state"]
        == "confirmed"
    )


def test_bad_rows_come_back_from_the_api_naming_row_and_column(c):
    species = new_species(c["admin"])
    content = sheet(good(species, **{"I、II级苗百分率（%）": "八十"}))
    preview = ok(c["station"].post(API, files={"file": ("r.xlsx", content, XLSX)}), 201)
    assert preview["errors"] == [
        {
            "row": 2,
            "column": "I、II级苗百分率（%）",
            "message": "应为数字",
            "text": "第2行“I、II级苗百分率（%）”列：应为数字",
        }
    ]
    refused(
        c["station"].post(f"{API}/{preview['token']}", json={"mode": "all"}), 422, "未导入任何行"
    )
    refused(
        c["station"].post(f"{API}/{preview['token']}", json={"mode": "valid"}),
        422,
        "没有可导入的行",
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("rows.csv", "树种,标准\n樟子松,GB 6000".encode(), "只能导入 Excel 工作簿（.xlsx）"),
        ("rows.xlsx", b"%PDF-1.7\n", "只能导入 Excel 工作簿（.xlsx）"),
        ("big.xlsx", b"PK\x03\x04" + bytes(1_100_000), "文件太大：最大 1000 KB"),
    ],
)
def test_files_that_are_not_a_bounded_xlsx_are_refused_in_chinese(c, name, content, message):
    station = browser_as(c["server"], c["personas"], "station")
    r = upload(station, content, name=name)
    assert r.status_code == 422
    field = BeautifulSoup(r.text, "html.parser").select_one("#f-file-err")
    assert message in field.get_text()
    refused(
        c["station"].post(API, files={"file": (name, content, XLSX)}), 422, message, field="file"
    )


def test_only_the_station_and_the_admin_import(c):
    refused(c["alice"].post(API, files={"file": ("r.xlsx", sheet(), XLSX)}), 403, "种苗站或")
    alice = browser_as(c["server"], c["personas"], "alice")
    assert alice.get(BASE).status_code == 403
    assert alice.get(f"{BASE}/template.xlsx").status_code == 403
