"""Plant quarantine through the live server: a full-time 检疫员 issues 产地检疫合格证 and
植物检疫证书, exchanges one for the other without re-inspection, and revokes them; every refusal
the rules give (跨省 without 要求书, over-quantity, recalled lots, part-time inspectors), who may
see what, the issuing pages, and the lookup labels use (``current_certificate_for_lot``).

Lots are registered through the lots API under a licence granted through the licensing API, so
everything here passes the same checks as real data.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from bs4 import BeautifulSoup

from seedreg.accounts.rules import LEAGUE_CODE, Role
from seedreg.core import clock
from seedreg.core.audit.tables import AuditEvent
from seedreg.quarantine import records, services
from seedreg.quarantine.rule_settings import (
    CONSIGNMENT_CERTIFICATE_VALID_DAYS,
    SITE_CERTIFICATE_VALID_DAYS,
)
from seedreg.quarantine.tables import QuarantineCertificate, SiteQuarantineCertificate
from tests import factories
from tests.fixtures import Browser, token_for, unique
from tests.http.confirmkit import asks_first

SITES = "/api/quarantine/site-certificates"
CERTS = "/api/quarantine/certificates"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
PART_TIME = "兼职检疫员不得签发检疫证书"


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def refused(response, status: int, *fragments: str) -> str:
    """The API's error shape with a Chinese message containing every fragment."""
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    message = response.json()["error"]["message"]
    assert CHINESE.search(message), message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


def today() -> date:
    return clock.today()


def db(make):
    """Run a query (or coroutine) made by ``make`` against the test database."""

    async def run():
        return await make()

    return asyncio.run(run())


# --- set-up: licences, lots, officers ------------------------------------------------------------

SITE_ALICE = {
    "division_code": "152201",
    "township": "义勒力特镇",
    "village": "红星村",
    "detail": "",
}
SITE_BOB = {"division_code": "152221", "township": "大坝沟镇", "village": "永兴村", "detail": ""}


def granted_licence(operator, officer, site: dict) -> dict:
    """A licence for seed and seedlings of 樟子松 and 兴安落叶松, granted through the API."""
    details = {
        "legal_representative": "张三",
        "registered_address": "兴安盟某地1号",
        "scope": ["seed", "seedling"],
        "species": ["樟子松", "兴安落叶松"],
        "production_sites": [site],
        "valid_area": [site["division_code"]],
    }
    base = "/api/licensing/applications"
    app = ok(operator.post(base, json={"kind": "issue"}), 201)
    ok(operator.put(f"{base}/{app['id']}/details", json={"details": details}))
    ok(operator.post(f"{base}/{app['id']}/submit"))
    ok(officer.post(f"{base}/{app['id']}/accept"))
    granted = ok(officer.post(f"{base}/{app['id']}/grant"))
    return ok(operator.get(f"/api/licensing/licences/{granted['licence_id']}"))


def officer_client(api_factory, server: str, name: str, where: str, full_time: bool):
    """A quarantine officer made for this module (full-time or part-time), signed in."""
    db(
        lambda: factories.make_user(
            name, Role.QUARANTINE_OFFICER, jurisdiction=where, full_time_quarantine=full_time
        )
    )
    client = api_factory()
    client.http.headers["Authorization"] = f"Bearer {token_for(server, name)}"
    return client


@pytest.fixture(scope="module")
def q(server, api, personas) -> SimpleNamespace:
    ns = SimpleNamespace(
        server=server,
        officer=api("quarantine"),  # league, full-time
        alice=api("alice"),
        bob=api("bob"),
        wlht=api("officer_wlht"),
        kyqq=api("officer_kyqq"),
        anon=api(),
        alice_org=personas["alice"].organisation_id,
        bob_org=personas["bob"].organisation_id,
    )
    ns.part_time = officer_client(api, server, unique("jzjy"), LEAGUE_CODE, full_time=False)
    ns.kyqq_officer = officer_client(api, server, unique("kyjy"), "152221", full_time=True)
    ns.officer_name = ok(ns.officer.get("/api/me"))["real_name"]  # never the account's name
    ns.alice_licence = granted_licence(ns.alice, ns.wlht, SITE_ALICE)
    ns.bob_licence = granted_licence(ns.bob, ns.kyqq, SITE_BOB)
    return ns


