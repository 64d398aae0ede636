"""The server-drawn charts (issue 25): valid SVG scaled to the width, a title, every bar a link
with its number written out, series told apart without colour; and the reports' pure rules
(which families a refresh recounts, the months shown, totals)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from seedreg.reports import charts
from seedreg.reports import rules as r
from seedreg.reports.charts import Bar, Stack

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 (our own markup)


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter(f"{NS}text")]


def test_it_draws_horizontal_bars_with_links_numbers_and_a_title():
    bars = [Bar("有效", 12, "/x?status=valid"), Bar("已过期", 3, "/x?status=expired")]
    root = parse(charts.hbars("c1", "许可证（按状态）", bars))
    assert root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 360 ")
    assert root.find(f"{NS}title").text == "许可证（按状态）"
    assert root.get("aria-labelledby") == "c1-t"
    links = [a.get("href") for a in root.iter(f"{NS}a")]
    assert links == ["/x?status=valid", "/x?status=expired"]
    assert {"有效", "已过期", "12", "3"} <= set(texts(root))
    widths = [float(rect.get("width")) for rect in root.iter(f"{NS}rect") if rect.get("y")]
    assert widths[0] == 300
    assert widths[1] == 75


def test_it_escapes_what_it_is_given():
    root = parse(charts.hbars("c2", "<b>", [Bar("a<b>&", 1, "/x?a=1&b=2")]))
    assert root.find(f"{NS}title").text == "<b>"
    assert "a<b>&" in texts(root)
    assert next(root.iter(f"{NS}a")).get("href") == "/x?a=1&b=2"


def test_an_empty_chart_says_so():
    assert "暂无数据" in texts(parse(charts.hbars("c3", "空", [])))
    assert "暂无数据" in texts(parse(charts.stacked("c4", "空", ["甲"], [])))


def test_stacked_bars_tell_series_apart_by_pattern_and_write_totals():
    stacks = [Stack("2026-11", (5, 2, 1), ("/a", "/b", "/c")), Stack("2026-12", (0, 4, 0))]
    root = parse(charts.stacked("c5", "办结时限", ["按时", "超期", "视为受理"], stacks))
    fills = {rect.get("fill") for rect in root.iter(f"{NS}rect")}
    assert {"#2f5d8a", "url(#c5-p1)", "url(#c5-p2)"} <= fills  # solid, hatch, dots
    assert len(list(root.iter(f"{NS}pattern"))) == 3
    assert [a.get("href") for a in root.iter(f"{NS}a")] == ["/a", "/b", "/c"]
    words = texts(root)
    assert {"按时", "超期", "视为受理", "8", "4"} <= set(words)


def test_monthly_columns_name_each_month_and_the_year_once():
    bars = [Bar("2025-12", 1, "/l"), Bar("2026-01", 4, "/l"), Bar("2026-02", 0, "/l")]
    words = texts(parse(charts.columns("c6", "批次登记（按月）", bars)))
    assert words.count("2025年") == 1
    assert words.count("2026年") == 1
    assert {"12", "01", "02", "1", "4", "0"} <= set(words)


def test_fills_repeat_after_the_patterns_run_out():
    assert charts.fill("x", 0) == charts.fill("x", len(charts.PATTERNS))
    assert charts.fill("x", 4) == "#c8d3de"


def test_the_first_refresh_counts_everything():
    assert r.families_to_refresh([], new_day=False, new_scans=False, first=True) == set(r.Family)


def test_a_refresh_recounts_only_the_families_fed_by_what_was_recorded():
    due = r.families_to_refresh(
        ["lot", "organisation", "case"], new_day=False, new_scans=False, first=False
    )
    assert due == {r.Family.LOTS, r.Family.CASES, r.Family.CASE_MONTHS}
    assert r.families_to_refresh([], new_day=False, new_scans=False, first=False) == set()


def test_a_new_day_recounts_the_date_bound_figures_and_scans_their_own_mark():
    due = r.families_to_refresh([], new_day=True, new_scans=True, first=False)
    assert due == set(r.DATE_BOUND) | {r.Family.SCANS}


def test_every_metric_belongs_to_exactly_one_family():
    listed = [m for ms in r.FAMILY_METRICS.values() for m in ms]
    assert sorted(listed) == sorted(r.Metric)
    assert set(r.FAMILY_METRICS) == set(r.Family)


def test_the_last_months_cross_the_year():
    assert r.last_months(date(2026, 2, 10), 4) == ["2025-11", "2025-12", "2026-01", "2026-02"]
    assert len(r.last_months(date(2026, 12, 1))) == 12


def test_totals_sum_over_banners_and_months():
    rows = [
        r.Row(r.Metric.LOT_MONTH, "152201", "2026-11", "樟子松", 2),
        r.Row(r.Metric.LOT_MONTH, "152221", "2026-12", "樟子松", 3),
        r.Row(r.Metric.LOT_MONTH, "152221", "2026-12", "落叶松", 1),
        r.Row(r.Metric.CASE_STAGE, "152221", "", "opened", 7),
    ]
    assert r.total_by_key(rows, r.Metric.LOT_MONTH) == {"樟子松": 5, "落叶松": 1}
    assert r.total_by(rows, r.Metric.LOT_MONTH, "period") == {"2026-11": 2, "2026-12": 4}
    assert r.total_by(rows, r.Metric.LOT_MONTH, "division_code") == {"152201": 2, "152221": 4}


def test_officials_and_operators_see_reports():
    assert r.may_see_reports(True, False)
    assert r.may_see_reports(False, True)
    assert not r.may_see_reports(False, False)


def test_an_applications_events_feed_its_figures_and_the_publication():
    def due(subject: str) -> set[r.Family]:
        return r.families_to_refresh([subject], new_day=False, new_scans=False, first=False)

    assert due("licence_application") == {r.Family.APPLICATIONS, r.Family.PUBLICATION}
    # an introduction is a matter application: its events recount the introductions too
    assert due("matter_application") == {
        r.Family.APPLICATIONS, r.Family.PUBLICATION, r.Family.INTRODUCTIONS
    }  # fmt: skip


def test_consignments_nursery_bases_and_approvals_feed_their_own_figures():
    def due(subject: str) -> set[r.Family]:
        return r.families_to_refresh([subject], new_day=False, new_scans=False, first=False)

    assert due("quarantine_certificate") == {r.Family.CONSIGNMENTS}
    assert due("nursery_base") == {r.Family.NURSERIES}
    assert due("introduction_approval") == {r.Family.INTRODUCTIONS}
    assert due("site_quarantine_certificate") == set()  # no figure counts them
