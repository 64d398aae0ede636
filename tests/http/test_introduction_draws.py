"""Draw-down of an approved introduction over HTTP: lots and inbound consignments take from the
approved quantity, never more; a draw outside its scope is refused with every reason; 20
concurrent draws for the last quantity never take more than the approval allows."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import httpx
import pytest

from tests.fixtures import token_for
from tests.http.introkit import API, OTHER_CITY, accepted, step
from tests.http.test_licensing_api import ok, refused
from tests.label_support import sql

REQUESTS = 20


@pytest.fixture
def c(api, personas) -> SimpleNamespace:
    return SimpleNamespace(
        alice=api("alice"), bob=api("bob"), league=api("officer_league"), kyqq=api("officer_kyqq")
    )


def granted_approval(c, quantity: str = "1000") -> dict:
    app = accepted(c.alice, c.league, quantity=quantity)
    return step(c.league, app["id"], "grant", {"conditions": ""})["approval"]


def draw(quantity: str, **changes) -> dict:
    base = {
        "quantity": quantity,
        "unit": "株",
        "site_code": "152201",
        "variety": "樟子松（普通）",
        "origin_code": OTHER_CITY,
        "supplier": "赤峰市林木种苗有限公司",
        "source": "consignment",
        "reference": "调入单001",
    }
    return {**base, **changes}


def draws_url(approval: dict) -> str:
    return f"{API}/approvals/{approval['id']}/draws"


def test_draws_take_from_the_approval_and_never_above_it(c):
    approval = granted_approval(c)
    taken = ok(c.alice.post(draws_url(approval), json=draw("400")), 201)
    assert taken["remaining"] == "600"
    refused(c.alice.post(draws_url(approval), json=draw("700")), 422, "超出批准数量", "剩余600")
    assert ok(c.alice.get(f"{API}/approvals/{approval['id']}"))["remaining"] == "600"
    last = ok(c.alice.post(draws_url(approval), json=draw("600", source="lot")), 201)
    assert last["remaining"] == "0"
    refused(c.alice.post(draws_url(approval), json=draw("1")), 422, "超出批准数量")


def test_a_draw_outside_the_scope_is_refused_with_every_reason(c):
    approval = granted_approval(c)
    bad = draw("10", site_code="152222", variety="油松", origin_code="150500", unit="kg")
    message = refused(c.alice.post(draws_url(approval), json=bad), 422)
    for words in ("计量单位应为株", "品种“油松”", "来源地 150500", "地点 152222"):
        assert words in message, words
    assert ok(c.alice.get(f"{API}/approvals/{approval['id']}"))["remaining"] == "1000"


def test_only_the_holder_and_officials_who_see_it_may_draw(c):
    approval = granted_approval(c)
    assert c.bob.post(draws_url(approval), json=draw("1")).status_code == 404
    assert c.bob.get(f"{API}/approvals/{approval['id']}").status_code == 404
    assert ok(c.kyqq.get(f"{API}/approvals/{approval['id']}"))["number"] == approval["number"]


async def _fire(server: str, token: str, url: str, amounts: list[str]) -> list[httpx.Response]:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=server, headers=headers, timeout=120) as client:
        return await asyncio.gather(*(client.post(url, json=draw(q)) for q in amounts))


def test_concurrent_draws_for_the_last_quantity_stay_within_the_maximum(c, server, personas):
    approval = granted_approval(c, quantity="100")
    ok(c.alice.post(draws_url(approval), json=draw("70")), 201)  # 30 left
    amounts = [str(5 + i % 3) for i in range(REQUESTS)]  # 5…7 each: 117 asked for
    token = token_for(server, personas["alice"].username)

    responses = asyncio.run(_fire(server, token, draws_url(approval), amounts))

    codes = [r.status_code for r in responses]
    assert set(codes) <= {201, 422}, [r.text[:200] for r in responses if r.status_code >= 400]
    taken = [int(q) for q, r in zip(amounts, responses, strict=True) if r.status_code == 201]
    assert taken
    assert 422 in codes
    stored = sql(
        "SELECT max_stored, remaining_stored FROM introduction_approval WHERE id = {}",
        approval["id"],
    )[0]
    drawn = sql(
        "SELECT COALESCE(SUM(quantity_stored), 0) AS total FROM introduction_draw "
        "WHERE approval = {}",
        approval["id"],
    )[0]
    assert stored["remaining_stored"] >= 0
    assert int(drawn["total"]) == 70 + sum(taken) == 100 - stored["remaining_stored"]
    assert sum(taken) <= 30
    assert stored["remaining_stored"] < max(int(q) for q in amounts)  # nothing more fitted
