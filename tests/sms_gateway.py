"""A fake SMS gateway on 127.0.0.1 speaking HttpJsonGateway's JSON shape, for the tests."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KEY, SECRET = "test-key", "test-secret"


@dataclass
class FakeGateway:
    url: str = ""
    status: int = 200  # 503 while "down", 400 to refuse
    received: list[dict] = field(default_factory=list)
    forged: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def to(self, phone: str) -> list[str]:
        with self.lock:
            return [m["text"] for m in self.received if m["phone"] == phone]


def _handler(gateway: FakeGateway) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            expected = hmac.new(
                SECRET.encode(), self.headers["X-Timestamp"].encode() + b"\n" + body, hashlib.sha256
            ).hexdigest()
            if self.headers["X-Api-Key"] != KEY or self.headers["X-Signature"] != expected:
                gateway.forged += 1
                self._answer(401, {"error": "bad signature"})
                return
            if gateway.status != 200:
                self._answer(gateway.status, {"error": "unavailable"})
                return
            message = json.loads(body)
            with gateway.lock:
                gateway.received.append(message)
                number = len(gateway.received)
            self._answer(200, {"message_id": f"fake-{number}"})

        def _answer(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@contextmanager
def fake_gateway() -> Iterator[FakeGateway]:
    gateway = FakeGateway()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(gateway))
    gateway.url = f"http://127.0.0.1:{server.server_address[1]}/sms/send"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield gateway
    finally:
        server.shutdown()
        server.server_close()
