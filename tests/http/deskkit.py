"""The officials' desk (/servicedesk/desk) for tests: its two queues are paged on their own
(``qpage``, ``cpage``) by due date, so other tests' open items may push one's own past the
first page; find it on the page that holds it."""

from __future__ import annotations

from tests.fixtures import Browser


def desk_page_with(client: Browser, text: str, param: str = "qpage") -> str:
    """The HTML of the desk with the queue ``param`` (``qpage``: 咨询, ``cpage``: 投诉) on the
    page that shows ``text``."""
    for page_no in range(1, 500):
        html = client.get("/servicedesk/desk", params={param: str(page_no)}).text
        if text in html:
            return html
        if f"{param}={page_no + 1}" not in html:
            break
    raise AssertionError(f"{text} is on no page of the desk's {param}")
