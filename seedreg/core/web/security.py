"""Security headers on every response (issue 12 item 4), as one ASGI middleware around the whole
app, so that router 404s, static files and the raw public label look-up get them too.

- Content-Security-Policy without 'unsafe-inline': scripts and styles come from the app itself;
  the few inline ``<script>``/``<style>`` blocks carry a per-response nonce (``csp_nonce()`` in a
  template), made only when a page asks for one. ``frame-ancestors 'none'`` and X-Frame-Options
  keep an officer's decision page out of another site's frame (clickjacking).
- X-Content-Type-Options: nosniff, so an uploaded file is never run as script or page.
- Referrer-Policy: strict-origin-when-cross-origin. The public label look-up (/v/{serial}) is
  opened from QR codes, so it receives no referrer anyway; within the app full referrers are
  harmless, and another site learns only the origin, never a path with an id or a serial.
- Strict-Transport-Security when cookies are Secure (the app is behind HTTPS then).

Headers are encoded once; a response without a nonce costs one list extend.
"""

from __future__ import annotations

import secrets
from typing import Any, cast

from jinja2 import pass_context
from jinja2.runtime import Context
from litestar import Request
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.types import ASGIApp, Message, Receive, Scope, Send

NONCE_KEY = "seedreg.csp_nonce"

POLICY = (
    "default-src 'self'",
    "script-src 'self'{nonce}",
    "style-src 'self'{nonce}",
    "img-src 'self' data:",  # the print preview shows the QR code as a data: image
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
HSTS_SECONDS = 365 * 24 * 3600


def policy(nonce: str | None = None) -> str:
    extra = f" 'nonce-{nonce}'" if nonce else ""
    return "; ".join(POLICY).replace("{nonce}", extra)


def static_headers(hsts: bool) -> list[tuple[bytes, bytes]]:
    """Every header but the policy, encoded once."""
    headers = [
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"strict-origin-when-cross-origin"),
    ]
    if hsts:
        headers.append((b"strict-transport-security", f"max-age={HSTS_SECONDS}".encode()))
    return headers


def nonce_for(scope: Scope | dict[str, Any]) -> str:
    """This response's nonce, made on first use (responses without inline code have none)."""
    state = cast("dict[str, Any]", scope)  # the ASGI scope is a dict; the key is ours
    nonce = state.get(NONCE_KEY)
    if nonce is None:
        nonce = state[NONCE_KEY] = secrets.token_urlsafe(16)
    return str(nonce)


@pass_context
def csp_nonce(context: Context) -> str:
    """Jinja global: ``<script nonce="{{ csp_nonce() }}">`` on a page rendered for a request."""
    request = context.get("request")
    return nonce_for(request.scope) if request is not None else ""


def security_headers(app: ASGIApp, *, hsts: bool) -> ASGIApp:
    plain = [*static_headers(hsts), (b"content-security-policy", policy().encode())]
    with_nonce = static_headers(hsts)

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) != "http":
            await app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                if not isinstance(headers, list):
                    headers = message["headers"] = list(headers)
                nonce = cast("dict[str, Any]", scope).get(NONCE_KEY)
                if nonce is None:
                    headers.extend(plain)
                else:
                    headers.extend(with_nonce)
                    headers.append((b"content-security-policy", policy(nonce).encode()))
            await send(message)

        await app(scope, receive, send_with_headers)

    return middleware


class NoncedSwaggerPlugin(SwaggerRenderPlugin):
    """The API documentation at /schema: Litestar writes the spec and the start-up call into an
    inline script (and a body margin into an inline style); both get this response's nonce."""

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        html = super().render(request, openapi_schema)
        nonce = nonce_for(request.scope).encode()
        html = html.replace(b"<script type='text/javascript'>", b'<script nonce="%s">' % nonce)
        return html.replace(b"<style>", b'<style nonce="%s">' % nonce)
