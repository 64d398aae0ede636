"""The office's book of licences (/licensing/licences and GET /api/licensing/licences): every
licence of the jurisdiction, ended ones included, filtered in the database by the status the
licence shows today, banner, expiry within N days and holder or number; paged, exported. The
licences are of a holder named for this module, so the shared database's others do not count."""

from __future__ import annotations

import asyncio
import io
import random
import uuid
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from python_calamine import CalamineWorkbook

from seedreg.core import clock
from seedreg.licensing.tables import Licence
from tests import factories
from tests.fixtures import Browser, unique
from tests.http.lotkit import ok, refused

LIST = "/api/licensing/licences"
HOLDER = unique("书册苗圃")
TODAY = clock.today()
# (banner, stored status, days from today to the last valid day)
SEEDED = [
    ("152201", "valid", 20),
    ("152201", "valid", 89),
    ("152201", "valid", 400),
    ("152201", "valid", -3),  # past its last day: shows as expired before the daily duty runs
    ("152221", "expired", -40),
    ("152221", "cancelled", 100),
    ("152221", "revoked", 200),
]


async def _seed() -> list[str]:
    org = await factories.make_organisation("152201", name=HOLDER)
    numbers = []
    for banner, status, days in SEEDED:
        number = f"{banner}1997{random.randint(1000, 9999)}"  # a year no other test names
        while await Licence.exists().where(Licence.number == number):
            number = f"{banner}1997{random.randint(1000, 9999)}"  # a year no other test names
        await Licence(
            number=number, public_id=uuid.uuid4().hex[:24], organisation=org.id,
            holder_name=HOLDER, legal_representative="张三", registered_address="乌兰浩特市",
            valid_from=TODAY - timedelta(days=1000), valid_to=TODAY + timedelta(days=days),
            issued_on=TODAY - timedelta(days=1000), issuing_division="152200",
            issuing_authority="兴安盟林业和草原局", division_code=banner, status=status,
            created_at=clock.now(), updated_at=clock.now(),
        ).save()  # fmt: skip
        numbers.append(number)
    return numbers


@pytest.fixture(scope="module")
def numbers(server) -> list[str]:
    return asyncio.run(_seed())


def listed(client, **params) -> list[str]:
    body = ok(client.get(LIST, params={"q": HOLDER, **params}))
    assert body["total"] == len(body["items"])  # one page holds them
    return sorted(x["number"] for x in body["items"])


def expect(numbers: list[str], keep) -> list[str]:
    return sorted(n for n, row in zip(numbers, SEEDED, strict=True) if keep(*row))


def test_the_filters_pick_the_licences_by_what_they_show_today(api, numbers):
    league = api("officer_league")
    assert listed(league) == sorted(numbers)
    assert listed(league, status="valid") == expect(
        numbers, lambda b, s, d: s == "valid" and d >= 0
    )
    assert listed(league, status="expired") == expect(
        numbers, lambda b, s, d: s == "expired" or (s == "valid" and d < 0)
    )
    assert listed(league, status="revoked") == expect(numbers, lambda b, s, d: s == "revoked")
    assert listed(league, expiring_within=90) == expect(
        numbers, lambda b, s, d: s == "valid" and 0 <= d <= 90
    )
    assert listed(league, division="152221") == expect(numbers, lambda b, s, d: b == "152221")
    # a banner's officer sees its banner's only, whatever banner it asks for
    assert listed(api("officer_kyqq")) == expect(numbers, lambda b, s, d: b == "152221")
    assert listed(api("officer_kyqq"), division="152201") == []
    assert listed(api("alice")) == []  # an operator: its own licences only
    first = ok(league.get(LIST, params={"q": numbers[0]}))["items"]
    assert [x["number"] for x in first] == [numbers[0]]


def test_a_status_or_a_day_count_out_of_range_is_refused(api, numbers):
    refused(api("officer_league").get(LIST, params={"status": "lost"}), 422, "status")
    refused(api("officer_league").get(LIST, params={"expiring_within": 99999}), 422)


def test_the_page_lists_filters_and_exports_the_same_licences(server, numbers):
    page = Browser(server)
    page.login("officer_league")
    home = BeautifulSoup(page.get("/licensing").text, "html.parser")
    assert home.find("a", href="/licensing/licences") is not None
    params = {"q": HOLDER, "status": "expired"}
    soup = BeautifulSoup(page.get("/licensing/licences", params=params).text, "html.parser")
    shown = sorted(s.get_text(strip=True) for s in soup.select("#licences strong.code"))
    assert shown == expect(numbers, lambda b, s, d: s == "expired" or (s == "valid" and d < 0))
    assert f"共 {len(shown)} 张许可证" in soup.get_text(" ", strip=True)
    assert soup.select_one("select[name=status] option[selected]").get_text() == "已过期"
    link = soup.find("a", string="导出电子表格")["href"]
    assert "status=expired" in link
    r = page.get(link)
    assert r.status_code == 200, r.text[:300]
    rows = CalamineWorkbook.from_filelike(io.BytesIO(r.content)).get_sheet_by_index(0).to_python()
    assert rows[0][:2] == ["许可证编号", "持证者"]
    assert sorted(str(x[0]) for x in rows[1:]) == shown
    assert {x[-2] for x in rows[1:]} == {"已过期"}
