"""What a label says, read against Seed Law Art. 40 through the live server and the printed PDF:
the 使用说明 (required on the lot; printed whole or pointed to, and in full on the public page),
the 品种权号 of a protected variety, a Latin name only once the league has confirmed it (with
the administrator's confirmation page), and the words 原标签 / 补发标签 (正本 is a licence's)."""

from __future__ import annotations

import httpx
import pytest
from bs4 import BeautifulSoup

from seedreg.labels.content import INSTRUCTIONS_ELSEWHERE
from tests.fixtures import Browser
from tests.http.lotkit import ok, refused
from tests.label_support import make_chain, sql
from tests.pdfread import pdf_text, squash

LONG_INSTRUCTIONS = (
    "一、栽植季节：春季土壤解冻后至苗木萌动前（4月中旬至5月上旬）顶浆栽植，秋季落叶后也可栽植。"
    "二、立地条件：适于山地阴坡、半阴坡及沙地，土层厚度30厘米以上，忌低洼积水地。"
    "三、栽植方法：穴状整地，规格50×50×40厘米，苗木根系舒展，分层踩实，栽后立即灌足定根水。"
    "四、管护要点：栽后三年内每年松土除草两次，干旱时及时浇水，注意防治松梢螟和鼠兔害。"
)


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


@pytest.fixture(scope="module")
def unconfirmed(api):
    return make_chain(api, latin_confirmed=False)


def issue_one(chain, lot: dict) -> dict:
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        201,
    )
    return ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))["items"][0]


def printed(chain, label: dict, layout: str = "single_100x70") -> str:
    r = chain.alice.get(f"/api/labels/items/{label['id']}/pdf", params={"layout": layout})
    assert r.status_code == 200, r.text[:300]
    return squash(pdf_text(r.content))


def public(server: str, serial: str) -> tuple[str, dict]:
    page = httpx.get(f"{server}/v/{serial}", timeout=60)
    data = httpx.get(f"{server}/api/public/labels/{serial}", timeout=60).json()
    return BeautifulSoup(page.text, "html.parser").get_text(), data


def test_a_latin_name_prints_only_once_the_league_confirmed_it(unconfirmed, server, personas):
    lot = unconfirmed.ready_lot()
    label = issue_one(unconfirmed, lot)
    for layout in ("single_100x70", "single_80x50"):
        text = printed(unconfirmed, label, layout)
        assert squash(unconfirmed.latin_name) not in text
        assert "拉丁学名" not in text
        assert f"树种：{unconfirmed.species}" in text
    # The administrator confirms it on the page; labels issued from then on carry it.
    admin = Browser(server)
    admin.login(personas["admin"].username)
    page = admin.get("/admin/reference/latin")
    assert page.status_code == 200
    soup = BeautifulSoup(page.text, "html.parser")
    row = next(tr for tr in soup.select("tbody tr") if unconfirmed.species in tr.get_text())
    action = row.select_one("form")["action"]
    r = admin.post_form(action, {}, form_page="/admin/reference/latin")
    assert r.status_code == 303
    assert unconfirmed.species not in admin.get("/admin/reference/latin").text
    species_id = int(action.split("/")[-2])
    events = sql(
        "SELECT action FROM audit_event WHERE subject_type = 'species' AND subject_id = {}",
        str(species_id),
    )
    assert "species:confirm_latin" in [e["action"] for e in events]
    again = admin.post_form(action, {}, form_page="/admin/reference/latin")
    assert again.status_code == 409  # already confirmed, said in Chinese on the page
    assert "已核实" in again.text
    text = printed(unconfirmed, issue_one(unconfirmed, lot))
    assert squash(f"拉丁学名：{unconfirmed.latin_name}") in text


def test_only_the_administrator_confirms_latin_names(unconfirmed, api, server, personas):
    species = ok(api("admin").get("/api/reference/species"))
    row = next(s for s in species if s["name_zh"] == unconfirmed.species)
    path = f"/api/reference/species/{row['id']}/confirm-latin"
    refused(api("officer_league").post(path), 403, "管理员")
    refused(api("alice").post(path), 403)
    station = Browser(server)
    station.login(personas["station"].username)
    assert station.get("/admin/reference/latin").status_code == 403


def test_the_fixture_confirms_only_high_confidence_latin_names(api):
    species = {s["name_zh"]: s for s in ok(api("admin").get("/api/reference/species"))}
    assert species["文冠果"]["latin_confidence"] == "high"
    assert species["文冠果"]["latin_confirmed"] is True
    assert species["云杉"]["latin_confidence"] == "low"
    assert species["云杉"]["latin_confirmed"] is False
    assert species["兴安落叶松"]["latin_confirmed"] is False  # medium-high is not high


def test_a_protected_variety_prints_its_variety_right_number(chain, server):
    lot = chain.ready_lot(variety="兴安1号", variety_right_number="20190012")
    assert lot["variety_right_number"] == "20190012"
    assert lot["warnings"] == []
    label = issue_one(chain, lot)
    for layout in ("single_100x70", "single_80x50"):
        assert "品种权号：20190012" in printed(chain, label, layout)
    text, data = public(server, label["serial"])
    assert data["label"]["variety_right_number"] == "20190012"
    assert "品种权号20190012" in squash(text)


