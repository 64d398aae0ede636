"""Reports and dashboards (issue 25): every figure equals a count this test computes from the
records it seeds. The records are seeded in a banner code of their own (no real banner, so no
other test's rows are counted with them), read by the league through the banner filter; a
banner official's dashboard counts only its banner; the refresh is incremental (a record the
audit trail does not mention is not recounted until a full refresh)."""

from __future__ import annotations

import asyncio
import io
import random
import uuid
from collections import Counter
from datetime import datetime, timedelta

import pypdfium2 as pdfium
import pytest
from bs4 import BeautifulSoup
from python_calamine import CalamineWorkbook

from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.labels.tables import CloneFlag
from seedreg.licensing.tables import Licence
from seedreg.lots.tables import Lot
from seedreg.matters.tables import Application, Rating
from seedreg.matters.transitions import LICENSING
from seedreg.reports import rules as r
from seedreg.reports import services as reports
from tests import factories
from tests.fixtures import Browser
from tests.http.lotkit import ok, refused
from tests.pdfread import pdf_text, qr_texts, squash

DASHBOARD = "/api/reports/dashboard"
BANNER = f"1522{random.randint(60, 99)}"  # a code no real banner has
OFFICE = f"1522{random.randint(40, 59)}"  # the publication's own office code
QUIET = f"1522{random.randint(30, 39)}"  # the incremental refresh's own banner code
TODAY = clock.today()

# (status, days to expiry) of the seeded licences; none expires before today, so the daily
# duties (expiry) leave them as seeded
LICENCES = [("valid", 20), ("valid", 89), ("valid", 91), ("valid", 400), ("cancelled", 10),
            ("revoked", 100)]  # fmt: skip
# (species, months back) of the seeded lots
LOTS = [("樟子松", 0), ("樟子松", 0), ("落叶松", 0), ("樟子松", 1), ("山杏", 3)]
# (status, decided days after the statutory due day or None, deemed) of the seeded applications
APPS = [("granted", -3, False), ("granted", 2, False), ("refused", 0, True), ("withdrawn", None,
        False)]  # fmt: skip
FLAGS = ["confirmed", "dismissed", "dismissed"]


def _uid(n: int) -> str:
    return uuid.uuid4().hex[:n]


def _month_back(months: int) -> datetime:
    """Noon (China) on the 10th, ``months`` before this month."""
    year, month = TODAY.year, TODAY.month - months
    while month < 1:
        year, month = year - 1, month + 12
    return datetime(year, month, 10, 12, tzinfo=clock.CHINA)


async def _seed() -> dict[str, int]:
    org = await factories.make_organisation("152201")
    now = clock.now()
    ids: dict[str, int] = {}
    for status, days in LICENCES:
        row = Licence(
            number=f"T{random.randint(10**12, 10**13 - 1)}",
            public_id=_uid(24), organisation=org.id, holder_name=org.name,
            legal_representative="张三", registered_address="乌兰浩特市", valid_from=TODAY,
            valid_to=TODAY + timedelta(days=days), issued_on=TODAY, issuing_division="152200",
            issuing_authority="兴安盟林业和草原局", division_code=BANNER, status=status,
            created_at=now, updated_at=now,
        )  # fmt: skip
        await row.save()
        ids["licence"] = row.id
    for species, back in LOTS:
        await _lot(org.id, ids["licence"], species, _month_back(back))
    for status, late, deemed in APPS:
        due = TODAY - timedelta(days=5)
        decided = due + timedelta(days=late) if late is not None else None
        await Application(
            reference=f"R{_uid(12)}", matter="licensing", sub_item="issue", status=status,
            organisation=org.id, division_code=BANNER, decided_on=decided, statutory_due=due,
            acceptance_deemed=deemed, accepted_on=due - timedelta(days=10) if deemed else None,
            created_at=now, updated_at=now,
        ).save()  # fmt: skip
    for status in FLAGS:
        await CloneFlag(
            serial=_uid(12), division_code=BANNER, reason="far_apart", raised_at=now, status=status
        ).save()
    ids["organisation"] = org.id
    return ids


async def _lot(
    org_id: int, licence_id: int, species: str, at: datetime, division: str = BANNER
) -> int:
    row = Lot(
        number=f"T{_uid(10)}", public_id=_uid(24), organisation=org_id, licence=licence_id,
        division_code=division, material="seedling", species=species, origin="乌兰浩特市",
        produced_on=at.date(), quantity=100, created_at=at, updated_at=at,
    )  # fmt: skip
    await row.save()
    return row.id


