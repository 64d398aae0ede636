"""The 双随机 draws on the public publication page (issue 25, 双随机一公开): per office and
month, the draws held, targets drawn, checks closed with and without findings, counted from
draws this test seeds under an office code no real banner has, in a month long past."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from seedreg.core import clock
from seedreg.inspections.tables import (
    CheckFinding,
    DrawnVisit,
    FieldCheck,
    InspectionPlan,
    RandomDraw,
)
from tests.fixtures import Browser
from tests.http.lotkit import ok

OFFICE = f"1522{random.randint(25, 29)}"  # no real banner; no other test uses 25–29
YEAR = random.randint(2001, 2009)  # long past: no other draw is held in it here
MONTH = random.randint(1, 11)
# per draw held in the month: each drawn target's (checked, findings)
DRAWS = [[(True, 2), (True, 0), (False, 0)], [(True, 1)]]
NEXT_MONTH = [[(True, 0)]]  # held the month after: not counted in the month


def _uid(n: int = 12) -> str:
    return uuid.uuid4().hex[:n]


async def _draw(plan_id: int, at: datetime, visits: list[tuple[bool, int]]) -> None:
    draw = RandomDraw(
        plan=plan_id, year=YEAR, division_code=OFFICE, seed=_uid(), requested=len(visits),
        candidates={"targets": []}, result={"unpaired": []}, drawn_at=at,
    )  # fmt: skip
    await draw.save()
    for n, (checked, findings) in enumerate(visits):
        visit = DrawnVisit(
            draw=draw.id, year=YEAR, target_kind="organisation", target_id=0,
            target_name=f"测试对象{n}", inspectors=[],
        )  # fmt: skip
        await visit.save()
        if not checked:
            continue
        check = FieldCheck(
            idempotency_key=str(uuid.uuid4()), public_id=_uid(24), number=f"测{_uid(20)}",
            division_code=OFFICE, origin="draw", drawn_visit=visit.id,
            target_kind="organisation", target_id=0, target_name=f"测试对象{n}",
            representative="测试代表", started_at=at, ended_at=at, submitted_at=at,
        )  # fmt: skip
        await check.save()
        for i in range(findings):
            await CheckFinding(
                field_check=check.id, code="V1-1", source="other", text="测试问题", position=i
            ).save()


async def _seed() -> None:
    plan = InspectionPlan(
        year=YEAR, division_code=OFFICE, title=f"测试计划{_uid(6)}",
        target_kinds=["organisation"], status="approved", created_at=clock.now(),
    )  # fmt: skip
    await plan.save()
    # the 1st at 00:30 China time: in the month in UTC+8 though the previous day in UTC
    start = datetime(YEAR, MONTH, 1, 0, 30, tzinfo=clock.CHINA)
    for visits in DRAWS:
        await _draw(plan.id, start, visits)
    for visits in NEXT_MONTH:
        await _draw(plan.id, datetime(YEAR, MONTH + 1, 1, 0, 30, tzinfo=clock.CHINA), visits)


@pytest.fixture(scope="module")
def draws():
    asyncio.run(_seed())
    return f"{YEAR}-{MONTH:02d}"


def expected() -> dict[str, int]:
    targets = [t for d in DRAWS for t in d]
    closed = [t for t in targets if t[0]]
    return {
        "draws": len(DRAWS),
        "targets": len(targets),
        "closed": len(closed),
        "with_findings": sum(1 for _, f in closed if f),
        "without_findings": sum(1 for _, f in closed if not f),
    }


def test_the_publication_counts_each_offices_draws_and_their_results(api, draws, server):
    board = ok(api().get("/api/public/reports/publication", params={"month": draws}))
    [office] = [o for o in board["draws"] if o["division_code"] == OFFICE]
    counts = {k: v for k, v in office.items() if k not in ("division_code", "name")}
    assert counts == expected()
    assert expected() == {"draws": 2, "targets": 4, "closed": 3, "with_findings": 2,
                          "without_findings": 1}  # fmt: skip
    page = Browser(server).get("/reports/public", params={"month": draws})  # no login
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    row = soup.select_one(f"#draws-{OFFICE}")
    assert [td.text for td in row.select("td")] == ["2", "4", "3", "2", "1"]
    assert soup.select_one("#draws a[href='/inspections/draws']") is not None
    assert "测试对象" not in page.text  # counts only: no target's name
    later = f"{YEAR}-{MONTH + 1:02d}"
    board = ok(api().get("/api/public/reports/publication", params={"month": later}))
    [office] = [o for o in board["draws"] if o["division_code"] == OFFICE]
    assert (office["draws"], office["targets"], office["without_findings"]) == (1, 1, 1)


def test_the_period_report_counts_the_findings_of_those_checks(api, draws):
    for _ in range(5):  # the live server's own refresh may hold a newer head: count again
        if ok(api("admin").post("/api/reports/refresh"))["written"]:
            break
    report = ok(
        api("officer_league").get(
            "/api/reports/period", params={"period": draws, "division": OFFICE}
        )
    )
    found = sum(f for d in DRAWS for checked, f in d if checked)
    assert report["total"]["findings"] == found == 3  # the check started in the month (UTC+8)
