"""Who issues a 质量检验合格证, through the live server: the operator registers its 检验员, the
种苗站 verifies or withdraws them (Seed Law Art. 47), a 自检 naming a verified tester of the lot's
organisation issues a 自检 certificate, and a station inspection (抽检) that fails or grades lower
revokes it. The station revokes any certificate; the public check shows the basis and turns red.
"""

from __future__ import annotations

import asyncio
import random
from datetime import datetime
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from seedreg.accounts.rules import Role
from seedreg.core.clock import day_of
from seedreg.organisations.rules import make_id_number
from tests import factories
from tests.fixtures import Browser, every_page, token_for, unique
from tests.http.lotkit import (
    confirmed_row,
    make_lot,
    new_species,
    ok,
    record_licence,
    refused,
    seedling_measures,
    spruce_row,
    today,
)


@pytest.fixture(scope="module")
def c(api, personas, server) -> SimpleNamespace:
    station_kyqq = unique("zm")
    asyncio.run(factories.make_user(station_kyqq, Role.SEED_STATION, jurisdiction="152221"))
    ns = SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        station=api("station"),
        league=api("officer_league"),
        admin=api("admin"),
        anon=api(),
        station_kyqq=api(),
        server=server,
        personas=personas,
    )
    ns.station_kyqq.headers["Authorization"] = f"Bearer {token_for(server, station_kyqq)}"
    ns.alice_org = personas["alice"].organisation_id
    # The public 红皮云杉 numbers on a species of this module's own, entered and confirmed.
    ns.spruce = new_species(ns.admin)
    confirmed_row(ns.admin, ns.station, "seedling", spruce_row(ns.spruce))
    ns.licence = record_licence(api("officer_league"), ns.alice_org, species=[ns.spruce])
    return ns


def new_id_number() -> str:
    born = f"198{random.randint(0, 9)}0{random.randint(1, 9)}1{random.randint(0, 9)}"
    return make_id_number(f"152201{born}{random.randint(100, 999)}")


def registration(**changes: object) -> dict:
    body = {
        "name": "王" + unique("")[:2].upper() + "明",
        "id_number": new_id_number(),
        "qualification_number": unique("JYY")[:12],
        "education": "大专",
        "speciality": "林学",
    }
    return body | changes


def page_holding(client, tester_id: int) -> str:
    """The HTML of the register's page that lists this tester (the register is paged)."""
    for page_no in range(1, 200):
        html = client.get("/quality/testers", params={"page_no": page_no}).text
        if f'id="tester-{tester_id}"' in html:
            return html
        if f"page_no={page_no + 1}" not in html:
            break
    raise AssertionError(f"tester {tester_id} is on no page of the register")


def register(client, status: int = 201, **changes: object) -> dict:
    return ok(client.post("/api/quality/testers", json=registration(**changes)), status)


def verified(c, client=None) -> dict:
    tester = register(client or c.alice)
    return ok(c.station.post(f"/api/quality/testers/{tester['id']}/verify"))


def spruce_lot(c) -> dict:
    return make_lot(c.alice, c.licence, species=c.spruce)


def self_inspect(c, lot: dict, tester: dict | None, status: int = 201, **measures) -> dict:
    body = seedling_measures(**measures) | ({"tester_id": tester["id"]} if tester else {})
    return ok(c.alice.post(f"/api/lots/{lot['id']}/inspections", json=body), status)


def issue(client, inspection: dict, status: int = 201) -> dict:
    return ok(client.post(f"/api/quality/inspections/{inspection['id']}/certificate"), status)


def self_certificate(c) -> tuple[dict, dict, dict]:
    """A lot with a valid Ⅰ级 自检 certificate by a verified tester: (lot, tester, cert)."""
    lot, tester = spruce_lot(c), verified(c)
    cert = issue(c.alice, self_inspect(c, lot, tester))
    return lot, tester, cert


