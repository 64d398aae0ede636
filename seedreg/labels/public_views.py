"""Public label pages, no login: the verification page a label's QR code opens (``/v/{serial}``),
the published public key with the QR format, and the downloadable offline verifier."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from pydantic import ValidationError

from seedreg.core.errors import RuleViolation
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.labels import keys, ratelimit, rules, signing, verification
from seedreg.labels.api import TYPO, client_address
from seedreg.labels.schemas import LocationIn

VERIFY_TEMPLATE = "labels/verify.html"
SERIAL_TEMPLATE = "labels/serial.html"


async def _verify(request: Request, serial: str, **position: float) -> dict:
    client = client_address(request)
    ratelimit.check(client)
    return await verification.check(serial[:40], client, **position)


def _typo(request: Request, typed: str) -> Template | None:
    """The typo answer, when ``typed`` has a serial's shape but a wrong check character: typed
    by hand (into the form or the address), that is a slip far more often than a forgery."""
    if typed and rules.serial_has_shape(typed) and not rules.serial_is_well_formed(typed):
        values = {"serial": typed}
        exc = RuleViolation(TYPO)
        return form_error(request, SERIAL_TEMPLATE, exc, values)
    return None


@get("/v/{serial:str}", include_in_schema=False)
async def verify_page(
    request: Request, serial: FromPath[str], located: FromQuery[int] = 0
) -> Template:
    # No look-up, no scan: like the form's, the answer costs nothing to give.
    if typo := _typo(request, rules.normalise_serial(serial[:40])):
        return typo
    found = await _verify(request, serial)
    status = 404 if found["verdict"] == "not_found" else 200
    return page(request, VERIFY_TEMPLATE, status_code=status, found=found, located=located)


@post("/v/{serial:str}/location", include_in_schema=False)
async def share_location(request: Request, serial: FromPath[str]) -> Template | Redirect:
    """The optional "share my location" form: a scan with a position (clone detection)."""
    values = await form_data(request)
    try:
        where = LocationIn.model_validate(
            {"latitude": values.get("latitude"), "longitude": values.get("longitude")}
        )
    except ValidationError:
        found = await _verify(request, serial)
        exc = RuleViolation("位置格式不正确：纬度 -90～90，经度 -180～180")
        return form_error(request, VERIFY_TEMPLATE, exc, values, found=found, located=0)
    found = await _verify(request, serial, latitude=where.latitude, longitude=where.longitude)
    return see_other(f"/v/{quote(found['serial'], safe='')}?located=1")


@get("/v", include_in_schema=False)
async def verify_by_hand(request: Request, serial: FromQuery[str] = "") -> Template | Redirect:
    """The "type the serial" form: its own plain page when empty, the label's page otherwise
    (the technical details, key and format, stay on the public-key page)."""
    typed = rules.normalise_serial(serial)
    if typo := _typo(request, typed):
        return typo
    if typed:
        return see_other(f"/v/{quote(typed, safe='')}")
    return page(request, SERIAL_TEMPLATE)


@get("/labels/public-key", include_in_schema=False)
async def public_key_page(request: Request) -> Template:
    return _public_key_page(request)


def _key_context() -> dict[str, Any]:
    return {
        "pem": keys.public_pem(),
        "fingerprint": keys.fingerprint(),
        "format_doc": signing.FORMAT_DOC,
    }


def _public_key_page(request: Request) -> Template:
    return page(request, "labels/public_key.html", **_key_context())


@get("/labels/public-key.pem", include_in_schema=False)
async def public_key_pem() -> Response:
    return Response(
        keys.public_pem(),
        media_type="application/x-pem-file",
        headers={"Content-Disposition": 'attachment; filename="xam-label-public-key.pem"'},
    )


@get("/labels/verify-offline.html", include_in_schema=False)
async def offline_verifier(request: Request) -> Template:
    """A self-contained HTML file: the public key and the checker inline, no network needed."""
    template = page(
        request,
        "labels/verify_offline.html",
        public_key_b64=keys.public_spki_b64(),
        labelsig_js=keys.labelsig_source(),
        fingerprint=keys.fingerprint(),
        base_url=request.app.state.settings.public_base_url,
    )
    template.headers["Content-Disposition"] = 'attachment; filename="xam-label-verifier.html"'
    return template


HANDLERS = [
    verify_page,
    share_location,
    verify_by_hand,
    public_key_page,
    public_key_pem,
    offline_verifier,
]
