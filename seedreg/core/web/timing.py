"""A ``Server-Timing`` header on every response: how long the app itself took, so slow pages
show up in browser dev tools and benchmarks measure the server, not the client."""

from __future__ import annotations

import time

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send


def server_timing(app: ASGIApp) -> ASGIApp:
    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await app(scope, receive, send)
            return
        start = time.perf_counter()

        async def send_with_timing(message: Message) -> None:
            if message["type"] == "http.response.start":
                elapsed_ms = (time.perf_counter() - start) * 1000
                MutableScopeHeaders.from_message(message).add(
                    "Server-Timing", f"app;dur={elapsed_ms:.2f}"
                )
            await send(message)

        await app(scope, receive, send_with_timing)

    return middleware