def new_lot(q, material: str = "seedling", quantity: str = "1000", who: str = "alice") -> dict:
    operator = getattr(q, who)
    licence = q.alice_licence if who == "alice" else q.bob_licence
    site = SITE_ALICE if who == "alice" else SITE_BOB
    payload = {
        "licence_id": licence["id"],
        "material": material,
        "species": "樟子松",
        "origin": "兴安盟",
        "production_site": site,
        "produced_on": today().isoformat(),
        "quantity": quantity,
        "suitable_area": "兴安盟及周边地区",
        "suitable_season": "春季",
        "instructions": "春季顶浆栽植，随起随栽。",  # required with the label (Seed Law Art. 40)
    }
    return ok(operator.post("/api/lots", json=payload), 201)


def site_payload(q, lot_ids: list[int], **changes: Any) -> dict:
    return {
        "organisation_id": q.alice_org,
        "production_site": "乌兰浩特市义勒力特镇红星村苗圃3号地块",
        "inspected_on": today().isoformat(),
        "findings": "经产地检疫，未发现检疫对象",
        "lot_ids": lot_ids,
    } | changes


def consignment_body(items: list[dict], **changes: Any) -> dict:
    return {
        "consignee": "科右前旗造林站",
        "consignee_address": "科右前旗大坝沟镇",
        "origin": "乌兰浩特市义勒力特镇",
        "destination": "科右前旗大坝沟镇",
        "destination_division": "152221",
        "via": "G111国道",
        "vehicle": "货车 蒙F·12345",
        "ships_on": today().isoformat(),
        "items": items,
    } | changes


def consignment_payload(q, items: list[dict], **changes: Any) -> dict:
    return consignment_body(items, organisation_id=q.alice_org, findings="未发现检疫对象") | changes


def item(lot: dict, quantity: str, packing: str = "捆") -> dict:
    return {"lot_id": lot["id"], "quantity": quantity, "packing": packing}


def backdate(table, certificate_id: int, days: int) -> None:
    """Make a certificate issued ``days`` ago and expired yesterday (validity is a setting)."""

    async def run() -> None:
        await table.update(
            {
                table.issued_on: today() - timedelta(days=days),
                table.valid_to: today() - timedelta(1),
            }
        ).where(table.id == certificate_id)

    db(run)


# --- 产地检疫合格证 ----------------------------------------------------------------------------


def test_the_site_certificate_validity_is_the_admins_local_setting(q, api):
    key = SITE_CERTIFICATE_VALID_DAYS.key
    admin = api("admin")
    try:
        assert admin.put(f"/api/settings/{key}", json={"value": 7}).status_code == 200
        cert = ok(q.officer.post(SITES, json=site_payload(q, [new_lot(q)["id"]])), 201)
    finally:
        admin.delete(f"/api/settings/{key}")
    assert cert["valid_to"] == (today() + timedelta(days=7)).isoformat()


def test_the_issuing_station_is_named_as_the_admin_entered_it(q, api):
    cert = ok(q.officer.post(SITES, json=site_payload(q, [new_lot(q)["id"]])), 201)
    admin = api("admin")
    station = next(
        a
        for a in admin.get("/api/reference/authorities").json()
        if a["kind"] == "quarantine_station" and cert["issuing_authority"] == a["name"]
    )
    fields = {k: station[k] for k in ("name", "address", "phone", "doc_abbreviation")}
    url = f"/api/reference/authorities/{station['id']}"
    try:
        assert (
            admin.put(url, json={**fields, "name": "兴安盟林业有害生物防治检疫站"}).status_code
            == 200
        )
        again = ok(q.officer.get(f"{SITES}/{cert['id']}"))
    finally:
        admin.put(url, json=fields)
    assert again["issuing_authority"] == "兴安盟林业有害生物防治检疫站"