def history(c, subject_type: str, subject_id: int) -> list[str]:
    params = {"subject_type": subject_type, "subject_id": subject_id}
    return [e["action"] for e in ok(c.admin.get("/api/audit", params=params))]


async def _notice_titles(org_id: int) -> list[str]:
    from seedreg.accounts.tables import User
    from seedreg.notifications.tables import Notification

    users = [u["id"] for u in await User.select(User.id).where(User.organisation == org_id)]
    rows = await Notification.select(Notification.title).where(Notification.user.is_in(users))
    return [r["title"] for r in rows]


def browser_for(c, name: str) -> Browser:
    b = Browser(c.server)
    b.login(c.personas[name].username)
    return b


def public_page(c, cert: dict) -> BeautifulSoup:
    return BeautifulSoup(c.anon.get(f"/verify/quality/{cert['public_id']}").text, "html.parser")


# --- the register --------------------------------------------------------------------------


def test_the_operator_registers_a_tester_and_the_station_verifies_it(c):
    body = registration()
    tester = ok(c.alice.post("/api/quality/testers", json=body), 201)
    assert (tester["status"], tester["status_label"]) == ("pending", "待种苗站核验")
    assert tester["organisation_id"] == c.alice_org
    assert tester["id_number_masked"] != body["id_number"]
    assert tester["id_number_masked"].startswith(body["id_number"][:6])
    assert tester["actions"] == ["withdraw"]
    listed = {t["id"]: t for t in every_page(c.station, "/api/quality/testers")}
    assert listed[tester["id"]]["actions"] == ["verify", "withdraw"]
    assert tester["id"] not in {t["id"] for t in every_page(c.bob, "/api/quality/testers")}
    done = ok(c.station.post(f"/api/quality/testers/{tester['id']}/verify"))
    assert (done["status"], done["status_label"], done["verified_by"]) == (
        "verified",
        "已核验",
        "station",
    )
    # an instant (UTC in the API); its day in China is today's, also after 16:00 UTC
    assert day_of(datetime.fromisoformat(done["verified_at"])) == today()
    refused(c.station.post(f"/api/quality/testers/{tester['id']}/verify"), 409, "已核验")
    assert history(c, "quality_tester", tester["id"]) == [
        "quality:tester_register",
        "quality:tester_verify",
    ]
    assert f"检验员 {body['name']} 已经种苗站核验" in asyncio.run(_notice_titles(c.alice_org))
    # the same person cannot be registered twice while on the register
    again = c.alice.post("/api/quality/testers", json=registration(id_number=body["id_number"]))
    refused(again, 409, "已登记", field="id_number")


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"education": "高中"}, "education", "种子法第四十七条"),
        ({"id_number": "152201199001011234"}, "id_number", "身份证"),
        ({"name": "王"}, "name", "内容太短"),
        ({"qualification_number": ""}, "qualification_number", "内容太短"),
        ({"speciality": ""}, "speciality", "内容太短"),
    ],
)
def test_a_bad_registration_is_refused_in_chinese_on_its_field(c, changes, field, fragment):
    before = ok(c.alice.get("/api/quality/testers"))["total"]
    r = c.alice.post("/api/quality/testers", json=registration(**changes))
    message = refused(r, 422)
    error = r.json()["error"]
    shown = (error["details"] or {}).get(field) or (error["field"] == field and message)
    assert shown, error
    assert fragment in shown, error
    assert ok(c.alice.get("/api/quality/testers"))["total"] == before


@pytest.mark.parametrize("name", ["station", "league", "admin"])
def test_only_an_operator_registers_testers(c, name):
    refused(getattr(c, name).post("/api/quality/testers", json=registration()), 403, "生产经营者")


