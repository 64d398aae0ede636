"""Who may reach what: every route's anonymous answer, and the access matrix per persona.

Out-of-reach records answer 404 and reveal nothing; role-restricted pages and API answer 403;
anonymous visitors get 401 JSON on the API and a redirect to the login page elsewhere.
"""

from __future__ import annotations

import asyncio
import re
from datetime import date, datetime
from urllib.parse import quote

import chinese_calendar
import httpx
import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.fixtures import Browser, unique

# Routes anyone may call without signing in. Everything else must refuse an anonymous caller;
# a route added later without protection makes test_it_refuses_anonymous_callers_everywhere fail.
PUBLIC = {
    ("GET", "/"),
    ("GET", "/healthz"),
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/species"),
    # Who decides an introduction from where (issue 16) is asked before anyone applies.
    ("GET", "/introductions/route"),
    ("GET", "/api/introductions/route"),
    ("GET", "/verify/organisations/{public_id:str}"),
    ("POST", "/api/auth/token"),
    ("GET", "/api/reference/divisions"),
    ("GET", "/api/reference/species"),
    ("GET", "/api/public/organisations/{public_id:str}"),
    ("GET", "/api/calendar/deadline"),
    # The licence register, verification pages and service guide (seedreg.licensing) are
    # published on purpose.
    ("GET", "/api/public/licences"),
    ("GET", "/api/public/licences/{public_id:str}"),
    ("GET", "/api/public/service-guide"),
    ("GET", "/licensing/guide"),
    ("GET", "/licensing/register"),
    ("GET", "/verify/licences/{public_id:str}"),
    ("GET", "/verify/notices/{public_id:str}"),
    # An exported archive's QR (seedreg.archive) and a field check's documents' QR
    # (seedreg.inspections): that the paper is genuine, with no content of the record.
    ("GET", "/verify/archive/{public_id:str}"),
    ("GET", "/verify/checks/{public_id:str}/{kind:str}"),
    # The inspected business's 检查码 (issue 23): its own checks only, rate-limited; one
    # anonymous rating per visit (page with CSRF, API).
    ("GET", "/inspected"),
    ("GET", "/inspected/{code:str}"),
    ("POST", "/inspected/{code:str}/rating"),
    ("GET", "/api/inspected/{code:str}"),
    ("POST", "/api/inspected/{code:str}/rating"),
    # 行政执法公示 (issue 23, seedreg.cases): decisions published with personal data masked, and
    # the case documents' QR (that the paper is genuine).
    ("GET", "/api/cases/published"),
    ("GET", "/cases/public"),
    ("GET", "/verify/cases/{public_id:str}/{kind:str}"),
    # 质量检验合格证 verification (seedreg.quality): page and JSON, no personal data.
    ("GET", "/verify/quality/{public_id:str}"),
    ("GET", "/api/public/quality-certificates/{public_id:str}"),
    # 检疫证书 verification (seedreg.quarantine): page and JSON, organisation name only.
    ("GET", "/verify/quarantine/{public_id:str}"),
    ("GET", "/api/public/quarantine/{public_id:str}"),
    # Ops health check (seedreg.printing): no database, no data.
    ("GET", "/api/health"),
    # Label verification (seedreg.labels): the QR's page and its JSON twin, the location a
    # scanner may share (CSRF-protected form), the typed-serial form, and the public key with
    # the offline verifier. Rate-limited; an individual producer's data masked.
    ("GET", "/v/{serial:str}"),
    ("POST", "/v/{serial:str}/location"),
    ("GET", "/v"),
    ("GET", "/api/public/labels/{serial:str}"),
    ("GET", "/labels/public-key"),
    ("GET", "/labels/public-key.pem"),
    ("GET", "/labels/verify-offline.html"),
    # The field pages' service worker (core/web/offline.py): the app's own script, no data.
    ("GET", "/field-sw.js"),
    # The rule values in force with their defaults and sources, and the authorities' names,
    # addresses and phones (seedreg.reference): published like the time limits of the guide
    # (行政许可法 Art. 30).
    ("GET", "/settings"),
    ("GET", "/api/settings"),
    ("GET", "/api/reference/authorities"),
    # The matter catalogue (seedreg.matters): each matter's legal basis, limits, materials and
    # steps, published like the guide (行政许可法 Art. 30; 兴署发〔2021〕5号 Art. 9).
    ("GET", "/matters"),
    ("GET", "/api/matters"),
    ("GET", "/api/matters/{code:str}"),
    # Accounts for real people (issue 13): a new nursery signs up, enters its codes and follows
    # its sign-up by an unguessable token; a forgotten password is reset by a code. Nothing
    # is shown about existing accounts; all rate-limited per client.
    ("GET", "/signup"),
    ("POST", "/signup"),
    ("GET", "/signup/privacy"),
    ("GET", "/signup/requests/{token:str}"),
    ("POST", "/signup/requests/{token:str}/confirm"),
    ("POST", "/signup/requests/{token:str}/resend"),
    ("POST", "/api/signup"),
    ("GET", "/api/signup/{token:str}"),
    ("POST", "/api/signup/{token:str}/confirm"),
    ("GET", "/password/forgot"),
    ("POST", "/password/forgot"),
    ("POST", "/password/reset"),
    ("POST", "/api/auth/password-reset/code"),
    ("POST", "/api/auth/password-reset"),
    # 双随机一公开 (seedreg.inspections): each draw's targets, inspectors' names and 执法证号,
    # results; nothing else about the people.
    ("GET", "/inspections/draws"),
    ("GET", "/api/public/draws"),
    # The service desk (兴署发〔2021〕5号 Arts. 14, 15, 37, 38): the public asks, books and
    # complains without an account (a mobile number, rate-limited per client, a honeypot);
    # reads its answer or reply by an unguessable token; sees, cancels and rates a booking by
    # its code together with the phone it was made with; windows and free slots are published.
    ("GET", "/servicedesk"),
    ("GET", "/servicedesk/ask"),
    ("POST", "/servicedesk/ask"),
    ("GET", "/servicedesk/q/{token:str}"),
    ("POST", "/servicedesk/q/{token:str}/rating"),
    ("GET", "/servicedesk/book"),
    ("POST", "/servicedesk/book"),
    ("GET", "/servicedesk/booking"),
    ("POST", "/servicedesk/booking"),
    ("POST", "/servicedesk/booking/cancel"),
    ("POST", "/servicedesk/booking/rating"),
    ("GET", "/servicedesk/complain"),
    ("POST", "/servicedesk/complain"),
    ("GET", "/servicedesk/c/{token:str}"),
    ("POST", "/api/servicedesk/questions"),
    ("GET", "/api/servicedesk/questions/by-token/{token:str}"),
    ("POST", "/api/servicedesk/questions/by-token/{token:str}/rating"),
    ("GET", "/api/servicedesk/windows"),
    ("GET", "/api/servicedesk/slots"),
    ("POST", "/api/servicedesk/bookings"),
    ("GET", "/api/servicedesk/bookings/{code:str}"),
    ("POST", "/api/servicedesk/bookings/{code:str}/cancel"),
    ("POST", "/api/servicedesk/bookings/{code:str}/rating"),
    ("POST", "/api/servicedesk/complaints"),
    ("GET", "/api/servicedesk/complaints/by-token/{token:str}"),
    # The guides' blank forms, filled samples, masked result samples, printable guide and QR
    # (兴署发〔2021〕5号 Arts. 10–11: 对外展示, 支持二维码方式浏览查询), and what the seal on
    # the documents is (Art. 26; the test seal says it is not a lawful one).
    ("GET", "/guides/{matter:str}"),
    ("GET", "/guides/{matter:str}/forms/{material:str}/blank.pdf"),
    ("GET", "/guides/{matter:str}/forms/{material:str}/sample.pdf"),
    ("GET", "/guides/{matter:str}/results/{index:int}/sample.pdf"),
    ("GET", "/guides/{matter:str}/guide.pdf"),
    ("GET", "/guides/{matter:str}/qr.png"),
    ("GET", "/api/guides/{matter:str}"),
    ("GET", "/verify/seals"),
    # 好差评 publication (issue 25, seedreg.reports): counts per office and month, no person.
    ("GET", "/reports/public"),
    ("GET", "/api/public/reports/publication"),
    # A printed statistics report's record behind its QR code (issue 25): counts only.
    ("GET", "/reports/verify/{public_id:str}"),
}
# Public routes that must answer 200 to anyone (the rest may answer 404 for a made-up id).
PUBLIC_OK = {
    "/",
    "/healthz",
    "/login",
    "/species",
    "/introductions/route",
    "/api/introductions/route",
    "/verify/organisations/{public_id:str}",
    "/api/reference/divisions",
    "/api/reference/species",
    "/api/public/organisations/{public_id:str}",
    "/api/calendar/deadline",
    "/api/health",
    "/labels/public-key",
    "/labels/public-key.pem",
    "/labels/verify-offline.html",
    "/field-sw.js",
    "/settings",
    "/api/settings",
    "/api/reference/authorities",
    "/matters",
    "/api/matters",
    "/signup",
    "/signup/privacy",
    "/password/forgot",
    "/inspections/draws",
    "/api/public/draws",
    "/servicedesk",
    "/servicedesk/ask",
    "/servicedesk/book",
    "/servicedesk/booking",
    "/servicedesk/complain",
    "/api/servicedesk/windows",
    "/api/servicedesk/slots",
    "/verify/seals",
    "/api/cases/published",
    "/cases/public",
    "/reports/public",
    "/api/public/reports/publication",
}