def test_a_full_time_officer_issues_a_site_certificate(q):
    seedlings, seed = new_lot(q), new_lot(q, "seed", "25.5")
    cert = ok(q.officer.post(SITES, json=site_payload(q, [seedlings["id"], seed["id"]])), 201)

    assert re.fullmatch(rf"CD{today().year}-152201-\d{{4}}", cert["number"]), cert["number"]
    assert len(cert["number"]) <= 24
    assert cert["state"] == "valid"
    assert cert["state_label"] == "有效"
    assert cert["issued_on"] == today().isoformat()
    days = SITE_CERTIFICATE_VALID_DAYS.default
    assert cert["valid_to"] == (today() + timedelta(days=days)).isoformat()
    assert cert["inspector_name"] == q.officer_name
    assert cert["organisation_name"] == "alice林木种苗有限公司"
    assert cert["issuing_authority"] == "兴安盟森林病虫害防治检疫站"
    assert {(lot["lot_number"], lot["quantity"]) for lot in cert["lots"]} == {
        (seedlings["number"], "1000 株"),
        (seed["number"], "25.5 kg"),
    }
    assert cert["verify_url"].endswith(f"/verify/quarantine/{cert['public_id']}")

    # the operator reads it (own organisation) and finds it in its list, but cannot revoke
    assert ok(q.alice.get(f"{SITES}/{cert['id']}"))["number"] == cert["number"]
    listed = ok(q.alice.get(SITES, params={"status": "valid"}))
    assert cert["id"] in [c["id"] for c in listed["items"]]
    refused(q.alice.post(f"{SITES}/{cert['id']}/revoke", json={"reason": "经营者想撤销"}), 403)


def test_site_certificate_numbers_are_consecutive_per_division_and_year(q):
    lot = new_lot(q)
    first = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    second = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    assert int(second["number"][-4:]) == int(first["number"][-4:]) + 1


def test_a_site_certificate_covers_only_the_organisations_active_lots(q):
    bobs = new_lot(q, who="bob")
    refused(q.officer.post(SITES, json=site_payload(q, [bobs["id"]])), 422, "不属于")
    refused(q.officer.post(SITES, json=site_payload(q, [])), 422)
    future = (today() + timedelta(days=1)).isoformat()
    lot = new_lot(q)
    refused(
        q.officer.post(SITES, json=site_payload(q, [lot["id"]], inspected_on=future)),
        422,
        "检疫日期",
    )


# --- 植物检疫证书 ---------------------------------------------------------------------------------


def test_a_full_time_officer_issues_a_consignment_certificate(q):
    seedlings, seed = new_lot(q, quantity="5000"), new_lot(q, "seed", "40")
    items = [item(seedlings, "3000", "每捆50株"), item(seed, "12.5", "编织袋")]
    cert = ok(q.officer.post(CERTS, json=consignment_payload(q, items)), 201)

    assert re.fullmatch(rf"JY{today().year}-152201-\d{{4}}", cert["number"]), cert["number"]
    assert cert["state"] == "valid"
    days = CONSIGNMENT_CERTIFICATE_VALID_DAYS.default
    assert cert["valid_to"] == (today() + timedelta(days=days)).isoformat()
    assert cert["inter_province"] is False
    assert cert["requirement_number"] == ""
    assert cert["exchanged_from_id"] is None
    assert cert["findings"] == "未发现检疫对象"
    assert cert["vehicle"] == "货车 蒙F·12345"
    assert [(i["lot_number"], i["quantity"], i["packing"]) for i in cert["items"]] == [
        (seedlings["number"], "3000 株", "每捆50株"),
        (seed["number"], "12.5 kg", "编织袋"),
    ]
    # stored in base units: 12.5 kg = 12 500 g
    rows = db(
        lambda: services.ConsignmentItem.select(services.ConsignmentItem.quantity).where(
            services.ConsignmentItem.lot == seed["id"]
        )
    )
    assert [r["quantity"] for r in rows] == [12500]
    assert ok(q.alice.get(f"{CERTS}/{cert['id']}"))["number"] == cert["number"]


