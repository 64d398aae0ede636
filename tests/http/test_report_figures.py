"""Issue 25: each dashboard figure equals a count this test computes from the records it seeds
(tests/http/reportkit.py) — introductions by origin and outcome, consignments in and out by
species, nursery bases and stock, ratings per office, labels issued and scans by month,
findings by item and banner, rectifications overdue, cases by stage. The records sit under a
banner code of their own, read by the league through the banner filter; a banner official sees
only its banner; the page's charts show the same numbers as the figures."""

from __future__ import annotations

import asyncio
import io
import re
from collections import Counter
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from python_calamine import CalamineWorkbook

from seedreg.cases.rules import Stage
from seedreg.introductions import approvals
from seedreg.introductions.routing_rules import KIND_LABELS, RouteKind
from seedreg.matters.inbox import audit_subject
from seedreg.matters.ratings import POOR
from seedreg.matters.transitions import INTRODUCTION
from seedreg.nurseries.rules import BaseKind
from seedreg.quarantine import services as quarantine
from seedreg.reports import rules as r
from seedreg.reports.dashboard_more import KIND_NAMES
from tests import factories
from tests.fixtures import Browser
from tests.http import reportkit as kit
from tests.http.lotkit import ok, refused

DASHBOARD = "/api/reports/dashboard"
FIG = kit.new_code()
OWN_SPECIES = kit.unique_species()  # a base in 152201: the banner official's own
FIG_SPECIES = kit.unique_species()  # a base in the made-up banner: not the banner official's


@pytest.fixture(scope="module")
def seeded(api):
    async def seed() -> dict:
        org = await factories.make_organisation("152201")
        chain = await kit.seed_chain(org.id, FIG)
        await kit.seed_enforcement(org.id, FIG)
        await kit.seed_bases(org.id, FIG, [*kit.BASES, ("collective", [(FIG_SPECIES, 11)])])
        await kit.seed_bases(org.id, "152201", [("private", [(OWN_SPECIES, 7)])])
        await kit.seed_ratings(org.id, FIG)
        return chain

    chain = asyncio.run(seed())
    # twice: the live server's scheduled refresh may have counted before the seeds were in
    # and finish after the first full count (the stored figures are the last written)
    for _ in range(2):
        ok(api("admin").post("/api/reports/refresh"))
    return chain


def figures(client, **params: str) -> dict[str, dict]:
    board = ok(client.get(DASHBOARD, params=params))
    return {f["ident"]: f for f in board["figures"]}


def items(figure: dict) -> dict[str, int]:
    return {i["label"]: i["value"] for i in figure["items"]}


def shown(figure: dict) -> dict[str, int]:
    return {k: v for k, v in items(figure).items() if v}


@pytest.fixture(scope="module")
def league(api, seeded) -> dict[str, dict]:
    return figures(api("officer_league"), division=FIG)


def test_introductions_count_by_origin_and_outcome(league):
    def kind(origin: str) -> RouteKind:
        return RouteKind.OTHER_CITY if origin[:2] == "15" else RouteKind.OTHER_PROVINCE

    expected = Counter(
        f"{KIND_LABELS[kind(o)]}：{INTRODUCTION.states[s].label}"
        for o, s in kit.INTRODUCTIONS
        if s != "draft"
    )
    figure = league["introduction-outcome"]
    assert items(figure) == expected
    assert figure["total"] == len(kit.INTRODUCTIONS) - 1 == 7
    links = {i["label"]: i["link"] for i in figure["items"]}
    assert links["自治区内其他盟市：准予引种"] == "/introductions"
    assert links["自治区内其他盟市：已提交，待受理"] == "/matters/inbox?matter=introduction"


