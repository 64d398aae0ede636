"""Local settings through the pages and the API: shown with default and source, changed only by
the league admin, audited, and used at once by the services that read them."""

from __future__ import annotations

import asyncio

from bs4 import BeautifulSoup

from seedreg.core.audit.tables import AuditEvent
from tests.fixtures import Browser

KEY = "quarantine.consignment_certificate_valid_days"


def _events(key: str) -> list[dict]:
    async def q() -> list[dict]:
        return await AuditEvent.select().where(
            (AuditEvent.subject_type == "rule_setting") & (AuditEvent.subject_id == key)
        )

    return asyncio.run(q())


def test_it_lists_every_setting_with_its_source_to_anyone(browser: Browser) -> None:
    page = BeautifulSoup(browser.get("/settings").text, "html.parser")
    block = page.find(id=KEY)
    assert block is not None
    text = block.get_text(" ", strip=True)
    assert "植物检疫证书有效期" in text
    assert "现行：20天" in text
    assert "本地设定" in text
    assert page.find("form", action=f"/admin/settings/{KEY}") is None  # the public only reads


def test_the_api_lists_values_defaults_and_sources(api) -> None:
    r = api().get("/api/settings")
    assert r.status_code == 200
    rows = {s["key"]: s for s in r.json()}
    assert rows[KEY]["default"] == 20
    assert rows[KEY]["basis"] == "local"
    assert rows[KEY]["source"] == "本地设定"
    assert rows["quality.certificate_valid_days"]["unit"] == "天"


def test_only_the_admin_changes_a_setting(api) -> None:
    r = api("officer_league").put(f"/api/settings/{KEY}", json={"value": 9})
    assert r.status_code == 403
    assert r.json()["error"]["message"] == "只有盟林草局管理员可以修改设定"
    assert api().put(f"/api/settings/{KEY}", json={"value": 9}).status_code == 401


def test_the_admin_changes_and_resets_a_setting_audited_and_used_at_once(api, browser) -> None:
    admin = api("admin")
    before = len(_events(KEY))
    try:
        r = admin.put(f"/api/settings/{KEY}", json={"value": 7, "reason": "盟林草局会议纪要"})
        assert r.status_code == 200, r.text
        assert r.json()["value"] == 7
        assert r.json()["is_default"] is False
        page = BeautifulSoup(browser.get("/settings").text, "html.parser")
        assert "现行：7天 （默认：20天）" in page.find(id=KEY).get_text(" ", strip=True)
        events = _events(KEY)
        assert len(events) == before + 1
        assert events[-1]["action"] == "setting:set"
    finally:
        r = admin.delete(f"/api/settings/{KEY}")
    assert r.status_code == 200
    assert r.json()["value"] == 20
    assert _events(KEY)[-1]["action"] == "setting:reset"


def test_a_bad_value_is_refused_in_chinese_and_nothing_changes(api) -> None:
    r = api("admin").put(f"/api/settings/{KEY}", json={"value": 0})
    assert r.status_code == 422
    assert "应在1至365天之间" in r.json()["error"]["message"]
    rows = {s["key"]: s for s in api().get("/api/settings").json()}
    assert rows[KEY]["value"] == 20
    assert api("admin").put("/api/settings/no.such", json={"value": 1}).status_code == 404


def test_the_admin_form_keeps_what_was_typed_and_names_the_error(browser: Browser) -> None:
    browser.login("admin")
    page = BeautifulSoup(browser.get("/settings").text, "html.parser")
    assert page.find("form", action=f"/admin/settings/{KEY}") is not None
    r = browser.post_form(
        f"/admin/settings/{KEY}", {"value": "九十", "reason": ""}, form_page="/settings"
    )
    assert r.status_code == 422
    page = BeautifulSoup(r.text, "html.parser")
    field = page.find(id=f"v-{KEY}")
    assert field["value"] == "九十"
    assert "应为整数" in page.find(id=f"v-{KEY}-err").get_text()