# Real values for the public routes' required query parameters (to check they answer 200).
PUBLIC_QUERY = {
    "/api/calendar/deadline": {"start": "2026-01-05", "workdays": "3"},
    "/api/introductions/route": {"division_code": "150700"},
    "/api/servicedesk/bookings/{code:str}": {"phone": "13900000000"},
}
# Sample values by type for required query parameters, so that an anonymous call reaches the
# authentication check instead of failing parameter validation first.
SAMPLE = {date: "2026-01-05", datetime: "2026-01-05T08:00:00+08:00", bool: "true"}

NON_ADMINS = [
    "officer_league",
    "officer_wlht",
    "officer_kyqq",
    "station",
    "quarantine",
    "inspector",
    "alice",
    "bob",
]
ALL_PERSONAS = ["admin", *NON_ADMINS]


def app_routes() -> dict[tuple[str, str], dict[str, str]]:
    """Every (method, path) the application serves, without HEAD/OPTIONS, static and schema,
    with sample values for the query parameters it requires."""
    from seedreg.app import create_app

    found = {}
    for route in create_app().routes:
        if route.path.startswith(("/static", "/schema")):
            continue
        for handler in route.route_handlers:
            model = handler.create_kwargs_model(route.path_parameters)
            signature = handler.parsed_fn_signature.parameters
            query = {
                p.field_alias: SAMPLE.get(
                    getattr(signature.get(p.field_name), "annotation", str), "1"
                )
                for p in model.expected_query_params
                if p.is_required
            }
            for method in set(handler.http_methods) - {"HEAD", "OPTIONS"}:
                found[(method, route.path)] = query
    return found


