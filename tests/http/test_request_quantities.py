"""The quantity of a 调运检疫报检 is checked when the operator submits it (issue 17): no more
per lot than its valid 产地检疫合格证 still covers, the lot named in a Chinese message, through
the API and the page, nothing written; submitting reserves nothing, so two requests for the last
quantity both go in and issuing (under lock) gives it to one; a resubmission is checked again."""

from __future__ import annotations

import json
import re

from tests.fixtures import Browser
from tests.http.lotkit import ok, refused
from tests.http.requestkit import REQUESTS, act, consignment_body, site_body, submitted
from tests.http.test_consignments import exchange_body
from tests.http.test_requests import new_lot, r  # noqa: F401  (the module's fixture)
from tests.label_support import sql

SITES = "/api/quarantine/site-certificates"


def covered_lot(r, quantity: int, exchanged: str) -> tuple[dict, int]:  # noqa: F811
    """A lot of ``quantity`` 株 under a 产地检疫合格证 that has given out ``exchanged``."""
    lot = new_lot(r, quantity=quantity)
    site = submitted(r.alice, site_body([lot]))
    act(r.quarantine, site["id"], "accept")
    done = act(r.quarantine, site["id"], "quarantine-result", {})
    site_id = int(re.search(r"/quarantine/site/(\d+)", done["certificate_url"]).group(1))
    if exchanged:
        body = exchange_body(lot, exchanged, vehicle="货车 蒙F·00001")
        ok(r.quarantine.post(f"{SITES}/{site_id}/exchange", json=body), 201)
    return lot, site_id


def _requests_of(lot: dict) -> int:
    """The 报检 naming the lot, drafts included."""
    rows = sql(
        "SELECT details FROM matter_application WHERE matter = {}", "consignment_quarantine_request"
    )
    found = 0
    for row in rows:
        details = row["details"]
        details = json.loads(details) if isinstance(details, str) else details
        found += any(i["lot_id"] == lot["id"] for i in details.get("items", []))
    return found


def test_a_request_asks_no_more_than_the_site_certificate_still_covers(r, server, personas):  # noqa: F811
    lot, _ = covered_lot(r, 1000, "700")
    too_much = r.alice.post(REQUESTS, json=consignment_body([(lot, "400")]))
    body = refused(too_much, 422, lot["number"])
    assert "只剩 300 株 可换发" in str(body), body
    assert _requests_of(lot) == 0  # nothing written
    # submitting reserves nothing: two requests for the last 300 both go in …
    first = submitted(r.alice, consignment_body([(lot, "300")]))
    second = submitted(r.alice, consignment_body([(lot, "300")], vehicle="货车 蒙F·22222"))
    third = submitted(r.alice, consignment_body([(lot, "100")], vehicle="货车 蒙F·33333"))
    for made in (first, second):
        act(r.quarantine, made["id"], "accept")
    # … and issuing, which draws under lock, gives it to one (the race stays closed there)
    ok(r.quarantine.post(f"{REQUESTS}/{first['id']}/quarantine-result", json={}))
    refused(r.quarantine.post(f"{REQUESTS}/{second['id']}/quarantine-result", json={}), 422)
    # a resubmission after 补正 is checked again: nothing is left now
    act(r.quarantine, third["id"], "supplement", {"items": ["C01"]})
    again = refused(r.alice.post(f"{REQUESTS}/{third['id']}/resubmit"), 422, lot["number"])
    assert "只剩 0 株 可换发" in str(again)
    # the same on the request's page, as the message of the page
    alice = Browser(server)
    alice.login(personas["alice"].username)
    page = f"/requests/{third['id']}"
    shown = alice.post_form(f"{page}/resubmit", {}, form_page=page)
    assert shown.status_code == 422
    assert f"批次 {lot['number']} 的产地检疫合格证" in shown.text
    assert "只剩 0 株 可换发" in shown.text


def test_the_request_form_says_which_lot_is_short_and_keeps_what_was_typed(r, server, personas):  # noqa: F811
    lot, _ = covered_lot(r, 500, "")
    alice = Browser(server)
    alice.login(personas["alice"].username)
    form_page = f"/requests/new?kind=consignment_quarantine_request&lot_id={lot['id']}"
    details = consignment_body([(lot, "600")])["details"]
    fields = {k: v for k, v in details.items() if isinstance(v, str)}
    fields |= {"lot_id_1": str(lot["id"]), "quantity_1": "600", "packing_1": "捆"}
    shown = alice.post_form("/requests/new", fields, form_page=form_page)
    assert shown.status_code == 422, shown.text[:500]
    assert f"批次 {lot['number']} 的产地检疫合格证" in shown.text
    assert "只剩 500 株 可换发" in shown.text
    assert 'value="600"' in shown.text
    assert _requests_of(lot) == 0
