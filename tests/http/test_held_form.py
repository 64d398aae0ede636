"""使用系统已有材料 on every kind of application's page (兴署发〔2021〕5号 Art. 10(四)): one form
handler for the four; an item the form does not offer, even an over-long code or token, answers
the application's page with the Chinese refusal, never a server error, and adds no material.

Every organisation and record here is FICTIONAL test data."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from seedreg.matters.held_views import ITEM_MAX, RECORD_MAX
from seedreg.matters.schemas import HeldConfirmIn
from tests.http.introkit import apply
from tests.http.lotkit import make_lot, record_licence
from tests.http.requestkit import quality_body
from tests.http.test_licensing_api import issue_details, ok
from tests.http.test_paged_lists import own_operator

REFUSED = "所选的系统已有材料不适用于该项材料"


@pytest.fixture(scope="module")
def apps(server, personas, api) -> SimpleNamespace:
    """An operator of a fresh organisation with one draft of each kind, and their pages."""
    who = own_operator(server)
    licence = record_licence(api("officer_league"), who.org.id, species=["樟子松"])
    number = licence["number"]
    filing = {"kind": "packaged_seller", "licence_number": number, "varieties": ["樟子松"]}
    request = quality_body(make_lot(who.api, licence))
    licensing = {"kind": "issue", "details": issue_details()}
    who.paths = {
        "licensing": "/licensing/applications/{id}".format(
            **ok(who.api.post("/api/licensing/applications", json=licensing), 201)
        ),
        "filings": "/filings/{id}".format(
            **ok(who.api.post("/api/filings", json={"details": filing}), 201)
        ),
        "introductions": "/introductions/{id}".format(**apply(who.api)),
        "requests": "/requests/{id}".format(**ok(who.api.post("/api/requests", json=request), 201)),
    }
    return who


def test_the_form_clips_to_what_the_api_accepts():
    fields = HeldConfirmIn.model_json_schema()["properties"]
    accepted = (fields["item_code"]["maxLength"], fields["record"]["maxLength"])
    assert accepted == (ITEM_MAX, RECORD_MAX)


@pytest.mark.parametrize("kind", ["licensing", "filings", "introductions", "requests"])
@pytest.mark.parametrize(
    ("item", "record"),
    [("ZZ9", "registration:1"), ("A" * 5000, "registration:" + "9" * 5000)],
    ids=["unknown", "over-long"],
)
def test_a_record_not_offered_answers_the_page_with_the_chinese_refusal(apps, kind, item, record):
    path = apps.paths[kind]
    before = apps.pages.get(path).text.count("系统调取")
    r = apps.pages.post_form(
        f"{path}/materials/held", {"held_item": item, "record": record}, form_page=path
    )
    assert r.status_code == 422, (r.status_code, r.text[:300])
    assert REFUSED in r.text
    assert "Traceback" not in r.text
    assert apps.pages.get(path).text.count("系统调取") == before  # nothing added