def is_api(path: str) -> bool:
    return path.startswith("/api/")


def is_login_redirect(response: httpx.Response, path: str | None = None) -> bool:
    if response.status_code not in (302, 303):
        return False
    location = response.headers.get("location", "")
    if path is None:
        return location.startswith("/login")
    return location == f"/login?next={quote(path)}"


@pytest.fixture(scope="module")
def alice_org(api, personas) -> dict:
    r = api("admin").get(f"/api/organisations/{personas['alice'].organisation_id}")
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def bob_org(api, personas) -> dict:
    r = api("admin").get(f"/api/organisations/{personas['bob'].organisation_id}")
    assert r.status_code == 200, r.text
    return r.json()


@pytest.fixture(scope="module")
def signed_in(server, personas):
    """signed_in("alice") → a Browser with a live session cookie for that persona."""
    browsers: dict[str, Browser] = {}

    def get(name: str) -> Browser:
        if name not in browsers:
            b = Browser(server)
            b.login(personas[name].username)
            browsers[name] = b
        return browsers[name]

    return get


def fill(path: str, alice_org: dict) -> str:
    """A concrete path for a route: like Litestar's router, only a whole path segment in
    braces is a parameter (anything else is matched literally)."""
    values = {"org_id": str(alice_org["id"]), "public_id": alice_org["public_id"]}

    def segment(part: str) -> str:
        m = re.fullmatch(r"\{(\w+)(?::\w+)?\}", part)
        return values.get(m.group(1), "1") if m else part

    return "/".join(segment(part) for part in path.split("/"))


