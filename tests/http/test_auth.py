"""Signing in and out: cookies, redirects, rate limiting, sessions in the database, CSRF,
password changes, and the audit trail they leave."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup

from seedreg.accounts.rules import Role
from tests import factories
from tests.fixtures import PASSWORD, ROOT, Browser, unique

WRONG = "Wrong-Password-0000"
NEW_PASSWORD = "Fresh-Passw0rd-2027"


def fresh_user(role: Role = Role.INSPECTOR) -> tuple[str, int]:
    """A new account nobody else uses (for lockouts, logouts and password changes)."""
    username = unique("u")
    user_id = asyncio.run(
        factories.make_user(username, role, jurisdiction="152201", enforcement_id="X1")
    )
    return username, user_id


def token(server: str, username: str, password: str = PASSWORD) -> str:
    r = httpx.post(f"{server}/api/auth/token", json={"username": username, "password": password})
    assert r.status_code == 201, r.text
    return r.json()["token"]


def bearer(server: str, tok: str) -> httpx.Client:
    return httpx.Client(base_url=server, headers={"Authorization": f"Bearer {tok}"}, timeout=60)


def text_of(response: httpx.Response) -> str:
    return BeautifulSoup(response.text, "html.parser").get_text()


def field_error(response: httpx.Response, name: str) -> str | None:
    """The error message shown beside a form field, if any."""
    soup = BeautifulSoup(response.text, "html.parser")
    field = soup.find("input", attrs={"name": name})
    assert field is not None, f"no field {name}"
    err = field.find_parent("div", class_="field").find(class_="err")
    return err.get_text(strip=True) if err else None


def session_cookie(response: httpx.Response) -> str:
    headers = [
        h for h in response.headers.get_list("set-cookie") if h.startswith("seedreg_session=")
    ]
    assert len(headers) == 1, response.headers.get_list("set-cookie")
    return headers[0]


# --- page sign-in ---------------------------------------------------------------------------


def test_it_sets_an_httponly_lax_session_cookie(browser, personas):
    r = browser.login(personas["inspector"].username)
    attributes = [part.strip().lower() for part in session_cookie(r).split(";")]
    assert "httponly" in attributes
    assert "samesite=lax" in attributes
    assert "path=/" in attributes
    assert r.headers["location"] == "/"
    assert browser.get("/account/password").status_code == 200


def browser_destination(server: str, location: str) -> httpx.URL:
    """Where a browser goes for a Location header: like WHATWG URL parsing, it drops tabs and
    newlines and reads a backslash as a slash before resolving against the current page."""
    cleaned = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    return httpx.URL(f"{server}/login").join(cleaned)


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("/organisations", "/organisations"),
        ("/admin/audit?subject_type=user", "/admin/audit?subject_type=user"),
        ("https://evil.example/", "/"),
        ("//evil.example", "/"),
        ("//evil.example/organisations", "/"),
        ("evil.example", "/"),
        ("javascript:alert(1)", "/"),
        # Browsers read these as //evil.example.
        ("/\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\\/evil.example", "/"),
        ("/\n/evil.example", "/"),
    ],
)
def test_it_redirects_after_login_only_to_local_paths(server, personas, target, expected):
    b = Browser(server)
    path = str(httpx.URL("/login", params={"next": target}))
    r = b.post_form(path, {"username": personas["inspector"].username, "password": PASSWORD})
    assert r.status_code == 303
    location = r.headers["location"]
    assert location == expected
    destination = browser_destination(server, location)
    assert destination.host == "127.0.0.1"
    assert destination.port == httpx.URL(server).port
    # The form itself only ever carries a local target.
    page = Browser(server).get(path).text
    form = BeautifulSoup(page, "html.parser").find("form", action=re.compile(r"^/login"))
    assert httpx.URL(form["action"]).params["next"] == expected


def test_it_rerenders_the_login_page_on_a_wrong_password(server):
    username, _ = fresh_user()
    b = Browser(server)
    r = b.post_form("/login", {"username": username, "password": WRONG})
    assert r.status_code == 422
    assert "用户名或密码不正确" in text_of(r)
    assert WRONG not in r.text
    assert "seedreg_session" not in r.headers.get("set-cookie", "")
    # What was typed as the user name stays; the password never comes back.
    soup = BeautifulSoup(r.text, "html.parser")
    assert soup.find("input", attrs={"name": "username"})["value"] == username
    assert soup.find("input", attrs={"name": "password"}).get("value", "") == ""


def test_it_answers_an_unknown_user_exactly_like_a_wrong_password(server):
    username, _ = fresh_user()
    b = Browser(server)
    known = b.post_form("/login", {"username": username, "password": WRONG})
    unknown = b.post_form("/login", {"username": unique("ghost"), "password": WRONG})
    assert unknown.status_code == known.status_code == 422
    assert "用户名或密码不正确" in text_of(unknown)
    assert WRONG not in unknown.text
    api_known = httpx.post(
        f"{server}/api/auth/token", json={"username": username, "password": WRONG}
    )
    api_unknown = httpx.post(
        f"{server}/api/auth/token", json={"username": unique("ghost"), "password": WRONG}
    )
    assert api_known.status_code == api_unknown.status_code == 422
    assert api_known.json() == api_unknown.json()
    assert api_known.json()["error"]["message"] == "用户名或密码不正确"


# --- rate limiting ------------------------------------------------------------------------


def test_it_locks_an_account_after_too_many_failures(server):
    locked, _ = fresh_user()
    other, _ = fresh_user()
    for _ in range(5):  # Settings.login_max_failures
        r = httpx.post(f"{server}/api/auth/token", json={"username": locked, "password": WRONG})
        assert r.status_code == 422
    r = httpx.post(f"{server}/api/auth/token", json={"username": locked, "password": PASSWORD})
    assert r.status_code == 429
    assert r.json()["error"]["code"] == "too_many_attempts"
    assert "登录失败次数过多" in r.json()["error"]["message"]
    assert "token" not in r.json()
    # The login page refuses too, with the same message and no session.
    b = Browser(server)
    page = b.post_form("/login", {"username": locked, "password": PASSWORD})
    assert page.status_code == 429
    assert "登录失败次数过多" in text_of(page)
    assert "seedreg_session" not in page.headers.get("set-cookie", "")
    # Someone else is not affected.
    assert token(server, other)


async def test_it_limits_failures_per_client(database):
    from seedreg.accounts import services
    from seedreg.core.errors import RuleViolation, TooManyAttempts
    from seedreg.settings import Settings

    settings = Settings(login_max_failures_per_ip=3, login_max_failures=100)
    username = unique("u")
    await factories.make_user(username, Role.INSPECTOR, jurisdiction="152201", enforcement_id="X1")
    noisy, quiet = unique("client-"), unique("client-")
    for _ in range(3):
        with pytest.raises(RuleViolation):
            await services.sign_in(
                unique("ghost"), WRONG, client=noisy, kind="api", settings=settings
            )
    with pytest.raises(TooManyAttempts) as refused:
        await services.sign_in(username, PASSWORD, client=noisy, kind="api", settings=settings)
    assert "登录失败次数过多" in refused.value.message
    opened = await services.sign_in(username, PASSWORD, client=quiet, kind="api", settings=settings)
    assert opened.actor.username == username


def test_it_survives_a_long_forwarded_client_address(server):
    # Behind the trusted local proxy the client address comes from X-Forwarded-For.
    username, _ = fresh_user()
    r = httpx.post(
        f"{server}/api/auth/token",
        json={"username": username, "password": WRONG},
        headers={"X-Forwarded-For": "2001:db8::" + "f" * 90},
    )
    assert r.status_code == 422
    assert token(server, username)


# --- sessions live in the database ----------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def second_server() -> Iterator[str]:
    """Another server process on the same database (as after a restart, or a second worker)."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(os.environ["SEEDREG_VAR_DIR"]).parent / "server2.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "seedreg", "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "SEEDREG_PUBLIC_BASE_URL": base},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 120  # as the main server's fixture: CI may be loaded
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        else:
            raise RuntimeError("second server did not start; see server2.log")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def test_it_keeps_sessions_in_the_database_across_processes(server):
    username, _ = fresh_user()
    first_token = token(server, username)
    b = Browser(server)
    b.login(username)
    with second_server() as other:
        assert other != server
        r = bearer(other, first_token).get("/api/me")
        assert r.status_code == 200
        assert r.json()["username"] == username
        # The page session too.
        cookie = b.http.cookies["seedreg_session"]
        r = httpx.get(f"{other}/account/password", cookies={"seedreg_session": cookie})
        assert r.status_code == 200
        # A token from the second process works on the first; signing out there ends it here.
        second_token = token(other, username)
        assert bearer(server, second_token).get("/api/me").status_code == 200
        assert bearer(other, second_token).delete("/api/auth/token").status_code == 204
        assert bearer(server, second_token).get("/api/me").status_code == 401
    assert bearer(server, first_token).get("/api/me").status_code == 200


