"""The confirmation step of irreversible actions (issue 14 item 6), as the page tests see it."""

from __future__ import annotations

import httpx
from bs4 import BeautifulSoup


def asks_first(response: httpx.Response, *named: str) -> BeautifulSoup:
    """A page POST without ``confirm=1`` answers with the confirmation step (200): its question
    names the record (each of ``named``), and its form posts the same fields with confirm=1."""
    assert response.status_code == 200, f"{response.status_code}: {response.text[:500]}"
    page = BeautifulSoup(response.text, "html.parser")
    question = page.select_one("#confirm .confirm-question").get_text(strip=True)
    assert question.startswith("确认"), question
    assert question.endswith("？"), question
    for part in named:
        assert part in question, f"{part!r} not in {question!r}"
    form = page.select_one("#confirm form")
    assert form["action"] == response.request.url.path
    assert form.select_one("input[name=confirm][value='1']") is not None
    assert form.select_one("button[type=submit]") is not None
    assert page.select_one("#confirm a.button")["href"]  # a way back without acting
    return page
