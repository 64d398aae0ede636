"""Excel ledgers through the live server (issue 20): the 台账 offices keep — 生产经营者,
苗圃基地, 存苗 — imported from xlsx with a template each, a preview naming each bad row and
column in Chinese (wrong check digit, unknown banner, empty required cell, a formula, merged
cells, a duplicate, full-width digits normalised), nothing written or only the valid rows as
the user chooses; and the lists exported as shown. Round trips: export → import gives the
same records.

Every organisation, base and stock line here is FICTIONAL test data."""

from __future__ import annotations

import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from openpyxl import Workbook, load_workbook

from tests.factories import new_uscc
from tests.fixtures import Browser, unique
from tests.http.lotkit import ok

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ORGS, BASES, STOCK = "/organisations/import", "/nurseries/import", "/nurseries/stock/import"
BASE_HEADERS = ["苗圃基地名称", "类型", "经营单位统一社会信用代码", "所在旗县市", "地址", "纬度",
                "经度", "总面积（亩）", "生产面积（亩）", "年出圃量（株）"]  # fmt: skip
STOCK_HEADERS = ["苗圃基地", "经营单位统一社会信用代码", "树种", "苗龄", "等级", "株数"]
ORG_HEADERS = ["类型", "名称", "统一社会信用代码", "身份证号", "法定代表人（负责人）",
               "所在旗县市", "地址"]  # fmt: skip


def sheet(headers: list[str], *rows: list[Any], merge: str = "") -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    if merge:
        ws.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def base_row(
    name: str,
    uscc: str,
    *,
    division: str = "乌兰浩特市",
    address: str | None = "义勒力特镇红星村",
    lat: Any = 46.08,
    total: Any = 120,
    output: int | None = None,
) -> list[Any]:
    return [name, "民营", uscc, division, address, lat, 122.05, total, 100, output]


def signed_in(server: str, name: str) -> Browser:
    b = Browser(server)
    b.login(name)
    return b


def upload(b: Browser, base: str, content: bytes) -> Any:
    token = b.csrf(base)
    files = {"file": ("台账.xlsx", content, XLSX)}
    return b.http.post(base, data={"_csrf_token": token}, files=files)


def commit(b: Browser, preview_html: str, mode: str) -> Any:
    form = BeautifulSoup(preview_html, "html.parser").select_one("form[action*='/import/']")
    token = form.select_one("input[name=_csrf_token]")["value"]
    return b.http.post(form["action"], data={"mode": mode, "_csrf_token": token})