@pytest.fixture(scope="module")
def seeded(api):
    ids = asyncio.run(_seed())
    ok(api("admin").post("/api/reports/refresh"))
    return ids


def figures(client, **params: str) -> dict[str, dict]:
    board = ok(client.get(DASHBOARD, params=params))
    return {f["ident"]: f for f in board["figures"]}


def by_label(figure: dict) -> dict[str, int]:
    return {i["label"]: i["value"] for i in figure["items"]}


def test_licence_figures_equal_the_seeded_licences(api, seeded):
    got = figures(api("officer_league"), division=BANNER)
    labels = {"valid": "有效", "cancelled": "已注销", "revoked": "已吊销"}
    assert by_label(got["licence-status"]) == Counter(labels[s] for s, _ in LICENCES)
    expiring = [d for s, d in LICENCES if s == "valid" and 0 <= d <= r.EXPIRING_DAYS]
    assert by_label(got["licence-expiring"]) == {BANNER: len(expiring)} == {BANNER: 2}
    assert got["licence-expiring"]["items"][0]["link"] == (
        f"/licensing/licences?expiring_within=90&division={BANNER}"
    )


def test_lot_figures_count_by_month_and_species(api, seeded):
    got = figures(api("admin"), division=BANNER)
    months = Counter(_month_back(b).strftime("%Y-%m") for _, b in LOTS)
    shown = {k: v for k, v in by_label(got["lots-month"]).items() if v}
    assert shown == months
    assert by_label(got["lots-species"]) == Counter(s for s, _ in LOTS)
    links = {i["label"]: i["link"] for i in got["lots-species"]["items"]}
    assert links["樟子松"] == "/lots?species=%E6%A8%9F%E5%AD%90%E6%9D%BE"


def test_application_figures_count_steps_and_deadline_compliance(api, seeded):
    got = figures(api("admin"), division=BANNER)
    steps = {k.split("：")[-1]: v for k, v in by_label(got["application-step"]).items()}
    assert steps == Counter(LICENSING.states[s].label for s, _, _ in APPS)
    assert all(
        i["link"] == "/matters/inbox?matter=licensing" for i in got["application-step"]["items"]
    )
    deadline = got["deadline"]
    on_time = sum(1 for _, late, _ in APPS if late is not None and late <= 0)
    late = sum(1 for _, d, _ in APPS if d is not None and d > 0)
    deemed = sum(1 for *_, dm in APPS if dm)
    totals = Counter()
    for item in deadline["items"]:
        totals[item["label"].split(" ")[1]] += item["value"]
    assert totals == {"按时办结": on_time, "超期办结": late, "视为受理": deemed}


def test_clone_flag_figures_link_to_the_filtered_list(api, seeded):
    got = figures(api("station"), division=BANNER)
    assert by_label(got["clone-flags"]) == {"已确认仿冒": 1, "已排除": 2}
    links = {i["link"] for i in got["clone-flags"]["items"]}
    assert links == {"/labels/clone-flags?status=confirmed", "/labels/clone-flags?status=dismissed"}


def test_a_banner_official_counts_only_its_banner(api, seeded):
    banner = figures(api("officer_wlht"))
    league = figures(api("admin"), division="152201")
    for ident, figure in banner.items():
        assert figure["total"] == league[ident]["total"], ident
        assert BANNER not in by_label(figure), ident
    refused(api("officer_wlht").get(DASHBOARD, params={"division": BANNER}), 403, "本辖区")
    refused(api("officer_wlht").get(DASHBOARD, params={"division": "152221"}), 403, "本辖区")


def test_only_an_admin_refreshes_on_demand(api):
    refused(api("officer_league").post("/api/reports/refresh"), 403, "管理员")
    refused(api("alice").get(DASHBOARD), 403, "机关")


