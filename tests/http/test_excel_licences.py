"""Licences issued before the system, imported from the office's 许可证台账 (issue 20) through
the live server: the number kept as printed and reserved (a licence the system grants later in
the same banner and year gets another number), holders found by 统一社会信用代码 (an operator
already registered is reused, a new one registered once), each bad row named by row and column,
nothing written by a refused all-or-nothing import, a re-import reporting every number as
registered, and the public register showing them.

Every holder and licence here is FICTIONAL test data."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest

from seedreg.core import clock
from tests.factories import new_uscc
from tests.fixtures import unique
from tests.http.lotkit import ok
from tests.http.test_excel_ledgers import commit, errors_of, export, sheet, signed_in, upload
from tests.http.test_licensing_api import ALICE_ORG_NAME, issue_details


def wrong_check(uscc: str) -> str:
    """The code with a check character that is certainly wrong."""
    return uscc[:-1] + ("1" if uscc[-1] == "0" else "0")


IMPORT = "/licensing/licences/import"
HEADERS = ["许可证编号", "持证者名称", "统一社会信用代码", "法定代表人（负责人）",
           "所在旗县市", "住所", "生产经营范围", "生产经营种类（树种）", "生产地点",
           "林木良种", "有效区域", "发证日期", "有效期起", "有效期止"]  # fmt: skip


def line(number: str, holder: str, uscc: str, **changes: Any) -> list[Any]:
    year = int(number.strip()[6:10]) if number.strip()[6:10].isdigit() else 2023
    row = {
        "number": number,
        "holder": holder,
        "uscc": uscc,
        "rep": "张三",
        "division": "乌兰浩特市",
        "address": "乌兰浩特市兴安南大路1号",
        "scope": "苗木",
        "species": "樟子松、兴安落叶松",
        "sites": "乌兰浩特市，义勒力特镇，红星村",
        "varieties": "",
        "area": "乌兰浩特市",
        "issued": date(year, 3, 15),
        "start": date(year, 3, 15),
        "end": date(year + 5, 3, 14),
    } | changes
    return list(row.values())


def number_of(year: int, seq: int, division: str = "152201") -> str:
    return f"{division}{year:04d}{seq:04d}"


def register_rows(b: Any, number: str) -> list[list[Any]]:
    return export(b, f"/licensing/register?number={number}&format=xlsx")[1:]


def granted_number(api: Any) -> str:
    """A licence granted now by 乌兰浩特市's bureau (alice applies, the banner grants)."""
    alice, officer = api("alice"), api("officer_wlht")
    apps = "/api/licensing/applications"
    app = ok(alice.post(apps, json={"kind": "issue", "details": issue_details()}), 201)
    ok(alice.post(f"{apps}/{app['id']}/submit"))
    ok(officer.post(f"{apps}/{app['id']}/accept"))
    done = ok(officer.post(f"{apps}/{app['id']}/grant"))
    return ok(alice.get(f"/api/licensing/licences/{done['licence_id']}"))["number"]


@pytest.fixture(scope="module")
def web(server, personas) -> str:
    return server  # the server, with the personas signed in below


@pytest.fixture(scope="module")
def alice_uscc(api, personas) -> str:
    return ok(api("admin").get(f"/api/organisations/{personas['alice'].organisation_id}"))["uscc"]


def test_the_template_names_every_column_with_an_example(web):
    admin = signed_in(web, "admin")
    assert "/licensing/licences/import" in admin.http.get("/licensing").text
    assert f"{IMPORT}/template.xlsx" in admin.http.get(IMPORT).text
    r = admin.http.get(f"{IMPORT}/template.xlsx")
    assert r.status_code == 200
    rows = export(admin, f"{IMPORT}/template.xlsx")
    assert rows[0][0] == "许可证编号*"
    assert [h.rstrip("*") for h in rows[0]] == HEADERS


def test_a_number_printed_before_the_system_is_never_issued_again(web, api):
    """Grant one (number …n), import …n+2 as printed, grant again: …n+3, not …n+2 (without
    the reservation the second grant would take …n+1, then n+2 would collide at the next)."""
    first = granted_number(api)
    year, seq = int(first[6:10]), int(first[10:])
    printed = number_of(year, seq + 2)
    tag = unique("许可台账")
    fresh = new_uscc()
    admin = signed_in(web, "admin")
    start = date(year, 1, 2)
    rows = [
        line(printed, f"{tag}甲公司", fresh, issued=start, start=start, end=date(year + 4, 12, 31))
    ]
    preview = upload(admin, IMPORT, sheet(HEADERS, *rows))
    assert errors_of(preview.text) == [], preview.text[:2000]
    assert "尚未写入任何数据" in preview.text
    assert register_rows(admin, printed) == []  # the preview wrote nothing
    done = commit(admin, preview.text, "all")
    assert done.status_code == 303, done.text[:800]
    assert "imported=1" in done.headers["location"]

    shown = register_rows(admin, printed)
    assert [(r[0], r[1], r[5].date()) for r in shown] == [(printed, f"{tag}甲公司", start)]
    second, third = granted_number(api), granted_number(api)
    assert second == number_of(year, seq + 3), (first, printed, second)
    assert third == number_of(year, seq + 4)


