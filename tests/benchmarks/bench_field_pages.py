"""Benchmark: the field pages on a weak link (issue 22). Prints figures; not a test. `make bench`.

    python -m tests.benchmarks.bench_field_pages            # 400 kbit/s, 400 ms round trip
    python -m tests.benchmarks.bench_field_pages --kbps 250 --rtt 600
    python -m tests.benchmarks.bench_field_pages --detail     # every answer: worker or network

Debian's headless Chromium at 360 px opens each field page twice in one browser profile: the
first visit (signed in, empty HTTP cache, no service worker) and the repeat visit (the service
worker installed by the first). The link is Chromium's own network emulation (CDP
Network.emulateNetworkConditions on the page: latency = the round trip, the same throughput
both ways). Reported per visit:

- time to a usable form: the page's ``seedreg-form-ready`` mark (drafts.js: every draft form
  bound and its draft restored, i.e. after the page's scripts ran), in ms from navigation start;
- bytes until then, two ways: what the page had received (Resource Timing: the document and
  the subresources that ended by then) and what the link carried by then, counted by a small
  TCP relay in front of the server. The relay also counts what the service worker fetches
  itself (the page on a repeat visit, its shell when it installs), which the page does not see;
  but Chromium's emulation delays bytes after they pass the relay, so on a first visit the
  relay also counts the worker's install downloads that were only requested by then. First
  visit: read the page's figure; repeat visit: the relay's (the page's own is ~0, served by
  the worker). On a repeat visit the relay's figure is mostly the worker asking for the page
  again behind the kept copy it showed (the copy for the next visit; not throttled: the
  emulation is the page's, not the worker's): the check form's ~46 KB page, which the page
  does not wait for. ``--detail`` lists each answer, from the worker or the network. And in
  all (once the link is idle 3 s), by the relay;
- the decoder (jsQR, the fallback where the browser has no BarcodeDetector) separately: the
  scanner loads it when the camera opens or, before that, once the page is idle; its bytes
  and transfer time as the page saw them.

Pages: the officials' label scanner /labels/scan and the field check's form
/inspections/checks/new (signed in as an inspector; the whole check, kept by drafts.js), and the
practice field form of tests/browser/offline_app.py (every kind of field, drafts.js, the
worker); ``--url /path`` adds more pages.
Targets (issue 22): first visit < 150 KB without the decoder; repeat visit < 20 KB and < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_labels import _cli, _env

USABLE_JS = """() => {
  const mark = performance.getEntriesByName("seedreg-form-ready")[0];
  return mark ? mark.startTime : null;
}"""


# What the page itself had received when it became usable (Resource Timing: the document and
# every subresource that ended by then, headers included). A worker's own fetches are not here.
RECEIVED_JS = """(until) => performance.getEntriesByType("navigation")
  .concat(performance.getEntriesByType("resource"))
  .filter((e) => e.responseEnd <= until)
  .reduce((sum, e) => sum + e.transferSize, 0)"""


@dataclass
class Relay:
    """A TCP relay that counts the bytes each way, with the time each chunk passed."""

    target_port: int
    down: list[tuple[float, int]] = field(default_factory=list)
    up: list[tuple[float, int]] = field(default_factory=list)
    port: int = 0

    async def start(self) -> None:
        server = await asyncio.start_server(self._client, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]

    async def _pipe(self, reader, writer, log: list[tuple[float, int]]) -> None:
        try:
            while chunk := await reader.read(65536):
                log.append((time.monotonic(), len(chunk)))
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _client(self, reader, writer) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)
        await asyncio.gather(
            self._pipe(reader, up_writer, self.up), self._pipe(up_reader, writer, self.down)
        )

    def since(self, start: float, until: float | None = None) -> int:
        end = until if until is not None else float("inf")
        return sum(n for t, n in self.down + self.up if start <= t <= end)


async def _log_in(page: Any, base: str, username: str, password: str) -> None:
    await page.goto(f"{base}/login")
    form = page.locator("main form")
    await form.get_by_label("用户名").fill(username)
    await form.get_by_label("密码").fill(password)
    await form.get_by_role("button", name="登录").click()
    await page.wait_for_url(f"{base}/")


async def _visit(context: Any, relay: Relay, url: str, kbps: int, rtt: int) -> dict[str, Any]:
    page = await context.new_page()
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    await cdp.send("Network.emulateNetworkConditions", _link(kbps, rtt))
    seen: dict[str, dict[str, Any]] = {}
    cdp.on(
        "Network.responseReceived",
        lambda e: seen.setdefault(e["requestId"], {}).update(
            worker=e["response"].get("fromServiceWorker", False),
            url=e["response"]["url"],
            status=e["response"]["status"],
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: seen.setdefault(e["requestId"], {}).update(wire=e.get("encodedDataLength", 0)),
    )
    started = time.monotonic()
    await page.goto(url, wait_until="commit")
    usable_ms = None
    while usable_ms is None and time.monotonic() - started < 60:
        usable_ms = await page.evaluate(USABLE_JS)
        if usable_ms is None:
            await asyncio.sleep(0.02)
    if usable_ms is None:
        raise SystemExit(f"{url}: the form never became usable")
    # The page's clock starts at navigation start: put it on this process's monotonic clock.
    time_origin = await page.evaluate("performance.timeOrigin") / 1000
    origin = time.monotonic() - (time.time() - time_origin)
    usable_at = origin + usable_ms / 1000
    await asyncio.sleep(3)  # idle: the decoder preload and the worker's install happen here
    last = max((t for t, _ in relay.down + relay.up if t >= started), default=started)
    while time.monotonic() - last < 3:
        await asyncio.sleep(0.5)
        last = max((t for t, _ in relay.down + relay.up if t >= started), default=started)
    out = {
        "usable_ms": usable_ms,
        "page_bytes_usable": await page.evaluate(RECEIVED_JS, usable_ms),
        "bytes_usable": relay.since(started, usable_at),
        "bytes_all": relay.since(started),
        "from_worker": sum(1 for r in seen.values() if r.get("worker")),
        "requests": len(seen),
        "controlled": await page.evaluate("!!navigator.serviceWorker.controller"),
        "answers": list(seen.values()),
    }
    await page.close()
    return out


async def measure(
    base: str,
    relay: Relay,
    pages: list[tuple[str, bool]],
    kbps: int,
    rtt: int,
    detail: bool = False,
):
    from playwright.async_api import async_playwright

    from tests.browser.screens import CHROMIUM, CHROMIUM_ARGS, WIDTHS
    from tests.fixtures import PASSWORD

    results = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        for path, signed_in in pages:
            context = await browser.new_context(**WIDTHS["phone"])
            context.set_default_timeout(60_000)
            if signed_in:
                page = await context.new_page()
                await _log_in(page, base, "inspector", PASSWORD)
                cdp = await context.new_cdp_session(page)
                await cdp.send("Network.clearBrowserCache")  # the first visit starts empty
                await page.close()
            for visit in ("first", "repeat"):
                got = await _visit(context, relay, f"{base}{path}", kbps, rtt)
                results.append((path, visit, got))
                print(_row(path, visit, got), flush=True)
                if detail:
                    print(_answers(got), flush=True)
            await context.close()
        print(await _decoder(browser, base, relay, kbps, rtt), flush=True)
        await browser.close()
    return results


def _row(path: str, visit: str, r: dict[str, Any]) -> str:
    return (
        f"  {path:<36} {visit:<6} usable {r['usable_ms']:6.0f} ms  to usable: page received "
        f"{r['page_bytes_usable'] / 1024:5.1f} KB, link carried {r['bytes_usable'] / 1024:5.1f} KB;"
        f" link in all {r['bytes_all'] / 1024:6.1f} KB  "
        f"({r['from_worker']}/{r['requests']} answers from the worker; "
        f"worker in control: {'yes' if r['controlled'] else 'no'})"
    )


def _answers(r: dict[str, Any]) -> str:
    """Each answer the page saw: where it came from and its bytes on the (emulated) link."""
    return "\n".join(
        f"      {'worker ' if a.get('worker') else 'network'} {a.get('status', '?')} "
        f"{a.get('wire', 0) / 1024:6.1f} KB  {a.get('url', '?')[:110]}"
        for a in r["answers"]
    )


DECODER_JS = """async (url) => {
  const t = performance.now();
  const body = await (await fetch(url, {cache: "no-store"})).arrayBuffer();
  return [body.byteLength, performance.now() - t];
}"""


async def _decoder(browser: Any, base: str, relay: Relay, kbps: int, rtt: int) -> str:
    """The decoder as a phone without BarcodeDetector loads it on first camera use: a fresh
    profile (nothing cached), the same link."""
    from tests.browser.screens import WIDTHS

    context = await browser.new_context(**WIDTHS["phone"])
    page = await context.new_page()
    await page.goto(f"{base}/healthz")
    cdp = await context.new_cdp_session(page)
    await cdp.send("Network.enable")
    await cdp.send("Network.emulateNetworkConditions", _link(kbps, rtt))
    started = time.monotonic()
    size, ms = await page.evaluate(DECODER_JS, "/static/vendor/jsQR.min.js")
    await asyncio.sleep(0.5)
    wire = relay.since(started)
    await context.close()
    return (
        f"  decoder /static/vendor/jsQR.min.js: {size / 1024:.1f} KB ({wire / 1024:.1f} KB on the "
        f"wire) in {ms:.0f} ms on first camera use; from the worker's cache after a first visit"
    )


def _link(kbps: int, rtt: int) -> dict[str, Any]:
    throughput = kbps * 1000 / 8  # bytes per second
    return {
        "offline": False,
        "latency": rtt,
        "downloadThroughput": throughput,
        "uploadThroughput": throughput,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kbps", type=int, default=400, help="link throughput, kbit/s")
    parser.add_argument("--rtt", type=int, default=400, help="round trip, ms")
    parser.add_argument("--url", action="append", default=[], help="another page (signed in)")
    parser.add_argument("--detail", action="store_true", help="list every answer of each visit")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="seedreg-bench-field-"))
    env = _env(tmp)
    os.environ.update(env)
    for step in ("migrate", "load-reference", "keygen"):
        _cli(env, step)
    from tests import factories
    from tests.browser.test_offline_drafts import start_practice_server

    asyncio.run(factories.make_personas())
    org = asyncio.run(factories.make_organisation("152201", name="兴安盟基准测试检查苗圃"))
    proc, base = start_practice_server()
    try:

        async def run() -> None:
            relay = Relay(int(base.rsplit(":", 1)[1]))
            await relay.start()
            front = f"http://127.0.0.1:{relay.port}"
            pages = [
                ("/labels/scan", True),
                (f"/inspections/checks/new?target=organisation:{org.id}", True),
                ("/practice/field-form?record=bench", True),
            ]
            pages += [(u, True) for u in args.url]
            print(
                f"== field pages at 360 px on {args.kbps} kbit/s, {args.rtt} ms round trip "
                "(Chromium network emulation) =="
            )
            await measure(front, relay, pages, args.kbps, args.rtt, args.detail)

        asyncio.run(run())
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print("  targets: first visit < 150 KB without the decoder; repeat < 20 KB and < 1 s")


if __name__ == "__main__":
    main()