# --- signing out ------------------------------------------------------------------------------


def test_it_ends_the_page_session_on_logout(server):
    username, _ = fresh_user()
    b = Browser(server)
    b.login(username)
    cookie = b.http.cookies["seedreg_session"]
    r = b.post_form("/logout", {}, form_page="/")
    assert r.status_code == 303
    assert r.headers["location"] == "/login"
    assert "seedreg_session=" in r.headers.get("set-cookie", "")
    # The old cookie, replayed, no longer opens anything.
    replay = httpx.Client(base_url=server, cookies={"seedreg_session": cookie})
    r = replay.get("/account/password", follow_redirects=False)
    assert r.status_code in (302, 303)
    assert r.headers["location"] == "/login?next=/account/password"
    assert replay.get("/api/me").status_code == 401
    assert bearer(server, cookie).get("/api/me").status_code == 401


def test_it_ends_the_api_token_on_delete(server):
    username, _ = fresh_user()
    tok = token(server, username)
    keep = token(server, username)
    client = bearer(server, tok)
    assert client.get("/api/me").status_code == 200
    assert client.delete("/api/auth/token").status_code == 204
    r = client.get("/api/me")
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "not_authenticated"
    assert client.delete("/api/auth/token").status_code == 401
    # Only that token: the user's other session is still open.
    assert bearer(server, keep).get("/api/me").status_code == 200