def test_a_consignment_needs_a_vehicle_and_a_shipping_date_inside_the_validity(q):
    lot = new_lot(q)
    body = consignment_payload(q, [item(lot, "10")])
    del body["vehicle"]
    refused(q.officer.post(CERTS, json=body), 422, "vehicle")
    late = today() + timedelta(days=CONSIGNMENT_CERTIFICATE_VALID_DAYS.default + 1)
    refused(
        q.officer.post(
            CERTS, json=consignment_payload(q, [item(lot, "10")], ships_on=late.isoformat())
        ),
        422,
        "起运日期",
    )


def test_inter_province_needs_the_receiving_provinces_requirement_number(q):
    lot = new_lot(q)
    to_heilongjiang = {"destination": "黑龙江省齐齐哈尔市", "destination_division": "230200"}
    refused(
        q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "100")], **to_heilongjiang)),
        422,
        "跨省调运",
        "要求书",
        "黑龙江省",
    )
    cert = ok(
        q.officer.post(
            CERTS,
            json=consignment_payload(
                q, [item(lot, "100")], requirement_number="黑检要〔2026〕118号", **to_heilongjiang
            ),
        ),
        201,
    )
    assert cert["inter_province"] is True
    assert cert["requirement_number"] == "黑检要〔2026〕118号"
    assert cert["destination_province"] == "黑龙江省"
    refused(
        q.officer.post(
            CERTS, json=consignment_payload(q, [item(lot, "1")], destination_division="990000")
        ),
        422,
        "省级代码",
    )


def test_the_destination_is_picked_and_an_unknown_division_in_the_region_is_refused(
    q, officer_browser
):
    """Issue 14 item 7: the destination was a 6-digit code typed by hand; now the form offers
    the region's 盟市 and 旗县 from the reference divisions and the other provinces, and a code
    in the region that the reference does not hold is refused (152299 looks like one)."""
    form = officer_browser.get(f"/quarantine/consignments/new?organisation_id={q.alice_org}")
    page = BeautifulSoup(form.text, "html.parser")
    control = page.select_one("#c-destination_division")
    assert control.name == "select"
    options = {o["value"]: o.get_text(strip=True) for o in control.select("option") if o["value"]}
    assert options["152201"] == "兴安盟乌兰浩特市（152201）"
    assert options["152200"] == "兴安盟（152200）"
    assert options["220000"] == "吉林省（220000）"
    assert "150000" not in options
    lot = new_lot(q)
    body = consignment_payload(q, [item(lot, "1")], destination_division="152299")
    api = q.officer.post(CERTS, json=body)
    refused(api, 422, "区划名录")
    assert api.json()["error"]["field"] == "destination_division"
    fields = {
        "organisation_id": str(q.alice_org),
        "consignee": "科右前旗某林场",
        "origin": "乌兰浩特市",
        "destination": "科右前旗",
        "destination_division": "152299",
        "vehicle": "货车 蒙F·54321",
        "ships_on": today().isoformat(),
        "findings": "未发现检疫对象",
        f"qty_{lot['id']}": "1",
    }
    path = "/quarantine/consignments/new"
    r = officer_browser.post_form(path, fields, form_page=f"{path}?organisation_id={q.alice_org}")
    assert r.status_code == 422
    err = BeautifulSoup(r.text, "html.parser").select_one("#c-destination_division-err")
    assert "区划名录" in err.get_text()
    fields["destination_division"] = "152221"
    r = officer_browser.post_form(path, fields, form_page=f"{path}?organisation_id={q.alice_org}")
    assert r.status_code == 303, r.text[:600]


