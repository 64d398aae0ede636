"""The layout at two widths (issue 14 item 2): on a wide screen the navigation is a bar and no
menu button; on a phone the menu button and no bar; a lot's label table on a phone shows each
label's state without scrolling sideways, on the page or inside the table."""

from __future__ import annotations

import pytest

from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.http.lotkit import ok
from tests.label_support import make_chain

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def labelled_lot(api) -> dict:
    chain = make_chain(api)
    lot = chain.ready_lot(quantity=100)
    ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 3, "quantity_each": 10}
        ),
        201,
    )
    return lot


@pytest.mark.parametrize(
    ("width", "bar", "button"), [("desktop", True, False), ("phone", False, True)]
)
async def test_the_navigation_is_a_bar_on_a_desktop_and_a_button_on_a_phone(
    screen: NewScreen, server: str, personas, width: str, bar: bool, button: bool
):
    page = await screen(width)
    walk = Journey(page, "layout", width, server)
    await walk.log_in("officer_wlht")
    assert await page.locator("header nav.bar").is_visible() is bar
    assert await page.locator("header details.menu summary").is_visible() is button
    nav = await walk.navigation()
    links = await nav.get_by_role("link").all_inner_texts()
    assert "许可待办" in [t.strip() for t in links]
    if bar:  # the bar's links sit side by side, not one under the other
        boxes = [await link.bounding_box() for link in (await nav.get_by_role("link").all())[:3]]
        assert all(boxes)
        assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"]
        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"]
    await walk.look("navigation")


async def test_a_phone_shows_the_label_states_without_scrolling(
    screen: NewScreen, server: str, personas, labelled_lot: dict
):
    page = await screen("phone")
    walk = Journey(page, "layout", "phone", server)
    await walk.log_in("alice")
    await walk.goto(f"/labels/lots/{labelled_lot['id']}")
    states = page.locator("main table td[data-label='状态']")
    assert await states.count() == 3
    for cell in await states.all():
        assert (await cell.inner_text()).strip() == "有效"
        box = await cell.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["x"] + box["width"] <= 360, f"the state cell ends at {box['x'] + box['width']}"
    wrap = page.locator("main .table-wrap", has=page.locator("td[data-label='状态']"))
    scroll, client = await wrap.evaluate("(el) => [el.scrollWidth, el.clientWidth]")
    assert scroll <= client, f"the label table scrolls sideways inside ({scroll} > {client})"
    await walk.look("label-table")
