"""The list of on-site checks: filtered in the database (jurisdiction, banner, month, catalogue
item found, party's name), a page of 50 at a time with the total, the same on the page, in the
API and in the export. The checks are of a month no other test uses and of parties named for
this module, so the shared database's other checks do not disturb the counts."""

from __future__ import annotations

import asyncio
import io
import random

import pytest
from bs4 import BeautifulSoup
from python_calamine import CalamineWorkbook

from tests import factories
from tests.fixtures import Browser, unique
from tests.http.checkkit import body, make_team
from tests.http.lotkit import ok, refused

CHECKS = "/api/inspections/checks"
YEAR = random.Random().choice(range(2000, 2010))
MONTH = f"{YEAR}-{random.Random().randint(1, 12):02d}"
NAME = unique("清单苗圃")
FIRST, OTHER = 52, 3  # 52 in 科右前旗 make two pages of the first banner's list


@pytest.fixture(scope="module")
def team(server, personas):
    return make_team(server)


@pytest.fixture(scope="module")
def made(team):
    """52 checks in 152201 (every 4th finding V1-1), 3 in 152221, all in MONTH."""
    first = asyncio.run(factories.make_organisation("152201", name=f"{NAME}甲")).id
    other = asyncio.run(factories.make_organisation("152221", name=f"{NAME}乙")).id
    out: dict[str, list[dict]] = {"152201": [], "152221": []}
    kyqq = [team.other_banner_id, team.league_id]
    pair: dict[str, dict] = {"152201": {}, "152221": {"inspector_ids": kyqq}}
    for n in range(FIRST + OTHER):
        banner = "152201" if n < FIRST else "152221"
        start = f"{MONTH}-{n % 28 + 1:02d}T02:00:00+00:00"
        answer = "fails" if n % 4 == 0 else "complies"
        data = body(
            team,
            first if banner == "152201" else other,
            started_at=start,
            ended_at=start.replace("T02", "T03"),
            checklist=[{"code": "V1-1", "result": answer, "note": "未见许可证"}],
            **pair[banner],
        )
        who = team.first if banner == "152201" else team.other_banner
        out[banner].append(ok(who.post(CHECKS, json=data), 201))
    return out


def every(client, **params) -> tuple[list[dict], int]:
    items, total = [], -1
    for page in range(1, 10):
        got = ok(client.get(CHECKS, params={**params, "page": page}))
        total = got["total"]
        assert got["page_size"] == 50
        assert len(got["items"]) <= 50
        items += got["items"]
        if page * 50 >= total:
            break
    return items, total


def test_the_list_holds_only_the_checks_the_filters_name_newest_first(team, made):
    mine, total = every(team.first, month=MONTH, q=NAME)
    assert total == FIRST  # 科右前旗's inspector: its banner's only, across two pages
    assert [c["id"] for c in mine] == sorted((c["id"] for c in made["152201"]), reverse=True)
    assert every(team.league, month=MONTH, q=NAME)[1] == FIRST + OTHER
    one, total = every(team.league, month=MONTH, q=NAME, division="152221")
    assert {c["id"] for c in one} == {c["id"] for c in made["152221"]}
    # the jurisdiction holds whatever banner is asked for
    assert every(team.other_banner, month=MONTH, q=NAME, division="152201")[1] == 0
    found, total = every(team.league, month=MONTH, q=NAME, finding="V1-1")
    expected = [c for c in made["152201"] + made["152221"] if c["findings"]]
    assert total == len(expected) == len(range(0, FIRST + OTHER, 4))
    assert {c["id"] for c in found} == {c["id"] for c in expected}
    assert every(team.league, month="1999-01", q=NAME)[1] == 0


def test_a_month_written_wrong_is_refused_in_chinese(team, made):
    refused(team.first.get(CHECKS, params={"month": "2026-13"}), 422, "月份", field="month")


def test_the_page_shows_the_filters_the_total_and_a_pager_that_keeps_them(server, team, made):
    page = Browser(server)
    page.login(team.first_username)
    html = page.get("/inspections/checks", params={"month": MONTH, "q": NAME}).text
    soup = BeautifulSoup(html, "html.parser")
    records = soup.select_one("#records")
    assert f"共 {FIRST} 次检查" in records.get_text(" ", strip=True)
    assert len(records.select("ul.rows a.row-link")) == 50
    pager = records.select_one("nav.pager")
    assert "第 1 / 2 页" in pager.get_text(" ", strip=True)
    following = pager.find("a", string="下一页")["href"]
    assert f"month={MONTH}" in following
    assert "page_no=2" in following
    assert following.startswith("?")
    second = BeautifulSoup(page.get("/inspections/checks" + following).text, "html.parser")
    second = second.select_one("#records")
    assert len(second.select("ul.rows a.row-link")) == FIRST - 50
    assert [o.get_text(strip=True) for o in soup.select("select[name=division] option")][:1] == [
        "全部旗县市"
    ]
    wrong = BeautifulSoup(
        page.get("/inspections/checks", params={"month": "2026-13"}).text, "html.parser"
    )
    assert "月份应写作" in wrong.select_one("#records p.err").get_text()


def test_the_export_holds_every_check_of_the_filter(server, team, made):
    page = Browser(server)
    page.login(team.first_username)
    soup = BeautifulSoup(
        page.get("/inspections/checks", params={"month": MONTH, "q": NAME}).text, "html.parser"
    )
    link = soup.find("a", string="导出电子表格")["href"]
    assert "page_no" not in link
    assert f"month={MONTH}" in link
    r = page.get(link)
    assert r.status_code == 200, r.text[:300]
    rows = CalamineWorkbook.from_filelike(io.BytesIO(r.content)).get_sheet_by_index(0).to_python()
    assert rows[0][:3] == ["笔录编号", "被检查单位", "旗县市代码"]
    assert sorted(r[0] for r in rows[1:]) == sorted(c["number"] for c in made["152201"])
    failed = [r for r in rows[1:] if r[8] == "V1-1"]
    assert len(failed) == len(range(0, FIRST, 4))
