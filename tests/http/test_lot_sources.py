"""Who may label what (Seed Law Arts. 38–39), through the live server: a producer's own lot (as
before), a bought-in lot registered by its source and labelled naming it, a repacked lot whose
new labels name the repacker and the source lot, and unopened packages that keep the
supplier's labels (registered, but no labels issued, with the reason). PDFs read back."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser
from tests.http.lotkit import CHINESE, lot_body, ok, refused
from tests.label_support import make_chain
from tests.pdfread import pdf_text, squash

SOURCE = {
    "supplier_name": "赤峰市某林木种苗有限公司",
    "supplier_licence_number": "15040020250012",
    "supplier_lot_number": "CF-2026-018",
    "supplier_label_serials": "XA2600000001–XA2600000100",
}


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


def bought(chain, kind: str, **changes) -> dict:
    """A lot of ``kind`` with its source and no production site (certificates not yet)."""
    return chain.lot(source_kind=kind, production_site=None, **SOURCE | changes)


def ready(chain, lot: dict) -> dict:
    lot["quality_certificate"] = chain.quality(lot)
    lot["site_quarantine"] = chain.site_quarantine(lot)
    return lot


def issue_and_print(chain, lot: dict, layout: str = "single_100x70") -> tuple[dict, str]:
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        201,
    )
    label = ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))["items"][0]
    r = chain.alice.get(f"/api/labels/items/{label['id']}/pdf", params={"layout": layout})
    assert r.status_code == 200, r.text[:300]
    return label, squash(pdf_text(r.content))


def assert_fits(chain, label: dict, layout: str) -> None:
    """The print preview finds nothing overflowing its box (the source rows fit one line)."""
    r = chain.alice.get(
        f"/labels/issues/{label['issue_id']}/preview",
        params={"layout": layout, "label": label["id"]},
    )
    assert r.status_code == 200, r.text[:300]
    assert 'data-overflow="1"' not in r.text, layout


def test_an_own_lot_is_labelled_as_before(chain):
    lot = ready(chain, chain.lot())
    assert (lot["source_kind"], lot["supplier_name"]) == ("own", "")
    _, text = issue_and_print(chain, lot)
    assert squash(f"产地：{lot['origin']}") in text
    assert "生产经营者：alice林木种苗有限公司" in text
    assert "产地/来源" not in text
    assert "分装单位" not in text


def test_a_bought_in_lot_is_registered_by_its_source_and_its_label_names_it(chain, server):
    lot = bought(chain, "bought_in")
    assert lot["source_kind_label"] == "购进（自行出具标签）"
    assert {k: lot[k] for k in SOURCE} == SOURCE
    assert lot["production_site"] == {}
    ready(chain, lot)
    for layout in ("single_100x70", "single_80x50"):
        label, text = issue_and_print(chain, lot, layout)
        assert (
            squash(
                f"产地/来源：{lot['origin']}；购自{SOURCE['supplier_name']}，"
                f"批次{SOURCE['supplier_lot_number']}"
            )
            in text
        ), text
        assert "生产经营者：alice林木种苗有限公司" in text
        assert_fits(chain, label, layout)
    public = ok(chain.alice.get(f"/api/public/labels/{label['serial']}"))
    assert public["label"]["origin_caption"] == "产地/来源"
    assert SOURCE["supplier_name"] in public["label"]["origin"]


def test_a_repacked_lot_names_the_repacker_and_the_source_lot(chain, server):
    lot = ready(chain, bought(chain, "repacked"))
    for layout in ("single_100x70", "single_80x50"):
        label, text = issue_and_print(chain, lot, layout)
        assert "分装单位：alice林木种苗有限公司" in text, text
        assert (
            squash(
                f"产地/来源：{lot['origin']}；{SOURCE['supplier_name']}，"
                f"原批次{SOURCE['supplier_lot_number']}"
            )
            in text
        )
        assert_fits(chain, label, layout)
    page = BeautifulSoup(chain.alice.get(f"/v/{label['serial']}").text, "html.parser")
    assert "分装单位" in page.get_text()


def test_unopened_packages_keep_the_suppliers_labels(chain, server, personas):
    lot = ready(chain, bought(chain, "packaged"))
    assert lot["source_kind_label"] == "不再分装的包装种子（保留原标签）"
    readiness = ok(chain.alice.get(f"/api/labels/lots/{lot['id']}/readiness"))
    assert not readiness["complete"]
    assert any("第三十八条" in p for p in readiness["problems"])
    message = refused(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": 10}
        ),
        422,
        "不另行出具标签",
        "第三十八条",
    )
    assert "两证一签" not in message
    assert ok(chain.alice.get(f"/api/lots/{lot['id']}"))["lot"]["labelled_text"] == "0 株"


@pytest.mark.parametrize(
    ("kind", "changes", "field", "fragment"),
    [
        ("bought_in", {"supplier_name": ""}, "supplier_name", "须填写供应商名称"),
        ("repacked", {"supplier_lot_number": ""}, "supplier_lot_number", "供应商批次号"),
        ("packaged", {"supplier_label_serials": ""}, "supplier_label_serials", "标签序列号"),
        ("bought_in", {"supplier_licence_number": "蒙林种证2025-12"}, "supplier_licence_number",
         "14位数字"),
        ("bought_in", {"supplier_licence_number": "1504002025001"}, "supplier_licence_number",
         "格式不正确"),
        ("own", {}, "source_kind", "自产批次不填写供应商信息"),
    ],
)  # fmt: skip
def test_a_source_is_validated_in_chinese(chain, kind, changes, field, fragment):
    body = lot_body(chain.licence, species=chain.species, source_kind=kind, **SOURCE | changes)
    if kind != "own":
        body["production_site"] = None
    refused(chain.alice.post("/api/lots", json=body), 422, fragment, field=field)


def test_an_own_lot_still_needs_its_production_site(chain):
    body = lot_body(chain.licence, species=chain.species, production_site=None)
    refused(chain.alice.post("/api/lots", json=body), 422, "生产地点", field="production_site")


def test_the_registration_page_takes_a_bought_in_lot(chain, server, personas):
    alice = Browser(server)
    alice.login(personas["alice"].username)
    form = {
        "source_kind": "bought_in",
        "licence_site": f"{chain.licence['id']}:-",
        "material": "seedling",
        "species": chain.species,
        "origin": "赤峰市喀喇沁旗",
        "produced_on": lot_body(chain.licence)["produced_on"],
        "quantity": "2000",
        "suitable_area": "兴安盟",
        "suitable_season": "春季",
        "instructions": "春季顶浆栽植，随起随栽。",
        **SOURCE,
        "supplier_licence_number": "ABC",
    }
    r = alice.post_form("/lots/new", form)
    assert r.status_code == 422
    soup = BeautifulSoup(r.text, "html.parser")
    err = soup.select_one("#lot-supplier_licence_number-err").get_text()
    assert CHINESE.search(err)
    assert "14位" in err
    assert soup.select_one("#lot-supplier_name")["value"] == SOURCE["supplier_name"]
    r = alice.post_form("/lots/new", {**form, **SOURCE})
    assert r.status_code == 303, r.text[:500]
    page = alice.get(r.headers["location"]).text
    assert "购进（自行出具标签）" in page
    assert SOURCE["supplier_lot_number"] in page