def leaks(text: str, org: dict) -> list[str]:
    """Which of the organisation's identifying facts appear in a response body."""
    return [v for v in (org["name"], org["uscc"], org["public_id"]) if v and v in text]


# --- every route, anonymously -------------------------------------------------------------


def test_it_lists_the_public_routes_it_actually_serves():
    routes = set(app_routes())
    stale = PUBLIC - routes
    assert not stale, f"the allow-list names routes that no longer exist: {stale}"
    # The inventory itself must see the protected routes, or the next test proves nothing.
    assert {
        ("GET", "/api/me"),
        ("POST", "/logout"),
        ("PATCH", "/api/organisations/{org_id:int}"),
    } <= routes
    assert len(routes - PUBLIC) >= 25


def test_it_refuses_anonymous_callers_everywhere(server, alice_org):
    anonymous = httpx.Client(base_url=server, timeout=60, follow_redirects=False)
    stranger = httpx.Client(
        base_url=server,
        timeout=60,
        follow_redirects=False,
        headers={"Authorization": "Bearer not-a-real-token"},
    )
    form = Browser(server)  # an anonymous browser holding a valid CSRF cookie and token
    token = form.csrf("/login")
    problems = []
    for (method, template), params in sorted(app_routes().items()):
        if (method, template) in PUBLIC:
            continue
        path = fill(template, alice_org)
        if is_api(path):
            for client in (anonymous, stranger):
                r = client.request(method, path, params=params)
                if r.status_code != 401 or r.json()["error"]["code"] != "not_authenticated":
                    problems.append(f"{method} {path}: {r.status_code} {r.text[:120]}")
        elif method == "GET":
            r = anonymous.get(path, params=params)
            if not is_login_redirect(r, path):
                problems.append(f"{method} {path}: {r.status_code} {r.headers.get('location')}")
        else:
            no_csrf = anonymous.request(method, path, data={"x": "1"})
            if no_csrf.status_code != 403:
                problems.append(f"{method} {path} without CSRF: {no_csrf.status_code}")
            with_csrf = form.http.request(method, path, data={"_csrf_token": token, "x": "1"})
            if not is_login_redirect(with_csrf):
                problems.append(f"{method} {path} with CSRF: {with_csrf.status_code}")
    assert problems == [], "\n".join(problems)


def test_it_answers_the_public_routes_without_a_session(server, alice_org):
    anonymous = httpx.Client(base_url=server, timeout=60, follow_redirects=False)
    for method, template in sorted(PUBLIC):
        if method != "GET":
            continue
        path = fill(template, alice_org)
        r = anonymous.get(path, params=PUBLIC_QUERY.get(template, {}))
        if template in PUBLIC_OK:
            assert r.status_code == 200, f"{path}: {r.status_code}"
        else:
            assert r.status_code in (200, 404), f"{path}: {r.status_code}"
            assert not is_login_redirect(r)
    # The public record shows the name but masks the identifiers.
    public = anonymous.get(f"/api/public/organisations/{alice_org['public_id']}").json()
    assert public["name"] == alice_org["name"]
    assert alice_org["uscc"] not in str(public)
    # POST /login and /api/auth/token are reachable too (and say why the sign-in failed).
    form = Browser(server)
    r = form.post_form("/login", {"username": unique("nobody"), "password": "x"})
    assert r.status_code == 422
    r = anonymous.post("/api/auth/token", json={"username": unique("nobody"), "password": "x"})
    assert r.status_code == 422
    assert r.json()["error"]["message"] == "用户名或密码不正确"


