"""The register of nursery bases over real HTTP (issue 18): operators keep their own bases, the
种苗站 confirms, officials see their jurisdiction only; an operator's edit of a confirmed base
sends it back to 待确认; the outline's area is compared with the declared one."""

from __future__ import annotations

import asyncio
import json
from decimal import Decimal

from bs4 import BeautifulSoup

from seedreg.accounts.rules import Role
from tests import factories
from tests.fixtures import every_page, token_for, unique
from tests.http.lotkit import ok, refused
from tests.http.nurserykit import KML, SQUARE_MU, base_body, square_geojson


def test_an_operator_registers_its_base_and_the_station_confirms_it(api):
    alice, station = api("alice"), api("station")
    base = ok(alice.post("/api/nurseries", json=base_body()), 201)
    assert (base["status"], base["status_label"]) == ("pending", "待确认")
    assert base["organisation_name"] == "alice林木种苗有限公司"
    assert base["total_area_text"] == "150.00亩（10.0000公顷）"
    assert base["stock"][0]["age_text"] == "3年生，移植1次"
    refused(alice.post(f"/api/nurseries/{base['id']}/confirm"), 403, "种苗站")

    confirmed = ok(station.post(f"/api/nurseries/{base['id']}/confirm"))
    assert confirmed["status"] == "confirmed"
    refused(station.post(f"/api/nurseries/{base['id']}/confirm"), 403)  # nothing to confirm

    # The station's own correction keeps the confirmation; the operator's sends it back.
    body = base_body(name=base["name"], annual_output=90000)
    assert (
        ok(
            station.put(
                f"/api/nurseries/{base['id']}",
                json={**body, "organisation_id": base["organisation_id"]},
            )
        )["status"]
        == "confirmed"
    )
    edited = ok(
        alice.put(
            f"/api/nurseries/{base['id']}",
            json={**body, "total_area": "10", "production_area": "8", "area_unit": "ha"},
        )
    )
    assert (edited["status"], edited["total_area_mu"]) == ("pending", "150.00")

    events = ok(
        api("admin").get(
            "/api/audit", params={"subject_type": "nursery_base", "subject_id": str(base["id"])}
        )
    )
    actions = [e["action"] for e in events]
    assert actions == [
        "nursery_base:register",
        "nursery_base:confirm",
        "nursery_base:update",
        "nursery_base:update",
    ]
    last = events[-1]
    before, after = (
        json.loads(x) if isinstance(x, str) else x for x in (last["before"], last["after"])
    )
    assert (before["status"], after["status"]) == ("confirmed", "pending")


def test_officials_see_the_bases_of_their_jurisdiction_only(api):
    base = ok(api("alice").post("/api/nurseries", json=base_body()), 201)
    path = f"/api/nurseries/{base['id']}"
    for name in ("officer_wlht", "officer_league", "station"):
        assert ok(api(name).get(path))["id"] == base["id"], name
    for name in ("officer_kyqq", "bob"):
        refused(api(name).get(path), 404, "未找到")
        assert base["id"] not in [b["id"] for b in every_page(api(name), "/api/nurseries")]
    assert base["id"] in [b["id"] for b in every_page(api("officer_wlht"), "/api/nurseries")]
    refused(api("bob").put(path, json=base_body()), 404)
    # An official who does not keep the register cannot change it.
    refused(api("officer_wlht").put(path, json=base_body()), 403)
    assert api().get("/api/nurseries").status_code == 401


def test_an_operator_registers_only_for_itself_and_in_the_league(api):
    alice = api("alice")
    other = ok(alice.post("/api/nurseries", json=base_body(organisation_id=999999)), 201)
    assert other["organisation_name"] == "alice林木种苗有限公司"  # its own, whatever it typed
    refused(
        alice.post("/api/nurseries", json=base_body(lat=122.05, lon=46.05)),
        422,
        "兴安盟",
        field="lat",
    )
    refused(
        alice.post("/api/nurseries", json=base_body(division_code="150100")),
        422,
        "兴安盟",
        field="division_code",
    )
    refused(
        alice.post("/api/nurseries", json=base_body(production_area="200")),
        422,
        "生产面积",
        field="production_area",
    )
    refused(
        alice.post(
            "/api/nurseries",
            json=base_body(
                stock=[{"species": "樟子松", "age_code": "2x1", "grade": "Ⅰ级苗", "quantity": 1}]
            ),
        ),
        422,
        "苗龄",
        field="stock",
    )
    refused(
        alice.post(
            "/api/nurseries", json=base_body(duties=[{"duty": "germplasm", "delivered": ""}])
        ),
        422,
        "国有林场",
        field="duties",
    )


