"""The e-licence identifier (GB/T 36904, 兴署发〔2021〕5号 Art. 27) on the officer's licence page
and the public register's verification page, and the seal status (Art. 26) on a notice's public
verification page."""

from __future__ import annotations

import asyncio
import random
import secrets
from datetime import timedelta

from bs4 import BeautifulSoup

from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.elicences import rules, services
from seedreg.licensing.tables import Licence
from seedreg.matters.tables import Notice
from seedreg.organisations.rules import make_uscc
from tests.factories import admin_actor, make_organisation
from tests.fixtures import Browser
from tests.http.heldkit import licence_holder

TYPE_CODE = make_uscc("11100000MB0000003") + "007"


async def _queued_licence() -> dict:
    """A licence of a division of its own, queued for the library under set codes (restored)."""
    division = f"15{random.randint(3000, 9999)}"
    org = await make_organisation("152201")
    today = clock.today()
    row = Licence(
        number=f"{division}{today.year}{random.randint(0, 9999):04d}",
        public_id=secrets.token_urlsafe(12),
        organisation=org.id,
        holder_name=org.name,
        legal_representative="张三",
        registered_address="乌兰浩特市兴安南大路1号",
        species=["樟子松"],
        scope=["seedling"],
        valid_area=["152200"],
        valid_from=today,
        valid_to=today + timedelta(days=5 * 365),
        issued_on=today,
        issuing_division=division,
        issuing_authority="测试林业和草原局",
        division_code="152201",
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    await row.save()
    admin = await admin_actor()
    try:
        await rs.set_value(admin, "elicences.type_code", TYPE_CODE)
        issuer = make_uscc(f"11{division}MB0000007")
        await rs.set_value(admin, "elicences.issuer_codes", f"{division}:{issuer}")
        await services.queue_new_versions()
    finally:
        await rs.reset(admin, "elicences.type_code")
        await rs.reset(admin, "elicences.issuer_codes")
    queued = await services.of_licence(row.id)
    return {"id": row.id, "public_id": row.public_id, "identifier": queued[0]["identifier"]}


def test_the_licence_pages_show_its_electronic_licence_identifier(server, personas):
    licence = asyncio.run(_queued_licence())
    ident = licence["identifier"]
    assert rules.identifier_problems(ident, "1.2.156.3005.2") == []
    officer = Browser(server)
    officer.login("officer_league")
    page = BeautifulSoup(officer.get(f"/licensing/licences/{licence['id']}").text, "html.parser")
    section = page.select_one("#elicence")
    assert section is not None
    assert ident in section.get_text()
    assert "待推送" in section.get_text()
    public = BeautifulSoup(
        Browser(server).get(f"/verify/licences/{licence['public_id']}").text, "html.parser"
    )
    shown = public.select_one("#elicence-identifier")
    assert shown is not None
    assert shown.get_text() == ident


def test_a_licence_without_codes_says_no_identifier_is_built_yet(server, api):
    holder = licence_holder(server, api("officer_wlht"))
    officer = Browser(server)
    officer.login("officer_wlht")
    html = officer.get(f"/licensing/licences/{holder.licence['id']}").text
    section = BeautifulSoup(html, "html.parser").select_one("#elicence")
    assert section is not None
    assert "尚未生成电子证照标识" in section.get_text()
    public = Browser(server).get(f"/verify/licences/{holder.licence['public_id']}").text
    assert 'id="elicence-identifier"' not in public


def test_a_notice_verification_page_says_how_it_is_sealed(server, api):
    holder = licence_holder(server, api("officer_wlht"))

    async def public_ids() -> list[str]:
        rows = await Notice.select(Notice.public_id).where(Notice.application == holder.issue_id)
        return [r["public_id"] for r in rows]

    public_id = asyncio.run(public_ids())[0]
    admin = api("admin")
    page = Browser(server).get(f"/verify/notices/{public_id}")
    seal = BeautifulSoup(page.text, "html.parser").select_one("#seal-status")
    assert seal is not None  # the default: no electronic seal until the league joins
    assert "未加盖电子印章，以窗口加盖的实物印章为准" in seal.get_text()
    assert seal.find("a", href="/verify/seals")
    r = admin.put("/api/settings/seals.adapter", json={"value": "test"})
    assert r.status_code == 200, r.text
    try:
        page = Browser(server).get(f"/verify/notices/{public_id}")
        text = BeautifulSoup(page.text, "html.parser").select_one("#seal-status").get_text()
        assert "本地测试签章" in text
        assert "不具法律效力" in text
    finally:
        admin.delete("/api/settings/seals.adapter")