def test_consignments_count_in_and_out_by_species_with_kg_and_plants_apart(league):
    counts: Counter[str] = Counter()
    plants: Counter[str] = Counter()
    seed: Counter[str] = Counter()
    for _, status, lines in kit.OUTBOUND:
        if status != "valid":
            continue
        for species in {s for s, _, _ in lines}:
            counts[f"{species} 调出"] += 1
        for species, material, quantity in lines:
            if material == "seed":
                seed[f"调出：{species}"] += quantity // 1000  # stored in grams, shown in kg
            else:
                plants[f"调出：{species}"] += quantity
    for _, status, inbound in kit.INBOUND:
        if status != "valid":
            continue
        for species in {s for s, _, _ in inbound}:
            counts[f"{species} 调入"] += 1
        for species, quantity, unit in inbound:
            (seed if unit == "kg" else plants)[f"调入：{species}"] += quantity
    assert items(league["consignments"]) == counts
    assert counts == {"樟子松 调出": 2, "山杏 调出": 1, "落叶松 调入": 2, "山杏 调入": 1}
    assert items(league["consign-plants"]) == plants == {"调出：樟子松": 2000, "调入：落叶松": 1000}
    assert items(league["consign-seed"]) == seed == {"调出：山杏": 2, "调入：山杏": 3}
    links = {i["link"] for f in ("consignments", "consign-plants") for i in league[f]["items"]}
    assert links == {"/quarantine/ledger"}
    # per month each consignment once, whatever it carries; each part opens that month's ledger
    months: Counter[str] = Counter()
    for way, seeded in (("调出", kit.OUTBOUND), ("调入", kit.INBOUND)):
        for back, status, _ in seeded:
            if status == "valid":
                months[f"{kit.month_of(back)} {way}"] += 1
    figure = league["consign-month"]
    assert items(figure) == months
    assert figure["total"] == 4
    for item in figure["items"]:
        assert item["link"] == f"/quarantine/ledger?month={item['label'][:7]}"


def test_nursery_bases_by_kind_and_stock_by_species(league):
    bases = [*kit.BASES, ("collective", [(FIG_SPECIES, 11)])]
    kinds = Counter(f"{FIG} {KIND_NAMES[BaseKind(k)]}" for k, _ in bases)
    assert items(league["nursery-bases"]) == kinds
    stock: Counter[str] = Counter()
    for _, lines in bases:
        for species, n in lines:
            stock[species] += n
    assert items(league["nursery-stock"]) == stock
    assert stock["樟子松"] == 1250
    links = {i["label"]: i["link"] for i in league["nursery-bases"]["items"]}
    assert links[f"{FIG} 国有林场苗圃"] == "/nurseries?kind=state"


def test_ratings_per_office_are_the_published_ratings(league):
    poor = sum(1 for _, score in kit.RATINGS if score <= POOR)
    figure = league["ratings-office"]
    assert items(figure) == {f"{FIG} 差评": poor, f"{FIG} 其他评价": len(kit.RATINGS) - poor}
    assert figure["total"] == len(kit.RATINGS) == 4
    links = {i["label"]: i["link"] for i in figure["items"]}
    assert links[f"{FIG} 差评"] == "/servicedesk/desk#poor-ratings"


def test_labels_and_scans_count_by_month(league):
    labels = Counter({kit.month_of(back): n for back, n in kit.LABELS})
    assert shown(league["labels-month"]) == labels
    scans = Counter({kit.month_of(back): n for back, n in kit.SCANS})
    assert shown(league["scans-month"]) == scans
    assert len(league["labels-month"]["items"]) == 12  # every month shown, empty ones as 0


def test_labels_and_scans_count_by_species(league, seeded):
    assert items(league["labels-species"]) == seeded["label_species"]
    assert items(league["scans-species"]) == seeded["scan_species"]
    species = next(iter(seeded["scan_species"]))
    links = {i["label"]: i["link"] for i in league["scans-species"]["items"]}
    assert links[species] == f"/lots?species={quote(species)}"


def test_findings_overdue_rectifications_and_cases(league):
    assert items(league["finding-item"]) == Counter(code for code, _, _ in kit.FINDINGS)
    assert items(league["finding-banner"]) == {FIG: len(kit.FINDINGS)}
    overdue = [f for _, _, f in kit.FINDINGS if f and f[0] == "pending" and f[1] < 0]
    assert items(league["overdue"]) == {FIG: len(overdue)} == {FIG: 2}
    assert items(league["case-stage"]) == Counter(Stage(s).label for s in kit.CASES)
    links = {i["label"]: i["link"] for i in league["case-stage"]["items"]}
    assert links[Stage.OPENED.label] == "/cases?stage=opened"


