"""The officials' label scanner (issue 22, its scanning piece): ``/labels/scan``.

The page works without JavaScript: the serial form posts here and the registry's verdict is
shown on the page. With JavaScript (seedreg/static/labels/fieldscan.js) the camera reads the
QR, the signature is checked on the phone at once, each scan waits in IndexedDB and is uploaded
to ``/labels/field-scans`` when the connection allows.

That upload is the page's twin of ``POST /api/labels/field-scans``: the API takes writes with
a bearer token only (accounts/web.py: a signed-in browser's cookie cannot write through the
API), so the page posts here with its session and CSRF token, to the same service, and gets
the API's JSON answer and error body.
"""

from __future__ import annotations

import uuid
from typing import Any

from litestar import MediaType, Request, Response, get, post
from litestar.response import Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.web.errors import error_body
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page
from seedreg.labels import field_checks, field_scans, keys
from seedreg.labels.schemas import FieldScanIn
from seedreg.labels.serials import TYPO

TEMPLATE = "labels/scan.html"


def _context(request: Request, **extra: Any) -> dict[str, Any]:
    return {
        "public_key_b64": keys.public_spki_b64(),
        "fingerprint": keys.fingerprint(),
        "base_url": request.app.state.settings.public_base_url,
        "new_key": str(uuid.uuid4()),  # the form's scan key: a double submit records once
        "scan": None,
        "typo": TYPO,
        **extra,
    }


def _allow(actor: CurrentActor) -> None:
    if not field_checks.may_scan_labels(actor):
        raise Forbidden("只有监管人员可以使用现场扫码核验")


@get("/labels/scan", include_in_schema=False)
async def scan_page(request: Request, actor: CurrentActor) -> Template:
    _allow(actor)
    return page(request, TEMPLATE, **_context(request))


@post("/labels/scan", include_in_schema=False)
async def scan_form(request: Request, actor: CurrentActor) -> Template:
    """The serial typed without JavaScript: recorded, and the registry's answer shown."""
    _allow(actor)
    values = await form_data(request)
    try:
        data = parse(
            FieldScanIn,
            {
                "idempotency_key": values.get("idempotency_key", ""),
                "serial": values.get("serial", ""),
            },
        )
        out, _ = await field_scans.record_scan(actor, data)
    except DomainError as exc:
        return form_error(request, TEMPLATE, exc, values, **_context(request))
    return page(request, TEMPLATE, **_context(request, scan=out))


@post("/labels/field-scans", include_in_schema=False)
async def upload(request: Request, actor: CurrentActor) -> Response[Any]:
    """The queue's upload (JSON in and out): 201 recorded, 200 recorded before."""
    try:
        body = await request.json()
        data = parse(FieldScanIn, body if isinstance(body, dict) else {})
        out, created = await field_scans.record_scan(actor, data)
    except DomainError as exc:
        return Response(
            error_body(
                exc.status_code, exc.code, exc.message, field=exc.field, details=exc.details
            ),
            status_code=exc.status_code,
            media_type=MediaType.JSON,
        )
    return Response(out.model_dump(mode="json"), status_code=201 if created else 200)


HANDLERS = [scan_page, scan_form, upload]
