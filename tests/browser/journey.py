"""What every persona journey does (issue 14, "Tests that must exist"): at each step look at the
page as the person sees it — the expected words are on screen, axe-core finds no WCAG 2.1 A/AA
violation, nothing scrolls sideways, on public pages no English — keep a screenshot in
build/screenshots/ (journey-<persona>-<width>-NN-<step>.png), and move on as a person would
(the login form; the menu button on a phone, the navigation bar on a desktop)."""

from __future__ import annotations

import re

from playwright.async_api import Locator, Page, expect

from tests.browser.axe import assert_accessible
from tests.browser.screens import OVERFLOW_JS, SCREENSHOTS
from tests.fixtures import PASSWORD
from tests.pagetext import english_words

# The visible text a person reads, without codes, Latin names and other marked exceptions
# (the same exemptions as tests/pagetext.py), plus the title and the texts of controls.
READ_TEXT_JS = """
() => {
  const exempt = "script, style, code, pre, i, .code, [lang]:not([lang='zh-CN']), [hidden]";
  const parts = [document.title];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (el && !el.closest(exempt) && el.getClientRects().length) {
      parts.push(walker.currentNode.textContent);
    }
  }
  const named = "[placeholder], [aria-label], [title], img[alt]";
  for (const el of document.querySelectorAll(named)) {
    if (el.closest(exempt)) continue;
    for (const name of ["placeholder", "aria-label", "title", "alt"]) {
      parts.push(el.getAttribute(name) || "");
    }
  }
  return parts.join(" ");
}
"""


class Journey:
    """One person's walk at one width (``phone`` or ``desktop``, tests/browser/screens.py);
    each ``look`` (or ``step``) is a numbered screenshot."""

    def __init__(self, page: Page, persona: str, width: str, server: str) -> None:
        self.page, self.persona, self.width, self.server = page, persona, width, server
        self.shots = 0

    @property
    def phone(self) -> bool:
        return self.width == "phone"

    async def look(self, name: str, *, public: bool = False, allowed: frozenset = frozenset()):
        """Check the page as it is shown now and keep a screenshot."""
        self.shots += 1
        label = f"journey-{self.persona}-{self.width}-{self.shots:02d}-{name}"
        await self.page.wait_for_load_state("load")
        await assert_accessible(self.page, label)
        layout = await self.page.evaluate(OVERFLOW_JS)
        assert layout["scrollWidth"] <= layout["innerWidth"], (
            f"{label}: {self.page.url} scrolls sideways ({layout['scrollWidth']} px in a "
            f"{layout['innerWidth']} px window); too wide: {layout['culprits']}"
        )
        if public:
            words = english_words(await self.page.evaluate(READ_TEXT_JS), allowed)
            assert not words, f"{label}: English on a public page: {words}"
        await self.page.screenshot(path=str(SCREENSHOTS / f"{label}.png"), full_page=True)

    async def step(self, name: str, *words: str) -> None:
        """The page's main part shows each of ``words``; then ``look``."""
        main = self.page.locator("main")
        for word in words:
            await expect(main).to_contain_text(word)
        await self.look(name)

    async def button(self, name: str) -> None:
        """A button of that name is on screen (visible)."""
        await expect(self.page.get_by_role("button", name=name).first).to_be_visible()

    async def goto(self, path: str) -> None:
        await self.page.goto(f"{self.server}{path}")

    async def log_in(self, username: str) -> None:
        """Through the login form, as a person would; lands on the home page."""
        await self.goto("/login")
        await self.look("login", public=True)
        form = self.page.locator("main form")
        await form.get_by_label("用户名").fill(username)
        await form.get_by_label("密码").fill(PASSWORD)
        await form.get_by_role("button", name="登录").click()
        await self.page.wait_for_url(f"{self.server}/")

    async def navigation(self) -> Locator:
        """The main menu as this screen shows it: the bar on a desktop; on a phone the menu
        button, opened (a <details>, no JavaScript needed). The other one is not shown."""
        bar, menu = self.page.locator("header nav.bar"), self.page.locator("header details.menu")
        if self.phone:
            assert await bar.is_hidden(), "a phone shows the desktop bar"
            await menu.locator("summary").click()
            nav = menu.locator("nav")
        else:
            assert await menu.is_hidden(), "a desktop shows the phone's menu button"
            nav = bar
        await nav.wait_for(state="visible")
        if self.phone:  # the opened menu is a page state of its own
            await assert_accessible(self.page, f"{self.persona}-{self.width}-menu")
        return nav

    async def open_from_menu(self, link: str, path: str) -> None:
        nav = await self.navigation()
        await nav.get_by_role("link", name=link, exact=True).click()
        await self.page.wait_for_url(f"{self.server}{path}")

    async def heading(self) -> str:
        return (await self.page.locator("main h1").first.inner_text()).strip()

    async def main_text(self) -> str:
        return re.sub(r"\s+", "", await self.page.locator("main").inner_text())
