"""The field pages' service worker as the browser fetches it (issue 22, core/web/offline.py):
from the root (a worker controls only pages under its own path), as JavaScript, never cached
without asking, under the app's CSP (script-src 'self' lets the origin's own worker run), with
its cache named after the static files' hash and a shell that exists."""

from __future__ import annotations

import json
import re

import httpx

from seedreg.core.web.offline import SHELL, asset_hash


def test_it_serves_the_worker_from_the_root_with_the_asset_hash(server):
    r = httpx.get(f"{server}/field-sw.js")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/javascript")
    assert r.headers["cache-control"] == "no-cache"
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert f'var VERSION = "{asset_hash()}";' in r.text
    assert "__VERSION__" not in r.text
    assert "__SHELL__" not in r.text
    shell = json.loads(re.search(r"var SHELL = (\[.*?\]);", r.text).group(1))
    assert shell == list(SHELL)


def test_every_shell_file_exists(server):
    for path in SHELL:
        assert httpx.get(f"{server}{path}").status_code == 200, path


def test_the_hash_changes_with_a_static_file(tmp_path, monkeypatch):
    from seedreg.core.web import offline

    (tmp_path / "app.css").write_text("body { color: black }")
    monkeypatch.setattr(offline, "STATIC_DIR", tmp_path)
    offline.asset_hash.cache_clear()
    try:
        before = offline.asset_hash()
        (tmp_path / "app.css").write_text("body { color: navy }")
        offline.asset_hash.cache_clear()
        assert offline.asset_hash() != before
    finally:
        offline.asset_hash.cache_clear()