def test_the_page_registers_a_tester_and_keeps_what_was_typed_on_an_error(c):
    browser = browser_for(c, "alice")
    form = registration(education="中专")
    r = browser.post_form("/quality/testers", {**form, "education": "初中"})
    assert r.status_code == 422
    soup = BeautifulSoup(r.text, "html.parser")
    errors = {e["id"]: e.get_text() for e in soup.select("small.err")}
    assert "种子法第四十七条" in errors["t-education-err"]
    assert soup.find("input", attrs={"name": "name"})["value"] == form["name"]
    assert (
        soup.find("input", attrs={"name": "qualification_number"})["value"]
        == (form["qualification_number"])
    )
    r = browser.post_form("/quality/testers", form)
    assert r.status_code == 303
    # by the qualification number: names draw from few syllables, so other tests' testers of
    # the same organisation may share one (the random order found such a pair)
    number = form["qualification_number"]
    mine = [
        t
        for t in every_page(c.alice, "/api/quality/testers")
        if t["qualification_number"] == number
    ]
    assert [(t["education"], t["status"]) for t in mine] == [("中专", "pending")]
    # the station verifies it from the same page
    station = browser_for(c, "station")
    page = station.get("/quality/testers").text
    assert f'action="/quality/testers/{mine[0]["id"]}/verify"' in page
    r = station.post_form(
        f"/quality/testers/{mine[0]['id']}/verify", {}, form_page="/quality/testers"
    )
    assert r.status_code == 303
    assert ok(c.alice.get(f"/api/quality/testers/{mine[0]['id']}"))["status"] == "verified"
    # verified, it is listed after the pending ones: on whichever page holds it
    text = BeautifulSoup(page_holding(browser, mine[0]["id"]), "html.parser").get_text(" ")
    assert "已核验" in text
    assert form["name"] in text
    assert form["id_number"] not in text


def test_the_operator_cannot_verify_its_own_tester(c):
    tester = register(c.alice)
    refused(c.alice.post(f"/api/quality/testers/{tester['id']}/verify"), 403, "种苗站")
    refused(c.league.post(f"/api/quality/testers/{tester['id']}/verify"), 403, "种苗站")
    # outside the station's jurisdiction, or another operator: the tester does not exist
    refused(c.station_kyqq.post(f"/api/quality/testers/{tester['id']}/verify"), 404)
    refused(c.bob.post(f"/api/quality/testers/{tester['id']}/verify"), 404)
    page = browser_for(c, "alice").get("/quality/testers").text
    assert f'action="/quality/testers/{tester["id"]}/verify"' not in page
    assert ok(c.alice.get(f"/api/quality/testers/{tester['id']}"))["status"] == "pending"


def test_the_station_withdraws_a_tester_with_a_reason(c):
    tester = verified(c)
    short = c.station.post(f"/api/quality/testers/{tester['id']}/withdraw", json={"reason": "短"})
    refused(short, 422)
    reason = "资格证书已过期，未延续"
    done = ok(
        c.station.post(f"/api/quality/testers/{tester['id']}/withdraw", json={"reason": reason})
    )
    assert (done["status"], done["status_reason"], done["actions"]) == ("withdrawn", reason, [])
    refused(
        c.station.post(f"/api/quality/testers/{tester['id']}/withdraw", json={"reason": reason}),
        409,
        "已撤回",
    )
    assert history(c, "quality_tester", tester["id"])[-1] == "quality:tester_withdraw"


# --- naming a tester on a 自检 ---------------------------------------------------------------


def test_an_unverified_or_withdrawn_tester_is_refused(c):
    lot = spruce_lot(c)
    pending = register(c.alice)
    r = c.alice.post(
        f"/api/lots/{lot['id']}/inspections", json=seedling_measures(tester_id=pending["id"])
    )
    refused(r, 422, "尚未经种苗站核验", field="tester_id")
    withdrawn = verified(c)
    ok(
        c.alice.post(
            f"/api/quality/testers/{withdrawn['id']}/withdraw", json={"reason": "该员已离职"}
        )
    )
    r = c.alice.post(
        f"/api/lots/{lot['id']}/inspections", json=seedling_measures(tester_id=withdrawn["id"])
    )
    refused(r, 422, "已撤回", field="tester_id")
    assert ok(c.alice.get(f"/api/lots/{lot['id']}"))["inspections"] == []