def test_a_refresh_recounts_what_the_audit_trail_names(api, seeded):
    """A lot written without an audit event is not counted by an incremental refresh; once
    its event is recorded, the next refresh counts it (and only the lots' family). In a banner
    code of its own, so the other tests' lot figures stay as they seeded them."""
    org, lic = seeded["organisation"], seeded["licence"]

    def quiet_lots() -> int:
        shown = figures(api("admin"), division=QUIET)["lots-species"]
        return sum(by_label(shown).values())

    lot = asyncio.run(_lot(org, lic, "山杏", _month_back(0), QUIET))
    asyncio.run(reports.refresh())
    assert quiet_lots() == 0  # the quiet lot is not counted yet
    asyncio.run(audit.record(audit.SYSTEM, "lot:register", "lot", lot))
    done = asyncio.run(reports.refresh())
    assert quiet_lots() == 1
    # nothing else recounted but what a new day brings; [] if the server's own round came first
    assert set(done.families) <= {r.Family.LOTS.value} | {f.value for f in r.DATE_BOUND}


def test_the_page_shows_charts_with_links_and_tables(server, personas, seeded):
    client = Browser(server)
    client.login("officer_league")
    html = client.get("/reports", params={"division": BANNER}).text
    soup = BeautifulSoup(html, "html.parser")
    assert "数据更新于" in soup.select_one("#refreshed").text
    svgs = soup.select("svg.chart")
    assert len(svgs) >= 10
    assert all(s.find("title") for s in svgs)
    status = soup.select_one("#fig-licence-status")
    assert "许可证（按状态）" in status.text
    assert "合计 6" in status.text
    assert next(a["href"] for a in status.select("svg a")).startswith("/licensing/licences?status=")
    assert status.select_one("table.figures") is not None
    assert soup.select_one("select[name=division]") is not None  # the league's banner filter


def test_an_operator_sees_its_own_section(server, personas):
    client = Browser(server)
    client.login("alice")
    soup = BeautifulSoup(client.get("/reports").text, "html.parser")
    assert soup.select_one("#my-licences")
    assert soup.select_one("#my-applications")
    assert not soup.select("svg.chart")


def test_the_admin_refreshes_from_the_page(server, personas):
    client = Browser(server)
    client.login("admin")
    before = asyncio.run(reports.state())
    answer = client.post_form("/reports/refresh", {}, form_page="/reports")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/reports"
    after = asyncio.run(reports.state())
    assert after is not None
    assert before is None or after["refreshed_at"] > before["refreshed_at"]


# (months back, decided days after due, 补正 rounds, deemed, rating score or None, answered days
# after rating or None) of the publication's applications: in an office code of their own, so
# its row holds these alone
PUBLISHED = [(0, -1, 1, False, 5, None), (0, 3, 2, False, 1, 2), (0, None, 1, True, 2, None),
             (1, 0, 0, False, 2, 9)]  # fmt: skip


async def _seed_publication(org_id: int) -> None:
    for back, late, rounds, deemed, score, answered in PUBLISHED:
        at = _month_back(back)
        day = at.date()
        app = Application(
            reference=f"R{_uid(12)}", matter="licensing", sub_item="issue", status="granted",
            organisation=org_id, division_code=OFFICE, statutory_due=day,
            decided_on=day + timedelta(days=late) if late is not None else None,
            acceptance_deemed=deemed, accepted_on=day if deemed else None,
            created_at=at, updated_at=at,
        )  # fmt: skip
        await app.save()
        for _ in range(rounds):
            await audit.record(
                audit.SYSTEM, "application:request_supplement", "licence_application", app.id
            )
        if score is not None:
            await Rating(
                application=app.id, score=score, comment="张三说办得慢", rated_at=at,
                follow_up_due=day + timedelta(days=7) if score <= 2 else None,
                answered_at=at + timedelta(days=answered) if answered is not None else None,
            ).save()  # fmt: skip


@pytest.fixture(scope="module")
def publication(api, seeded):
    asyncio.run(_seed_publication(seeded["organisation"]))
    ok(api("admin").post("/api/reports/refresh"))