def test_the_outline_area_is_computed_and_a_large_gap_flagged(api, browser, personas):
    alice = api("alice")
    near = ok(
        alice.post(
            "/api/nurseries",
            json=base_body(
                outline=square_geojson(), total_area=str(SQUARE_MU), production_area="100"
            ),
        ),
        201,
    )
    assert abs(Decimal(near["outline_area_mu"]) - SQUARE_MU) < 5
    assert not near["area_flagged"]
    far = ok(
        alice.post(
            "/api/nurseries",
            json=base_body(outline=square_geojson(), total_area="1000", production_area="100"),
        ),
        201,
    )
    assert far["area_flagged"]
    assert Decimal("28") < Decimal(far["area_gap_percent"]) < Decimal("30")
    assert far["area_tolerance_percent"] == 20  # the local setting's default
    key = "nurseries.area_tolerance_percent"
    try:
        ok(api("admin").put(f"/api/settings/{key}", json={"value": 30}))
        assert not ok(alice.get(f"/api/nurseries/{far['id']}"))["area_flagged"]
    finally:
        ok(api("admin").delete(f"/api/settings/{key}"))
    assert ok(alice.get(f"/api/nurseries/{far['id']}"))["area_flagged"]

    browser.login(personas["alice"].username)
    flag = BeautifulSoup(browser.get(f"/nurseries/{far['id']}").text, "html.parser").find(
        id="area-flag"
    )
    assert flag is not None
    assert "相差" in flag.text
    assert "1000.00亩" in flag.text
    assert "超过允许的 20%（本地设定）" in flag.text
    assert (
        BeautifulSoup(browser.get(f"/nurseries/{near['id']}").text, "html.parser").find(
            id="area-flag"
        )
        is None
    )


def test_a_bad_outline_is_refused_in_chinese(api):
    bad = {
        "type": "Polygon",
        "coordinates": [[[116.0, 39.0], [116.1, 39.0], [116.1, 39.1], [116.0, 39.0]]],
    }
    refused(
        api("alice").post("/api/nurseries", json=base_body(outline=bad)),
        422,
        "兴安盟范围",
        field="outline",
    )
    kml = ok(
        api("alice").post("/api/nurseries", json=base_body(outline_kml=KML, total_area="1288")), 201
    )
    assert kml["outline"]["type"] == "Polygon"


def _form(**changes: str) -> dict[str, str]:
    values = {
        "name": unique("红星苗圃"),
        "kind": "private",
        "division_code": "152201",
        "address": "义勒力特镇红星村",
        "lat": "46.05",
        "lon": "122.05",
        "area_unit": "ha",
        "total_area": "86",
        "production_area": "80",
        "stock": "樟子松 2-1 Ⅰ级苗 120000\n兴安落叶松 1-0 Ⅱ级苗 5000",
        "annual_output": "50000",
        "facilities": "irrigation",
    }
    values.update(changes)
    return values


def _post(browser, path: str, data: dict[str, str], file: tuple[str, bytes] | None):
    token = browser.csrf(path)
    files = {"outline_file": (file[0], file[1], "application/octet-stream")} if file else None
    return browser.http.post(path, data={**data, "_csrf_token": token}, files=files)


