"""Lots from outside the league cite their approved introduction (issue 16): the lot form checks
it with the introductions service, which takes the lot's quantity from the approval (never
above it, the reason named beside the field); the label names the approval."""

from __future__ import annotations

import pytest

from tests.http.introkit import accepted, step
from tests.http.lotkit import lot_body, make_lot, ok, refused
from tests.http.test_lot_sources import assert_fits, issue_and_print, ready
from tests.label_support import make_chain
from tests.pdfread import squash


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


def approval_for(chain, api, quantity: str = "1000") -> dict:
    league = api("officer_league")
    app = accepted(chain.alice, league, species=chain.species, quantity=quantity)
    return step(league, app["id"], "grant", {"conditions": ""})["approval"]


def test_a_lot_citing_its_approval_draws_it_down_and_the_label_names_it(chain, api):
    approval = approval_for(chain, api)
    lot = chain.lot(quantity=600, introduction_number=approval["number"], variety="樟子松（普通）")
    assert lot["introduction_number"] == approval["number"]
    left = ok(chain.alice.get(f"/api/introductions/approvals/{approval['id']}"))
    assert left["remaining"] == "400"
    too_much = chain.alice.post(
        "/api/lots",
        json=lot_body_like(chain, quantity=600, introduction_number=approval["number"]),
    )
    message = refused(too_much, 422, "超出批准数量")
    assert too_much.json()["error"]["field"] == "introduction_number", message
    assert (
        ok(chain.alice.get(f"/api/introductions/approvals/{approval['id']}"))["remaining"] == "400"
    )
    ready(chain, lot)
    for layout in ("single_100x70", "single_80x50"):
        label, text = issue_and_print(chain, lot, layout)
        assert squash(f"引种批准{approval['number']}") in text, text
        assert_fits(chain, label, layout)


def test_an_unknown_or_foreign_approval_number_is_refused(chain, api):
    unknown = chain.alice.post(
        "/api/lots",
        json=lot_body_like(chain, quantity=10, introduction_number="兴林草引准〔1999〕1号"),
    )
    refused(unknown, 422, "不存在或不属于本单位")


def lot_body_like(chain, **changes) -> dict:
    """The body chain.lot posts, with changes (to post it ourselves and read the refusal)."""
    return lot_body(chain.licence, species=chain.species, material="seedling", **changes)


def test_a_lot_in_the_league_needs_no_approval(chain):
    lot = make_lot(chain.alice, chain.licence, species=chain.species, material="seedling")
    assert lot["introduction_number"] == ""
