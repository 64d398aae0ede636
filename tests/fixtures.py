"""Shared fixtures: the migrated database, a live server, personas and clients."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Test-Password-2026"


def run_cli(
    *args: str, env: dict[str, str] | None = None, check: bool = True, input_text: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m seedreg ...`` exactly as an administrator would."""
    done = subprocess.run(
        [sys.executable, "-m", "seedreg", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
        input=input_text,
        timeout=300,
    )
    if check and done.returncode != 0:
        pytest.fail(
            f"seedreg {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n"
            f"{done.stderr[-3000:]}"
        )
    return done


def _reset_postgres(url: str) -> None:
    import asyncpg

    async def reset() -> None:
        conn = await asyncpg.connect(url)
        try:
            await conn.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        finally:
            await conn.close()

    asyncio.run(reset())


@pytest.fixture(scope="session")
def database() -> str:
    """The test database, migrated and loaded with reference data by the real CLI."""
    url = os.environ["SEEDREG_DATABASE_URL"]
    if url.startswith("postgres"):
        _reset_postgres(url)
    run_cli("migrate")
    run_cli("load-reference")
    run_cli("keygen")
    return url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def server(database: str) -> Iterator[str]:
    """A real server process (uvicorn) on a free loopback port; yields its base URL."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(Path(os.environ["SEEDREG_VAR_DIR"]).parent / "server.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "seedreg", "serve", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, "SEEDREG_PUBLIC_BASE_URL": base},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # A loaded machine (several test runs at once) can take half a minute to import the app.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("test server exited at start; see server.log")
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.1)
    else:
        proc.kill()
        raise RuntimeError("test server did not start; see server.log")
    yield base
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


def unique(prefix: str = "t") -> str:
    """A fresh name; it ends in a digit so pages' checks for English never read it as a word."""
    token = uuid.uuid4().hex
    return f"{prefix}{token[:7]}{int(token[7], 16) % 10}"


@dataclass
class Persona:
    username: str
    role: str
    organisation_id: int | None = None
    jurisdiction: str | None = None


def _db_call(coro_factory):
    return asyncio.run(coro_factory())


@pytest.fixture(scope="session")
def personas(database: str) -> dict[str, Persona]:
    """alice and bob run nurseries in different banners; officials at league and banner level."""
    from tests import factories

    return _db_call(factories.make_personas)


class Api:
    """An httpx client for the JSON API, signed in with a bearer token (or anonymous)."""

    def __init__(self, base: str, token: str | None = None) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.http = httpx.Client(base_url=base, headers=headers, timeout=60)

    def __getattr__(self, name: str):
        return getattr(self.http, name)


class Browser:
    """An httpx client that behaves like a browser with forms: cookies plus the CSRF field."""

    def __init__(self, base: str) -> None:
        self.http = httpx.Client(base_url=base, timeout=60, follow_redirects=False)

    def csrf(self, path: str = "/login") -> str:
        html = self.http.get(path).text
        match = re.search(r'name="_csrf_token" value="([^"]+)"', html)
        assert match, f"no CSRF field on {path}"
        return match.group(1)

    def post_form(
        self, path: str, data: dict[str, str], *, form_page: str | None = None
    ) -> httpx.Response:
        token = self.csrf(form_page or path)
        return self.http.post(path, data={**data, "_csrf_token": token})

    def login(self, username: str, password: str = PASSWORD) -> httpx.Response:
        response = self.post_form("/login", {"username": username, "password": password})
        assert response.status_code == 303, response.text[:500]
        return response

    def __getattr__(self, name: str):
        return getattr(self.http, name)


def inbox_page_with(client: Browser, link: str, **params: str) -> str:
    """The HTML of the licensing inbox page that lists ``link``: the inbox is ordered by
    deadline, so other tests' open applications may push one's own past the first page."""
    return list_page_with(client, "/licensing/inbox", link, **params)


def list_page_with(client: Browser, path: str, link: str, **params: str) -> str:
    """The HTML of the page of a paged list at ``path`` that links to ``link``."""
    for page_no in range(1, 200):
        html = client.get(path, params={**params, "page_no": str(page_no)}).text
        if f'href="{link}"' in html:
            return html
        if f"page_no={page_no + 1}" not in html:
            break
    raise AssertionError(f"{link} is on no page of {path}")


def every_page(client: Any, path: str, **params: Any) -> list[dict[str, Any]]:
    """Every item of a paged API list ({items, total, page, page_size}), page by page."""
    items: list[dict[str, Any]] = []
    for page in range(1, 1000):
        r = client.get(path, params={**params, "page": page})
        assert r.status_code == 200, r.text
        body = r.json()
        items += body["items"]
        if page * body["page_size"] >= body["total"]:
            return items
    raise AssertionError(f"{path} has over 1000 pages")


_tokens: dict[str, str] = {}


def token_for(server: str, username: str, password: str = PASSWORD) -> str:
    if username not in _tokens:
        r = httpx.post(
            f"{server}/api/auth/token", json={"username": username, "password": password}
        )
        assert r.status_code == 201, r.text
        _tokens[username] = r.json()["token"]
    return _tokens[username]


@pytest.fixture(scope="session")
def api(server: str, personas: dict[str, Persona]):
    """api("alice") → a signed-in API client; api() → anonymous."""

    def make(name: str | None = None) -> Api:
        if name is None:
            return Api(server)
        return Api(server, token_for(server, personas[name].username))

    return make


@pytest.fixture
def browser(server: str, personas: dict[str, Persona]) -> Browser:
    """A page client; it signs in as the personas, so they exist whatever ran before."""
    return Browser(server)