# --- the API and the cookie -----------------------------------------------------------------


def test_it_refuses_api_writes_made_with_only_the_cookie(server, api, personas):
    username, _ = fresh_user(Role.LICENSING_OFFICER)
    b = Browser(server)
    b.login(username)
    r = b.get("/api/me")
    assert r.status_code == 200
    assert r.json()["username"] == username
    org_id = personas["alice"].organisation_id
    assert b.get(f"/api/organisations/{org_id}").status_code == 200
    writes = {
        "POST /api/organisations": b.post(
            "/api/organisations",
            json={
                "kind": "enterprise",
                "name": f"不应登记苗圃{unique()}",
                "uscc": factories.new_uscc("152201"),
                "legal_representative": "张三",
                "division_code": "152201",
                "address": "乌兰浩特市兴安南大路9号",
            },
        ),
        "PATCH /api/organisations/{id}": b.patch(
            f"/api/organisations/{org_id}", json={"contact_person": "跨站请求"}
        ),
        "POST /api/me/password": b.post(
            "/api/me/password",
            json={"current_password": PASSWORD, "new_password": NEW_PASSWORD},
        ),
        "DELETE /api/auth/token": b.delete("/api/auth/token"),
    }
    for what, r in writes.items():
        assert r.status_code == 401, what
        assert r.json()["error"]["code"] == "not_authenticated", what
    # Nothing happened: still signed in with the old password, alice's record untouched.
    assert b.get("/api/me").status_code == 200
    assert token(server, username, PASSWORD)
    assert api("admin").get(f"/api/organisations/{org_id}").json()["contact_person"] != "跨站请求"


