"""Browser fixtures shared by the journeys: one headless Debian Chromium for the session, and
pages at a phone's 360 px or a desktop's 1280 px (tests/browser/test_pages.py explains why the
async Playwright API on pytest-asyncio's session loop)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from tests.browser.screens import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, WIDTHS, NewScreen


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def chromium() -> AsyncIterator[Browser]:
    """Debian's Chromium, started once per run (never downloaded by Playwright)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        await browser.close()


@pytest_asyncio.fixture(loop_scope="session")
async def screen(chromium: Browser) -> AsyncIterator[NewScreen]:
    """``await screen("phone")`` or ``await screen("desktop")`` → a fresh page in a context of
    its own (own cookies). Uncaught errors in page scripts fail the test."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    async def make(width: str) -> Page:
        context = await chromium.new_context(**WIDTHS[width])
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = await context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        return page

    yield make
    for context in contexts:
        await context.close()
    assert not errors, f"errors in page scripts: {errors}"