def test_quantities_are_positive_and_never_exceed_the_lot(q):
    lot = new_lot(q, quantity="1000")
    refused(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "0")])), 422, "大于 0")
    refused(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "1.5")])), 422, "整数")
    refused(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "1001")])), 422, "超过")
    first = ok(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "600")])), 201)
    message = refused(
        q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "401")])), 422, "超过"
    )
    assert "已签发 600 株" in message
    # two rows of the same lot in one certificate count together
    refused(
        q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "300"), item(lot, "101")])),
        422,
        "超过",
    )
    ok(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "400")])), 201)
    # revoking an unused certificate gives its quantity back
    ok(q.officer.post(f"{CERTS}/{first['id']}/revoke", json={"reason": "货物未起运，作废重开"}))
    ok(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "600")])), 201)


def test_two_certificates_for_one_lot_at_once_cannot_both_exceed_it(q):
    """The quantity check and the insert happen under a lock on the lot (both engines)."""
    from seedreg.core.errors import RuleViolation
    from seedreg.quarantine.schemas import ConsignmentIn

    lot = new_lot(q, quantity="1000")
    data = ConsignmentIn.model_validate(consignment_payload(q, [item(lot, "600")]))

    async def both() -> list:
        officer = await factories.actor_named("quarantine")
        return await asyncio.gather(
            services.issue_consignment(officer, data),
            services.issue_consignment(officer, data),
            return_exceptions=True,
        )

    outcomes = asyncio.run(both())
    issued = [o for o in outcomes if not isinstance(o, BaseException)]
    failed = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(issued) == 1, outcomes
    assert isinstance(failed[0], RuleViolation), failed
    assert "超过" in failed[0].message


def test_a_recalled_lot_gets_no_certificate(q):
    lot = new_lot(q)
    ok(q.alice.post(f"/api/lots/{lot['id']}/recall", json={"reason": "发现质量问题，主动召回"}))
    refused(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "10")])), 422, "召回")
    refused(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 422, "召回")


def test_lots_of_another_organisation_are_refused(q):
    bobs = new_lot(q, who="bob")
    refused(q.officer.post(CERTS, json=consignment_payload(q, [item(bobs, "10")])), 422, "不属于")


# --- 换发 -----------------------------------------------------------------------------------------


def test_a_valid_site_certificate_is_exchanged_without_reinspection(q):
    covered, other = new_lot(q, quantity="2000"), new_lot(q)
    site = ok(q.officer.post(SITES, json=site_payload(q, [covered["id"]])), 201)
    cert = ok(
        q.officer.post(
            f"{SITES}/{site['id']}/exchange", json=consignment_body([item(covered, "800")])
        ),
        201,
    )
    assert cert["exchanged_from_id"] == site["id"]
    assert cert["exchanged_from_number"] == site["number"]
    assert cert["findings"].startswith(f"凭产地检疫合格证 {site['number']} 换发")
    assert "未发现检疫对象" in cert["findings"]
    assert cert["organisation_id"] == q.alice_org
    assert cert["inspector_name"] == q.officer_name

    # only lots the site certificate covers; quantities still count
    refused(
        q.officer.post(f"{SITES}/{site['id']}/exchange", json=consignment_body([item(other, "1")])),
        422,
        "未覆盖",
    )
    refused(
        q.officer.post(
            f"{SITES}/{site['id']}/exchange", json=consignment_body([item(covered, "1201")])
        ),
        422,
        "超过",
    )
    # findings cannot be supplied: there was no inspection
    body = consignment_body([item(covered, "1")]) | {"findings": "x"}
    refused(q.officer.post(f"{SITES}/{site['id']}/exchange", json=body), 422)


def test_an_expired_or_revoked_site_certificate_cannot_be_exchanged(q):
    lot = new_lot(q)
    expired = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    backdate(SiteQuarantineCertificate, expired["id"], 200)
    refused(
        q.officer.post(
            f"{SITES}/{expired['id']}/exchange", json=consignment_body([item(lot, "1")])
        ),
        422,
        "已于",
        "过期",
        "不能换发",
    )
    revoked = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    ok(q.officer.post(f"{SITES}/{revoked['id']}/revoke", json={"reason": "检疫记录有误"}))
    refused(
        q.officer.post(
            f"{SITES}/{revoked['id']}/exchange", json=consignment_body([item(lot, "1")])
        ),
        422,
        "已撤销",
        "不能换发",
    )


