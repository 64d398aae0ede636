"""The field pages' service worker (issue 22): ``GET /field-sw.js``.

The worker keeps the app shell of the field pages (their CSS, scripts, the QR decoder) and the
pages themselves, so that a field page reloads with no network at all; seedreg/static/field/
drafts.js registers it and keeps what is typed. It is served from the root, not /static, because
a worker controls only pages under its own path.

The cache names carry a hash of every static file: a changed asset changes the worker's bytes,
the browser installs the new worker, and it drops the old caches. The worker caches no API
answer and no other page than the field pages that ask for it (see the worker's header).
The strict CSP (security.py) allows it: ``script-src 'self'`` covers workers from this origin.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from jinja2 import pass_context
from jinja2.runtime import Context
from litestar import Response, get
from markupsafe import Markup

STATIC_DIR = Path(__file__).resolve().parents[2] / "static"
WORKER_SOURCE = Path(__file__).with_name("field-sw.js")

# What every field page needs offline, fetched when the worker installs. The decoder is here
# because a phone without BarcodeDetector cannot scan offline without it; it comes from the
# browser's HTTP cache when the scanner already preloaded it. A field page's own other assets
# are added when the page opts in (drafts.js sends them).
SHELL = (
    "/static/app.css",
    "/static/favicon.svg",
    "/static/field/drafts.js",
    "/static/labels/fieldscan.css",
    "/static/labels/fieldscan.js",
    "/static/labels/labelsig.js",
    "/static/vendor/jsQR.min.js",
)


@cache
def asset_hash() -> str:
    """A short hash over every static file's path and bytes (read once per process)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in STATIC_DIR.rglob("*") if p.is_file()):
        digest.update(path.relative_to(STATIC_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(WORKER_SOURCE.read_bytes())
    return digest.hexdigest()[:16]


@cache
def worker_script() -> bytes:
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    source = source.replace('"__VERSION__"', json.dumps(asset_hash()))
    return source.replace('["__SHELL__"]', json.dumps(list(SHELL))).encode()


@get("/field-sw.js", include_in_schema=False, sync_to_thread=False)
def field_worker() -> Response[bytes]:
    # no-cache: the browser asks each time it checks for an update, so a release reaches the
    # phones on their next visit with a connection.
    return Response(
        worker_script(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "no-cache"},
    )


@pass_context
def field_photo_attrs(context: Context) -> Markup:
    """Jinja global for a draft form: the local settings for shrinking photos, as drafts.js
    reads them (``<form data-draft=… {{ field_photo_attrs() }}>``)."""
    settings = context["request"].app.state.settings
    return Markup('data-photo-edge="{}" data-photo-quality="{}"').format(
        settings.field_photo_max_edge_px, settings.field_photo_quality
    )


HANDLERS = [field_worker]
