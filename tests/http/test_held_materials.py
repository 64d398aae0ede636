"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四), Art. 20): an organisation with a licence on
file applies for its renewal; what the system holds (its verified registration, the licence,
the materials it uploaded for the licence) is offered for confirmation instead of upload,
recorded as 系统调取 with a link to the record, audited, and counted as present: the officer's
one-time notice (一次性告知) starts from what is really missing."""

from __future__ import annotations

import asyncio

import pytest
from bs4 import BeautifulSoup

from seedreg.core.audit.tables import AuditEvent
from tests.fixtures import Browser
from tests.http.heldkit import APPS, licence_holder, ok, upload


@pytest.fixture
def holder(server, api):
    """One organisation each: a licence has one renewal in progress at a time."""
    return licence_holder(server, api("officer_wlht"))


def renewal(holder) -> dict:
    body = {"kind": "renewal", "licence_id": holder.licence["id"]}
    return ok(holder.client.post(APPS, json=body), 201)


def offered(holder, app_id: int) -> dict:
    return ok(holder.client.get(f"{APPS}/{app_id}/held-materials"))


def confirm(holder, app_id: int, item: str, token: str):
    body = {"item_code": item, "record": token}
    return holder.client.post(f"{APPS}/{app_id}/held-materials", json=body)


def test_a_renewal_is_offered_what_the_system_holds_and_counts_it_present(holder, api, server):
    app = renewal(holder)
    offers = offered(holder, app["id"])
    # Registration for A02, the licence for A08, the earlier uploads for A04/A05; the
    # application form (A01) and staff (A06, never uploaded) are not held.
    assert sorted(offers) == ["A02", "A04", "A05", "A08"]
    assert [r["kind"] for r in offers["A02"]] == ["registration"]
    assert holder.org.uscc in offers["A02"][0]["label"]
    assert [r["token"] for r in offers["A08"]] == [f"licence:{holder.licence['id']}"]
    assert holder.licence["number"] in offers["A08"][0]["label"]
    assert offers["A04"][0]["kind"] == "upload"
    assert "A04材料.pdf" in offers["A04"][0]["label"]

    for item in ("A02", "A04", "A08"):
        ok(confirm(holder, app["id"], item, offers[item][0]["token"]), 201)
    upload(holder.client, app["id"], "A01")
    assert sorted(offered(holder, app["id"])) == ["A05"]  # nothing confirmed is offered again

    out = ok(holder.client.get(f"{APPS}/{app['id']}"))
    held = {m["item_code"]: m for m in out["materials"] if m["source"] == "held"}
    assert sorted(held) == ["A02", "A04", "A08"]
    assert held["A08"]["held_link"] == f"/licensing/licences/{holder.licence['id']}"
    assert held["A02"]["held_link"] == f"/organisations/{holder.org.id}"
    assert held["A04"]["held_link"] == f"/licensing/applications/{holder.issue_id}#materials"

    async def events() -> list[dict]:
        return (
            await AuditEvent.select()
            .where(
                (AuditEvent.subject_id == str(app["id"]))
                & (AuditEvent.action == "material:confirm_held")
            )
            .output(load_json=True)
        )

    recorded = asyncio.run(events())
    assert sorted(e["after"]["item"] for e in recorded) == ["A02", "A04", "A08"]

    # The officer's one-time notice starts from what is really missing: A05 (offered but not
    # confirmed) and A06; the held ones read 系统调取 and link to their records.
    ok(holder.client.post(f"{APPS}/{app['id']}/submit"))
    officer = Browser(server)
    officer.login("officer_wlht")
    page = BeautifulSoup(officer.get(f"/licensing/applications/{app['id']}").text, "html.parser")
    ticked = [i["value"] for i in page.select("#form-supplement input[name=items][checked]")]
    assert sorted(ticked) == ["A05", "A06"]
    materials = page.select_one("#materials")
    assert materials is not None
    assert materials.get_text().count("系统调取") == 3
    assert materials.find("a", href=f"/licensing/licences/{holder.licence['id']}")
    assert not page.find("button", string="使用系统已有材料")  # the officer confirms nothing


def test_only_an_offered_record_can_be_confirmed(holder, api):
    app = renewal(holder)
    r = confirm(holder, app["id"], "A02", f"licence:{holder.licence['id']}")  # wrong item
    assert r.status_code == 422, r.text
    assert "不适用于该项材料" in r.json()["error"]["message"]
    # Another operator cannot confirm for this application, nor see what it holds.
    body = {"item_code": "A08", "record": f"licence:{holder.licence['id']}"}
    assert api("bob").post(f"{APPS}/{app['id']}/held-materials", json=body).status_code == 404
    assert api("bob").get(f"{APPS}/{app['id']}/held-materials").status_code == 404


def test_a_held_material_has_no_file_to_download_but_can_be_taken_back(holder):
    app = renewal(holder)
    token = offered(holder, app["id"])["A08"][0]["token"]
    material = ok(confirm(holder, app["id"], "A08", token), 201)
    r = holder.client.get(f"/api/licensing/materials/{material['id']}")
    assert r.status_code == 404
    assert "系统调取" in r.json()["error"]["message"]
    deleted = holder.client.delete(f"/api/licensing/materials/{material['id']}")
    assert deleted.status_code == 204
    assert "A08" in offered(holder, app["id"])  # offered again once taken back


def test_the_guide_says_which_matter_the_code_alone_settles(api):
    quality = ok(api().get("/api/matters/quality_request"))
    assert quality["code_alone"] is True
    licensing = ok(api().get("/api/matters/licensing"))
    assert licensing["code_alone"] is False
    a02 = next(m for m in licensing["materials"] if m["code"] == "A02")
    assert a02["held_by"] == "registration"
    assert a02["table_form"] is False


def test_a_filing_offers_the_registration_on_its_page_and_through_the_shared_api(holder, server):
    details = {
        "kind": "packaged_seller",
        "licence_number": holder.licence["number"],
        "varieties": ["樟子松"],
    }
    filing = ok(holder.client.post("/api/filings", json={"details": details}), 201)
    shared = f"/api/matters/applications/{filing['id']}/held-materials"
    offers = ok(holder.client.get(shared))
    assert sorted(offers) == ["F02"]
    token = offers["F02"][0]["token"]
    assert token == f"registration:{holder.org.id}"

    page_path = f"/filings/{filing['id']}"
    filer = Browser(server)
    filer.login(holder.username)
    page = BeautifulSoup(filer.get(page_path).text, "html.parser")
    offer = page.select_one("#held-materials")
    assert offer is not None
    assert "营业执照或者法人证书复印件" not in offer.get_text()  # the filing's own wording:
    assert "营业执照复印件" in offer.get_text()
    assert holder.org.uscc in offer.get_text()
    button = offer.find("button", string="使用系统已有材料")
    assert button is not None
    assert button["value"] == token
    r = filer.post_form(
        f"{page_path}/materials/held", {"held_item": "F02", "record": token}, form_page=page_path
    )
    assert r.status_code == 303, r.text[:500]
    page = BeautifulSoup(filer.get(page_path).text, "html.parser")
    assert page.select_one("#held-materials") is None
    listed = page.find("a", href=f"/organisations/{holder.org.id}")
    assert listed is not None
    assert "系统调取" in listed.parent.get_text()
    assert ok(holder.client.get(shared)) == {}
    # Confirming twice is refused: it is no longer offered.
    again = holder.client.post(shared, json={"item_code": "F02", "record": token})
    assert again.status_code == 422


def test_the_guides_say_what_needs_no_copy(api):
    quality = api().get("/guides/quality_request").text
    assert "凭统一社会信用代码即可办理" in quality
    assert "凭统一社会信用代码即可办理" not in api().get("/guides/licensing").text
    listed = BeautifulSoup(api().get("/matters").text, "html.parser")
    licensing = listed.select_one("#m-licensing")
    assert licensing is not None
    assert "系统已有的，申请时确认即可，无需再提交" in licensing.get_text()
    assert "凭统一社会信用代码即可办理" in listed.select_one("#m-quality_request").get_text()