# --- who may sign, who may see --------------------------------------------------------------------


def test_a_part_time_officer_may_not_sign(q):
    lot = new_lot(q)
    refused(q.part_time.post(SITES, json=site_payload(q, [lot["id"]])), 403, PART_TIME)
    refused(q.part_time.post(CERTS, json=consignment_payload(q, [item(lot, "1")])), 403, PART_TIME)
    site = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    refused(
        q.part_time.post(f"{SITES}/{site['id']}/exchange", json=consignment_body([item(lot, "1")])),
        403,
        PART_TIME,
    )
    # reading is fine: the certificate is in the part-time officer's jurisdiction
    assert ok(q.part_time.get(f"{SITES}/{site['id']}"))["number"] == site["number"]
    # other roles are refused too
    refused(q.wlht.post(SITES, json=site_payload(q, [lot["id"]])), 403, "检疫员")
    refused(q.alice.post(CERTS, json=consignment_payload(q, [item(lot, "1")])), 403, "检疫员")


def test_outsiders_get_404_and_officials_in_the_jurisdiction_read_only(q):
    lot = new_lot(q)
    site = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    cert = ok(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "5")])), 201)
    for path in (
        f"{SITES}/{site['id']}",
        f"{SITES}/{site['id']}/certificate.pdf",
        f"{CERTS}/{cert['id']}",
        f"{CERTS}/{cert['id']}/certificate.pdf",
    ):
        for outsider in (q.bob, q.kyqq, q.kyqq_officer):
            r = outsider.get(path)
            assert r.status_code == 404, (path, r.status_code)
            assert site["number"] not in r.text
            assert cert["number"] not in r.text
    for outsider in (q.bob, q.kyqq_officer):
        refused(outsider.post(f"{CERTS}/{cert['id']}/revoke", json={"reason": "外人撤销"}), 404)
    assert cert["id"] not in [c["id"] for c in ok(q.bob.get(CERTS))["items"]]
    assert cert["id"] not in [c["id"] for c in ok(q.kyqq.get(CERTS))["items"]]
    # a quarantine officer of another banner cannot issue for alice's organisation
    refused(q.kyqq_officer.post(SITES, json=site_payload(q, [lot["id"]])), 404)
    # officials of alice's banner read, but only a 检疫员 revokes
    assert ok(q.wlht.get(f"{CERTS}/{cert['id']}"))["number"] == cert["number"]
    assert cert["id"] in [c["id"] for c in ok(q.wlht.get(CERTS))["items"]]
    refused(q.wlht.post(f"{CERTS}/{cert['id']}/revoke", json={"reason": "审批人员撤销"}), 403)
    assert q.anon.get(f"{CERTS}/{cert['id']}").status_code == 401


def test_revocation_needs_a_reason_and_is_audited(q):
    lot = new_lot(q)
    site = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    cert = ok(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "5")])), 201)
    refused(q.officer.post(f"{CERTS}/{cert['id']}/revoke", json={"reason": ""}), 422)
    reason = f"车辆更换，原证作废（{unique()}）"
    revoked = ok(q.officer.post(f"{CERTS}/{cert['id']}/revoke", json={"reason": reason}))
    assert revoked["state"] == "revoked"
    assert revoked["status_reason"] == reason
    refused(q.officer.post(f"{CERTS}/{cert['id']}/revoke", json={"reason": reason}), 409, "已撤销")
    ok(q.officer.post(f"{SITES}/{site['id']}/revoke", json={"reason": reason}))
    assert ok(q.alice.get(f"{SITES}/{site['id']}"))["state"] == "revoked"

    events = db(
        lambda: (
            AuditEvent.select(AuditEvent.action, AuditEvent.subject_id, AuditEvent.after)
            .where(AuditEvent.action.like("quarantine:%:revoke"))
            .output(load_json=True)
        )
    )
    mine = {(e["action"], e["subject_id"]) for e in events if e["after"].get("reason") == reason}
    assert mine == {
        ("quarantine:consignment:revoke", str(cert["id"])),
        ("quarantine:site:revoke", str(site["id"])),
    }
    assert ok(q.alice.get(CERTS, params={"status": "revoked"}))["total"] >= 1


