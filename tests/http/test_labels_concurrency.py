"""Over-issuance under load: 20 label requests at once against the live server, together asking
for more than the lot holds. The atomic reservation lets through only what fits; the others get
409 with the lot's remainder, and the labels issued add up to the labelled quantity exactly."""

from __future__ import annotations

import asyncio

import httpx

from tests.fixtures import token_for
from tests.label_support import make_chain, sql

REQUESTS = 20
EACH = 10


async def _fire(server: str, token: str, lot_id: int, counts: list[int]) -> list[httpx.Response]:
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=server, headers=headers, timeout=120) as client:
        return await asyncio.gather(
            *(
                client.post(
                    f"/api/labels/lots/{lot_id}/issues",
                    json={"count": n, "quantity_each": EACH},
                )
                for n in counts
            )
        )


def test_concurrent_requests_never_label_more_than_the_lot(api, server, personas):
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=1000)
    counts = [5 + i % 4 for i in range(REQUESTS)]  # 5…8 labels of 10 株: 1,300 株 asked for
    assert sum(counts) * EACH > 1000
    token = token_for(server, personas["alice"].username)

    responses = asyncio.run(_fire(server, token, lot["id"], counts))

    codes = [r.status_code for r in responses]
    assert set(codes) <= {201, 409}, [r.text[:200] for r in responses if r.status_code >= 400]
    granted = [n for n, r in zip(counts, responses, strict=True) if r.status_code == 201]
    refused = [r for r in responses if r.status_code == 409]
    assert granted
    assert refused
    for r in refused:
        assert r.json()["error"]["message"].startswith("超出批次剩余数量（剩余 ")
    stored = sql("SELECT quantity, labelled_quantity FROM lot WHERE id = {}", lot["id"])[0]
    labels = sql(
        "SELECT COUNT(*) AS n, COALESCE(SUM(quantity), 0) AS total, "
        "COUNT(DISTINCT sequence) AS seqs "
        "FROM label WHERE lot = {} AND status = 'valid'",
        lot["id"],
    )[0]
    assert stored["labelled_quantity"] <= stored["quantity"] == 1000
    assert int(labels["total"]) == stored["labelled_quantity"] == sum(granted) * EACH
    assert labels["n"] == labels["seqs"] == sum(granted)  # sequences never collide
    # Nothing more fits than what the refusals said was left.
    assert 1000 - stored["labelled_quantity"] < max(counts) * EACH
