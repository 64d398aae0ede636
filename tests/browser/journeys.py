"""What the persona journeys share (issue 14, "Tests that must exist"): a page at phone width
(360 px) or desktop width (1280 px), and ``step`` — at each step of a journey the page shows the
expected words, does not scroll sideways, and is photographed into build/screenshots/
(journey-<persona>-<width>-NN-<step>.png).

The accessibility check belongs in ``step`` (one line, once the axe-core helper of the ux-public
piece is on main): every page a journey visits passes through it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.async_api import Browser, Page, expect

from tests.browser.test_pages import OVERFLOW_JS, PHONE, SCREENSHOTS

DESKTOP = {"viewport": {"width": 1280, "height": 800}, "locale": "zh-CN"}
WIDTHS = {360: PHONE, 1280: DESKTOP}


@dataclass
class Journey:
    """One persona's walk at one width; ``step`` numbers the screenshots in order."""

    persona: str
    width: int
    page: Page
    taken: list[str] = field(default_factory=list)

    async def step(self, name: str, *words: str) -> None:
        """The page shows each of ``words``, fits the width, and is photographed."""
        main = self.page.locator("main")
        for word in words:
            await expect(main).to_contain_text(word)
        layout = await self.page.evaluate(OVERFLOW_JS)
        assert layout["scrollWidth"] <= layout["innerWidth"], (
            f"{self.persona} {self.width}px {name}: {self.page.url} scrolls sideways: "
            f"{layout['culprits']}"
        )
        self.taken.append(name)
        shot = f"journey-{self.persona}-{self.width}-{len(self.taken):02d}-{name}.png"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        await self.page.screenshot(path=str(SCREENSHOTS / shot), full_page=True)

    async def button(self, name: str) -> None:
        """A button of that name is on screen (visible, enabled)."""
        await expect(self.page.get_by_role("button", name=name).first).to_be_visible()


async def journey(chromium: Browser, persona: str, width: int) -> Journey:
    context = await chromium.new_context(**WIDTHS[width])
    context.set_default_timeout(20_000)
    return Journey(persona, width, await context.new_page())


async def sign_in(j: Journey, server: str, username: str, password: str) -> None:
    """The login form, as a person fills it; lands on the home page."""
    await j.page.goto(f"{server}/login")
    form = j.page.locator("main form")
    await j.step("login", "登录")
    await form.get_by_label("用户名").fill(username)
    await form.get_by_label("密码").fill(password)
    await form.get_by_role("button", name="登录").click()
    await j.page.wait_for_url(re.compile(rf"^{re.escape(server)}/$"))


async def close(j: Journey) -> None:
    await j.page.context.close()