# --- organisations: one record, every persona ---------------------------------------------

ORG_READERS = ["alice", "officer_wlht", "officer_league", "admin"]
ORG_OUTSIDERS = ["bob", "officer_kyqq"]


@pytest.mark.parametrize("name", ORG_OUTSIDERS)
def test_it_hides_alice_organisation_from_outsiders_with_404(name, api, signed_in, alice_org):
    org_id = alice_org["id"]
    client, browser = api(name), signed_in(name)
    responses = {
        "GET api": client.get(f"/api/organisations/{org_id}"),
        "PATCH api": client.patch(f"/api/organisations/{org_id}", json={"contact_person": "某人"}),
        "PATCH api other field": client.patch(
            f"/api/organisations/{org_id}", json={"name": "被篡改的名称"}
        ),
        "GET api pdf": client.get(f"/api/organisations/{org_id}/record.pdf"),
        "GET page": browser.get(f"/organisations/{org_id}"),
        "GET edit": browser.get(f"/organisations/{org_id}/edit"),
        "POST edit": browser.post_form(
            f"/organisations/{org_id}/edit",
            {"contact_person": "某人", "phone": "0482-1234567"},
            form_page="/",
        ),
        "GET page pdf": browser.get(f"/organisations/{org_id}/record.pdf"),
    }
    for what, r in responses.items():
        assert r.status_code == 404, f"{what}: {r.status_code}"
        assert leaks(r.text, alice_org) == [], what
        assert "未找到该生产经营者" in r.text, what
    # Out of reach looks exactly like missing.
    missing = client.get("/api/organisations/999999999")
    assert responses["GET api"].json() == missing.json()
    # And nothing changed.
    after = api("admin").get(f"/api/organisations/{org_id}").json()
    assert after["name"] == alice_org["name"]
    assert after["contact_person"] != "某人"


@pytest.mark.parametrize("name", ORG_READERS)
def test_it_shows_alice_organisation_to_those_in_reach(name, api, signed_in, alice_org):
    org_id = alice_org["id"]
    client, browser = api(name), signed_in(name)
    r = client.get(f"/api/organisations/{org_id}")
    assert r.status_code == 200
    assert r.json()["uscc"] == alice_org["uscc"]
    for path in (f"/organisations/{org_id}", f"/organisations/{org_id}/edit"):
        r = browser.get(path)
        assert r.status_code == 200, path
        assert alice_org["name"] in BeautifulSoup(r.text, "html.parser").get_text()
    for r in (
        client.get(f"/api/organisations/{org_id}/record.pdf"),
        browser.get(f"/organisations/{org_id}/record.pdf"),
    ):
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/pdf")
        assert r.content.startswith(b"%PDF")


@pytest.mark.parametrize("name", ["officer_wlht", "officer_league", "admin"])
def test_it_lets_registrars_in_reach_correct_registered_facts(name, api, signed_in):
    org = asyncio.run(factories.make_organisation("152201"))
    client = api(name)
    new_address = f"乌兰浩特市{unique('路')}号"
    r = client.patch(
        f"/api/organisations/{org.id}", json={"address": new_address, "contact_person": "李四"}
    )
    assert r.status_code == 200, r.text
    assert r.json()["address"] == new_address
    assert r.json()["contact_person"] == "李四"
    new_name = f"更正后苗圃{unique()}"
    r = signed_in(name).post_form(
        f"/organisations/{org.id}/edit",
        {"name": new_name, "legal_representative": "王五", "address": new_address},
        form_page=f"/organisations/{org.id}/edit",
    )
    assert r.status_code == 303
    assert r.headers["location"] == f"/organisations/{org.id}"
    assert api("admin").get(f"/api/organisations/{org.id}").json()["name"] == new_name