# --- current_certificate_for_lot (for labels) -----------------------------------------------------


def test_current_certificate_for_lot_valid_expired_and_revoked(q):
    lot = new_lot(q)
    now = today()
    assert db(lambda: records.current_certificate_for_lot(lot["id"], now)) is None

    cert = ok(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "5")])), 201)
    found = db(lambda: records.current_certificate_for_lot(lot["id"], now))
    assert found == {
        "kind": "consignment",
        "id": cert["id"],
        "number": cert["number"],
        "valid_to": date.fromisoformat(cert["valid_to"]),
    }
    # a valid 产地检疫合格证 is preferred
    site = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    found = db(lambda: records.current_certificate_for_lot(lot["id"], now))
    assert (found["kind"], found["id"], found["number"]) == ("site", site["id"], site["number"])
    # after the site certificate's last day the consignment one no longer helps either
    after = date.fromisoformat(site["valid_to"]) + timedelta(days=1)
    assert db(lambda: records.current_certificate_for_lot(lot["id"], after)) is None
    # before issue: nothing
    assert db(lambda: records.current_certificate_for_lot(lot["id"], now - timedelta(1))) is None

    # revoked → falls back to the consignment certificate, then to nothing
    ok(q.officer.post(f"{SITES}/{site['id']}/revoke", json={"reason": "检疫记录有误"}))
    assert db(lambda: records.current_certificate_for_lot(lot["id"], now))["id"] == cert["id"]
    ok(q.officer.post(f"{CERTS}/{cert['id']}/revoke", json={"reason": "车辆更换"}))
    assert db(lambda: records.current_certificate_for_lot(lot["id"], now)) is None

    # expired (issued 30 days ago, last day yesterday) → nothing today
    again = ok(q.officer.post(CERTS, json=consignment_payload(q, [item(lot, "5")])), 201)
    assert db(lambda: records.current_certificate_for_lot(lot["id"], now))["id"] == again["id"]
    backdate(QuarantineCertificate, again["id"], 30)
    assert db(lambda: records.current_certificate_for_lot(lot["id"], now)) is None
    yesterday = now - timedelta(days=1)
    assert (
        db(lambda: records.current_certificate_for_lot(lot["id"], yesterday))["id"] == again["id"]
    )


def test_the_longest_valid_certificate_is_preferred(q):
    lot = new_lot(q)
    short = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    long = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)

    async def shorten() -> None:
        table = SiteQuarantineCertificate
        await table.update({table.valid_to: today() + timedelta(days=5)}).where(
            table.id == short["id"]
        )

    db(shorten)
    assert db(lambda: records.current_certificate_for_lot(lot["id"], today()))["id"] == long["id"]


# --- pages ----------------------------------------------------------------------------------------


@pytest.fixture
def officer_browser(server, personas) -> Browser:
    b = Browser(server)
    b.login(personas["quarantine"].username)
    return b


