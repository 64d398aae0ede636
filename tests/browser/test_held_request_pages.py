"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四)) on a request's page at 360 px and 1280 px: an
operator whose lot holds a 产地检疫合格证 and a 质量检验合格证 issued here asks for a 调运检疫, sees
"系统已有的材料" and confirms the certificate with "使用系统已有材料" (a plain form); it then reads
系统调取 and links its public verification page. axe-core, no sideways scrolling, screenshots in
build/screenshots/. Grading rows are FICTIONAL test data (tests/http/lotkit.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.browser.journey import Journey
from tests.browser.screens import NewScreen
from tests.http.lotkit import (
    confirmed_row,
    make_lot,
    new_species,
    ok,
    record_licence,
    seedling_measures,
    spruce_row,
)
from tests.http.requestkit import act, consignment_body, quality_body, site_body, submitted

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def certified(api, personas) -> SimpleNamespace:
    """A lot of alice's certified by the system for quarantine and quality."""
    ns = SimpleNamespace(alice=api("alice"), quarantine=api("quarantine"))
    admin, station = api("admin"), api("station")
    species = new_species(admin)
    confirmed_row(admin, station, "seedling", spruce_row(species))
    licence = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=[species]
    )
    ns.lot = make_lot(ns.alice, licence, species=species, quantity=5000)
    site = submitted(ns.alice, site_body([ns.lot]))
    act(ns.quarantine, site["id"], "accept")
    ns.site = act(ns.quarantine, site["id"], "quarantine-result", {})
    quality = submitted(ns.alice, quality_body(ns.lot))
    act(station, quality["id"], "accept")
    act(station, quality["id"], "quality-result", seedling_measures())
    return ns


@pytest.mark.parametrize("width", ["phone", "desktop"])
async def test_the_operator_confirms_the_site_certificate_instead_of_a_copy(
    screen: NewScreen, server: str, width: str, certified
):
    move = submitted(certified.alice, consignment_body([(certified.lot, "100")]))
    offers = ok(certified.alice.get(f"/api/matters/applications/{move['id']}/held-materials"))
    link = offers["C03"][0]["link"]
    page = await screen(width)
    walk = Journey(page, "held-request", width, server)
    await walk.log_in("alice")
    await walk.goto(f"/requests/{move['id']}")
    number = certified.site["certificate_number"]
    await walk.step("held-offered", "系统已有的材料", "产地检疫合格证", number)
    offer = page.locator("#held-materials form").filter(has_text=number)
    await offer.get_by_role("button", name="使用系统已有材料").click()
    await page.wait_for_url(f"{server}/requests/{move['id']}#materials")
    listed = page.locator("ul.cards li").filter(has_text=number)
    assert await listed.get_by_role("link").get_attribute("href") == link
    assert "系统调取" in await listed.inner_text()
    assert await page.locator("#held-materials form").filter(has_text=number).count() == 0
    # the quality certificate is still offered for its own material until confirmed too
    await walk.button("使用系统已有材料")
    await walk.look("held-confirmed")