def test_it_lets_the_operator_change_only_contact_details(api, signed_in, alice_org):
    org_id = alice_org["id"]
    client = api("alice")
    contact = f"联系人{unique()}"
    r = client.patch(
        f"/api/organisations/{org_id}", json={"contact_person": contact, "phone": "0482-8200001"}
    )
    assert r.status_code == 200, r.text
    assert (r.json()["contact_person"], r.json()["phone"]) == (contact, "0482-8200001")
    for field, value in (
        ("name", "改名林木种苗有限公司"),
        ("address", "乌兰浩特市别处路2号"),
        ("legal_representative", "赵六"),
    ):
        r = client.patch(f"/api/organisations/{org_id}", json={field: value, "phone": "1"})
        assert r.status_code == 403, field
        assert (
            r.json()["error"]["message"] == "生产经营者只能修改联系人和联系电话，其他事项请申请变更"
        )
    # Through the page: contact details yes, a smuggled name no.
    browser = signed_in("alice")
    edit = f"/organisations/{org_id}/edit"
    form = BeautifulSoup(browser.get(edit).text, "html.parser").find("form", action=edit)
    assert {i["name"] for i in form.find_all("input")} == {
        "_csrf_token",
        "contact_person",
        "phone",
    }
    r = browser.post_form(edit, {"contact_person": contact + "2", "phone": "0482-8200002"})
    assert r.status_code == 303
    r = browser.post_form(edit, {"name": "改名林木种苗有限公司", "phone": "0482-8200003"})
    assert r.status_code == 403  # the form re-renders with the refusal (form_error)
    assert "生产经营者只能修改联系人和联系电话" in r.text
    after = api("admin").get(f"/api/organisations/{org_id}").json()
    assert after["name"] == alice_org["name"]
    assert after["address"] == alice_org["address"]
    assert after["legal_representative"] == alice_org["legal_representative"]
    assert (after["contact_person"], after["phone"]) == (contact + "2", "0482-8200002")


@pytest.mark.parametrize("name", ["inspector", "station", "quarantine"])
def test_it_refuses_corrections_from_officials_who_only_read(name, api, signed_in, alice_org):
    org_id = alice_org["id"]
    client = api(name)
    assert client.get(f"/api/organisations/{org_id}").status_code == 200
    for change in ({"contact_person": "检查员"}, {"name": "检查员改的名称"}, {}):
        r = client.patch(f"/api/organisations/{org_id}", json=change)
        assert r.status_code == 403, change
        assert r.json()["error"]["message"] == "无权修改生产经营者信息"
    r = signed_in(name).post_form(
        f"/organisations/{org_id}/edit", {"contact_person": "检查员"}, form_page="/"
    )
    assert r.status_code == 403
    assert "无权修改生产经营者信息" in r.text
    assert api("admin").get(f"/api/organisations/{org_id}").json()["contact_person"] != "检查员"


def api_items(client, **params) -> list[dict]:
    r = client.get("/api/organisations", params=params)
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_it_lists_only_the_operator_own_organisation(api, signed_in, alice_org, bob_org):
    for name, org in (("alice", alice_org), ("bob", bob_org)):
        r = api(name).get("/api/organisations")
        assert r.json()["total"] == 1
        assert [o["id"] for o in r.json()["items"]] == [org["id"]]
        # Searching for the other one finds nothing.
        other = bob_org if org is alice_org else alice_org
        assert api_items(api(name), q=other["uscc"]) == []
    r = signed_in("alice").get("/organisations")
    assert r.status_code == 303
    assert r.headers["location"] == f"/organisations/{alice_org['id']}"


def page_cards(browser, **params) -> list[str]:
    r = browser.get("/organisations", params=params)
    assert r.status_code == 200
    soup = BeautifulSoup(r.text, "html.parser")
    return [a.get_text(strip=True) for a in soup.select("ul.cards li a strong")]


