"""The monthly and annual reports per jurisdiction (issue 25): each field equals a count this
test computes from the records it seeds, in a banner code of its own (no real banner, no other
test's range) and a year long past, read by the league through the banner filter; the field
list is a setting; a banner official gets only its own banner's report; the PDF reads back and
its QR code leads to the public record of the figures as printed; the xlsx holds the same."""

from __future__ import annotations

import asyncio
import io
import random
import uuid
from collections import Counter
from datetime import date, datetime, timedelta

import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup
from python_calamine import CalamineWorkbook

from seedreg.core import clock
from seedreg.licensing.tables import Licence
from seedreg.lots.tables import Lot
from seedreg.matters.tables import Application
from seedreg.reports import report_fields as rf
from tests import factories
from tests.fixtures import Browser
from tests.http.lotkit import ok, refused
from tests.pagetext import english_in_html
from tests.pdfread import pdf_text, qr_texts, squash

PERIOD = "/api/reports/period"
BANNER = f"1522{random.randint(3, 9):02d}"  # no real banner; no other test uses 03–09
YEAR = random.randint(2011, 2019)  # a year long past: nothing else is counted in it here
TODAY = clock.today()

# (species, month) of the seeded lots
LOTS = [("樟子松", 3), ("樟子松", 3), ("落叶松", 7)]
# (month issued, recorded only, (status, month it changed) or None) of the seeded licences
LICENCES = [(3, False, None), (3, False, None), (3, True, None), (7, False, ("cancelled", 7)),
            (2, False, ("revoked", 3))]  # fmt: skip
# (month due, days decided after the due day, deemed) of the seeded applications
APPS = [(3, -2, False), (3, 4, False), (7, 0, False), (3, None, True)]


def _uid(n: int) -> str:
    return uuid.uuid4().hex[:n]


def _day(month: int, day: int = 15) -> date:
    return date(YEAR, month, day)


async def _seed() -> None:
    org = await factories.make_organisation("152201")
    now = clock.now()
    licence_id = 0
    for month, recorded, ended in LICENCES:
        row = Licence(
            number=f"T{random.randint(10**12, 10**13 - 1)}", public_id=_uid(24),
            organisation=org.id, holder_name=org.name, legal_representative="张三",
            registered_address="乌兰浩特市", valid_from=_day(month),
            valid_to=TODAY + timedelta(days=400), issued_on=_day(month),
            issuing_division="152200", issuing_authority="兴安盟林业和草原局",
            division_code=BANNER, status=ended[0] if ended else "valid",
            status_changed_on=_day(ended[1], 20) if ended else None, recorded_only=recorded,
            created_at=now, updated_at=now,
        )  # fmt: skip
        await row.save()
        licence_id = row.id
    for species, month in LOTS:
        at = datetime(YEAR, month, 10, 12, tzinfo=clock.CHINA)
        await Lot(
            number=f"T{_uid(10)}", public_id=_uid(24), organisation=org.id, licence=licence_id,
            division_code=BANNER, material="seedling", species=species, origin="乌兰浩特市",
            produced_on=at.date(), quantity=100, created_at=at, updated_at=at,
        ).save()  # fmt: skip
    for month, late, deemed in APPS:
        due = _day(month, 20)
        await Application(
            reference=f"R{_uid(12)}", matter="licensing", sub_item="issue",
            status="refused" if deemed else "granted", organisation=org.id,
            division_code=BANNER, statutory_due=due,
            decided_on=due + timedelta(days=late) if late is not None else None,
            acceptance_deemed=deemed, accepted_on=_day(month, 5) if deemed else None,
            created_at=now, updated_at=now,
        ).save()  # fmt: skip


