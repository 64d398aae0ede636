"""The production-and-trade archive imported from the operator's own Excel records (issue 20):
a template, a preview naming each bad row and column (a sale without its destination, a lot
not the operator's, an unknown kind, a future date, a date typed in an uncertain order, a
quantity that does not read), nothing written by a refused all-or-nothing import, only the
valid rows when chosen, each recorded through the archive's own service.

Every lot and buyer here is FICTIONAL test data."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.http.lotkit import ok, today
from tests.http.test_excel_ledgers import commit, errors_of, export, sheet, signed_in, upload
from tests.label_support import make_chain

IMPORT = "/archive/import"
HEADERS = ["日期", "类别", "批次号", "数量", "责任人", "生产作业", "种子来源",
           "生产地点", "投入品", "购买方/供货方", "购买方联系方式", "销售去向",
           "调运检疫证书编号", "备注"]  # fmt: skip


def row(on: Any, kind: str, lot: str, quantity: Any = None, **fields: Any) -> list[Any]:
    values = {"responsible": "王林"} | fields
    return [on, kind, lot, quantity, values["responsible"], values.get("activity"), None,
            values.get("site"), None, values.get("counterparty"), values.get("contact"),
            values.get("destination"), None, values.get("note")]  # fmt: skip


@pytest.fixture(scope="module")
def lot(api, personas) -> dict:
    return make_chain(api).lot(quantity=3000)


def entries_of(api: Any, lot: dict) -> list[dict]:
    archive = ok(api("alice").get("/api/archive", params={"year": today().year}))
    return [e for e in archive["entries"] if e["lot_id"] == lot["id"]]


def test_the_archive_import_names_each_bad_row_and_writes_nothing_or_the_valid_rows(
    server, api, lot
):
    alice = signed_in(server, "alice")
    assert "/archive/import" in alice.http.get("/archive").text
    template = export(alice, f"{IMPORT}/template.xlsx")
    assert [h.rstrip("*") for h in template[0]] == HEADERS
    on = today() - timedelta(days=3)
    typed = f"{on.year}年{on.month}月{on.day}日"  # a date typed as text, order certain
    number = lot["number"]
    rows = [
        row(on, "生产记录", number, activity="移植", site="红星村苗圃3号地块"),
        row(typed, "销售", f" {number.lower()} ", "１００", counterparty="某林场",
            contact="139 0000 0000", destination="科右前旗大坝沟镇造林地"),
        row(on, "销售", number, 50, counterparty="某林场"),
        row(on, "出库", "P999999999", 10),
        row(on, "采购", number, 10),
        row(today() + timedelta(days=2), "出库", number, 10),
        row(on, "出库", number, "一百株"),
        row(f"{on:%m/%d/%Y}", "出库", number, 10),
        row(on, "生产记录", number),
    ]  # fmt: skip
    preview = upload(alice, IMPORT, sheet(HEADERS, *rows))
    assert preview.status_code == 200, preview.text[:800]
    found = errors_of(preview.text)
    assert not any(e.startswith(("第2行", "第3行")) for e in found), found
    assert "第4行“销售去向”列：销售记录须写明购买方和销售去向（种子法第三十六条）" in found
    assert "第5行“批次号”列：本单位没有这个批次号" in found
    assert "第6行“类别”列：应为“生产记录”、“入库”、“出库”或“销售”" in found
    assert "第7行“日期”列：日期不能晚于今天" in found
    assert any(e.startswith("第8行“数量”列：") for e in found), found
    assert any(e.startswith("第9行“日期”列：日期应为日期格式") for e in found), found
    assert "第10行“生产作业”列：请填写生产作业" in found

    refused = commit(alice, preview.text, "all")
    assert refused.status_code == 422
    assert "未导入任何行" in refused.text
    assert entries_of(api, lot) == []

    done = commit(alice, preview.text, "valid")
    assert done.status_code == 303, done.text[:800]
    assert "imported=2" in done.headers["location"]
    saved = sorted(entries_of(api, lot), key=lambda e: e["kind"])
    assert [(e["kind"], e["occurred_on"], e["quantity"]) for e in saved] == [
        ("production", on.isoformat(), 0),
        ("sale", on.isoformat(), 100),
    ]
    assert saved[1]["details"]["buyer_contact"] == "13900000000"


def test_only_the_operator_imports_its_archive_and_only_its_own_lots(server, lot):
    bob = signed_in(server, "bob")
    preview = upload(bob, IMPORT, sheet(HEADERS, row(today(), "出库", lot["number"], 10)))
    assert errors_of(preview.text) == ["第2行“批次号”列：本单位没有这个批次号"]
    official = signed_in(server, "officer_league")
    assert official.http.get(IMPORT).status_code == 403