def test_holders_are_found_by_code_never_registered_twice(web, alice_uscc):
    admin = signed_in(web, "admin")
    tag = unique("许可台账")
    fresh = new_uscc()
    year = clock.today().year - 3
    numbers = [number_of(year, 9000 + random.randint(0, 899) + i, "152200") for i in range(3)]
    rows = [
        line(numbers[0], ALICE_ORG_NAME, alice_uscc, area="兴安盟"),  # alice, already registered
        line(numbers[1], f"{tag}乙公司", f" {fresh} ", area="兴安盟"),  # a new holder…
        line(numbers[2], f"{tag}乙公司", fresh, scope="种子、苗木", area="兴安盟"),  # …twice
    ]
    preview = upload(admin, IMPORT, sheet(HEADERS, *rows))
    assert errors_of(preview.text) == [], preview.text[:2000]
    assert commit(admin, preview.text, "all").status_code == 303

    holders = [r[1] for n in numbers for r in register_rows(admin, n)]
    assert holders == [ALICE_ORG_NAME, f"{tag}乙公司", f"{tag}乙公司"]
    assert register_rows(admin, numbers[2])[0][3] == "林木种子、苗木"
    assert register_rows(admin, numbers[0])[0][7] == "兴安盟林业和草原局"
    registered = export(admin, f"/organisations?q={fresh}&format=xlsx")[1:]
    assert [(r[1], r[2]) for r in registered] == [(f"{tag}乙公司", fresh)]  # registered once
    assert len(export(admin, f"/organisations?q={alice_uscc}&format=xlsx")[1:]) == 1

    again = upload(admin, IMPORT, sheet(HEADERS, *rows))  # the same file once more
    assert errors_of(again.text) == [
        f"第{n}行“许可证编号”列：许可证编号已登记或与文件中前面的一行重复" for n in (2, 3, 4)
    ]


def test_each_bad_row_is_named_and_all_or_nothing_writes_nothing(web, alice_uscc):
    admin = signed_in(web, "admin")
    tag = unique("许可台账")
    year = clock.today().year - 2
    base = 8000 + random.randint(0, 899)
    n = [number_of(year, base + i) for i in range(12)]
    rows = [
        line(" １" + n[0][1:], f"{tag}好公司", new_uscc()),  # full-width digit, a space
        line(n[1], f"{tag}一", new_uscc(), division="呼和浩特市"),
        line(n[1], f"{tag}二", new_uscc()),  # the number of the row above
        line(n[3], f"{tag}三", wrong_check(new_uscc())),
        line(n[4], f"{tag}四", new_uscc(), issued="2023/13/45"),
        line(n[5], f"{tag}五", new_uscc(), issued="03/15/2023"),  # order not certain
        line(n[6], f"{tag}六", new_uscc(), end=date(year + 6, 3, 14)),  # longer than 5 years
        line(n[7], f"{tag}七", new_uscc(), scope="花卉"),
        line(n[8], f"{tag}八", new_uscc(), species=None),
        line(n[9], ALICE_ORG_NAME + "改", alice_uscc),
        line("3201012023" + n[10][10:], f"{tag}十", new_uscc()),  # another province's issuer
        line(n[11], f"{tag}十一", new_uscc(), area="呼和浩特市"),
    ]
    preview = upload(admin, IMPORT, sheet(HEADERS, *rows))
    found = errors_of(preview.text)
    assert not any(e.startswith("第2行") for e in found), found  # full-width digits read
    assert any(e.startswith("第3行“所在旗县市”列：不是兴安盟或其旗县市") for e in found), found
    assert "第4行“许可证编号”列：许可证编号已登记或与文件中前面的一行重复" in found
    assert any(e.startswith("第5行“统一社会信用代码”列：") for e in found), found
    assert "第6行“发证日期”列：不是有效的日期" in found
    assert any(e.startswith("第7行“发证日期”列：日期应为日期格式") for e in found), found
    assert "第8行“有效期止”列：有效期超过5年（国家林业局令第40号第十四条）" in found
    assert "第9行“生产经营范围”列：应为“种子”、“苗木”或“种子、苗木”" in found
    assert "第10行“生产经营种类（树种）”列：必填" in found
    assert f"第11行“持证者名称”列：与已登记的名称“{ALICE_ORG_NAME}”不一致" in found
    assert any(e.startswith("第12行“许可证编号”列：编号前6位应为发证机关") for e in found), found
    assert any(e.startswith("第13行“有效区域”列：不是兴安盟或其旗县市") for e in found), found

    refused = commit(admin, preview.text, "all")
    assert refused.status_code == 422
    assert "未导入任何行" in refused.text
    assert register_rows(admin, n[0]) == []  # nothing written, not even the good row
    assert export(admin, f"/organisations?q={tag}&format=xlsx")[1:] == []

    done = commit(admin, preview.text, "valid")
    assert done.status_code == 303, done.text[:800]
    assert "imported=1" in done.headers["location"]
    assert [r[1] for r in register_rows(admin, n[0])] == [f"{tag}好公司"]


def test_a_banner_officer_imports_only_holders_of_the_banner(web):
    officer = signed_in(web, "officer_kyqq")
    tag = unique("许可台账")
    row = line(number_of(clock.today().year - 1, 7000 + random.randint(0, 899)), f"{tag}公司",
               new_uscc())  # fmt: skip
    preview = upload(officer, IMPORT, sheet(HEADERS, row))
    assert "第2行“所在旗县市”列：该旗县市不在您的管辖范围内" in errors_of(preview.text)
    operator = signed_in(web, "alice")
    assert operator.http.get(IMPORT).status_code == 403