def test_a_variety_right_number_is_checked_softly(chain):
    odd = chain.lot(variety="兴安2号", variety_right_number="品种权第12号")
    assert any("品种权号" in w for w in odd["warnings"])
    refused(
        chain.alice.post(
            "/api/lots",
            json={
                **{k: odd[k] for k in ("material", "species", "origin", "production_site")},
                "licence_id": chain.licence["id"],
                "produced_on": odd["produced_on"],
                "quantity": 100,
                "suitable_area": "兴安盟",
                "suitable_season": "春季",
                "instructions": "随起随栽，注意保湿。",
                "variety_right_number": "20190012",
            },
        ),
        422,
        "品种名称",
        field="variety_right_number",
    )


def test_short_instructions_print_on_the_label(chain, server):
    lot = chain.ready_lot(instructions="春季顶浆栽植，随起随栽。")
    label = issue_one(chain, lot)
    for layout in ("single_100x70", "single_80x50"):
        text = printed(chain, label, layout)
        assert "使用说明：春季顶浆栽植，随起随栽。" in text
        assert squash(INSTRUCTIONS_ELSEWHERE) not in text
    _, data = public(server, label["serial"])
    assert data["label"]["instructions"] == "春季顶浆栽植，随起随栽。"


def test_long_instructions_accompany_the_label_and_are_on_the_public_page(chain, server):
    lot = chain.ready_lot(instructions=LONG_INSTRUCTIONS)
    label = issue_one(chain, lot)
    for layout in ("single_100x70", "single_80x50"):
        text = printed(chain, label, layout)
        assert squash(f"使用说明：{INSTRUCTIONS_ELSEWHERE}") in text
        assert "管护要点" not in text
    text, data = public(server, label["serial"])
    assert data["label"]["instructions"] == LONG_INSTRUCTIONS
    assert (data["label"]["suitable_area"], data["label"]["suitable_season"]) == (
        lot["suitable_area"],
        lot["suitable_season"],
    )
    assert squash(LONG_INSTRUCTIONS) in squash(text)
    preview = chain.alice.get(f"/labels/items/{label['id']}")
    assert preview.status_code == 200


def test_labels_are_original_or_reissued_never_zhengben(chain, server):
    lot = chain.ready_lot()
    label = issue_one(chain, lot)
    text = printed(chain, label)
    assert "原标签" in text
    assert "正本" not in text
    new = ok(chain.alice.post(f"/api/labels/items/{label['id']}/reissue"), 201)
    assert new["version_label"] == "补发标签 1"
    text = printed(chain, new)
    assert "补发标签1" in text
    assert "正本" not in text
    page, data = public(server, new["serial"])
    assert data["label"]["version_label"] == "补发标签 1"
    assert "补发标签 1" in page
    assert "正本" not in page


def test_an_older_lot_without_instructions_gets_no_labels_until_they_are_filled(
    chain, server, personas
):
    lot = chain.ready_lot()
    sql("UPDATE lot SET instructions = '', suitable_season = '' WHERE id = {}", lot["id"])
    readiness = ok(chain.alice.get(f"/api/labels/lots/{lot['id']}/readiness"))
    assert not readiness["complete"]
    assert any("使用说明" in p and "适宜种植季节" in p for p in readiness["problems"])
    refused(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        422,
        "使用说明",
        "第四十条",
    )
    # The lot page opens the form; a refusal is in Chinese beside the field, values kept.
    alice = Browser(server)
    alice.login(personas["alice"].username)
    page = alice.get(f"/lots/{lot['id']}")
    assert "补填使用说明" in page.text
    r = alice.post_form(
        f"/lots/{lot['id']}/use",
        {"suitable_area": "兴安盟各旗县市", "suitable_season": "春季", "instructions": ""},
        form_page=f"/lots/{lot['id']}",
    )
    assert r.status_code == 422
    soup = BeautifulSoup(r.text, "html.parser")
    assert soup.select_one("#use-instructions-err").get_text().strip()
    assert soup.select_one("#use-suitable_area")["value"] == "兴安盟各旗县市"
    refused(
        chain.station.post(
            f"/api/lots/{lot['id']}/use",
            json={
                "suitable_area": "兴安盟",
                "suitable_season": "春季",
                "instructions": "随起随栽，注意保湿。",
            },
        ),
        403,
    )
    filled = ok(
        chain.alice.post(
            f"/api/lots/{lot['id']}/use",
            json={
                "suitable_area": "兴安盟各旗县市",
                "suitable_season": "春季",
                "instructions": "春季顶浆栽植，随起随栽。",
            },
        )
    )
    assert filled["instructions"] == "春季顶浆栽植，随起随栽。"
    events = sql(
        "SELECT action FROM audit_event WHERE subject_type = 'lot' AND subject_id = {}",
        str(lot["id"]),
    )
    assert "lot:use" in [e["action"] for e in events]
    assert ok(chain.alice.get(f"/api/labels/lots/{lot['id']}/readiness"))["complete"]
    label = issue_one(chain, lot)
    assert "使用说明：春季顶浆栽植，随起随栽。" in printed(chain, label)