def expected(months: set[int]) -> dict[str, int]:
    """Each field's count over ``months``, computed from the seeded lists alone."""
    decided = [(m, late) for m, late, deemed in APPS if late is not None]
    # an application decided in the month after its due day belongs to that month
    decided_in = [((_day(m, 20) + timedelta(days=late)).month, late) for m, late in decided]
    return {
        "lots": sum(1 for _, m in LOTS if m in months),
        "labels": 0,
        "scans": 0,
        "licences_issued": sum(1 for m, rec, _ in LICENCES if m in months and not rec),
        "licences_cancelled": sum(1 for *_, e in LICENCES if e and e[0] == "cancelled"
                                  and e[1] in months),
        "licences_revoked": sum(1 for *_, e in LICENCES if e and e[0] == "revoked"
                                and e[1] in months),
        "handled": sum(1 for m, _ in decided_in if m in months),
        "on_time": sum(1 for m, late in decided_in if m in months and late <= 0),
        "late": sum(1 for m, late in decided_in if m in months and late > 0),
        "deemed": sum(1 for m, _, deemed in APPS if deemed and m in months),
        "supplemented": 0,
        "ratings": 0,
        "poor": 0,
        "findings": 0,
        "cases_opened": 0,
        "cases_decided": 0,
    }  # fmt: skip


@pytest.fixture(scope="module")
def seeded(api):
    asyncio.run(_seed())
    for _ in range(5):  # the live server's own refresh may hold a newer head: count again
        if ok(api("admin").post("/api/reports/refresh"))["written"]:
            break


def _line(report: dict) -> dict[str, int]:
    [line] = [x for x in report["lines"] if x["division_code"] == BANNER]
    return line["figures"]


def test_a_month_and_a_year_report_sum_the_seeded_records(api, seeded):
    month = ok(api("officer_league").get(PERIOD, params={"period": f"{YEAR}-03",
                                                          "division": BANNER}))  # fmt: skip
    assert month["title"] == "兴安盟林木种苗统计月报"
    assert month["period_words"] == f"{YEAR}年3月"
    assert [f["key"] for f in month["fields"]] == [f.key for f in rf.FIELDS]
    assert _line(month) == expected({3}) == month["total"]
    assert expected({3})["lots"] == 2  # the seeds say so
    assert expected({3})["late"] == 1
    year = ok(api("officer_league").get(PERIOD, params={"period": str(YEAR), "division": BANNER}))
    assert year["title"] == "兴安盟林木种苗统计年报"
    assert _line(year) == expected(set(range(1, 13))) == year["total"]
    assert year["total"]["licences_issued"] == 4
    assert year["total"]["handled"] == 3
    # the league's whole report holds the banner's line among the others
    league = ok(api("officer_league").get(PERIOD, params={"period": str(YEAR)}))
    assert _line(league) == expected(set(range(1, 13)))


def test_the_field_list_setting_changes_the_report_rows(api, seeded, server):
    key = "reports.report_fields"
    rows = {s["key"]: s for s in ok(api().get("/api/settings"))}
    assert rows[key]["basis"] == "local"
    assert rows[key]["default"] == "、".join(f.name for f in rf.FIELDS)
    assert "月报、年报的统计字段" in Browser(server).get("/settings").text  # shown to all
    admin = api("admin")
    try:
        ok(admin.put(f"/api/settings/{key}", json={"value": "签发标签、登记种苗批次、差评"}))
        report = ok(admin.get(PERIOD, params={"period": f"{YEAR}-03", "division": BANNER}))
        assert [f["key"] for f in report["fields"]] == ["labels", "lots", "poor"]
        assert _line(report) == {"labels": 0, "lots": 2, "poor": 0}
        client = Browser(server)
        client.login("admin")
        page = client.get("/reports/period", params={"period": f"{YEAR}-03", "division": BANNER})
        soup = BeautifulSoup(page.text, "html.parser")
        names = [th.text for th in soup.select("#period-fields tbody th")]
        assert names == ["签发标签", "登记种苗批次", "差评"]
        refused(
            admin.put(f"/api/settings/{key}", json={"value": "批次、标签"}), 422, "没有这些报表字段"
        )
    finally:
        r = admin.delete(f"/api/settings/{key}")
        assert r.status_code in (200, 204), r.text


