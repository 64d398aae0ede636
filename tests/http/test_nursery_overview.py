"""The state-nursery target (兴署发〔2021〕6号 四, "3—5处") under each scope setting, and the
officials' map: every base drawn at its projected place, the map and the target behind login
and for officials only (issue 18)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from seedreg.nurseries.mapping import LEAGUE_FRAME
from tests.http.lotkit import ok, refused
from tests.http.nurserykit import base_body, square_geojson

SCOPE, MINIMUM, MAXIMUM = (
    "nurseries.state_target_scope",
    "nurseries.state_target_minimum",
    "nurseries.state_target_maximum",
)


def _rows(api) -> dict[str, dict]:
    return {r["code"]: r for r in ok(api("officer_league").get("/api/nurseries/target"))["rows"]}


def _state_base(api, division: str, lat: float, lon: float) -> dict:
    body = base_body(kind="state", division_code=division, lat=lat, lon=lon)
    body["duties"] = [{"duty": "germplasm", "delivered": "保存樟子松种质资源12份"}]
    base = ok(
        api("station").post("/api/nurseries", json={**body, "organisation_id": _org(api)}), 201
    )
    return ok(api("station").post(f"/api/nurseries/{base['id']}/confirm"))


def _org(api) -> int:
    """alice's organisation: the station registers state bases run by it."""
    return ok(api("alice").post("/api/nurseries", json=base_body()), 201)["organisation_id"]


def test_confirmed_state_bases_count_toward_the_target_under_each_scope(api, browser):
    before = _rows(api)
    pending = ok(
        api("alice").post(
            "/api/nurseries",
            json=base_body(kind="state", division_code="152202", lat=47.1, lon=119.9),
        ),
        201,
    )
    assert _rows(api)["152202"]["count"] == before["152202"]["count"]  # not confirmed: not counted
    _state_base(api, "152202", 47.15, 119.95)
    after = _rows(api)
    assert after["152202"]["count"] == before["152202"]["count"] + 1
    assert after["152200"]["count"] == before["152200"]["count"] + 1
    assert after["152200"]["count"] == sum(
        r["count"] for code, r in after.items() if code != "152200"
    )
    assert pending["status"] == "pending"

    admin = api("admin")
    count = after["152202"]["count"]
    try:
        ok(admin.put(f"/api/settings/{SCOPE}", json={"value": "banner"}))
        ok(admin.put(f"/api/settings/{MINIMUM}", json={"value": count}))
        ok(admin.put(f"/api/settings/{MAXIMUM}", json={"value": count + 1}))
        table = ok(api("officer_league").get("/api/nurseries/target"))
        assert (table["scope"], table["minimum"], table["maximum"]) == ("banner", count, count + 1)
        rows = {r["code"]: r for r in table["rows"]}
        assert rows["152202"]["standing_label"] == "达到"
        assert rows["152200"]["standing_label"] == "—"  # the league only adds up
        for r in table["rows"][:-1]:
            expected = (
                "未达到"
                if r["count"] < count
                else ("超过上限" if r["count"] > count + 1 else "达到")
            )
            assert r["standing_label"] == expected, r

        browser.login("officer_league")
        page = BeautifulSoup(browser.get("/nurseries/target").text, "html.parser")
        assert page.find(id="target-scope").text == "每个旗县市"
        row = page.find("tr", attrs={"data-code": "152202"}).get_text(" ", strip=True)
        assert row == f"阿尔山市 {count} 达到"
        settings = page.find(id="target-settings").get_text(" ", strip=True)
        assert "每个旗县市（本地设定）" in settings
        assert f"{count + 1}处（本地设定）" in settings

        ok(admin.put(f"/api/settings/{SCOPE}", json={"value": "league"}))
        ok(admin.put(f"/api/settings/{MAXIMUM}", json={"value": 50}))
        ok(admin.put(f"/api/settings/{MINIMUM}", json={"value": 50}))
        rows = _rows(api)
        assert rows["152200"]["standing_label"] == (
            "未达到" if rows["152200"]["count"] < 50 else "达到"
        )
        assert rows["152202"]["standing_label"] == "—"
    finally:
        for key in (SCOPE, MINIMUM, MAXIMUM):
            admin.delete(f"/api/settings/{key}")
    table = ok(api("officer_league").get("/api/nurseries/target"))
    assert (table["scope"], table["minimum"], table["maximum"]) == ("league", 3, 5)


def test_the_map_draws_each_base_at_its_projected_place(api, browser):
    base = ok(
        api("alice").post(
            "/api/nurseries",
            json=base_body(lat=46.1, lon=122.08, outline=square_geojson(), total_area="1288"),
        ),
        201,
    )
    browser.login("officer_wlht")
    page = BeautifulSoup(browser.get("/nurseries/map").text, "html.parser")
    svg = page.find("svg", id="nursery-map")
    dot = svg.find("circle", attrs={"data-id": str(base["id"])})
    x, y = LEAGUE_FRAME.project(122.08, 46.1)
    assert (float(dot["cx"]), float(dot["cy"])) == (x, y)
    assert base["name"] in dot.find("title").text
    sx, sy = LEAGUE_FRAME.project(122.0, 46.01)  # the outline's north-west corner
    assert f"L{sx} {sy}" in svg.find("a", href=f"/nurseries/{base['id']}").find("path")["d"]
    assert "乌兰浩特市" in [t.text for t in svg.find_all("text")]
    assert "不得公开" in page.get_text()

    kyqq = type(browser)(browser.http.base_url)
    kyqq.login("officer_kyqq")  # another banner: the base is not on its map
    other = BeautifulSoup(kyqq.get("/nurseries/map").text, "html.parser")
    assert other.find("circle", attrs={"data-id": str(base["id"])}) is None


def test_the_map_and_the_target_are_for_officials_only(api, browser, personas):
    assert browser.get("/nurseries/map").status_code in (302, 303, 401)
    refused(api("alice").get("/api/nurseries/target"), 403, "工作人员")
    browser.login(personas["alice"].username)
    assert browser.get("/nurseries/map").status_code == 403
    assert browser.get("/nurseries/target").status_code == 403
