"""The 良种 register through the live server: the admin registers, corrects and stop-orders a
良种 (audited), an operator and officials only read; filters by species and status; the soft
number check warns and never blocks; the xlsx import previews each bad row and column and writes
nothing until committed; the export carries the list as filtered. Pages and API alike.

Every 良种 here is FICTIONAL test data on species of the test's own."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from bs4 import BeautifulSoup
from openpyxl import Workbook, load_workbook

from seedreg.varieties.importing import COLUMNS
from tests.fixtures import Browser, unique
from tests.http.lotkit import ok, refused, today

API = "/api/varieties"
IMPORT = "/admin/varieties/import"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADERS = [c.header for c in COLUMNS]


def number(kind: str = "S", year: int = 2019) -> str:
    """A well-formed FICTIONAL number: random Latin initials keep numbers apart between tests."""
    code = int(unique("n")[1:8], 16)
    initials = "".join(chr(65 + (code // 26**i) % 26) for i in range(4))
    return f"蒙{kind}-SC-{initials}-{code % 1000:03d}-{year}"


def body(species: str, **changes: Any) -> dict[str, Any]:
    data = {
        "kind": "approval",
        "number": number(),
        "species_name": species,
        "variety_name": f"{species}测试无性系",
        "body_code": "150000",
        "year": 2019,
        "zone_codes": ["152200", "150700"],
        "zone_text": "兴安盟、呼伦贝尔市（测试数据）",
    }
    return data | changes


def browser_as(server: str, personas, name: str) -> Browser:
    b = Browser(server)
    b.login(personas[name].username)
    return b


def text_of(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


@pytest.fixture(scope="module")
def c(api, personas, server) -> dict[str, Any]:
    return {
        "admin": api("admin"),
        "alice": api("alice"),
        "officer": api("officer_league"),
        "anon": api(),
        "server": server,
        "personas": personas,
    }


def test_the_admin_registers_and_everyone_signed_in_reads(c):
    species = unique("树")
    made = ok(c["admin"].post(API, json=body(species)), 201)
    assert (made["status"], made["status_label"], made["kind_label"]) == ("valid", "有效", "审定")
    assert made["body_name"] == "内蒙古自治区"
    assert made["zone_codes"] == ["152200", "150700"]
    assert made["species_id"] is None  # not on the recommended list: kept as text
    for reader in ("alice", "officer"):
        rows = ok(c[reader].get(API, params={"species": species}))
        assert [r["number"] for r in rows] == [made["number"]]
        assert ok(c[reader].get(f"{API}/{made['id']}"))["variety_name"] == made["variety_name"]
    assert c["anon"].get(API).status_code == 401
    events = ok(
        c["admin"].get(
            "/api/audit", params={"subject_type": "improved_variety", "subject_id": str(made["id"])}
        )
    )
    assert [e["action"] for e in events] == ["variety:create"]


def test_a_recommended_species_is_linked(c):
    made = ok(c["admin"].post(API, json=body("樟子松", number=number())), 201)
    species = ok(c["admin"].get("/api/reference/species"))
    assert made["species_id"] == next(s["id"] for s in species if s["name_zh"] == "樟子松")


def test_an_operator_and_an_officer_cannot_write(c):
    species = unique("树")
    made = ok(c["admin"].post(API, json=body(species)), 201)
    for writer in ("alice", "officer"):
        refused(c[writer].post(API, json=body(species)), 403, "管理员")
        refused(c[writer].put(f"{API}/{made['id']}", json=body(species)), 403)
        stop = {"stopped_on": "2026-01-01", "document": "文号1", "reason": "测试理由"}
        refused(c[writer].post(f"{API}/{made['id']}/stop", json=stop), 403)
        refused(c[writer].get(f"{API}/import/template.xlsx"), 403)


@pytest.mark.parametrize(
    ("changes", "status", "field", "words"),
    [
        ({"body_code": "990000"}, 422, "body_code", "审定（认定）机关"),
        ({"body_code": "152200"}, 422, "body_code", "省级"),
        ({"zone_codes": ["159900"]}, 422, "zone_codes", "159900"),
        ({"zone_codes": ["15220"]}, 422, None, "不是6位行政区划代码"),
        (
            {"kind": "approval", "valid_until": "2030-12-31"},
            422,
            "valid_until",
            "审定的良种没有有效期",
        ),
        (
            {"kind": "recognition", "valid_until": "2001-12-31", "year": 2019},
            422,
            "valid_until",
            "不能早于",
        ),
        ({"year": 1800}, 422, None, "不能小于1950"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(c, changes, status, field, words):
    species = unique("树")
    refused(c["admin"].post(API, json=body(species, **changes)), status, words, field=field)
    assert ok(c["admin"].get(API, params={"species": species})) == []


def test_a_number_registered_twice_is_a_conflict(c):
    first = ok(c["admin"].post(API, json=body(unique("树"))), 201)
    refused(
        c["admin"].post(API, json=body(unique("树"), number=first["number"])), 409, "已在良种名录中"
    )


def test_the_soft_number_check_warns_and_never_blocks(c):
    made = ok(c["admin"].post(API, json=body(unique("树"), number=f"良种{unique('x')}号")), 201)
    assert len(made["number_warnings"]) == 1
    assert "常见格式" in made["number_warnings"][0]
    wrong_letter = ok(c["admin"].post(API, json=body(unique("树"), number=number("R"))), 201)
    assert any("审定为S" in w for w in wrong_letter["number_warnings"])


def test_a_recognition_without_an_end_gets_the_local_default_marked_assumed(c):
    made = ok(
        c["admin"].post(API, json=body(unique("树"), kind="recognition", number=number("R"))), 201
    )
    assert made["valid_until"] == "2024-12-31"  # 2019 + the default 5 years
    assert made["valid_until_assumed"] is True
    assert made["status"] == "expired"
    dated = body(unique("树"), kind="recognition", number=number("R"), valid_until="2099-12-31")
    dated_made = ok(c["admin"].post(API, json=dated), 201)
    assert (dated_made["valid_until_assumed"], dated_made["status"]) == (False, "valid")


def test_the_stop_order_is_recorded_once_and_the_filters_see_each_status(c):
    species = unique("树")
    valid = ok(c["admin"].post(API, json=body(species)), 201)
    stopped = ok(c["admin"].post(API, json=body(species)), 201)
    expired = body(species, kind="recognition", number=number("R"), valid_until="2020-12-31")
    expired = ok(c["admin"].post(API, json=expired), 201)
    stop = {
        "stopped_on": today().isoformat(),
        "document": "蒙林种〔2026〕1号",
        "reason": "测试：抗性下降",
    }
    after = ok(c["admin"].post(f"{API}/{stopped['id']}/stop", json=stop))
    assert (after["status"], after["status_label"]) == ("stopped", "已停止推广")
    refused(c["admin"].post(f"{API}/{stopped['id']}/stop", json=stop), 409, "已登记停止推广")

    def ids(status: str) -> list[int]:
        return [
            r["id"] for r in ok(c["alice"].get(API, params={"species": species, "status": status}))
        ]

    assert ids("valid") == [valid["id"]]
    assert ids("stopped") == [stopped["id"]]
    assert ids("expired") == [expired["id"]]
    params = {"subject_type": "improved_variety", "subject_id": str(stopped["id"])}
    events = ok(c["admin"].get("/api/audit", params=params))
    assert [e["action"] for e in events] == ["variety:create", "variety:stop"]
    assert events[1]["after"]["stop_document"] == "蒙林种〔2026〕1号"


def test_a_correction_keeps_the_stop_order_and_is_audited(c):
    species = unique("树")
    made = ok(c["admin"].post(API, json=body(species)), 201)
    stop = {"stopped_on": "2025-06-01", "document": "文号2", "reason": "测试理由"}
    ok(c["admin"].post(f"{API}/{made['id']}/stop", json=stop))
    fixed = ok(
        c["admin"].put(
            f"{API}/{made['id']}", json=body(species, number=made["number"], breeder="某林科院")
        )
    )
    assert (fixed["breeder"], fixed["stopped_on"], fixed["status"]) == (
        "某林科院",
        "2025-06-01",
        "stopped",
    )
    params = {"subject_type": "improved_variety", "subject_id": str(made["id"])}
    actions = [e["action"] for e in ok(c["admin"].get("/api/audit", params=params))]
    assert actions == ["variety:create", "variety:stop", "variety:update"]


# --- pages ---------------------------------------------------------------------------------------


def test_the_list_page_filters_and_shows_words_not_codes(c):
    species = unique("树")
    made = ok(c["admin"].post(API, json=body(species)), 201)
    alice = browser_as(c["server"], c["personas"], "alice")
    page = alice.get("/varieties", params={"species": species})
    assert page.status_code == 200
    text = text_of(page.text)
    assert made["number"] in text
    assert "有效" in text
    assert "内蒙古自治区 2019年" in text
    assert "登记良种" not in text
    assert "从表格导入" not in text
    stopped_only = text_of(
        alice.get("/varieties", params={"species": species, "status": "stopped"}).text
    )
    assert made["number"] not in stopped_only
    detail = text_of(alice.get(f"/varieties/{made['id']}").text)
    assert "适宜种植区域" in detail
    assert "152200" in detail
    assert "登记停止推广" not in detail
    assert "更正" not in detail
    assert alice.get("/varieties/new").status_code == 403


def test_the_admin_registers_on_the_page_and_a_bad_form_is_shown_again(c):
    admin = browser_as(c["server"], c["personas"], "admin")
    species = unique("树")
    form = {
        "kind": "approval",
        "number": number(),
        "species_name": species,
        "variety_name": "页面测试品种",
        "body_code": "150000",
        "year": "2020",
        "zone_codes": "152200，152221",
        "zone_text": "兴安盟",
    }
    bad = admin.post_form(
        "/varieties", {**form, "zone_codes": "152200，99"}, form_page="/varieties/new"
    )
    assert bad.status_code == 422
    soup = BeautifulSoup(bad.text, "html.parser")
    assert "不是6位行政区划代码" in soup.select_one("#v-zone_codes-err").get_text()
    assert soup.select_one("#v-number")["value"] == form["number"]  # what was typed stays
    assert ok(c["admin"].get(API, params={"species": species})) == []
    done = admin.post_form("/varieties", form, form_page="/varieties/new")
    assert done.status_code == 303
    detail = admin.get(done.headers["location"])
    assert "页面测试品种" in detail.text
    assert ok(c["admin"].get(API, params={"species": species}))[0]["zone_codes"] == [
        "152200",
        "152221",
    ]


def test_the_stop_order_on_the_page_asks_for_confirmation_first(c):
    made = ok(c["admin"].post(API, json=body(unique("树"))), 201)
    admin = browser_as(c["server"], c["personas"], "admin")
    path = f"/varieties/{made['id']}"
    stop = {"stopped_on": "2026-02-01", "document": "文号3", "reason": "页面测试理由"}
    asked = admin.post_form(f"{path}/stop", stop, form_page=path)
    assert asked.status_code == 200
    assert "确认登记" in asked.text
    assert "不能撤回" in asked.text
    assert ok(c["admin"].get(f"{API}/{made['id']}"))["stopped_on"] is None  # not yet
    done = admin.post_form(f"{path}/stop", {**stop, "confirm": "1"}, form_page=path)
    assert done.status_code == 303
    assert ok(c["admin"].get(f"{API}/{made['id']}"))["stopped_on"] == "2026-02-01"
    bad = admin.post_form(f"/varieties/{made['id']}/stop", {**stop, "confirm": "1"}, form_page=path)
    assert bad.status_code == 409
    assert "已登记停止推广" in bad.text


# --- import and export ---------------------------------------------------------------------------


def row(species: str, **changes: Any) -> dict[str, Any]:
    data = {
        "类别": "审定",
        "编号": number(),
        "树种": species,
        "品种名称": f"{species}导入品种",
        "审定（认定）机关": "内蒙古自治区",
        "年份": 2018,
        "适宜种植区域代码": "152200,150700",
        "适宜种植区域": "兴安盟、呼伦贝尔市",
    }
    return data | changes


def sheet(*rows: dict[str, Any]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(HEADERS)
    for r in rows:
        ws.append([r.get(h) for h in HEADERS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(browser: Browser, content: bytes):
    token = browser.csrf(IMPORT)
    return browser.http.post(
        IMPORT, data={"_csrf_token": token}, files={"file": ("良种.xlsx", content, XLSX)}
    )


def test_the_import_template_has_the_declared_headers(c):
    admin = browser_as(c["server"], c["personas"], "admin")
    r = admin.get(f"{IMPORT}/template.xlsx")
    assert r.status_code == 200
    header = [
        cell.value.rstrip("*") for cell in load_workbook(io.BytesIO(r.content)).worksheets[0][1]
    ]
    assert header == HEADERS
    assert c["admin"].get(f"{API}/import/template.xlsx").content[:2] == b"PK"


def test_the_preview_names_each_bad_row_and_column_and_writes_nothing(c):
    species = unique("树")
    taken = ok(c["admin"].post(API, json=body(unique("树"))), 201)["number"]
    content = sheet(
        row(species),
        row(species, **{"类别": "登记"}),
        row(species, **{"审定（认定）机关": "火星"}),
        row(species, **{"适宜种植区域代码": "152200,159900"}),
        row(species, **{"编号": taken}),
        row(species, **{"年份": "二〇一八"}),
        row(species, **{"类别": "认定", "认定有效期至": "2030-13-01"}),
    )
    admin = browser_as(c["server"], c["personas"], "admin")
    r = upload(admin, content)
    assert r.status_code == 200, r.text[:500]
    errors = [
        li.get_text(strip=True)
        for li in BeautifulSoup(r.text, "html.parser").select(".import-errors li")
    ]
    assert errors == [
        "第3行“类别”列：应为“审定”或“认定”",
        "第4行“审定（认定）机关”列：应为“国家”或省级行政区名称，如 内蒙古自治区",
        "第5行“适宜种植区域代码”列：适宜种植区域代码 159900 不在行政区划名录中",
        f"第6行“编号”列：编号 {taken} 已在良种名录中",
        "第7行“年份”列：应为数字",
        "第8行“认定有效期至”列：日期格式应为 2026-12-31",
    ]
    assert "尚未写入任何数据" in text_of(r.text)
    assert ok(c["admin"].get(API, params={"species": species})) == []


def test_all_or_nothing_refuses_and_valid_only_imports_through_the_api(c):
    species = unique("树")
    content = sheet(
        row(species),
        row(species, **{"类别": "认定", "认定有效期至": "2099-12-31"}),
        row(species, **{"年份": ""}),
    )
    files = {"file": ("rows.xlsx", content, XLSX)}
    preview = ok(c["admin"].post(f"{API}/import", files=files), 201)
    assert (preview["rows"], preview["valid"]) == (3, 2)
    assert [(e["row"], e["column"]) for e in preview["errors"]] == [(4, "年份")]
    refused(
        c["admin"].post(f"{API}/import/{preview['token']}", json={"mode": "all"}),
        422,
        "未导入任何行",
    )
    assert ok(c["admin"].get(API, params={"species": species})) == []
    done = ok(c["admin"].post(f"{API}/import/{preview['token']}", json={"mode": "valid"}))
    assert (done["imported"], done["skipped"]) == (2, 1)
    rows = ok(c["admin"].get(API, params={"species": species}))
    assert sorted(r["kind"] for r in rows) == ["approval", "recognition"]
    assert c["alice"].post(f"{API}/import", files=files).status_code == 403


def test_the_export_is_the_filtered_list(c):
    species = unique("树")
    made = ok(c["admin"].post(API, json=body(species)), 201)
    alice = browser_as(c["server"], c["personas"], "alice")
    r = alice.get("/varieties/export.xlsx", params={"species": species})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(XLSX)
    sheet_rows = list(load_workbook(io.BytesIO(r.content)).worksheets[0].values)
    assert sheet_rows[0][: len(HEADERS)] == tuple(HEADERS)
    assert sheet_rows[0][len(HEADERS)] == "状态"
    assert len(sheet_rows) == 2
    assert sheet_rows[1][1] == made["number"]
    assert sheet_rows[1][6] == "内蒙古自治区"
    assert sheet_rows[1][len(HEADERS)] == "有效"
    none = c["officer"].get(f"{API}/export.xlsx", params={"species": species, "status": "stopped"})
    assert len(list(load_workbook(io.BytesIO(none.content)).worksheets[0].values)) == 1


def test_the_past_is_not_today(c):
    # a stop order dated tomorrow is recorded; the 良种 stays valid until that day
    made = ok(c["admin"].post(API, json=body(unique("树"))), 201)
    tomorrow = (today() + timedelta(days=1)).isoformat()
    stop = {"stopped_on": tomorrow, "document": "文号4", "reason": "测试理由"}
    after = ok(c["admin"].post(f"{API}/{made['id']}/stop", json=stop))
    assert (after["stopped_on"], after["status"]) == (tomorrow, "valid")


def test_the_page_import_commits_and_says_how_many(c):
    species = unique("树")
    admin = browser_as(c["server"], c["personas"], "admin")
    preview = upload(admin, sheet(row(species), row(species)))
    assert preview.status_code == 200
    form = BeautifulSoup(preview.text, "html.parser").select_one("form[action^='/admin']")
    token = form.select_one("input[name=_csrf_token]")["value"]
    done = admin.http.post(form["action"], data={"mode": "all", "_csrf_token": token})
    assert done.status_code == 303
    assert done.headers["location"] == "/varieties?imported=2"
    assert "已从表格导入 2 个良种" in text_of(admin.get(done.headers["location"]).text)
    rows = ok(c["admin"].get(API, params={"species": species}))
    assert len(rows) == 2
    params = {"subject_type": "improved_variety", "subject_id": str(rows[0]["id"])}
    assert [e["action"] for e in ok(c["admin"].get("/api/audit", params=params))] == [
        "variety:create"
    ]