def test_it_lists_only_the_banner_organisations_to_a_banner_officer(
    api, signed_in, alice_org, bob_org
):
    asyncio.run(factories.make_organisation("152201"))  # at least one more in the other banner
    kyqq = api("officer_kyqq")
    items = api_items(kyqq)
    assert items, "the banner officer should see bob's organisation at least"
    assert {o["division_code"] for o in items} == {"152221"}
    assert bob_org["id"] in {o["id"] for o in items}
    assert api_items(kyqq, q=alice_org["name"]) == []
    assert api_items(kyqq, q=alice_org["uscc"]) == []
    assert api_items(kyqq, division_code="152201") == []
    assert kyqq.get("/api/organisations", params={"division_code": "152201"}).json()["total"] == 0
    browser = signed_in("officer_kyqq")
    r = browser.get("/organisations")
    assert alice_org["name"] not in r.text
    assert alice_org["uscc"] not in r.text
    assert page_cards(browser, q=alice_org["name"]) == []
    assert page_cards(browser, q=bob_org["name"]) == [bob_org["name"]]
    wlht = api("officer_wlht")
    assert {o["division_code"] for o in api_items(wlht)} == {"152201"}
    assert api_items(wlht, q=bob_org["uscc"]) == []


def test_it_lists_every_banner_to_the_league_officer(api, signed_in, alice_org, bob_org):
    league = api("officer_league")
    for org in (alice_org, bob_org):
        assert [o["id"] for o in api_items(league, q=org["uscc"])] == [org["id"]]
    assert api_items(league, division_code="152201")
    assert api_items(league, division_code="152221")
    browser = signed_in("officer_league")
    assert page_cards(browser, q=alice_org["name"]) == [alice_org["name"]]
    assert page_cards(browser, q=bob_org["name"]) == [bob_org["name"]]


# --- registering organisations --------------------------------------------------------------


def new_org_body(county: str) -> dict:
    return {
        "kind": "enterprise",
        "name": f"登记测试苗圃{unique()}",
        "uscc": factories.new_uscc(county),
        "legal_representative": "张三",
        "division_code": county,
        "address": "科右前旗大坝沟镇1号",
    }


def test_it_lets_a_banner_officer_register_only_in_the_own_banner(api):
    wlht, admin = api("officer_wlht"), api("admin")
    elsewhere = new_org_body("152221")
    r = wlht.post("/api/organisations", json=elsewhere)
    assert r.status_code == 403
    assert r.json()["error"]["field"] == "division_code"
    assert admin.get("/api/organisations", params={"q": elsewhere["uscc"]}).json()["total"] == 0
    here = new_org_body("152201")
    r = wlht.post("/api/organisations", json=here)
    assert r.status_code == 201, r.text
    assert r.json()["division_code"] == "152201"


@pytest.mark.parametrize("name", ["alice", "bob", "inspector", "station", "quarantine"])
def test_it_refuses_registration_to_other_roles(name, api):
    body = new_org_body("152201" if name != "bob" else "152221")
    r = api(name).post("/api/organisations", json=body)
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "只有审批人员或管理员可以登记生产经营者"
    assert api("admin").get("/api/organisations", params={"q": body["uscc"]}).json()["total"] == 0


# --- league-admin-only pages and API ------------------------------------------------------


def user_body(username: str) -> dict:
    return {
        "username": username,
        "display_name": "新执法员",
        "password": "Strong-Passw0rd!",
        "role": "inspector",
        "jurisdiction": "152201",
        "enforcement_id": "15220120269999",
    }


def usernames(api) -> set[str]:
    r = api("admin").get("/api/users")
    assert r.status_code == 200
    return {u["username"] for u in r.json()}


@pytest.mark.parametrize("name", NON_ADMINS)
def test_it_refuses_admin_pages_to_other_roles(name, api, signed_in):
    browser = signed_in(name)
    for path in ("/admin/users", "/admin/reference", "/admin/calendar", "/admin/audit"):
        r = browser.get(path)
        assert r.status_code == 403, path
        assert "管理员" in BeautifulSoup(r.text, "html.parser").get_text(), path
    refused_user = unique("u")
    posts = {
        "/admin/users": user_body(refused_user),
        "/admin/reference/species": {
            "name_zh": unique("树"),
            "category": "乡土树种",
            "recommended": "on",
        },
        "/admin/calendar": {"day": "2025-03-15", "is_workday": "on", "note": "不应生效"},
    }
    for path, data in posts.items():
        r = browser.post_form(path, data, form_page="/")
        assert r.status_code == 403, path
    assert refused_user not in usernames(api)
    assert posts["/admin/reference/species"]["name_zh"] not in {
        s["name_zh"] for s in api().get("/api/reference/species").json()
    }
    deadline = api().get("/api/calendar/deadline", params={"start": "2025-03-14", "workdays": 1})
    assert deadline.json()["due"] == "2025-03-17"


