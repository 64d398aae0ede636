"""The dashboard's figures of introductions, consignments, nursery bases and ratings per
office, from the stored summary rows (no count is made here), each bar linking to the list
behind it."""

from __future__ import annotations

from seedreg.core import clock
from seedreg.introductions.routing_rules import RouteKind
from seedreg.matters.transitions import INTRODUCTION
from seedreg.nurseries.rules import BaseKind
from seedreg.quarantine.consignments import DIRECTION_LABELS, INBOUND, OUTBOUND
from seedreg.reports import rules as r
from seedreg.reports.charts import Bar, Stack
from seedreg.reports.figure import Figure, hbar, q, stacked

INTRODUCTIONS = "/introductions"  # every application, decided ones included
INTRODUCTION_INBOX = "/matters/inbox"  # the open ones, as the officers work them
INTRODUCTION_NOTE = (
    "兴署发〔2021〕6号 五(一)：自治区内其他盟市的由盟林草局决定，自治区外的由自治区决定"
)
LEDGER = "/quarantine/ledger"  # the consignment ledger: in and out by species, per month
CONSIGNMENT_NOTE = "近12个月，不含已撤销的证书；一批调运按其所含树种分别计数"
NURSERIES = "/nurseries"
COMPLIANCE = "/licensing/compliance"  # ratings of applications per office
POOR_QUEUE = "/servicedesk/desk#poor-ratings"  # the 差评 awaiting their answer
RATINGS_NOTE = "近12个月；差评须在7日内核实整改并回复（国办发〔2019〕51号）"
DIRECTIONS = (INBOUND, OUTBOUND)
# The kinds as the chart's legend names them: three to a 360-unit row, so each fits 100 units
# ("国有林场苗圃/基地" would run into the next).
KIND_NAMES = {k: k.label for k in BaseKind} | {BaseKind.STATE: "国有林场苗圃"}


def _introductions(rows: list[r.Row]) -> Figure:
    def label(key: str) -> str:
        kind, _, status = key.partition(":")
        where = RouteKind(kind).label if kind in set(RouteKind) else kind
        state = INTRODUCTION.states.get(status)
        return f"{where}：{state.label if state else status}"

    def link(key: str) -> str:
        state = INTRODUCTION.states.get(key.partition(":")[2])
        if state is not None and not state.final:
            return q(INTRODUCTION_INBOX, matter=INTRODUCTION.matter)
        return INTRODUCTIONS

    per = r.total_by_key(rows, r.Metric.INTRODUCTION_OUTCOME)
    bars = [Bar(label(k), v, link(k)) for k, v in per.items() if v]
    return hbar("introduction-outcome", "引种申请（按来源地、办理结果）", INTRODUCTION_NOTE, bars)


def _consignments(rows: list[r.Row]) -> list[Figure]:
    counts = r.total_by_key(rows, r.Metric.CONSIGNMENT_COUNT)
    species = sorted({k.partition(":")[2] for k, v in counts.items() if ":" in k and v})
    stacks = [
        Stack(name, tuple(counts.get(f"{d}:{name}", 0) for d in DIRECTIONS),
              tuple(LEDGER for _ in DIRECTIONS))
        for name in species
    ]  # fmt: skip
    series = [DIRECTION_LABELS[d] for d in DIRECTIONS]
    amounts = r.total_by_key(rows, r.Metric.CONSIGNMENT_QUANTITY)

    def in_unit(unit: str) -> list[Bar]:
        found = []
        for key, value in amounts.items():
            direction, name, of = key.split(":", 2)
            if of == unit and value:
                way = DIRECTION_LABELS.get(direction, direction)
                found.append(Bar(f"{way}：{name}", value, LEDGER))
        return found

    return [
        _consignment_months(rows, series),
        stacked("consignments", "调运批次（按树种，调入、调出）", CONSIGNMENT_NOTE, series, stacks),
        hbar("consign-plants", "调运苗木数量（株，按树种）", CONSIGNMENT_NOTE, in_unit("株")),
        hbar("consign-seed", "调运种子数量（千克，按树种）", CONSIGNMENT_NOTE, in_unit("kg")),
    ]


def _consignment_months(rows: list[r.Row], series: list[str]) -> Figure:
    """Each month's consignments in and out, each part linking to that month's ledger."""
    totals: dict[tuple[str, str], int] = {}
    for x in rows:
        if x.metric is r.Metric.CONSIGNMENT_COUNT and x.key in DIRECTIONS:
            totals[(x.period, x.key)] = totals.get((x.period, x.key), 0) + x.value
    stacks = [
        Stack(m, tuple(totals.get((m, d), 0) for d in DIRECTIONS),
              tuple(q(LEDGER, month=m) for _ in DIRECTIONS))
        for m in r.last_months(clock.today())
        if any(totals.get((m, d), 0) for d in DIRECTIONS)
    ]  # fmt: skip
    note = "近12个月，不含已撤销的证书；点击可查看该月的调运台账"
    return stacked("consign-month", "调运批次（按月，调入、调出）", note, series, stacks)


def _nurseries(rows: list[r.Row], names: dict[str, str]) -> list[Figure]:
    kinds = list(BaseKind)
    per: dict[str, dict[str, int]] = {}
    for x in rows:
        if x.metric is r.Metric.NURSERY_BASES:
            banner = per.setdefault(x.division_code, {})
            banner[x.key] = banner.get(x.key, 0) + x.value
    stacks = [
        Stack(names.get(d, d), tuple(by.get(k.value, 0) for k in kinds),
              tuple(q(NURSERIES, kind=k.value) for k in kinds))
        for d, by in sorted(per.items())
        if any(by.values())
    ]  # fmt: skip
    stock = r.total_by_key(rows, r.Metric.NURSERY_STOCK)
    kind_names = [KIND_NAMES[k] for k in kinds]
    return [
        stacked("nursery-bases", "苗圃基地（按旗县市、性质）", "", kind_names, stacks),
        hbar("nursery-stock", "苗圃基地存苗（株，按树种）", "按苗圃基地登记及存苗台账",
             [Bar(k, v, NURSERIES) for k, v in stock.items() if v]),
    ]  # fmt: skip


def _ratings(rows: list[r.Row], names: dict[str, str]) -> Figure:
    per: dict[str, dict[str, int]] = {}
    for x in rows:
        if x.metric is r.Metric.PUBLICATION and x.key in r.RATED:
            office = per.setdefault(x.division_code, {"ratings": 0, "poor": 0})
            office[x.key] += x.value
    stacks = [
        Stack(names.get(d, d), (n["poor"], n["ratings"] - n["poor"]), (POOR_QUEUE, COMPLIANCE))
        for d, n in sorted(per.items())
        if n["ratings"]
    ]
    series = ["差评", "其他评价"]
    return stacked("ratings-office", "好差评（按办理机关）", RATINGS_NOTE, series, stacks)


def figures(rows: list[r.Row], names: dict[str, str]) -> list[Figure]:
    """The figures in the order the dashboard shows them, after the enforcement ones."""
    return [
        _introductions(rows),
        *_consignments(rows),
        *_nurseries(rows, names),
        _ratings(rows, names),
    ]