def test_the_publication_counts_each_office_by_month_without_personal_data(api, publication):
    month = _month_back(0).strftime("%Y-%m")
    these = [p for p in PUBLISHED if p[0] == 0]
    board = ok(api().get("/api/public/reports/publication", params={"month": month}))
    [office] = [o for o in board["offices"] if o["division_code"] == OFFICE]
    decided = [p for p in these if p[1] is not None]
    poor = [p for p in these if p[4] is not None and p[4] <= 2]
    assert {k: v for k, v in office.items() if k not in ("division_code", "name")} == {
        "handled": len(decided),
        "on_time": sum(1 for p in decided if p[1] <= 0),
        "supplemented": sum(1 for p in these if p[2]),
        "rounds": sum(p[2] for p in these),
        "deemed": sum(1 for p in these if p[3]),
        "ratings": sum(1 for p in these if p[4] is not None),
        "poor": len(poor),
        "poor_fixed": sum(1 for p in poor if p[5] is not None and p[5] <= 7),
    } == {"handled": 2, "on_time": 1, "supplemented": 3, "rounds": 4, "deemed": 1,
          "ratings": 3, "poor": 2, "poor_fixed": 1}  # fmt: skip
    earlier = _month_back(1).strftime("%Y-%m")
    board = ok(api().get("/api/public/reports/publication", params={"month": earlier}))
    [office] = [o for o in board["offices"] if o["division_code"] == OFFICE]
    assert office["poor"] == 1
    assert office["poor_fixed"] == 0  # answered after its 7 days
    page = Browser(api().http.base_url.__str__().rstrip("/")).get(
        "/reports/public", params={"month": month}
    )
    assert page.status_code == 200
    row = BeautifulSoup(page.text, "html.parser").select_one(f"#office-{OFFICE}")
    assert [td.text for td in row.select("td")] == ["2", "1", "3", "4", "1", "3", "2", "1"]
    assert "张三" not in page.text
    assert "测试苗木" not in page.text  # no applicant's name
    refused(api().get("/api/public/reports/publication", params={"month": "2026-13"}), 422, "月份")


def _workbook(client, link: str) -> list[list]:
    answer = client.get(link)
    assert answer.status_code == 200, answer.text[:300]
    return (
        CalamineWorkbook.from_filelike(io.BytesIO(answer.content)).get_sheet_by_index(0).to_python()
    )


def test_the_dashboard_exports_its_figures_as_shown(server, personas, seeded):
    client = Browser(server)
    client.login("officer_league")
    soup = BeautifulSoup(client.get("/reports", params={"division": BANNER}).text, "html.parser")
    link = soup.find("a", string="导出电子表格")["href"]
    assert f"division={BANNER}" in link
    rows = _workbook(client, link)
    assert rows[0] == ["图表", "项目", "数量"]
    statuses = {label: value for chart, label, value in rows[1:] if chart == "许可证（按状态）"}
    assert statuses == {"有效": 4, "已注销": 1, "已吊销": 1}


def test_the_publication_exports_each_office(server, publication):
    month = _month_back(1).strftime("%Y-%m")
    client = Browser(server)
    soup = BeautifulSoup(client.get("/reports/public", params={"month": month}).text, "html.parser")
    rows = _workbook(client, soup.find("a", string="导出电子表格")["href"])
    assert rows[0][0] == "办理机关"
    assert rows[0][1:] == [label for _, label in r.PUBLISHED]
    [mine] = [row for row in rows[1:] if row[0] == OFFICE]  # no name for a made-up code
    assert [int(v) for v in mine[1:]] == [1, 1, 0, 0, 0, 1, 1, 0]


def test_the_refresh_interval_is_a_local_setting_shown_to_all(api, browser):
    rows = {s["key"]: s for s in ok(api().get("/api/settings"))}
    interval = rows["reports.refresh_minutes"]
    assert interval["default"] == 10
    assert interval["basis"] == "local"
    assert interval["source"] == "本地设定"
    assert "统计数据更新间隔" in browser.get("/settings").text


def test_the_monthly_report_prints_its_period_office_figures_and_charts(api, seeded):
    month = _month_back(0).strftime("%Y-%m")
    answer = api("officer_league").get(
        "/reports/monthly.pdf", params={"month": month, "division": BANNER}
    )
    assert answer.status_code == 200, answer.text[:300]
    assert answer.content.startswith(b"%PDF")
    text = squash(pdf_text(answer.content))
    assert "兴安盟林木种苗统计月报" in text  # the old address prints the month's period report
    assert f"统计期：{month[:4]}年{int(month[5:])}月" in text
    this_month = sum(1 for _, back in LOTS if back == 0)
    assert f"登记种苗批次批{this_month}{this_month}" in text  # the banner's figure and the total
    assert f"核发生产经营许可证件{len(LICENCES)}{len(LICENCES)}" in text  # issued today
    assert "樟子松" in text  # drawn in the species chart
    pages = len(pdfium.PdfDocument(answer.content))
    codes = [q for page in range(pages) for q in qr_texts(answer.content, page)]
    assert any("/reports/verify/" in q for q in codes), codes
    assert api("alice").get("/reports/monthly.pdf").status_code == 403
