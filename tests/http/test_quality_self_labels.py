"""A 自检 质量检验合格证 is a certificate like the station's for 两证一签: labels are issued on it,
record its number ("ZJ2026-152201-Z0001") and print its quality indicators."""

from __future__ import annotations

import pytest

from tests.http.lotkit import ok, seedling_measures
from tests.http.test_quality_testers import registration
from tests.label_support import make_chain
from tests.pdfread import pdf_text, squash


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


@pytest.mark.parametrize("layout", ["single_100x70", "single_80x50"])
def test_labels_are_issued_on_a_self_certificate(chain, layout):
    tester = ok(chain.alice.post("/api/quality/testers", json=registration()), 201)
    ok(chain.station.post(f"/api/quality/testers/{tester['id']}/verify"))
    lot = chain.lot("seedling", "1000")
    body = seedling_measures(root_spread_cm=20, tester_id=tester["id"])
    own = ok(chain.alice.post(f"/api/lots/{lot['id']}/inspections", json=body), 201)
    cert = ok(chain.alice.post(f"/api/quality/inspections/{own['id']}/certificate"), 201)
    chain.site_quarantine(lot)
    issue = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        201,
    )
    assert issue["content"]["quality_certificate_number"] == cert["number"]
    label = ok(chain.alice.get(f"/api/labels/issues/{issue['id']}/labels"))["items"][0]
    r = chain.alice.get(f"/api/labels/items/{label['id']}/pdf", params={"layout": layout})
    assert r.status_code == 200, r.text[:300]
    assert issue["content"]["quality"] == cert["indicators_text"]
    assert squash(f"质量指标：{cert['indicators_text']}") in squash(pdf_text(r.content))
