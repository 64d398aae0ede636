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

# Anything wider than the window, except inside a table wrapper (which scrolls by itself).
OVERFLOW_JS = """
() => {
  const width = window.innerWidth;
  const culprits = [...document.querySelectorAll("body *")]
    .filter((el) => !el.closest(".table-wrap") && el.getBoundingClientRect().right > width + 0.5)
    .slice(0, 5)
    .map((el) => el.outerHTML.slice(0, 90));
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
}
"""

NewScreen = Callable[[str], Awaitable[Page]]  # the ``screen`` fixture: a page at one width