def test_a_banner_official_sees_only_its_banner(api, seeded):
    own = figures(api("officer_wlht"))
    assert items(own["nursery-stock"]).get(OWN_SPECIES) == 7
    assert FIG_SPECIES not in items(own["nursery-stock"])
    for ident, figure in own.items():
        assert not any(FIG in label for label in items(figure)), ident
    league = figures(api("officer_league"), division=FIG)
    assert items(league["nursery-stock"])[FIG_SPECIES] == 11
    assert OWN_SPECIES not in items(league["nursery-stock"])
    refused(api("officer_wlht").get(DASHBOARD, params={"division": FIG}), 403, "本辖区")


NUMBER = re.compile(r"^(.*)：(\d+)$")
STACKED = {
    "deadline",
    "consign-month",
    "consignments",
    "nursery-bases",
    "ratings-office",
}  # totals in bold


def test_each_chart_on_the_page_shows_the_figures_numbers(server, personas, league):
    client = Browser(server)
    client.login("officer_league")
    soup = BeautifulSoup(client.get("/reports", params={"division": FIG}).text, "html.parser")
    checked = 0
    for ident, figure in league.items():
        section = soup.select_one(f"#fig-{ident}")
        assert section is not None, ident
        assert f"合计 {figure['total']}" in section.h2.text, ident
        table = {
            tr.select("td")[0].text: int(tr.select("td")[1].text)
            for tr in section.select("table.figures tbody tr")
            if len(tr.select("td")) == 2
        }
        assert table == items(figure), ident
        # every linked bar names its number; horizontal bars also write it at the bar's end
        drawn = {
            m[1]: int(m[2]) for a in section.select("svg a") if (m := NUMBER.match(a["aria-label"]))
        }
        stacks = ident in STACKED  # a part of no value is not drawn
        linked = {
            i["label"]: i["value"]
            for i in figure["items"]
            if i["link"] and (i["value"] or not stacks)
        }
        assert drawn == linked, ident
        if not stacks and section.select_one("svg text[font-weight=bold]"):
            ends = [int(t.text) for t in section.select("svg text[font-weight=bold]")]
            assert ends == [i["value"] for i in figure["items"]], ident
        checked += 1
    assert checked >= 20


def test_the_export_and_the_api_carry_the_new_figures(server, personas, league):
    client = Browser(server)
    client.login("officer_league")
    soup = BeautifulSoup(client.get("/reports", params={"division": FIG}).text, "html.parser")
    answer = client.get(soup.find("a", string="导出电子表格")["href"])
    assert answer.status_code == 200, answer.text[:300]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(answer.content)).get_sheet_by_index(0)
    rows = sheet.to_python()[1:]
    for ident in ("introduction-outcome", "consignments", "consign-seed", "nursery-stock",
                  "ratings-office"):  # fmt: skip
        figure = league[ident]
        exported = {label: int(value) for chart, label, value in rows if chart == figure["title"]}
        assert exported == items(figure), ident
        assert exported, ident


def test_the_owners_audit_subjects_feed_the_new_families():
    """The subject types the owners' services write are the ones the refresh listens for."""
    assert r.FEEDS[audit_subject(INTRODUCTION.matter)] == (
        r.Family.APPLICATIONS, r.Family.PUBLICATION, r.Family.INTRODUCTIONS
    )  # fmt: skip
    assert r.FEEDS[approvals.SUBJECT] == (r.Family.INTRODUCTIONS,)
    assert r.FEEDS[quarantine.CONSIGNMENT] == (r.Family.CONSIGNMENTS,)
    assert r.FEEDS["nursery_base"] == (r.Family.NURSERIES,)  # nurseries.services' literal
