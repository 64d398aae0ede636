"""Inspections over HTTP (issue 21): the catalogue's pages and fine ranges, the admin's edit, the
annual plan from draft to approval, the seeded 双随机 draw with conflicts and caps, its audit,
its public page, and who may do what."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Iterator
from contextlib import contextmanager

from bs4 import BeautifulSoup

from seedreg.accounts.rules import Role
from seedreg.accounts.tables import User
from seedreg.inspections import draws as draw_service
from seedreg.inspections.rules import inspector_covers
from tests import factories
from tests.fixtures import Api, Browser, token_for, unique
from tests.http.lotkit import ok, record_licence, refused
from tests.http.nurserykit import base_body
from tests.pagetext import english_in_html


def text_of(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)


# Plan years handed out once each (a shuffled pool, not a random pick: two plans of one test
# in the same year met the yearly cap of visits, about one run in twelve).
_YEARS = random.sample(range(2031, 2101), k=70)  # a plan year is at most 2100


def a_year() -> int:
    """A plan year of its own, so the yearly cap of visits of other tests cannot interfere."""
    return _YEARS.pop()


@contextmanager
def only_these_inspectors(county: str, keep: set[int]) -> Iterator[None]:
    """The county's draw sees only the inspectors a test made: every other active inspector
    covering it (league inspectors other tests made cover every banner) is set inactive for the
    test and active again after it."""

    async def others() -> list[int]:
        rows = await User.select(User.id, User.jurisdiction).where(
            (User.role == Role.INSPECTOR) & User.active.eq(True)
        )
        return [
            r["id"]
            for r in rows
            if r["id"] not in keep and inspector_covers(r["jurisdiction"] or "", county)
        ]

    async def set_active(ids: list[int], active: bool) -> None:
        if ids:
            await User.update({User.active: active}).where(User.id.is_in(ids))

    hidden = asyncio.run(others())
    asyncio.run(set_active(hidden, False))
    try:
        yield
    finally:
        asyncio.run(set_active(hidden, True))


def inspector(county: str, **fields: object) -> tuple[str, int]:
    name = unique("insp")
    fields.setdefault("enforcement_id", f"{county}{random.randint(10**7, 10**8 - 1)}")
    fields.setdefault("real_name", f"执法{random.randint(100, 999)}")
    user_id = asyncio.run(factories.make_user(name, Role.INSPECTOR, jurisdiction=county, **fields))
    return name, user_id


def licensed_organisation(api, county: str) -> dict:
    org = asyncio.run(factories.make_organisation(county, name=unique("检查对象苗圃")))
    record_licence(api("officer_league"), org.id, species=["樟子松"])
    return {"id": org.id, "name": org.name, "uscc": org.uscc}


def approved_plan(api, author: str, county: str, **changes: object) -> dict:
    body = {
        "year": a_year(),
        "division_code": county,
        "title": unique("计划"),
        "target_kinds": ["organisation"],
        "random_share_percent": 100,
        "max_visits_per_target": 1,
        **changes,
    }
    plan = ok(api(author).post("/api/inspections/plans", json=body), 201)
    assert plan["status"] == "draft"
    return ok(api("admin").post(f"/api/inspections/plans/{plan['id']}/approve"))


# --- the catalogue ---------------------------------------------------------------------------


def test_the_catalogue_pages_show_the_rule_and_compute_the_range(server, personas):
    browser = Browser(server)
    browser.login("inspector")
    listing = text_of(browser.get("/inspections/violations").text)
    assert "V3-1 销售无标签的种苗（按假种子论处）" in listing
    assert "（二）生产经营假劣种苗、侵犯品种权" in listing
    page = browser.get("/inspections/violations/V3-1", params={"goods_value": "20000"})
    assert page.status_code == 200
    shown = text_of(page.text)
    assert "罚款幅度： 200,000元 至 400,000元" in shown
    assert "依据：种子法第七十四条" in shown
    assert "按“生产经营假种苗”论处" in shown
    below = text_of(browser.get("/inspections/violations/V1-1?goods_value=9999.99").text)
    assert "3,000元 至 30,000元" in below
    unknown = text_of(browser.get("/inspections/violations/V1-1?goods_value=").text)
    assert "不能计算罚款幅度" in unknown
    assert "请先核定货值金额" in unknown
    wrong = browser.get("/inspections/violations/V1-1", params={"goods_value": "一万"})
    assert wrong.status_code == 422
    soup = BeautifulSoup(wrong.text, "html.parser")
    assert soup.find("input", attrs={"name": "goods_value"})["value"] == "一万"
    assert "货值应为数字" in soup.select_one(".err").get_text()
    assert browser.get("/inspections/violations/V9-9").status_code == 404


def test_the_penalty_api_gives_the_same_ranges(api):
    officer = api("officer_kyqq")
    at = ok(officer.get("/api/inspections/violations/V1-1/penalty", params={"goods_value": 10000}))
    assert (at["min_yuan"], at["max_yuan"]) == (30000, 50000)
    below = ok(officer.get("/api/inspections/violations/V1-1/penalty?goods_value=9999.99"))
    assert (below["min_yuan"], below["max_yuan"]) == (3000, 30000)
    unknown = ok(officer.get("/api/inspections/violations/V2-1/penalty"))
    assert unknown["min_yuan"] is None
    assert "请先核定" in unknown["applied"]
    fixed = ok(officer.get("/api/inspections/violations/V7-1/penalty?goods_value=0"))
    assert (fixed["min_yuan"], fixed["max_yuan"], fixed["article"]) == (
        2000,
        50000,
        "种子法第八十六条",
    )
    refused(officer.get("/api/inspections/violations/V1-1/penalty?goods_value=-1"), 422)
    for absurd in ("NaN", "Infinity", "1e400"):
        r = officer.get("/api/inspections/violations/V1-1/penalty", params={"goods_value": absurd})
        assert r.status_code in (400, 422), (absurd, r.status_code)
    assert api("alice").get("/api/inspections/violations/V1-1/penalty").status_code == 403
    assert api().get("/api/inspections/violations").status_code == 401
    item = ok(officer.get("/api/inspections/violations/V1-2"))
    assert item["licence_effect"] == "annul"
    assert "撤销" in item["licence_effect_label"]


def test_the_admin_edits_an_item_and_the_edit_is_audited(api, server):
    admin = api("admin")
    before = ok(admin.get("/api/inspections/violations/Q-2"))
    body = {k: before[k] for k in ("name", "breached_article", "penalty_article")}
    try:
        changed = ok(
            admin.put(
                "/api/inspections/violations/Q-2",
                json={**body, "fine_kind": "fixed", "min_yuan": 100, "max_yuan": 300},
            )
        )
        assert "处100元以上300元以下罚款" in changed["fine_words"]
        assert changed["edited_at"]
        r = ok(admin.get("/api/inspections/violations/Q-2/penalty?goods_value=5"))
        assert (r["min_yuan"], r["max_yuan"]) == (100, 300)
        refused(
            admin.put(
                "/api/inspections/violations/Q-2",
                json={**body, "fine_kind": "fixed", "min_yuan": 100},
            ),
            422,
            "下限和上限",
        )
        assert (
            api("inspector")
            .put("/api/inspections/violations/Q-2", json={**body, "fine_kind": "none"})
            .status_code
            == 403
        )
        events = ok(
            admin.get("/api/audit", params={"subject_type": "violation_item", "subject_id": "Q-2"})
        )
        update = [e for e in events if e["action"] == "violation:update"][-1]
        assert update["before"]["fine_kind"] == "none"
        assert update["after"]["max_yuan"] == 300
        # the page's form shows the current values; an inspector may not open it
        page = Browser(server)
        page.login("admin")
        form = BeautifulSoup(page.get("/inspections/violations/Q-2/edit").text, "html.parser")
        assert form.find("input", attrs={"name": "max_yuan"})["value"] == "300"
        bad = page.post_form(
            "/inspections/violations/Q-2/edit",
            {**body, "fine_kind": "fixed", "min_yuan": "500", "max_yuan": "300"},
            form_page="/inspections/violations/Q-2/edit",
        )
        assert bad.status_code == 422
        assert "罚款下限不能大于上限" in bad.text
        insp = Browser(server)
        insp.login("inspector")
        assert insp.get("/inspections/violations/Q-2/edit").status_code == 403
    finally:
        ok(admin.put("/api/inspections/violations/Q-2", json={**body, "fine_kind": "none"}))


# --- plans and the draw ----------------------------------------------------------------------


def test_a_plan_is_drafted_approved_and_drawn_with_its_seed_audited(api, server):
    county = "152201"
    targets = [licensed_organisation(api, county) for _ in range(3)]
    inspector(county)
    page = Browser(server)
    page.login("inspector")
    year = a_year()
    created = page.post_form(
        "/inspections/plans/new",
        {
            "year": str(year),
            "division_code": county,
            "title": "乌兰浩特市年度林木种苗执法检查计划",
            "target_kinds": "organisation",
            "draws_per_year": "2",
            "random_share_percent": "100",
            "max_visits_per_target": "1",
            "risk_weighted": "on",
        },
    )
    assert created.status_code == 303, created.text[:400]
    plan_url = created.headers["location"]
    plan_id = int(plan_url.rsplit("/", 1)[1])
    shown = text_of(page.get(plan_url).text)
    assert "草稿" in shown
    assert "按风险加权" in shown
    assert "标签扫码异常、疑似仿冒预警" in shown
    assert "暂无数据" in shown
    html = page.get(plan_url).text
    assert "批准计划" not in shown
    assert f'action="{plan_url}/draw"' not in html
    # the draft can be corrected on its page
    form = BeautifulSoup(page.get(f"{plan_url}/edit").text, "html.parser")
    assert (
        form.find("input", attrs={"name": "title"})["value"] == "乌兰浩特市年度林木种苗执法检查计划"
    )
    fields = {
        "year": str(year),
        "division_code": county,
        "title": "乌兰浩特市林木种苗执法检查计划（修订）",
        "target_kinds": "organisation",
        "draws_per_year": "2",
        "random_share_percent": "100",
        "max_visits_per_target": "1",
        "risk_weighted": "on",
    }
    bad = page.post_form(
        f"{plan_url}/edit", {**fields, "random_share_percent": "0"}, form_page=f"{plan_url}/edit"
    )
    assert bad.status_code == 422
    assert (
        BeautifulSoup(bad.text, "html.parser").find("input", attrs={"name": "title"})["value"]
        == fields["title"]
    )
    assert (
        page.post_form(f"{plan_url}/edit", fields, form_page=f"{plan_url}/edit").status_code == 303
    )
    assert "（修订）" in text_of(page.get(plan_url).text)
    # the inspector may not approve; the admin approves after confirming
    assert api("inspector").post(f"/api/inspections/plans/{plan_id}/approve").status_code == 403
    admin = Browser(server)
    admin.login("admin")
    ask = admin.post_form(f"{plan_url}/approve", {}, form_page=plan_url)
    assert ask.status_code == 200
    assert "确认批准检查计划" in ask.text
    assert (
        admin.post_form(f"{plan_url}/approve", {"confirm": "1"}, form_page=plan_url).status_code
        == 303
    )
    assert "已批准" in text_of(page.get(plan_url).text)
    assert page.get(f"{plan_url}/edit").status_code == 403  # approved: no more changes
    refused(
        api("inspector").put(
            f"/api/inspections/plans/{plan_id}",
            json={
                "year": year,
                "division_code": county,
                "title": "改名的计划",
                "target_kinds": ["organisation"],
                "random_share_percent": 10,
            },
        ),
        409,
    )
    # the draw: confirmation first, then published
    ask = page.post_form(f"{plan_url}/draw", {"seed": "abc-1"}, form_page=plan_url)
    assert ask.status_code == 200
    assert "确认按计划" in ask.text
    assert "abc-1" in ask.text
    drawn = page.post_form(
        f"{plan_url}/draw", {"seed": "abc-1", "confirm": "1"}, form_page=plan_url
    )
    assert drawn.status_code == 303
    draw_id = int(drawn.headers["location"].rsplit("/", 1)[1])
    detail = ok(api("inspector").get(f"/api/inspections/draws/{draw_id}"))
    assert detail["seed"] == "abc-1"
    drawn_names = {v["target_name"] for v in detail["visits"]}
    assert {t["name"] for t in targets} <= drawn_names | set(detail["unpaired"])
    for visit in detail["visits"]:
        assert len(visit["inspectors"]) == 2
        assert visit["result"] == "检查中"
        ids = [i["enforcement_id"] for i in visit["inspectors"]]
        assert all(ids)
        assert ids[0] != ids[1]
    # reproducible: the recorded seed and candidates give the recorded result again
    again = asyncio.run(draw_service.replay(draw_id))
    assert again.as_json() == detail["result_json"]
    # audited with the seed
    events = ok(
        api("admin").get(
            "/api/audit", params={"subject_type": "random_draw", "subject_id": draw_id}
        )
    )
    assert [e["after"]["seed"] for e in events if e["action"] == "random_draw:draw"] == ["abc-1"]
    # the cap: every target had its one visit this year, so a second draw finds none
    refused(
        api("inspector").post(f"/api/inspections/plans/{plan_id}/draws", json={"seed": "abc-2"}),
        422,
        "上限",
    )
    # the draw's page shows the seed and the candidates
    assert "abc-1" in page.get(f"/inspections/draws/{draw_id}").text


def test_too_few_inspectors_with_a_certificate_refuse_the_draw(api):
    county = "152202"
    _name, only = inspector(county)  # (accounts require every inspector's 执法证号)
    plan = approved_plan(api, "admin", county)
    with only_these_inspectors(county, {only}):
        r = api("admin").post(f"/api/inspections/plans/{plan['id']}/draws", json={})
    refused(r, 422, "不足两名")


def test_who_may_plan_and_draw(api, server):
    plan = approved_plan(api, "inspector", "152201")
    other, _ = inspector("152221")
    outsider = Api(server, token_for(server, other))
    assert outsider.post(f"/api/inspections/plans/{plan['id']}/draws", json={}).status_code in (
        403,
        404,
    )
    assert outsider.get(f"/api/inspections/plans/{plan['id']}").status_code == 404
    body = {
        "year": 2040,
        "division_code": "152201",
        "title": "越权计划",
        "target_kinds": ["organisation"],
        "random_share_percent": 10,
    }
    assert outsider.post("/api/inspections/plans", json=body).status_code == 403
    assert api("alice").post("/api/inspections/plans", json=body).status_code == 403
    assert api("officer_wlht").post("/api/inspections/plans", json=body).status_code == 403
    assert api("alice").post(f"/api/inspections/plans/{plan['id']}/draws", json={}).status_code in (
        403,
        404,
    )
    home = Browser(server)
    home.login("inspector")
    assert "检查计划与双随机抽取" in home.get("/").text
    operator = Browser(server)
    operator.login("alice")
    assert "检查计划与双随机抽取" not in operator.get("/").text
    assert 'href="/inspections"' not in operator.get("/").text
    assert operator.get("/inspections/plans").status_code == 403
    assert operator.get("/inspections").status_code == 403
    draft = ok(api("inspector").post("/api/inspections/plans", json=body), 201)
    refused(api("admin").post(f"/api/inspections/plans/{draft['id']}/draws", json={}), 409, "批准")


def test_conflicts_keep_an_inspector_away_from_the_target(api, server):
    county = "152223"
    target = licensed_organisation(api, county)
    name_a, id_a = inspector(county)
    _name_b, id_b = inspector(county)
    _name_c, id_c = inspector(county)
    a = Api(server, token_for(server, name_a))
    declared = ok(
        a.post(
            "/api/inspections/conflicts",
            json={"inspector_id": id_a, "target_id": target["id"], "reason": "配偶在该单位任职"},
        ),
        201,
    )
    assert declared["target_name"] == target["name"]
    # an inspector declares only for itself; the admin for anyone
    assert (
        a.post(
            "/api/inspections/conflicts",
            json={"inspector_id": id_b, "target_id": target["id"], "reason": "代登"},
        ).status_code
        == 403
    )
    ok(
        api("admin").post(
            "/api/inspections/conflicts",
            json={"inspector_id": id_b, "target_id": target["id"], "reason": "曾在该单位工作"},
        ),
        201,
    )
    mine = ok(a.get("/api/inspections/conflicts"))
    assert {c["inspector_id"] for c in mine} == {id_a}
    key = f"organisation:{target['id']}"
    for n in range(3):
        plan = approved_plan(api, "admin", county)
        with only_these_inspectors(county, {id_a, id_b, id_c}):
            drawn = ok(
                api("admin").post(
                    f"/api/inspections/plans/{plan['id']}/draws", json={"seed": f"c-{n}"}
                ),
                201,
            )
        recorded = drawn["candidates"]["conflicts"]
        assert [id_a, key] in recorded
        assert [id_b, key] in recorded
        # c is the only inspector of the banner left for this target: it cannot be paired
        assert key in drawn["result_json"]["unpaired"], drawn["result_json"]
        assert key not in [v["target"] for v in drawn["result_json"]["visits"]]
        assert target["name"] in drawn["unpaired"]
        for pair in drawn["result_json"]["visits"]:
            assert len(set(pair["inspectors"])) == 2


def test_the_public_page_shows_names_and_certificate_numbers_only(api, server):
    county = "152224"
    target = licensed_organisation(api, county)
    phones = []
    people = []
    for n in range(2):
        phone = f"1390000{random.randint(1000, 9999)}"
        email = f"{unique('mail')}@example.org"
        name, _ = inspector(
            county, phone=phone, email=email, real_name=f"公开{n}号{random.randint(10, 99)}"
        )
        phones += [phone, email, name]
        people.append(name)
    plan = approved_plan(api, "admin", county)
    drawn = ok(
        api("admin").post(f"/api/inspections/plans/{plan['id']}/draws", json={"seed": "pub-1"}), 201
    )
    visit = next(v for v in drawn["visits"] if v["target_name"] == target["name"])
    anon = Browser(server)
    page = anon.get("/inspections/draws")
    assert page.status_code == 200
    shown = text_of(page.text)
    assert target["name"] in shown
    assert "检查中" in shown
    assert "pub-1" in shown
    # persona organisations (alice, bob) may hold licences in the test database and be drawn
    assert english_in_html(page.text, frozenset({"alice", "bob"})) == []  # the seed is a code
    for person in visit["inspectors"]:
        assert f"{person['name']}（执法证号 {person['enforcement_id']}）" in shown
    public = anon.get("/api/public/draws")
    assert public.status_code == 200
    for secret in (*phones, target["uscc"]):
        assert secret not in page.text, secret
        assert secret not in public.text, secret
    assert "inspectors" in public.json()[0]["visits"][0]


def test_a_plan_of_nursery_bases_draws_the_bases_of_its_area(api, server):
    """Nursery bases are targets of their own: the plan's area decides which, each visit names
    the base, and a conflict declared with the operating business keeps that inspector away."""
    county = "152222"
    org = asyncio.run(factories.make_organisation(county, name=unique("检查对象林场")))
    body = base_body(division_code=county, lat=45.06, lon=121.48, kind="state")
    base = ok(api("station").post("/api/nurseries", json={**body, "organisation_id": org.id}), 201)
    elsewhere = ok(api("alice").post("/api/nurseries", json=base_body()), 201)  # 乌兰浩特市
    _name_a, id_a = inspector(county)
    inspector(county)
    inspector(county)
    ok(
        api("admin").post(
            "/api/inspections/conflicts",
            json={"inspector_id": id_a, "target_id": org.id, "reason": "亲属在该林场任职"},
        ),
        201,
    )
    key = f"nursery_base:{base['id']}"
    for n in range(4):  # without the exclusion, a is in the pair 2 times in 3
        plan = approved_plan(api, "admin", county, target_kinds=["nursery_base"])
        drawn = ok(
            api("admin").post(
                f"/api/inspections/plans/{plan['id']}/draws", json={"seed": f"nb-{n}"}
            ),
            201,
        )
        names = {v["target_name"] for v in drawn["visits"]}
        assert base["name"] in names
        assert elsewhere["name"] not in names
        visit = next(v for v in drawn["result_json"]["visits"] if v["target"] == key)
        assert id_a not in visit["inspectors"]
        assert len(set(visit["inspectors"])) == 2
    page = Browser(server).get("/inspections/draws")
    assert base["name"] in text_of(page.text)
