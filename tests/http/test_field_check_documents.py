"""The documents of an on-site check, read back from the PDFs: 现场检查笔录 (inspectors, times,
place and GPS, checklist, findings, scans, photos with their hashes, the signature or the
refusal), 责令改正通知书 only where findings exist, 抽样记录 and 先行登记保存通知书; each QR
decodes to its public verification page, which names the document and nothing found."""

from __future__ import annotations

import hashlib

import httpx
import pypdfium2 as pdfium
import pytest

from tests.http.checkkit import body, jpeg_with_location, key, make_team, png
from tests.http.lotkit import ok
from tests.http.test_field_scans import changed_digit, issued_label
from tests.label_support import make_chain
from tests.pdfread import pdf_text, qr_texts, squash

CHECKS = "/api/inspections/checks"


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


@pytest.fixture(scope="module")
def team(server, personas):
    return make_team(server)


@pytest.fixture(scope="module")
def full_check(team, chain):
    """A check with a failed item, a forged label, a sample, goods kept, a photo and a drawn
    signature, all uploaded."""
    label = issued_label(chain)[0]
    photo, signature = key(), key()
    data = body(
        team,
        chain.alice_org,
        checklist=[{"code": "V4-1", "result": "fails", "note": "未建立2026年生产经营档案"}],
        scans=[{"idempotency_key": key(), "qr_text": changed_digit(label.qr_text)}],
        samples=[
            {"number": "YP-2026-031", "goods": "樟子松 2-0 苗", "quantity": "50株",
             "base_quantity": "20000株", "seal": "封条 FT-118，双方签封"}
        ],
        seizure={"goods": [{"goods": "无标签樟子松苗", "quantity": "3000株"}],
                 "place": "被检查单位2号苗棚", "reason": "苗木可能被转移销售"},
        photos=[{"key": photo, "caption": "无标签苗木堆放处"}],
        signature={"photo_key": signature},
    )  # fmt: skip
    done = ok(team.first.post(CHECKS, json=data), 201)
    original = jpeg_with_location()
    base = f"{CHECKS}/{data['idempotency_key']}/photos"
    ok(team.first.put(f"{base}/{photo}", content=original), 201)
    ok(team.first.put(f"{base}/{signature}", content=png("navy", (200, 80))), 201)
    return done, hashlib.sha256(original).hexdigest(), label


def last_page_qr(pdf: bytes) -> list[str]:
    """The footer with the QR code follows the content, so it sits on the last page."""
    return qr_texts(pdf, page_index=len(pdfium.PdfDocument(pdf)) - 1)


def document(team, check_id: int, kind: str) -> bytes:
    response = team.first.get(f"{CHECKS}/{check_id}/documents/{kind}")
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"] == "application/pdf"
    return response.content


def verified(server: str, url: str) -> str:
    path = url.split("/verify/", 1)[1]
    page = httpx.get(f"{server}/verify/{path}")
    assert page.status_code == 200
    return page.text


def test_the_record_prints_people_place_findings_photos_and_signature(server, team, full_check):
    done, photo_hash, label = full_check
    pdf = document(team, done["id"], "record")
    text = squash(pdf_text(pdf))
    assert "现场检查笔录" in text
    assert squash(done["number"]) in text
    for person in done["inspectors"]:
        assert person["enforcement_id"] in text
        assert squash(person["name"]) in text
    assert "2026年11月27日09:30至2026年11月27日10:45" in text  # Beijing time
    assert "北纬46.08010°" in text
    assert "精度约12米" in text
    assert "V4-1" in text
    assert "未建立2026年生产经营档案" in text
    assert "V3-3" in text
    assert label.serial in text
    assert photo_hash in text
    assert "王经理" in text
    assert "拒绝签名" not in text
    assert "第四十二条" in text
    [url] = last_page_qr(pdf)
    assert url.endswith(f"/verify/checks/{done['public_id']}/record")
    page = verified(server, url)
    assert "现场检查笔录真实有效" in page
    assert squash(done["number"]) in squash(page)
    assert "V4-1" not in page
    assert "王经理" not in page


def test_the_rectification_order_names_each_finding_its_article_and_deadline(team, full_check):
    done, _, _ = full_check
    text = squash(pdf_text(document(team, done["id"], "rectification")))
    assert "责令改正通知书" in text
    assert "种子法第三十六条" in text  # V4-1's article breached
    assert "种子法第七十九条第（四）项" in text
    assert "种子法第四十条" in text  # V3-3 from the scan
    assert "2026年12月12日前改正" in text
    assert "本通知不是行政处罚决定" in text


def test_the_sampling_record_and_the_seizure_notice(server, team, full_check):
    done, _, _ = full_check
    sampling = document(team, done["id"], "sampling")
    text = squash(pdf_text(sampling))
    assert "抽样记录" in text
    assert "YP-2026-031" in text
    assert "封条FT-118" in text
    assert last_page_qr(sampling)[0].endswith("/sampling")
    seizure = document(team, done["id"], "seizure")
    text = squash(pdf_text(seizure))
    assert "先行登记保存通知书" in text
    assert "无标签樟子松苗" in text
    assert "3000株" in text
    assert "第五十六条" in text
    assert "7个工作日" in text
    assert "2026年12月8日前" in text  # 7 working days after Friday 27 November 2026
    assert "先行登记保存通知书真实有效" in verified(server, last_page_qr(seizure)[0])


def test_a_clean_check_has_only_its_record_and_a_refusal_is_printed(server, team, chain):
    done = ok(team.first.post(CHECKS, json=body(team, chain.alice_org)), 201)
    for kind in ("rectification", "sampling", "seizure", "nonsense"):
        assert team.first.get(f"{CHECKS}/{done['id']}/documents/{kind}").status_code == 404
    text = squash(pdf_text(document(team, done["id"], "record")))
    assert "拒绝签名（见证人：村委会主任李四" in text
    assert "未发现问题" in text
    missing = httpx.get(f"{server}/verify/checks/{done['public_id']}/rectification")
    assert missing.status_code == 404
    assert "系统中没有这份文书" in missing.text


def test_a_photo_shrunk_on_the_phone_names_its_original(team, chain):
    """A photo over the limit is shrunk on the phone; the record keeps the copy's hash and
    names the camera's original by its SHA-256 and size (printed on the 笔录)."""
    original = hashlib.sha256(b"the camera's original bytes").hexdigest()
    photo, signature = key(), key()
    declared = {"key": photo, "caption": "苗棚全景", "original_sha256": original}
    bad = body(team, chain.alice_org, photos=[declared | {"original_sha256": "xyz"}])
    assert team.first.post(CHECKS, json=bad).status_code == 422
    data = body(
        team,
        chain.alice_org,
        photos=[declared | {"original_size": 4_800_000}],
        signature={"photo_key": signature},
    )
    done = ok(team.first.post(CHECKS, json=data), 201)
    copy = jpeg_with_location()
    ok(team.first.put(f"{CHECKS}/{data['idempotency_key']}/photos/{photo}", content=copy), 201)
    ok(team.first.put(f"{CHECKS}/{data['idempotency_key']}/photos/{signature}", content=png()), 201)
    [shown] = [
        p for p in ok(team.first.get(f"{CHECKS}/{done['id']}"))["photos"] if p["key"] == photo
    ]
    assert (shown["original_sha256"], shown["original_size"]) == (original, 4_800_000)
    assert shown["sha256"] == hashlib.sha256(copy).hexdigest()
    text = squash(pdf_text(document(team, done["id"], "record")))
    assert "手机压缩件" in text
    assert original in text
    assert "4800000字节" in text
