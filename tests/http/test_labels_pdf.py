"""Single label PDFs read back like a person and a scanner would: every mandatory field equal to
the records, and a QR code that verifies offline with the published key (and fails after one
byte of its payload changes). Also the mandatory-field check and the print preview."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup

from seedreg.labels import keys, rules, signing
from seedreg.labels.content import MANDATORY_FIELDS
from tests.fixtures import Browser
from tests.http.lotkit import ok, refused
from tests.label_support import PHONE, make_chain, sql
from tests.pdfread import pdf_text, qr_texts, squash


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


def one_label(chain, material: str = "seedling", quantity="1000", each=10) -> tuple[dict, dict]:
    lot = chain.ready_lot(material, quantity)
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 1, "quantity_each": each}
        ),
        201,
    )
    label = ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))["items"][0]
    return lot | {"issue": done}, label


@pytest.mark.parametrize("layout", ["single_100x70", "single_80x50"])
def test_a_printed_label_says_what_the_records_say_and_verifies_offline(chain, layout):
    lot, label = one_label(chain)
    r = chain.alice.get(f"/api/labels/items/{label['id']}/pdf", params={"layout": layout})
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("application/pdf")
    text = squash(pdf_text(r.content))
    content = lot["issue"]["content"]
    y, m, d = (int(x) for x in content["produced_on"].split("-"))
    printed = {
        "种子类别": "普通种",
        "树种": chain.species,
        "拉丁学名": chain.latin_name,
        "适宜种植区域": content["suitable_area"],
        "适宜种植季节": content["suitable_season"],
        "生产经营者": "alice林木种苗有限公司",
        "注册地址": chain.licence["registered_address"],
        "质量指标": content["quality"],
        "检疫证书编号": lot["site_quarantine"]["number"],
        "生产经营许可证编号": chain.licence["number"],
        "信息代码": label["serial"],
        "数量": "10株",
        "生产日期": f"{y}年{m}月{d}日",
        "产地": lot["origin"],
        "联系电话": PHONE,
    }
    for caption, value in printed.items():
        assert squash(f"{caption}：{value}") in text, (caption, value)
    assert {c for _, c in MANDATORY_FIELDS} - {"品种名称", "审定/认定编号"} <= set(printed)

    codes = qr_texts(r.content)
    assert len(codes) == 1
    result = signing.verify(codes[0], keys.public_key())
    assert result.ok, result.reason
    payload = result.payload
    assert (payload.serial, payload.lot, payload.licence_number, payload.species) == (
        label["serial"],
        lot["number"],
        chain.licence["number"],
        chain.species,
    )
    assert (payload.quantity, payload.unit, payload.version) == (10, "株", 1)
    assert codes[0].split("#")[0] == label["verify_url"]

    # Printed in format 2 (issue 12): a decimal token, one number of content || signature.
    prefix, token = codes[0].rsplit("#", 1)
    assert token.isdigit()
    number = int(token)
    raw = bytearray(number.to_bytes((number.bit_length() + 7) // 8, "big"))
    assert raw[0] == signing.FORMAT_2
    raw[len(raw) - 64 - 4] ^= 0x01  # the quantity's last byte … any payload byte will do
    tampered = signing.verify(f"{prefix}#{int.from_bytes(raw, 'big')}", keys.public_key())
    assert not tampered.ok
    assert tampered.reason == signing.REASON_BAD_SIGNATURE


def test_seed_in_part_kilograms_is_signed_in_grams(chain):
    _, label = one_label(chain, "seed", "10", "0.5")
    r = chain.alice.get(f"/api/labels/items/{label['id']}/pdf")
    assert r.status_code == 200
    assert "数量：0.5kg" in squash(pdf_text(r.content))
    payload = signing.verify(qr_texts(r.content)[0], keys.public_key()).payload
    assert (payload.quantity, payload.unit) == (500, "g")


def test_a_label_with_an_empty_mandatory_field_is_not_printed(chain):
    lot, label = one_label(chain)
    issue_id = lot["issue"]["id"]
    content = sql("SELECT content FROM label_issue WHERE id = {}", issue_id)[0]["content"]
    content = json.loads(content) if isinstance(content, str) else content
    sql(
        "UPDATE label_issue SET content = {} WHERE id = {}",
        json.dumps({**content, "phone": "", "origin": " "}, ensure_ascii=False),
        issue_id,
    )
    r = chain.alice.get(f"/api/labels/items/{label['id']}/pdf")
    refused(r, 422, "缺少必填项", "联系电话", "产地", "不能打印")
    assert not r.content.startswith(b"%PDF")


def test_void_labels_and_unknown_layouts_are_refused(chain):
    _, label = one_label(chain)
    path = f"/api/labels/items/{label['id']}/pdf"
    refused(chain.alice.get(path, params={"layout": "a4_8up"}), 422, "100×70")
    ok(chain.alice.post(f"/api/labels/items/{label['id']}/void", json={"reason": "打错了"}))
    refused(chain.alice.get(path), 422, "已作废")


def test_the_preview_marks_a_field_that_would_overflow(chain, server, personas):
    lot, label = one_label(chain)
    issue_id = lot["issue"]["id"]
    browser = Browser(server)
    browser.login(personas["alice"].username)
    r = browser.get(f"/labels/issues/{issue_id}/preview")
    assert r.status_code == 200
    soup = BeautifulSoup(r.text, "html.parser")
    assert soup.select("[data-overflow]") == []
    assert "所有内容都能完整打印" in soup.get_text()
    assert label["serial"] in soup.get_text()

    long_area = "兴安盟乌兰浩特市、阿尔山市、科尔沁右翼前旗、科尔沁右翼中旗、扎赉特旗、突泉县" * 2
    assert not rules.fits(
        f"适宜种植区域：{long_area}", *rules.FIELD_BOXES["single_100x70"]["suitable_area"]
    )
    content = sql("SELECT content FROM label_issue WHERE id = {}", issue_id)[0]["content"]
    content = json.loads(content) if isinstance(content, str) else content
    sql(
        "UPDATE label_issue SET content = {} WHERE id = {}",
        json.dumps({**content, "suitable_area": long_area}, ensure_ascii=False),
        issue_id,
    )
    for layout in ("single_100x70", "single_80x50", "a4_8up"):
        r = browser.get(f"/labels/issues/{issue_id}/preview", params={"layout": layout})
        soup = BeautifulSoup(r.text, "html.parser")
        marked = [
            dd.find_previous_sibling("dt").get_text() for dd in soup.select("[data-overflow]")
        ]
        assert marked == ["适宜种植区域"], layout
        assert "超出标签上的位置" in soup.get_text()
    # The page twin of the PDF download, and the 80 × 50 size.
    pdf = browser.get(f"/labels/items/{label['id']}/label.pdf", params={"layout": "single_80x50"})
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


def test_outsiders_cannot_print_or_preview(chain, api, server, personas):
    lot, label = one_label(chain)
    assert api("bob").get(f"/api/labels/items/{label['id']}/pdf").status_code == 404
    browser = Browser(server)
    browser.login(personas["bob"].username)
    assert browser.get(f"/labels/issues/{lot['issue']['id']}/preview").status_code == 404
    assert browser.get(f"/labels/items/{label['id']}/label.pdf").status_code == 404
