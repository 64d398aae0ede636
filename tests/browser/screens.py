"""The browser and the two screens the journeys use (a 360 px phone, a 1280 px desktop)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from playwright.async_api import Page

from tests.fixtures import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = ROOT / "build" / "screenshots"
WIDTHS = {
    "phone": {
        "viewport": {"width": 360, "height": 740},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
        "locale": "zh-CN",
    },
    "desktop": {"viewport": {"width": 1280, "height": 800}, "locale": "zh-CN"},
}

NewScreen = Callable[[str], Awaitable[Page]]  # the ``screen`` fixture: a page at one width
