"""SMS gateways behind one interface: ``await gateway.send(phone, text) -> message id``.

A gateway raises ``TemporarySmsError`` when trying again later may work (network, timeouts,
the gateway's 5xx or 429) and ``PermanentSmsError`` when it never will (a refused number or
text). ``HttpJsonGateway`` speaks a plain JSON-over-HTTPS shape that most Chinese SMS
providers offer in some form (or that a small relay in front of one can offer); the default,
``LogOnlyGateway``, only writes the message to the log (demo installations).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from typing import Protocol

from seedreg.settings import Settings

log = logging.getLogger("seedreg.sms")


class SmsError(Exception):
    """The gateway did not take the message."""


class TemporarySmsError(SmsError):
    """Try again later."""


class PermanentSmsError(SmsError):
    """Never going to work for this message."""


class SmsGateway(Protocol):
    label: str

    async def send(self, phone: str, text: str) -> str:
        """Hand one message to the gateway; return its message id."""
        ...


class LogOnlyGateway:
    """No gateway configured: messages go to the log only (say so wherever it matters)."""

    label = "仅记录日志（未配置短信网关，短信不会真正发出）"

    async def send(self, phone: str, text: str) -> str:
        log.info("SMS (log only) to %s: %s", phone, text)
        return f"log-{uuid.uuid4().hex[:12]}"


class HttpJsonGateway:
    """POST ``{"phone", "text", "sign_name"}`` as JSON; answer ``{"message_id": "..."}``.

    Each request carries ``X-Api-Key`` (key id), ``X-Timestamp`` (Unix seconds) and
    ``X-Signature``: hex HMAC-SHA256 of ``timestamp + "\\n" + body`` under the shared secret,
    so the gateway can refuse forged or replayed requests without the secret on the wire.
    """

    def __init__(
        self, url: str, key: str, secret: str, sign_name: str, timeout: float = 10.0
    ) -> None:
        self.url, self.key, self.secret = url, key, secret
        self.sign_name, self.timeout = sign_name, timeout
        self.label = f"HTTP短信网关 {url}"

    def signature(self, timestamp: str, body: bytes) -> str:
        message = timestamp.encode() + b"\n" + body
        return hmac.new(self.secret.encode(), message, hashlib.sha256).hexdigest()

    async def send(self, phone: str, text: str) -> str:
        body = json.dumps(
            {"phone": phone, "text": text, "sign_name": self.sign_name}, ensure_ascii=False
        ).encode()
        return await asyncio.to_thread(self._post, body)

    def _post(self, body: bytes) -> str:
        timestamp = str(int(time.time()))
        request = urllib.request.Request(  # noqa: S310 (the URL is deployment configuration)
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json; charset=utf-8",
                "X-Api-Key": self.key,
                "X-Timestamp": timestamp,
                "X-Signature": self.signature(timestamp, body),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as exc:
            detail = f"HTTP {exc.code}: {exc.read()[:200].decode(errors='replace')}"
            if exc.code == 429 or exc.code >= 500:
                raise TemporarySmsError(detail) from exc
            raise PermanentSmsError(detail) from exc
        except (OSError, ValueError) as exc:  # refused, reset, timed out, not JSON
            raise TemporarySmsError(f"{type(exc).__name__}: {exc}") from exc
        message_id = answer.get("message_id") if isinstance(answer, dict) else None
        if not message_id:
            raise TemporarySmsError(f"no message_id in the answer: {str(answer)[:200]}")
        return str(message_id)


def from_settings(settings: Settings) -> SmsGateway:
    """The configured gateway, or the log-only one when no URL is set."""
    if not settings.sms_gateway_url:
        return LogOnlyGateway()
    return HttpJsonGateway(
        settings.sms_gateway_url,
        settings.sms_api_key,
        settings.sms_api_secret,
        settings.sms_sign_name,
    )
