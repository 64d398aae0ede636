"""The officer's inbox counts the promised deadline (issue 14 item 9): an application under
review shows the 办事指南's promised day (licensing.promised_decision_workdays, 10 working days
by default) with the statutory 20 beside it; past the promise it has a colour of its own and
says so in words."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta

from bs4 import BeautifulSoup

from seedreg.core.web.templating import cn_date
from seedreg.matters.tables import Application
from tests.fixtures import Browser
from tests.http.test_licensing_api import APPS, issue_details, ok


def accepted(api) -> dict:
    alice, officer = api("alice"), api("officer_wlht")
    app = ok(alice.post(APPS, json={"kind": "issue", "details": issue_details()}), 201)
    ok(alice.post(f"{APPS}/{app['id']}/submit"))
    return ok(officer.post(f"{APPS}/{app['id']}/accept"))


def inbox_row(server: str, app_id: int):
    """The application's card in the inbox (filtered to 已受理: newest first, so it is on the
    first page whatever else the suite has put in the inbox)."""
    browser = Browser(server)
    browser.login("officer_wlht")
    r = browser.get("/licensing/inbox?status=accepted")
    assert r.status_code == 200, r.text[:500]
    page = BeautifulSoup(r.text, "html.parser")
    link = page.find("a", href=f"/licensing/applications/{app_id}")
    assert link is not None, "the application is not in the inbox"
    return page, link.find_parent("li")


def text(tag) -> str:
    return "".join(tag.get_text(" ", strip=True).split())


def test_the_inbox_shows_the_promised_day_beside_the_statutory_one(server, api):
    app = accepted(api)
    promised = date.fromisoformat(app["promised_due"])
    statutory = date.fromisoformat(app["statutory_due"])
    assert promised < statutory
    assert app["promised_days_left"] == 10  # the guide's promise, counted from acceptance today
    page, row = inbox_row(server, app["id"])
    line = text(row)
    assert f"承诺{cn_date(promised)}前办结（剩余10个工作日）" in line
    assert f"法定{cn_date(statutory)}前办结" in line
    assert "剩余20个工作日" in line
    assert "band-green" in row["class"]
    legend = text(page.select_one(".legend"))
    assert "超过承诺时限" in legend
    assert "承诺办结日（10个工作日）和法定期限（20个工作日）" in text(page.find("main"))


def test_past_the_promise_the_row_has_its_own_colour_and_says_so(server, api):
    app = accepted(api)
    past = date.fromisoformat(app["accepted_on"]) - timedelta(days=7)

    async def miss_the_promise() -> None:
        await Application.update({Application.promised_due: past}).where(
            Application.id == app["id"]
        )

    asyncio.run(miss_the_promise())
    out = ok(api("officer_wlht").get(f"{APPS}/{app['id']}"))
    assert out["promised_days_left"] < 0
    assert out["band"] == "promise"
    _, row = inbox_row(server, app["id"])
    assert "band-promise" in row["class"]
    assert "band-green" not in row["class"]
    word = row.select_one(".promise .band-promise")
    assert word is not None
    assert text(word) == f"已超过承诺时限{-out['promised_days_left']}个工作日"
    assert f"法定{cn_date(date.fromisoformat(out['statutory_due']))}前办结" in text(row)