def test_another_organisations_tester_is_refused(c):
    bobs = verified(c, c.bob)
    lot = spruce_lot(c)
    r = c.alice.post(
        f"/api/lots/{lot['id']}/inspections", json=seedling_measures(tester_id=bobs["id"])
    )
    refused(r, 422, "不属于本批次的生产经营者", field="tester_id")


def test_a_tester_withdrawn_after_the_inspection_cannot_sign_the_certificate(c):
    lot, tester = spruce_lot(c), verified(c)
    inspection = self_inspect(c, lot, tester)
    ok(
        c.station.post(
            f"/api/quality/testers/{tester['id']}/withdraw", json={"reason": "抽查不合格"}
        )
    )
    refused(c.alice.post(f"/api/quality/inspections/{inspection['id']}/certificate"), 409, "已撤回")


def test_a_verified_tester_issues_a_self_inspection_certificate(c):
    lot, tester = spruce_lot(c), verified(c)
    inspection = self_inspect(c, lot, tester, inspector_name="别人")
    assert (inspection["by_label"], inspection["tester_id"]) == ("自检", tester["id"])
    assert inspection["inspector_name"] == tester["name"]  # the tester, not the typed name
    page = c.alice.get(f"/lots/{lot['id']}").text
    assert f'action="/quality/inspections/{inspection["id"]}/certificate"' in page
    refused(c.station.post(f"/api/quality/inspections/{inspection['id']}/certificate"), 409, "自检")
    refused(c.league.post(f"/api/quality/inspections/{inspection['id']}/certificate"), 403)
    cert = issue(c.alice, inspection)
    assert (cert["basis"], cert["basis_label"], cert["tester_id"]) == ("self", "自检", tester["id"])
    assert cert["inspector_name"] == tester["name"]
    assert cert["authority"] == "alice林木种苗有限公司"
    assert cert["number"].startswith(f"ZJ{today().year}-{lot['division_code']}-Z")
    assert len(cert["number"]) == 19
    assert history(c, "quality_certificate", cert["id"]) == ["quality:certificate_issue"]
    refused(c.alice.post(f"/api/quality/inspections/{inspection['id']}/certificate"), 409, "已签发")
    public = ok(c.anon.get(f"/api/public/quality-certificates/{cert['public_id']}"))
    assert (public["basis"], public["basis_label"], public["status"]) == ("self", "自检", "valid")
    assert public["tester"] == tester["name"][0] + "*" * (len(tester["name"]) - 1)
    assert tester["name"] not in str(public)
    text = public_page(c, cert).get_text(" ")
    for shown in ("生产经营者自检（自检）", public["tester"], "签发单位", "alice林木种苗有限公司"):
        assert shown in text, shown
    # an inspection naming no tester still records, but gets no issue button and no certificate
    plain = self_inspect(c, lot, None)
    page = c.alice.get(f"/lots/{lot['id']}").text
    assert f'action="/quality/inspections/{plain["id"]}/certificate"' not in page


def test_a_station_certificate_says_station_inspection(c):
    lot = spruce_lot(c)
    station_inspection = ok(
        c.station.post(f"/api/lots/{lot['id']}/inspections", json=seedling_measures()), 201
    )
    refused(
        c.station.post(
            f"/api/lots/{lot['id']}/inspections",
            json=seedling_measures(tester_id=verified(c)["id"]),
        ),
        422,
        field="tester_id",
    )
    cert = issue(c.station, station_inspection)
    assert (cert["basis"], cert["basis_label"], cert["authority"]) == (
        "station",
        "站检",
        "兴安盟林木种苗站",
    )
    public = ok(c.anon.get(f"/api/public/quality-certificates/{cert['public_id']}"))
    assert (public["basis_label"], public["tester"]) == ("站检", "")
    text = public_page(c, cert).get_text(" ")
    assert "种苗站检验（站检）" in text
    assert "签发机关" in text
    assert "李检验" not in text


