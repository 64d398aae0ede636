"""许可证台账 import (issue 20): several production sites and the 林木良种 a licence covers, in
one cell each as an office types them (one per line of the cell or "；"-separated, parts by
commas); 良种 checked against the 良种名录 and issued by the region (种子法 Art. 31 ¶2); each
bad entry named by row, column and which entry; and the round trip: the officers' 台账 export
holds exactly the cells imported, and the exported file reads back as the same licences.

Every holder, licence and 良种 here is FICTIONAL test data."""

from __future__ import annotations

import random
from datetime import datetime
from typing import Any

import pytest

from seedreg.core import clock
from tests.factories import new_uscc
from tests.fixtures import unique
from tests.http.introkit import variety
from tests.http.test_excel_ledgers import commit, errors_of, export, sheet, signed_in, upload
from tests.http.test_excel_licences import HEADERS, IMPORT, line, number_of

LEDGER = "/licensing/licences/ledger.xlsx"
HOME_SITE = "乌兰浩特市，义勒力特镇，红星村"
TWO_SITES = "乌兰浩特市，义勒力特镇，红星村，3号地块，东侧\n科尔沁右翼前旗，归流河镇，白音塔拉嘎查"


@pytest.fixture(scope="module")
def web(server, personas) -> str:
    return server


@pytest.fixture(scope="module")
def improved(api) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two 良种 of the register (the admin keeps it)."""
    admin = api("admin")
    return variety(admin), variety(admin, species="兴安落叶松")


def region_number(year: int) -> str:
    return f"150000{year}{random.randint(1000, 9999)}"


def cell(v: dict[str, Any]) -> str:
    return f"{v['species_name']}，{v['variety_name']}，{v['number']}"


def ledger_of(b: Any, holder: str) -> list[list[Any]]:
    return export(b, f"{LEDGER}?holder={holder}")


def as_typed(row: list[Any]) -> list[Any]:
    """A row read back: dates as dates, blanks as ""."""
    return [v.date() if isinstance(v, datetime) else ("" if v is None else v) for v in row]


def test_several_sites_and_varieties_round_trip(web, improved):
    admin = signed_in(web, "admin")
    tag = unique("多地点台账")
    year = clock.today().year - 2
    first, second = improved
    rows = [
        line(number_of(year, 6000 + random.randint(0, 899)), f"{tag}甲", new_uscc(),
             sites=TWO_SITES),
        line(region_number(year), f"{tag}乙", new_uscc(), sites="乌兰浩特市，义勒力特镇，红星村",
             varieties=f"{cell(first)}；{cell(second)}", area="兴安盟"),
    ]  # fmt: skip
    preview = upload(admin, IMPORT, sheet(HEADERS, *rows))
    assert errors_of(preview.text) == [], preview.text[:2000]
    done = commit(admin, preview.text, "all")
    assert done.status_code == 303, done.text[:800]
    assert "imported=2" in done.headers["location"]

    exported = ledger_of(admin, tag)
    assert [h.rstrip("*") for h in exported[0]] == HEADERS
    back = sorted((as_typed(r) for r in exported[1:]), key=lambda r: r[1])
    expected = [as_typed(r) for r in rows]
    expected[1][9] = f"{cell(first)}\n{cell(second)}"  # written one a line
    assert back == sorted(expected, key=lambda r: r[1])

    register = export(admin, f"/licensing/register?holder={tag}&format=xlsx")[1:]
    authorities = {r[1]: r[7] for r in register}
    assert authorities[f"{tag}乙"] != authorities[f"{tag}甲"]  # the region's bureau issued it

    again = upload(admin, IMPORT, sheet(exported[0], *exported[1:]))  # the exported file
    assert errors_of(again.text) == [
        f"第{n}行“许可证编号”列：许可证编号已登记或与文件中前面的一行重复" for n in (2, 3)
    ], "every other cell of the export reads back as imported"


def test_bad_sites_and_varieties_are_named_by_row_column_and_entry(web, improved):
    admin = signed_in(web, "admin")
    tag = unique("多地点台账")
    year = clock.today().year - 3
    first, _ = improved
    base = 5000 + 10 * random.randint(0, 89)  # ends in 0: the "…7" of row 5 is no other row's
    n = [number_of(year, base + i) for i in range(3)]
    wrong_name = f"{first['species_name']}，别的品种，{first['number']}"
    rows = [
        line(n[0], f"{tag}一", new_uscc(), sites=f"{HOME_SITE}；呼和浩特市，某镇，某村"),
        line(n[1], f"{tag}二", new_uscc(), sites="乌兰浩特市，义勒力特镇，红星村；只写了一项"),
        line(n[2], f"{tag}三", new_uscc(), sites="乌兰浩特市，义勒力特镇"),  # 苗木: 嘎查村 missing
        line(n[0][:-1] + "7", f"{tag}四", new_uscc(), varieties=cell(first)),  # not the region's
        line(region_number(year), f"{tag}五", new_uscc(), varieties="樟子松，某品种，国S-XX-999"),
        line(region_number(year), f"{tag}六", new_uscc(), varieties=wrong_name),
        line(region_number(year), f"{tag}七", new_uscc(), varieties="樟子松，只有两项"),
    ]  # fmt: skip
    found = errors_of(upload(admin, IMPORT, sheet(HEADERS, *rows)).text)
    assert any(e.startswith("第2行“生产地点”列：第2个生产地点的旗县市不是兴安盟") for e in found), (
        found
    )
    assert any(e.startswith("第3行“生产地点”列：第2个生产地点应为") for e in found), found
    assert "第4行“生产地点”列：生产苗木的，生产地点须填写到嘎查村一级" in found, found
    assert any(e.startswith("第5行“林木良种”列：含林木良种的许可证由自治区") for e in found), found
    assert "第6行“林木良种”列：第1个良种的审定（认定）编号“国S-XX-999”不在良种名录中" in found
    assert any(e.startswith("第7行“林木良种”列：第1个良种与良种名录不一致") for e in found), found
    assert any(e.startswith("第8行“林木良种”列：第1个良种应为") for e in found), found
    assert len(found) == 7, found
    assert ledger_of(signed_in(web, "admin"), tag)[1:] == []  # the preview wrote nothing


def test_the_ledger_export_is_for_officers_within_their_reach(web):
    assert signed_in(web, "alice").http.get(f"{LEDGER}?holder=x").status_code == 403
    officer = signed_in(web, "officer_kyqq")
    rows = export(officer, LEDGER)[1:]
    assert all(r[4] == "科尔沁右翼前旗" for r in rows), {r[4] for r in rows}
    page = officer.http.get("/licensing/register?holder=某").text
    assert f"{LEDGER}?holder=" in page
    assert "导出许可证台账" in page
    anonymous = signed_in(web, "alice").http.get("/licensing/register").text
    assert "导出许可证台账" not in anonymous