@pytest.mark.parametrize("name", NON_ADMINS)
def test_it_refuses_the_admin_api_to_other_roles(name, api, personas):
    client = api(name)
    refused_user = unique("u")
    species = unique("树")
    responses = {
        "GET /api/users": client.get("/api/users"),
        "POST /api/users": client.post("/api/users", json=user_body(refused_user)),
        "POST /api/reference/species": client.post(
            "/api/reference/species", json={"name_zh": species, "category": "乡土树种"}
        ),
        "PUT /api/reference/species/1": client.put(
            "/api/reference/species/1", json={"name_zh": species, "category": "乡土树种"}
        ),
        "GET /api/audit": client.get(
            "/api/audit",
            params={
                "subject_type": "organisation",
                "subject_id": personas["alice"].organisation_id,
            },
        ),
    }
    for what, r in responses.items():
        assert r.status_code == 403, what
        assert r.json()["error"]["code"] == "forbidden", what
    assert refused_user not in usernames(api)
    assert species not in {s["name_zh"] for s in api().get("/api/reference/species").json()}


def test_it_opens_the_admin_pages_and_api_to_the_admin(api, signed_in, personas):
    browser, client = signed_in("admin"), api("admin")
    for path in ("/admin/users", "/admin/reference", "/admin/calendar", "/admin/audit"):
        assert browser.get(path).status_code == 200, path
    r = browser.get(
        "/admin/audit",
        params={"subject_type": "organisation", "subject_id": personas["alice"].organisation_id},
    )
    assert "organisation:register" in r.text
    # Accounts, by form and by API.
    by_form, by_api = unique("u"), unique("u")
    r = browser.post_form("/admin/users", user_body(by_form))
    assert r.status_code == 303
    assert r.headers["location"] == "/admin/users?created=1"
    assert client.get("/api/users").status_code == 200
    r = client.post("/api/users", json=user_body(by_api))
    assert r.status_code == 201, r.text
    assert {by_form, by_api} <= usernames(api)
    # Species, by form and by API (create, then correct).
    form_species = unique("树")
    r = browser.post_form(
        "/admin/reference/species",
        {"name_zh": form_species, "category": "乡土树种", "recommended": "on"},
        form_page="/admin/reference",
    )
    assert r.status_code == 303
    r = client.post(
        "/api/reference/species", json={"name_zh": unique("树"), "category": "乡土树种"}
    )
    assert r.status_code == 201, r.text
    corrected = unique("树")
    r = client.put(
        f"/api/reference/species/{r.json()['id']}",
        json={"name_zh": corrected, "category": "经济林树种"},
    )
    assert r.status_code == 200, r.text
    listed = {s["name_zh"] for s in api().get("/api/reference/species").json()}
    assert {form_species, corrected} <= listed
    # The calendar: declare a day what it already is (a Saturday off), so no deadline moves.
    day = date(2025, 3, 15)
    assert not chinese_calendar.is_workday(day)
    r = browser.post_form("/admin/calendar", {"day": day.isoformat(), "note": "周六休息"})
    assert r.status_code == 303
    assert "周六休息" in browser.get("/admin/calendar").text
    # The audit trail.
    r = client.get(
        "/api/audit",
        params={"subject_type": "organisation", "subject_id": personas["alice"].organisation_id},
    )
    assert r.status_code == 200
    assert "organisation:register" in [e["action"] for e in r.json()]


@pytest.mark.parametrize("name", ALL_PERSONAS)
def test_it_shows_the_violation_catalogue_to_officials_only(name, api, signed_in, personas):
    r = api(name).get("/api/inspections/violations")
    if personas[name].role == "operator":
        assert r.status_code == 403
        return
    assert r.status_code == 200
    assert len(r.json()) >= 1
    # Reading with the session cookie works too.
    assert signed_in(name).get("/api/inspections/violations").status_code == 200