# --- CSRF on pages ----------------------------------------------------------------------------


def test_it_refuses_page_posts_without_a_valid_csrf_token(server):
    username, _ = fresh_user()
    b = Browser(server)
    b.login(username)
    form = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    missing = b.post("/account/password", data=form)
    wrong = b.post("/account/password", data={**form, "_csrf_token": "forged-token"})
    other_browser = Browser(server)
    stolen = b.post("/account/password", data={**form, "_csrf_token": other_browser.csrf("/login")})
    for r in (missing, wrong, stolen):
        assert r.status_code == 403
        assert "您没有权限访问此页面" in text_of(r)
        assert "Traceback" not in r.text
    anonymous = httpx.post(f"{server}/login", data={"username": username, "password": PASSWORD})
    assert anonymous.status_code == 403
    assert "seedreg_session" not in anonymous.headers.get("set-cookie", "")
    # The password did not change.
    assert token(server, username, PASSWORD)


# --- changing one's password ------------------------------------------------------------------


def test_it_changes_the_password_and_closes_the_other_sessions(server, api):
    username, user_id = fresh_user()
    current = Browser(server)
    current.login(username)
    other_browser = Browser(server)
    other_browser.login(username)
    other_token = token(server, username)

    r = current.post_form(
        "/account/password", {"current_password": WRONG, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 422
    assert field_error(r, "current_password") == "当前密码不正确"
    assert WRONG not in r.text

    for weak, message in (
        ("Short-1", "密码至少10位"),
        ("onlylowercaseletters", "密码须包含大写字母、小写字母、数字、符号中的至少三类"),
        (f"X-{username}-2027", "密码不能包含用户名"),
    ):
        r = current.post_form(
            "/account/password", {"current_password": PASSWORD, "new_password": weak}
        )
        assert r.status_code == 422, weak
        assert field_error(r, "new_password") == message
        assert weak not in r.text
    assert token(server, username, PASSWORD)  # nothing changed yet

    r = current.post_form(
        "/account/password", {"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 200
    assert "密码已修改" in text_of(r)

    old = httpx.post(f"{server}/api/auth/token", json={"username": username, "password": PASSWORD})
    assert old.status_code == 422
    assert token(server, username, NEW_PASSWORD)
    # The other sessions are closed; the one that changed the password stays.
    assert bearer(server, other_token).get("/api/me").status_code == 401
    r = other_browser.get("/account/password")
    assert r.status_code in (302, 303)
    assert r.headers["location"].startswith("/login")
    assert current.get("/account/password").status_code == 200

    events = api("admin").get("/api/audit", params={"subject_type": "user", "subject_id": user_id})
    assert events.status_code == 200
    actions = [e["action"] for e in events.json()]
    assert "session:open" in actions
    assert actions.count("user:change_password") == 1
    change = next(e for e in events.json() if e["action"] == "user:change_password")
    assert change["actor_id"] == user_id
    assert NEW_PASSWORD not in events.text
    assert PASSWORD not in events.text


def test_it_changes_the_password_through_the_api(server, api):
    username, user_id = fresh_user()
    tok = token(server, username)
    other = token(server, username)
    client = bearer(server, tok)
    r = client.post(
        "/api/me/password", json={"current_password": WRONG, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "current_password"
    r = client.post("/api/me/password", json={"current_password": PASSWORD, "new_password": "weak"})
    assert r.status_code == 422
    assert r.json()["error"] == {
        "status": 422,
        "code": "rule_violation",
        "message": "密码至少10位",
        "field": "new_password",
        "details": None,
    }
    r = client.post(
        "/api/me/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    assert r.status_code == 204
    assert client.get("/api/me").status_code == 200
    assert bearer(server, other).get("/api/me").status_code == 401
    assert token(server, username, NEW_PASSWORD)
    events = api("admin").get("/api/audit", params={"subject_type": "user", "subject_id": user_id})
    actions = [e["action"] for e in events.json()]
    assert actions.count("session:open") >= 3
    assert "user:change_password" in actions
