"""Security headers on every kind of response (issue 12 item 4): the policy without
'unsafe-inline', no framing, nosniff, a strict referrer policy, and HSTS only with Secure
cookies."""

from __future__ import annotations

import re

import httpx
import pytest
from bs4 import BeautifulSoup
from litestar.testing import TestClient

from seedreg.app import create_app
from seedreg.settings import Settings
from tests.http.lotkit import ok
from tests.label_support import make_chain


def assert_secure(r: httpx.Response) -> str:
    """The headers every response carries; returns the policy."""
    policy = r.headers["content-security-policy"]
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["script-src"].startswith("'self'")
    assert r.headers.get_list("x-frame-options") == ["DENY"]
    assert r.headers.get_list("x-content-type-options") == ["nosniff"]
    assert r.headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "strict-transport-security" not in r.headers  # the test server has no Secure cookies
    return policy


@pytest.fixture(scope="module")
def label(api) -> dict:
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=100)
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        201,
    )
    item = ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))["items"][0]
    return {**item, "client": chain.alice}


@pytest.mark.parametrize(
    ("path", "status", "kind"),
    [
        ("/", 200, "text/html"),
        ("/login", 200, "text/html"),
        ("/does-not-exist", 404, "text/html"),  # the router's own 404
        ("/api/does-not-exist", 404, "application/json"),
        ("/api/calendar/deadline?start=2026-12-01&workdays=3", 200, "application/json"),
        ("/api/calendar/deadline?start=9999-12-30&workdays=5", 422, "application/json"),
        ("/static/app.css", 200, "text/css"),
        ("/schema/openapi.json", 200, "application/"),
        ("/labels/public-key.pem", 200, "application/x-pem-file"),
    ],
)
def test_every_kind_of_response_carries_the_headers(api, path, status, kind):
    r = api().get(path)
    assert r.status_code == status
    assert r.headers["content-type"].startswith(kind)
    assert_secure(r)


def test_a_signed_in_page_and_a_pdf_carry_them(label, browser, personas):
    r = label["client"].get(f"/api/labels/items/{label['id']}/pdf")
    assert r.headers["content-type"].startswith("application/pdf")
    assert_secure(r)
    browser.login(personas["alice"].username)
    assert_secure(browser.get(f"/labels/items/{label['id']}"))


def test_the_public_label_look_up_carries_them_both_as_page_and_as_json(api, label):
    serial = label["serial"]
    r = api().get(f"/api/public/labels/{serial}")
    assert r.status_code == 200
    assert_secure(r)
    assert "nonce" not in r.headers["content-security-policy"]  # the hot path makes none
    assert_secure(api().get("/api/public/labels/XAM-NOT-A-SERIAL"))
    page = api().get(f"/v/{serial}")
    policy = assert_secure(page)
    script = BeautifulSoup(page.text, "html.parser").find("script")
    assert f"'nonce-{script['nonce']}'" in policy


def test_each_page_with_inline_code_gets_its_own_nonce(api):
    nonces = []
    for _ in range(2):
        r = api().get("/schema")
        policy = assert_secure(r)
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        soup = BeautifulSoup(r.text, "html.parser")
        inline = [tag for tag in soup.find_all(["script", "style"]) if not tag.get("src")]
        assert inline
        assert all(tag.get("nonce") == nonce for tag in inline)
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    assert len(nonces[0]) >= 22


def test_the_offline_verifier_is_served_with_its_inline_code_nonced(api):
    r = api().get("/labels/verify-offline.html")
    policy = assert_secure(r)
    soup = BeautifulSoup(r.text, "html.parser")
    for tag in soup.find_all(["script", "style"]):
        assert f"'nonce-{tag['nonce']}'" in policy


def test_no_served_page_has_inline_style_attributes_or_handlers(api):
    r = api().get("/labels/verify-offline.html")
    assert not re.search(r"\sstyle=|\son[a-z]+=", r.text)


def test_strict_transport_security_only_with_secure_cookies(database):
    for secure in (False, True):
        settings = Settings(secure_cookies=secure, run_scheduler=False, run_print_worker=False)
        with TestClient(create_app(settings)) as client:
            r = client.get("/healthz")
        assert r.status_code == 200
        if secure:
            assert r.headers["strict-transport-security"] == "max-age=31536000"
        else:
            assert "strict-transport-security" not in r.headers