# --- the station overrules and revokes -------------------------------------------------------


@pytest.mark.parametrize(
    ("measures", "result"),
    [
        ({"root_collar_cm": 0.35}, "合格（II级）"),  # 地径 II governs: lower than the 自检's I
        ({"share_I": 40, "share_II": 30}, "不合格"),  # the lot's I+II share below 85 %
    ],
)
def test_a_station_inspection_that_grades_lower_or_fails_overrules_the_self_certificate(
    c, measures, result
):
    lot, _, cert = self_certificate(c)
    assert cert["grade"] == "I"
    spot = ok(
        c.station.post(f"/api/lots/{lot['id']}/inspections", json=seedling_measures(**measures)),
        201,
    )
    assert spot["result_label"] == result
    assert spot["overruled"] == [cert["number"]]
    after = ok(c.alice.get(f"/api/quality/certificates/{cert['id']}"))
    assert (after["status"], after["overruled_by"]) == ("revoked", spot["id"])
    assert f"抽检结论为{result}" in after["status_reason"]
    assert f"{today().year}年{today().month}月{today().day}日" in after["status_reason"]
    assert history(c, "quality_certificate", cert["id"]) == [
        "quality:certificate_issue",
        "quality:certificate_overrule",
    ]
    assert f"自检合格证 {cert['number']} 已被种苗站抽检推翻" in asyncio.run(
        _notice_titles(c.alice_org)
    )
    soup = public_page(c, cert)
    assert soup.select_one("section.verify-state.bad") is not None
    assert "已撤销" in soup.get_text(" ")
    assert "抽检结论" in soup.get_text(" ")


def test_a_station_inspection_as_good_confirms_the_self_certificate(c):
    lot, _, cert = self_certificate(c)
    spot = ok(c.station.post(f"/api/lots/{lot['id']}/inspections", json=seedling_measures()), 201)
    assert (spot["grade"], spot["overruled"]) == ("I", [])
    assert ok(c.alice.get(f"/api/quality/certificates/{cert['id']}"))["status"] == "valid"


def test_a_self_inspection_already_overruled_cannot_issue(c):
    lot, tester = spruce_lot(c), verified(c)
    own = self_inspect(c, lot, tester)
    ok(
        c.station.post(
            f"/api/lots/{lot['id']}/inspections", json=seedling_measures(root_collar_cm=0.35)
        ),
        201,
    )
    refused(c.alice.post(f"/api/quality/inspections/{own['id']}/certificate"), 409, "抽检")


def test_the_station_revokes_a_self_certificate_and_the_public_check_turns_red(c):
    _, _, cert = self_certificate(c)
    body = {"reason": "抽查发现自检原始记录不全"}
    refused(c.alice.post(f"/api/quality/certificates/{cert['id']}/revoke", json=body), 403)
    refused(c.station_kyqq.post(f"/api/quality/certificates/{cert['id']}/revoke", json=body), 404)
    assert public_page(c, cert).select_one("section.verify-state.ok") is not None
    revoked = ok(c.station.post(f"/api/quality/certificates/{cert['id']}/revoke", json=body))
    assert (revoked["status"], revoked["basis"]) == ("revoked", "self")
    soup = public_page(c, cert)
    assert soup.select_one("section.verify-state.bad") is not None
    assert soup.select_one("section.verify-state.ok") is None
    assert body["reason"] in soup.get_text(" ")
    assert history(c, "quality_certificate", cert["id"])[-1] == "quality:certificate_revoke"
    assert f"质量检验合格证 {cert['number']} 已撤销" in asyncio.run(_notice_titles(c.alice_org))


# --- which paths are in force (local setting) ------------------------------------------------

PATHS_KEY = "quality.certificate_paths"


