"""Text that displays as something it is not is refused, with a Chinese message naming the
field, through the API and on pages (issue 12 item 1)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import unique

RLO = "\u202e"


def test_an_application_with_a_right_to_left_override_is_refused_and_not_stored(api):
    alice = api("alice")
    before = alice.get("/api/licensing/applications").json()["total"]
    details = {
        "legal_representative": f"张{RLO}三",
        "registered_address": "乌兰浩特市兴安南大路1号",
        "scope": ["seedling"],
        "species": ["樟子松"],
        "production_sites": [
            {"division_code": "152201", "township": "义勒力特镇", "village": "红星村"}
        ],
        "valid_area": ["152201"],
    }
    r = alice.post("/api/licensing/applications", json={"kind": "issue", "details": details})
    assert r.status_code == 422, r.text[:300]
    error = r.json()["error"]
    message = error["details"]["details.legal_representative"]
    assert "U+202E" in message
    assert "从右到左强制符" in message
    assert "details.legal_representative" in error["message"]
    assert alice.get("/api/licensing/applications").json()["total"] == before


@pytest.mark.parametrize(
    "char", ["\u202e", "\u2066", "\u200f", "\u061c", "\u200b", "\u200d", "\u2060", "\ufeff"]
)
def test_every_kind_of_invisible_character_is_refused_in_a_species_name(api, char):
    r = api("admin").post(
        "/api/reference/species", json={"name_zh": f"樟子{char}松", "category": "乡土树种"}
    )
    assert r.status_code == 422, r.text[:300]
    assert f"U+{ord(char):04X}" in r.json()["error"]["details"]["name_zh"]


def test_a_list_item_with_a_zero_width_space_is_refused(api):
    r = api("alice").post(
        "/api/licensing/applications",
        json={"kind": "issue", "details": {"species": ["樟子松", "兴安\u200b落叶松"]}},
    )
    assert r.status_code == 422
    assert "U+200B" in r.json()["error"]["details"]["details.species"]


def test_the_species_form_names_the_field_and_keeps_what_was_typed(browser, personas):
    browser.login(personas["admin"].username)
    name = f"{unique('树')}{RLO}"
    r = browser.post_form(
        "/admin/reference/species",
        {"name_zh": name, "category": "乡土树种"},
        form_page="/admin/reference",
    )
    assert r.status_code == 422, r.text[:300]
    soup = BeautifulSoup(r.text, "html.parser")
    assert "U+202E" in soup.get_text()
    assert soup.find("input", attrs={"name": "name_zh"})["value"] == name


def test_ordinary_text_with_line_breaks_and_rare_characters_is_kept(api):
    name = unique("𠀀樟")  # CJK Extension B is a letter, not a control
    r = api("admin").post("/api/reference/species", json={"name_zh": name, "category": "乡土树种"})
    assert r.status_code == 201, r.text[:300]