def test_a_banner_official_gets_only_its_own_banners_report(api, seeded, server):
    own = ok(api("officer_wlht").get(PERIOD, params={"period": str(YEAR)}))
    assert {x["division_code"] for x in own["lines"]} <= {"152201"}
    for division in (BANNER, "152221"):
        params = {"period": str(YEAR), "division": division}
        refused(api("officer_wlht").get(PERIOD, params=params), 403, "本辖区")
        client = Browser(server)
        client.login("officer_wlht")
        assert client.get("/reports/period", params=params).status_code == 403
        assert client.get("/reports/period.pdf", params=params).status_code == 403
    refused(api("officer_league").get(PERIOD, params={"period": "2026-13"}), 422, "统计期")
    refused(api("alice").get(PERIOD), 403)
    client = Browser(server)
    client.login("officer_league")
    page = client.get("/reports/period", params={"period": "11月"})
    assert page.status_code == 422
    assert "统计期应为月份" in page.text
    assert 'value="11月"' in page.text  # what was typed is shown again


def test_the_pdf_reads_back_and_its_qr_leads_to_the_printed_figures(api, seeded, server):
    answer = api("officer_league").get(
        "/reports/period.pdf", params={"period": f"{YEAR}-03", "division": BANNER}
    )
    assert answer.status_code == 200, answer.text[:300]
    text = squash(pdf_text(answer.content))
    assert "兴安盟林木种苗统计月报" in text
    assert f"统计期：{YEAR}年3月" in text
    assert "填报机关：" in text
    assert f"打印日期：{TODAY.year}年{TODAY.month}月{TODAY.day}日" in text
    want = expected({3})
    for f in rf.FIELDS:  # each field's name, unit, the banner's figure and the total
        assert f"{f.name}{f.unit}{want[f.key]}{want[f.key]}" in text, f.key
    assert f"{YEAR}年3月登记的批次（按树种）（合计2）" in text  # the chart
    assert "樟子松" in text  # drawn in it
    pages = len(pdfium.PdfDocument(answer.content))
    codes = [q for page in range(pages) for q in qr_texts(answer.content, page)]
    [link] = [q for q in codes if "/reports/verify/" in q]
    public_id = link.rsplit("/", 1)[1]
    record = Browser(server).get(f"/reports/verify/{public_id}")  # no login
    assert record.status_code == 200
    soup = BeautifulSoup(record.text, "html.parser")
    assert f"{YEAR}年3月" in soup.text
    assert f"{TODAY.year}年{TODAY.month}月{TODAY.day}日" in soup.text
    shown = {tr["data-key"]: tr.select("td")[-1].text for tr in soup.select("tr[data-key]")}
    assert shown == {k: str(v) for k, v in want.items()}
    assert "张三" not in record.text
    assert english_in_html(record.text) == []
    assert Browser(server).get("/reports/verify/nosuchprint").status_code == 404
    # the old address prints the month's report; a year prints the annual one
    old = api("officer_league").get("/reports/monthly.pdf", params={"month": f"{YEAR}-03"})
    assert "兴安盟林木种苗统计月报" in squash(pdf_text(old.content))
    annual = api("officer_league").get("/reports/period.pdf", params={"period": str(YEAR)})
    assert "兴安盟林木种苗统计年报" in squash(pdf_text(annual.content))


def test_the_excel_export_holds_the_same_fields(seeded, server):
    client = Browser(server)
    client.login("officer_league")
    page = client.get("/reports/period", params={"period": str(YEAR), "division": BANNER})
    soup = BeautifulSoup(page.text, "html.parser")
    assert soup.find("a", string="打印PDF")["href"].startswith("/reports/period.pdf?")
    assert english_in_html(str(soup.select_one("main")), frozenset({"PDF", "Excel"})) == []
    answer = client.get(soup.find("a", string="导出Excel")["href"])
    assert answer.status_code == 200, answer.text[:300]
    rows = CalamineWorkbook.from_filelike(io.BytesIO(answer.content)).get_sheet_by_index(0)
    table = rows.to_python()
    assert table[0] == ["统计项目", "单位", BANNER, "合计"]  # a made-up code has no name
    want = expected(set(range(1, 13)))
    assert {row[0]: [int(row[2]), int(row[3])] for row in table[1:]} == {
        f.name: [want[f.key], want[f.key]] for f in rf.FIELDS
    }
    assert Counter(row[1] for row in table[1:]) == Counter(f.unit for f in rf.FIELDS)
