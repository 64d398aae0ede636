"""The adapter to the region's e-licence library (兴署发〔2021〕5号 Art. 27: 新生成的证照信息
同步至全区电子证照库). Never called in tests against a real address.

One signed JSON POST per licence version to ``elicence_endpoint`` (see core.regionhttp): the body
is ``elicences.rules.payload(...)``; the answer expected is ``{"receipt": "<the library's id>"}``.
"""

from __future__ import annotations

from typing import Any, Protocol

import anyio.to_thread
import httpx

from seedreg.core.regionhttp import TemporaryRegionError, signed_post
from seedreg.settings import Settings


class Library(Protocol):
    label: str

    async def send(self, payload: dict[str, Any]) -> str: ...


class HttpLibrary:
    def __init__(
        self, url: str, *, key: str, secret: str, transport: httpx.BaseTransport | None = None
    ) -> None:
        self.url, self._key, self._secret, self._transport = url, key, secret, transport
        self.label = f"自治区电子证照库 {url}"

    def _post(self, payload: dict[str, Any]) -> str:
        answer = signed_post(
            self.url, payload, key=self._key, secret=self._secret, transport=self._transport
        )
        receipt = answer.get("receipt")
        if not receipt:
            raise TemporaryRegionError(f"电子证照库的答复中没有回执编号：{str(answer)[:200]}")
        return str(receipt)[:80]

    async def send(self, payload: dict[str, Any]) -> str:
        return await anyio.to_thread.run_sync(self._post, payload)


def from_settings(settings: Settings) -> Library | None:
    """The configured library, or None while no address is set (rows wait in the outbox)."""
    if not settings.elicence_endpoint:
        return None
    return HttpLibrary(
        settings.elicence_endpoint,
        key=settings.elicence_api_key,
        secret=settings.elicence_api_secret,
    )
