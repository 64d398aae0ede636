"""Signed JSON requests to the region's systems (the unified seal system, the e-licence library).

Each request carries ``X-Api-Key`` (key id), ``X-Timestamp`` (Unix seconds) and ``X-Signature``:
hex HMAC-SHA256 of ``timestamp + "\\n" + body`` under the shared secret, as the SMS gateway does,
so a receiver can refuse forged or replayed requests without the secret on the wire. The region
publishes no interface document to us yet: this is the shape we would send, to be adapted.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx


class RegionError(Exception):
    """The region's system did not do what was asked."""


class TemporaryRegionError(RegionError):
    """Worth trying again later (refused, timed out, 429, 5xx, an answer that is not JSON)."""


class PermanentRegionError(RegionError):
    """The request itself was refused (4xx other than 429): trying again will not help."""


def signature(secret: str, timestamp: str, body: bytes) -> str:
    return hmac.new(secret.encode(), timestamp.encode() + b"\n" + body, hashlib.sha256).hexdigest()


def signed_post(
    url: str,
    payload: dict[str, Any],
    *,
    key: str,
    secret: str,
    timeout: float = 30.0,
    transport: httpx.BaseTransport | None = None,
) -> dict[str, Any]:
    """POST ``payload`` as signed JSON and return the JSON object answered.

    Raises:
        TemporaryRegionError: network failure, 429 or 5xx, or an answer that is not an object.
        PermanentRegionError: any other 4xx.
    """
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "X-Api-Key": key,
        "X-Timestamp": timestamp,
        "X-Signature": signature(secret, timestamp, body),
    }
    try:
        with httpx.Client(timeout=timeout, transport=transport) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise TemporaryRegionError(f"{type(exc).__name__}: {exc}") from exc
    if response.status_code == 429 or response.status_code >= 500:
        raise TemporaryRegionError(f"HTTP {response.status_code}: {response.text[:200]}")
    if response.status_code >= 400:
        raise PermanentRegionError(f"HTTP {response.status_code}: {response.text[:200]}")
    try:
        answer = response.json()
    except ValueError as exc:
        raise TemporaryRegionError(f"not JSON: {response.text[:200]}") from exc
    if not isinstance(answer, dict):
        raise TemporaryRegionError(f"not an object: {str(answer)[:200]}")
    return answer