def test_the_paths_setting_is_listed_with_its_default_and_source(c):
    rows = {s["key"]: s for s in ok(c.anon.get("/api/settings"))}
    assert (rows[PATHS_KEY]["default"], rows[PATHS_KEY]["source"]) == ("both", "本地设定")
    block = BeautifulSoup(c.anon.get("/settings").text, "html.parser").find(id=PATHS_KEY)
    assert "质量检验合格证的签发途径" in block.get_text(" ")
    assert "自检和站检" in block.get_text(" ")


def test_with_only_station_inspection_in_force_a_self_certificate_is_refused(c):
    lot, tester = spruce_lot(c), verified(c)
    own = self_inspect(c, lot, tester)
    station_inspection = ok(
        c.station.post(f"/api/lots/{lot['id']}/inspections", json=seedling_measures()), 201
    )
    try:
        ok(c.admin.put(f"/api/settings/{PATHS_KEY}", json={"value": "station"}))
        refused(
            c.alice.post(f"/api/quality/inspections/{own['id']}/certificate"),
            409,
            "本地设定只允许依据种苗站检验签发",
        )
        assert issue(c.station, station_inspection)["basis"] == "station"
    finally:
        c.admin.delete(f"/api/settings/{PATHS_KEY}")
    assert issue(c.alice, own)["basis"] == "self"


def test_with_only_self_inspection_in_force_the_station_issues_none(c):
    lot, tester = spruce_lot(c), verified(c)
    own = self_inspect(c, lot, tester)
    station_inspection = ok(
        c.station.post(f"/api/lots/{lot['id']}/inspections", json=seedling_measures()), 201
    )
    try:
        ok(c.admin.put(f"/api/settings/{PATHS_KEY}", json={"value": "self"}))
        refused(
            c.station.post(f"/api/quality/inspections/{station_inspection['id']}/certificate"),
            409,
            "种苗站检验只作抽检",
        )
        assert issue(c.alice, own)["basis"] == "self"
    finally:
        c.admin.delete(f"/api/settings/{PATHS_KEY}")
    assert issue(c.station, station_inspection)["basis"] == "station"


def test_the_self_inspection_form_offers_only_verified_testers_of_the_organisation(c):
    lot, good, pending, bobs = spruce_lot(c), verified(c), register(c.alice), verified(c, c.bob)
    browser = browser_for(c, "alice")
    path = f"/lots/{lot['id']}/inspect"
    soup = BeautifulSoup(browser.get(path).text, "html.parser")
    offered = {o["value"] for o in soup.select("select[name=tester_id] option") if o["value"]}
    assert str(good["id"]) in offered
    assert str(pending["id"]) not in offered
    assert str(bobs["id"]) not in offered
    form = {k: str(v) for k, v in seedling_measures().items()} | {"meets_overall": "true"}
    form["tester_id"] = str(pending["id"])
    r = browser.post_form(path, form)
    assert r.status_code == 422
    errors = {
        e["id"]: e.get_text() for e in BeautifulSoup(r.text, "html.parser").select("small.err")
    }
    assert "尚未经种苗站核验" in errors["q-tester_id-err"]
    r = browser.post_form(path, form | {"tester_id": str(good["id"])})
    assert r.status_code == 303
    found = ok(c.alice.get(f"/api/lots/{lot['id']}"))["inspections"]
    assert [(i["tester_id"], i["inspector_name"]) for i in found] == [(good["id"], good["name"])]
    # the lot page's issue button issues the 自检 certificate
    r = browser.post_form(
        f"/quality/inspections/{found[0]['id']}/certificate", {}, form_page=f"/lots/{lot['id']}"
    )
    assert r.status_code == 303
    page = BeautifulSoup(browser.get(r.headers["location"]).text, "html.parser").get_text(" ")
    assert "生产经营者自检（自检）" in page
    assert "签发单位" in page
    assert good["qualification_number"] in page