def errors_of(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [li.get_text(strip=True) for li in soup.select(".import-errors li")]


def read(content: bytes) -> list[list[Any]]:
    ws = load_workbook(io.BytesIO(content), read_only=True).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def export(b: Browser, path: str) -> list[list[Any]]:
    r = b.http.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith(XLSX)
    return read(r.content)


def bases_named(b: Browser, prefix: str) -> list[list[Any]]:
    return [
        row for row in export(b, "/nurseries?format=xlsx")[1:] if str(row[0]).startswith(prefix)
    ]


@pytest.fixture(scope="module")
def c(api, personas, server) -> dict[str, Any]:
    alice = ok(api("admin").get(f"/api/organisations/{personas['alice'].organisation_id}"))
    return {"server": server, "alice_uscc": alice["uscc"], "alice_name": alice["name"]}


def test_each_import_offers_a_template_with_chinese_headers_and_an_example(c):
    b = signed_in(c["server"], "admin")
    for base, first in ((ORGS, "类型*"), (BASES, "苗圃基地名称*"), (STOCK, "苗圃基地*")):
        page = b.http.get(base)
        assert page.status_code == 200
        assert f"{base}/template.xlsx" in page.text
        r = b.http.get(f"{base}/template.xlsx")
        assert r.headers["content-type"].startswith(XLSX)
        book = load_workbook(io.BytesIO(r.content))
        assert book.worksheets[0]["A1"].value == first
        notes = [list(row) for row in book["填写说明"].iter_rows(values_only=True)]
        assert notes[0] == ["列", "必填", "说明", "示例"]
        assert any(row[3] for row in notes[1:])  # an example value to copy


def test_the_bases_preview_names_each_bad_row_and_column_and_writes_nothing(c):
    station = signed_in(c["server"], "station")
    tag = unique("基")
    alice = c["alice_uscc"]
    rows = [
        base_row(f"{tag}甲", alice, lat="４６.０８"),  # row 2: full-width digits read as 46.08
        base_row(f"{tag}乙", alice, division="呼和浩特市"),
        base_row(f"{tag}丙", alice, address=None),
        base_row(f"{tag}丁", alice, total="=60*2"),
        base_row(f"{tag}戊", alice),
        base_row(f"{tag}戊", alice, division="152201"),
        base_row(f"{tag}己", "91152201MA00000001"),
        base_row(f"{tag}庚", alice, output=1),
        [None] * 8 + [100, 1],
    ]
    preview = upload(station, BASES, sheet(BASE_HEADERS, *rows, merge="I9:I10"))
    assert preview.status_code == 200, preview.text[:500]
    found = errors_of(preview.text)
    assert (
        "第3行“所在旗县市”列：不是兴安盟的旗县市：请填写名称（如 乌兰浩特市）或6位代码（如 152201）"
        in found
    )
    assert "第4行“地址”列：必填" in found
    assert "第5行“总面积（亩）”列：是公式：请复制后“选择性粘贴 → 数值”，再导入" in found
    assert "第7行“苗圃基地名称”列：与文件中前面的一行重复（同一经营单位、同名）" in found
    assert any(e.startswith("第8行“经营单位统一社会信用代码”列：辖区内没有") for e in found)
    assert "第9行“生产面积（亩）”列：是合并单元格：请取消合并，每个单元格填写自己的值" in found
    assert "第10行“苗圃基地名称”列：必填" in found
    assert not any(e.startswith(("第2行", "第6行")) for e in found)
    assert "尚未写入任何数据" in preview.text
    assert bases_named(station, tag) == []  # the preview writes nothing

    refused = commit(station, preview.text, "all")
    assert refused.status_code == 422
    assert "未导入任何行" in refused.text
    assert bases_named(station, tag) == []

    done = commit(station, preview.text, "valid")
    assert done.status_code == 303, done.text[:500]
    assert "imported=2" in done.headers["location"]
    names = sorted(row[0] for row in bases_named(station, tag))
    assert names == [f"{tag}戊", f"{tag}甲"]
    row = next(r for r in bases_named(station, tag) if r[0] == f"{tag}甲")
    assert row[6] == 46.08  # 纬度: the full-width digits as the number they mean


def test_stock_export_then_import_gives_the_same_stock(c):
    station = signed_in(c["server"], "station")
    tag = unique("存")
    base = sheet(BASE_HEADERS, base_row(f"{tag}苗圃", c["alice_uscc"]))
    assert commit(station, upload(station, BASES, base).text, "all").status_code == 303
    lines = [
        [f"{tag}苗圃", None, "樟子松", "2-1", "Ⅰ级苗", 120000],
        [f"{tag}苗圃", None, "樟子松", "1(2)-0", "Ⅱ级", 8000],  # Ⅱ级 read as Ⅱ级苗
        [f"{tag}苗圃", None, "落叶松", "２-０", "未分级", "３０００"],  # full-width digits
    ]  # fmt: skip
    preview = upload(station, STOCK, sheet(STOCK_HEADERS, *lines))
    assert errors_of(preview.text) == []
    assert commit(station, preview.text, "all").status_code == 303

    def stock() -> list[list[Any]]:
        rows = export(station, "/nurseries/stock.xlsx")
        assert rows[0] == STOCK_HEADERS
        return [r for r in rows[1:] if r[0] == f"{tag}苗圃"]

    first = stock()
    assert [r[2:] for r in first] == [
        ["樟子松", "2-1", "Ⅰ级苗", 120000],
        ["樟子松", "1(2)-0", "Ⅱ级苗", 8000],
        ["落叶松", "2-0", "未分级", 3000],
    ]
    assert all(r[1] == c["alice_uscc"] for r in first)
    again = upload(station, STOCK, sheet(STOCK_HEADERS, *first))  # the export, imported
    assert errors_of(again.text) == []
    assert commit(station, again.text, "all").status_code == 303
    assert stock() == first  # a stock-taking replaces: the same records, not twice as many


def test_organisations_import_checks_the_code_and_never_registers_one_twice(c):
    admin = signed_in(c["server"], "admin")
    tag = unique("台账公司")
    fresh = new_uscc()
    wrong = fresh[:-1] + ("0" if fresh[-1] != "0" else "1")
    rows = [
        ["企业（单位）", f"{tag}一号", f" {fresh} ", None, "张三", "乌兰浩特市", "兴安南大路1号"],
        ["企业（单位）", f"{tag}二号", wrong, None, "李四", "乌兰浩特市", "兴安南大路2号"],
        ["企业", f"{tag}三号", c["alice_uscc"], None, "王五", "乌兰浩特市", "兴安南大路3号"],
        ["企业（单位）", f"{tag}四号", fresh, None, "赵六", "乌兰浩特市", "兴安南大路4号"],
        ["企业（单位）", f"{tag}五号", new_uscc(), None, "孙七", "北京市", "兴安南大路5号"],
    ]
    preview = upload(admin, ORGS, sheet(ORG_HEADERS, *rows))
    found = errors_of(preview.text)
    assert any(e.startswith("第3行“统一社会信用代码”列：") and "校验" in e for e in found), found
    assert "第4行“统一社会信用代码”列：已登记（窗口登记）：不重复导入" in found
    assert "第5行“统一社会信用代码”列：与文件中前面的一行重复" in found
    assert any(e.startswith("第6行“所在旗县市”列：不是兴安盟的旗县市") for e in found)
    assert not any(e.startswith("第2行") for e in found)
    assert commit(admin, preview.text, "valid").status_code == 303

    listed = export(admin, f"/organisations?q={tag}&format=xlsx")
    assert listed[0][:4] == ["类型", "名称", "统一社会信用代码", "身份证号"]
    assert [(r[1], r[2]) for r in listed[1:]] == [(f"{tag}一号", fresh)]  # spaces gone
    again = upload(admin, ORGS, sheet(listed[0], *listed[1:]))  # its own export, imported
    assert errors_of(again.text) == ["第2行“统一社会信用代码”列：已登记（窗口登记）：不重复导入"]


LISTS = [
    ("admin", "/organisations", "类型"),
    ("station", "/nurseries", "苗圃基地名称"),
    ("alice", "/lots", "批次编号"),
    ("admin", "/lots?status=active", "批次编号"),
    ("officer_league", "/licensing/inbox", "受理编号"),
    ("admin", "/licensing/register?holder=x", "许可证编号"),
    ("quarantine", "/quarantine?kind=site", "证书编号"),
    ("admin", "/inspections/plans", "年度"),
    ("admin", "/servicedesk/desk", "编号"),
    ("alice", "/filings", "备案编号"),
]


@pytest.mark.parametrize(("who", "path", "header"), LISTS)
def test_every_list_offers_its_export_with_the_filters_shown(c, who, path, header):
    b = signed_in(c["server"], who)
    html = b.http.get(path).text
    link = BeautifulSoup(html, "html.parser").find("a", string="导出电子表格")
    assert link is not None, path
    assert "format=xlsx" in link["href"]
    query = path.partition("?")[2]
    assert query in link["href"]  # the same filters
    rows = export(b, link["href"])
    assert rows[0][0] == header


def test_a_100000_row_file_with_one_bad_row_near_the_end_writes_nothing_all_or_nothing(c):
    from tests.benchmarks.bench_excel import stock_sheet

    station = signed_in(c["server"], "station")
    tag = unique("十万")
    base = sheet(BASE_HEADERS, base_row(f"{tag}苗圃", c["alice_uscc"]))
    assert commit(station, upload(station, BASES, base).text, "all").status_code == 303
    content = stock_sheet(100_000, bad_at=99_990, bases=[f"{tag}苗圃"])
    preview = upload(station, STOCK, content)
    assert preview.status_code == 200, preview.text[:300]
    assert "共 100000 行，其中 <strong>99999 行无错误</strong>" in preview.text
    assert any(e.startswith("第99991行“苗龄”列：") for e in errors_of(preview.text))
    refused = commit(station, preview.text, "all")
    assert refused.status_code == 422
    assert "有 1 行有错误" in refused.text
    stock = [r for r in export(station, "/nurseries/stock.xlsx")[1:] if r[0] == f"{tag}苗圃"]
    assert stock == []  # not one of the 99,999 good rows was written


def test_the_desk_export_holds_an_unanswered_question_beside_the_complaints(server, api):
    """An unanswered question has no responder yet; its row is exported with the person empty
    (it once answered 500: the column fell through to a complaint's field)."""
    text = f"苗木检疫怎么申请？{unique('问')}"
    ok(api("alice").post("/api/servicedesk/questions", json={"text": text}), 201)
    rows = export(signed_in(server, "admin"), "/servicedesk/desk?format=xlsx")
    mine = [row for row in rows if text in [str(v) for v in row]]
    assert len(mine) == 1
    assert mine[0][-1] in ("", None)  # 经办人: nobody yet