def test_the_page_imports_an_outline_from_kml_and_refuses_a_bad_file(browser, personas):
    browser.login(personas["alice"].username)
    r = _post(browser, "/nurseries/new", _form(), ("地块.kml", KML.encode()))
    assert r.status_code == 303, r.text[:2000]
    edit = r.headers["location"] + "/edit"
    assert (
        "已登记地块边界"
        in BeautifulSoup(browser.get(edit).text, "html.parser").find(id="outline-kept").text
    )
    r = _post(browser, edit, _form(annual_output="60000"), None)  # no new file: the outline stays
    assert r.status_code == 303
    page = BeautifulSoup(browser.get(r.headers["location"]).text, "html.parser")
    text = page.get_text(" ", strip=True)
    assert "红星苗圃" in text
    assert "1290.00亩（86.0000公顷）" in text
    assert "已登记，按边界计算面积" in text
    assert "3年生，移植1次" in text
    assert "灌溉设施" in text

    r = _post(browser, "/nurseries/new", _form(name="坏文件苗圃"), ("地块.kml", b"<kml><oops>"))
    assert r.status_code == 422
    page = BeautifulSoup(r.text, "html.parser")
    assert "不是有效的 KML 文件" in page.find(id="nb-outline-err").text
    assert page.find(id="nb-name")["value"] == "坏文件苗圃"  # what was typed is kept

    r = _post(browser, "/nurseries/new", _form(stock="樟子松 二一 Ⅰ级苗 1"), None)
    assert r.status_code == 422
    assert "苗龄" in BeautifulSoup(r.text, "html.parser").find(id="nb-stock-err").text

    r = _post(browser, "/nurseries/new", _form(lat="北纬四十六度"), None)
    assert r.status_code == 422
    message = BeautifulSoup(r.text, "html.parser").find(id="nb-lat-err").text
    assert "lat" not in message, message
    assert "数" in message, message


def test_the_station_confirms_on_the_page_and_an_operator_edit_undoes_it(browser, api, personas):
    base = ok(api("alice").post("/api/nurseries", json=base_body()), 201)
    browser.login(personas["station"].username)
    page = BeautifulSoup(browser.get(f"/nurseries/{base['id']}").text, "html.parser")
    assert page.find("button", string="确认登记信息") is not None
    r = browser.post_form(
        f"/nurseries/{base['id']}/confirm", {}, form_page=f"/nurseries/{base['id']}"
    )
    assert r.status_code == 303
    page = BeautifulSoup(browser.get(f"/nurseries/{base['id']}").text, "html.parser")
    assert "已确认" in page.find(class_="eyebrow").text
    assert page.find("button", string="确认登记信息") is None

    alice = type(browser)(browser.http.base_url)
    alice.login(personas["alice"].username)
    edit = f"/nurseries/{base['id']}/edit"
    form = BeautifulSoup(alice.get(edit).text, "html.parser")
    assert form.find(id="nb-name")["value"] == base["name"]
    assert form.find(id="outline-kept") is None  # no outline on file
    r = _post(alice, edit, _form(name=base["name"], address="义勒力特镇红星村二组"), None)
    assert r.status_code == 303
    page = BeautifulSoup(alice.get(f"/nurseries/{base['id']}").text, "html.parser")
    assert "待确认" in page.find(class_="eyebrow").text
    assert "义勒力特镇红星村二组" in page.get_text()


def test_a_banner_station_keeps_only_its_banners_bases(api, server, personas):
    name = unique("zm")
    asyncio.run(factories.make_user(name, Role.SEED_STATION, jurisdiction="152221"))
    kyqq = api()
    kyqq.headers["Authorization"] = f"Bearer {token_for(server, name)}"
    alices = ok(api("alice").post("/api/nurseries", json=base_body()), 201)
    bobs = ok(
        api("bob").post(
            "/api/nurseries", json=base_body(division_code="152221", lat=46.1, lon=121.9)
        ),
        201,
    )
    refused(kyqq.get(f"/api/nurseries/{alices['id']}"), 404)
    refused(kyqq.post(f"/api/nurseries/{alices['id']}/confirm"), 404)
    assert ok(kyqq.post(f"/api/nurseries/{bobs['id']}/confirm"))["status"] == "confirmed"
    # It registers bases in its banner, for organisations of its banner only.
    body = base_body(division_code="152221", lat=46.1, lon=121.9)
    own = ok(
        kyqq.post("/api/nurseries", json={**body, "organisation_id": bobs["organisation_id"]}), 201
    )
    assert own["organisation_name"] == "bob林木种苗有限公司"
    refused(
        kyqq.post("/api/nurseries", json={**body, "organisation_id": alices["organisation_id"]}),
        422,
        "管辖范围",
        field="organisation_id",
    )
    refused(
        kyqq.post(
            "/api/nurseries",
            json={**base_body(), "organisation_id": bobs["organisation_id"]},
        ),
        422,
        "管辖范围",
        field="division_code",
    )
