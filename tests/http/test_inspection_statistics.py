"""Statistics of checks (issue 23): findings by catalogue item, banner and month, and the
rectifications past their deadline, equal to counts this test computes from the checks it
records. It counts only its own period (a year no other test uses) so others' rows do not
matter."""

from __future__ import annotations

import asyncio
import random
from collections import Counter

import pytest

from tests import factories
from tests.fixtures import Browser
from tests.http.checkkit import body, make_team
from tests.http.lotkit import ok, refused
from tests.label_support import sql

CHECKS = "/api/inspections/checks"
STATS = "/api/inspections/statistics"
YEAR = random.Random().choice(range(2011, 2020))


@pytest.fixture(scope="module")
def team(server, personas):
    return make_team(server)


def org(county: str) -> int:
    return asyncio.run(factories.make_organisation(county)).id


# (banner, month, day, failed catalogue items)
SEEDED = [
    ("152201", 3, 5, ["V4-1", "V1-1"]),
    ("152201", 3, 20, ["V4-1"]),
    ("152201", 7, 9, []),
    ("152201", 7, 30, ["V3-2", "V4-1"]),
    ("152221", 7, 11, ["V1-1"]),
]


@pytest.fixture(scope="module")
def seeded(team):
    """The checks of this test's year; 科右前旗 by its own inspector with the league's."""
    made = []
    for banner, month, day, codes in SEEDED:
        who = team.first if banner == "152201" else team.other_banner
        ids = (
            [team.first_id, team.second_id]
            if banner == "152201"
            else [team.other_banner_id, team.league_id]
        )
        start = f"{YEAR}-{month:02d}-{day:02d}T02:00:00+00:00"
        data = body(
            team,
            org(banner),
            inspector_ids=ids,
            started_at=start,
            ended_at=start.replace("T02", "T03"),
            checklist=[{"code": c, "result": "fails", "note": c} for c in codes],
        )
        made.append(ok(who.post(CHECKS, json=data), 201))
    return made


def period() -> dict[str, str]:
    return {"start": f"{YEAR}-01-01", "end": f"{YEAR}-12-31"}


def test_the_league_sees_every_banner_counted_as_the_records_say(team, seeded):
    stats = ok(team.league.get(STATS, params=period()))
    facts = [(b, f"{YEAR}-{m:02d}", c) for b, m, _, codes in SEEDED for c in codes]
    assert stats["total"] == len(facts) == 6
    assert {r["code"]: r["count"] for r in stats["by_item"]} == Counter(c for _, _, c in facts)
    assert {r["division_code"]: r["count"] for r in stats["by_division"]} == Counter(
        b for b, _, _ in facts
    )
    assert {r["month"]: r["count"] for r in stats["by_month"]} == Counter(m for _, m, _ in facts)
    # every rectification of that year is long past its deadline: overdue unless re-inspected
    # (another test here rectifies one)
    ids = {c["id"] for c in seeded}
    every = sql("SELECT id, field_check FROM follow_up WHERE state = 'pending'")
    pending = [r for r in every if r["field_check"] in ids]
    assert len(pending) >= 5
    assert sorted(o["follow_up_id"] for o in stats["overdue"]) == sorted(r["id"] for r in pending)


def test_a_banner_sees_its_own_and_a_rectified_finding_is_no_longer_overdue(team, seeded):
    mine = ok(team.first.get(STATS, params=period()))
    assert mine["total"] == 5
    assert [r["division_code"] for r in mine["by_division"]] == ["152201"]
    refused(team.first.get(STATS, params={**period(), "division": "152221"}), 403)
    one = ok(team.league.get(STATS, params={**period(), "division": "152221"}))
    assert one["total"] == 1
    target = mine["overdue"][0]
    ok(
        team.first.post(
            f"/api/inspections/follow-ups/{target['follow_up_id']}",
            json={"state": "rectified", "note": "已整改"},
        )
    )
    again = ok(team.first.get(STATS, params=period()))
    assert len(again["overdue"]) == len(mine["overdue"]) - 1
    assert again["total"] == mine["total"]  # a rectified finding was still found


def test_the_page_shows_the_same_figures(server, team, seeded):
    page = Browser(server)
    page.login(team.first_username)
    shown = page.get("/inspections/statistics", params={**period(), "division": "152201"})
    assert shown.status_code == 200
    assert '<span id="total">5</span>' in shown.text
    assert f"{YEAR}-07" in shown.text
    assert "逾期未整改" in shown.text
    bad = page.get(
        "/inspections/statistics", params={"start": f"{YEAR}-12-31", "end": f"{YEAR}-01-01"}
    )
    assert bad.status_code == 422
    assert "结束日期不能早于开始日期" in bad.text


def test_operators_and_other_officials_are_refused(api, seeded):
    refused(api("alice").get(STATS), 403)
    refused(api("officer_wlht").get(STATS), 403)