def test_the_officer_issues_both_certificates_through_the_pages(q, officer_browser):
    b = officer_browser
    lot = new_lot(q, quantity="700")
    form = b.get(f"/quarantine/site/new?organisation_id={q.alice_org}")
    assert form.status_code == 200
    assert lot["number"] in form.text
    data = {
        "organisation_id": str(q.alice_org),
        "production_site": "乌兰浩特市义勒力特镇红星村苗圃",
        "inspected_on": today().isoformat(),
        "findings": "未发现检疫对象",
        "lot_ids": str(lot["id"]),
    }
    r = b.post_form("/quarantine/site/new", data, form_page="/quarantine/site/new")
    assert r.status_code == 303, r.text[:500]
    site_url = r.headers["location"]
    detail = b.get(site_url)
    assert detail.status_code == 200
    assert "产地检疫合格证" in detail.text
    assert "有效" in detail.text
    site_id = int(site_url.rsplit("/", 1)[1])

    exchange_form = b.get(f"/quarantine/consignments/new?site_id={site_id}")
    assert exchange_form.status_code == 200
    assert f'name="qty_{lot["id"]}"' in exchange_form.text
    fields = {
        "site_id": str(site_id),
        "consignee": "吉林省白城市某林场",
        "origin": "乌兰浩特市",
        "destination": "吉林省白城市",
        "destination_division": "220800",
        "vehicle": "货车 蒙F·54321",
        "ships_on": today().isoformat(),
        f"qty_{lot['id']}": "200",
    }
    page = "/quarantine/consignments/new"
    r = b.post_form(page, fields, form_page=page)
    assert r.status_code == 422
    assert "要求书" in r.text
    assert "吉林省白城市某林场" in r.text
    r = b.post_form(page, fields | {"requirement_number": "吉检要2026-7"}, form_page=page)
    assert r.status_code == 303, r.text[:800]
    cert_page = b.get(r.headers["location"])
    assert "吉检要2026-7" in cert_page.text
    assert "凭产地检疫合格证" in cert_page.text

    listing = b.get("/quarantine?kind=site")
    assert listing.status_code == 200
    assert f"/quarantine/site/{site_id}" in listing.text

    # 撤销 asks first, naming the certificate and its holder (issue 14 item 6).
    consignment_url = r.headers["location"]
    site = ok(q.officer.get(f"{SITES}/{site_id}"))
    revoke = {"reason": "检疫记录有误，撤销重开"}
    step = asks_first(b.post_form(f"{site_url}/revoke", revoke, form_page=site_url), site["number"])
    assert "产地检疫合格证" in step.select_one(".confirm-question").get_text()
    assert ok(q.officer.get(f"{SITES}/{site_id}"))["state"] != "revoked"
    confirmed = revoke | {"confirm": "1"}
    assert b.post_form(f"{site_url}/revoke", confirmed, form_page=site_url).status_code == 303
    assert ok(q.officer.get(f"{SITES}/{site_id}"))["state"] == "revoked"
    r = b.post_form(f"{consignment_url}/revoke", revoke, form_page=consignment_url)
    asks_first(r, "植物检疫证书", "alice")


def test_pages_refuse_part_time_officers_and_hide_from_outsiders(q, server, personas):
    lot = new_lot(q)
    site = ok(q.officer.post(SITES, json=site_payload(q, [lot["id"]])), 201)
    part_time = Browser(server)
    name = unique("jzpg")
    db(
        lambda: factories.make_user(
            name, Role.QUARANTINE_OFFICER, jurisdiction=LEAGUE_CODE, full_time_quarantine=False
        )
    )
    part_time.login(name)
    r = part_time.get("/quarantine/site/new")
    assert r.status_code == 403
    assert PART_TIME in r.text
    bob = Browser(server)
    bob.login(personas["bob"].username)
    r = bob.get(f"/quarantine/site/{site['id']}")
    assert r.status_code == 404
    assert site["number"] not in r.text
    alice = Browser(server)
    alice.login(personas["alice"].username)
    r = alice.get(f"/quarantine/site/{site['id']}")
    assert r.status_code == 200
    assert site["number"] in r.text
    assert "撤销本证" not in r.text  # read-only for the operator
    r = alice.get("/quarantine?kind=site")
    assert r.status_code == 200
    assert f"/quarantine/site/{site['id']}" in r.text
    assert "签发产地检疫合格证" not in r.text  # no issuing for operators
    r = alice.get("/quarantine/site/new")
    assert r.status_code == 403
