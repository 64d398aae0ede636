"""Quarantine PDFs end to end: a 产地检疫合格证 and a 植物检疫证书 (inter-province, with a 要求书
number, and one exchanged from the site certificate) issued through the live server; each PDF is
downloaded, read back as text (every field) and as a QR code that leads to the public
verification page, which states valid, expired or revoked and shows no personal data.
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import pytest

from seedreg.core import clock
from seedreg.quarantine.tables import QuarantineCertificate
from tests.fixtures import unique
from tests.http.lotkit import make_lot, ok, record_licence
from tests.pdfread import pdf_text, qr_texts, squash

SITES = "/api/quarantine/site-certificates"
CERTS = "/api/quarantine/certificates"


def cn(day: str | date) -> str:
    """2026-11-27 → 2026年11月27日, written out here independently of the app's filters."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return f"{day.year}年{day.month}月{day.day}日"


def text_of(data: bytes) -> str:
    return squash(pdf_text(data))


def assert_contains(text: str, *expected: str) -> None:
    missing = [e for e in expected if squash(e) not in text]
    assert not missing, f"missing from the PDF: {missing}\n--- text ---\n{text}"


def pdf(client, path: str) -> bytes:
    r = client.get(path)
    assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:300]}"
    assert r.headers["content-type"].startswith("application/pdf")
    return r.content


@pytest.fixture(scope="module")
def made(api, personas) -> dict[str, Any]:
    officer, alice = api("quarantine"), api("alice")
    tag = unique("")
    licence = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=["樟子松", "兴安落叶松"]
    )
    seedlings = make_lot(alice, licence, quantity=8000)
    seed = make_lot(alice, licence, material="seed", species="兴安落叶松", quantity="30.25")
    today = clock.today().isoformat()
    site = ok(
        officer.post(
            SITES,
            json={
                "organisation_id": personas["alice"].organisation_id,
                "production_site": f"乌兰浩特市义勒力特镇红星村苗圃{tag}号地块",
                "inspected_on": today,
                "findings": f"经产地检疫，未发现检疫对象（{tag}）",
                "lot_ids": [seedlings["id"], seed["id"]],
            },
        ),
        201,
    )
    consignment = {
        "consignee": f"黑龙江省齐齐哈尔市{tag}林场",
        "consignee_address": "齐齐哈尔市龙沙区林场路8号",
        "origin": "乌兰浩特市义勒力特镇",
        "via": "G111国道白城",
        "destination": "黑龙江省齐齐哈尔市",
        "destination_division": "230200",
        "vehicle": f"货车 蒙F·{tag[:5].upper()}",
        "ships_on": today,
        "requirement_number": f"黑检要〔2026〕{tag}号",
        "items": [
            {"lot_id": seedlings["id"], "quantity": "2500", "packing": "每捆50株"},
            {"lot_id": seed["id"], "quantity": "12.75", "packing": "编织袋"},
        ],
    }
    cert = ok(
        officer.post(
            CERTS,
            json=consignment
            | {
                "organisation_id": personas["alice"].organisation_id,
                "findings": f"经检疫未发现检疫对象，准予调运（{tag}）",
            },
        ),
        201,
    )
    exchanged = ok(
        officer.post(
            f"{SITES}/{site['id']}/exchange",
            json=consignment
            | {
                "destination": "科右前旗大坝沟镇",
                "destination_division": "152221",
                "requirement_number": "",
                "items": [{"lot_id": seedlings["id"], "quantity": "1000", "packing": ""}],
            },
        ),
        201,
    )
    return {
        "officer": officer,
        "alice": alice,
        "site": site,
        "cert": cert,
        "exchanged": exchanged,
        "lots": (seedlings, seed),
        # certificates name the person by real name and card number, not the account's name
        "officer_name": ok(officer.get("/api/me"))["real_name"],
        "officer_card": ok(officer.get("/api/me"))["qualification_number"],
        "tag": tag,
    }


def test_the_site_certificate_prints_every_field_and_a_working_qr(made, browser, personas):
    site = made["site"]
    seedlings, seed = made["lots"]
    data = pdf(made["officer"], f"{SITES}/{site['id']}/certificate.pdf")
    text = text_of(data)
    assert_contains(
        text,
        "产地检疫合格证",
        f"编号：{site['number']}",
        "alice林木种苗有限公司",
        "乌兰浩特市",
        site["production_site"],
        f"检疫日期{cn(site['inspected_on'])}",
        seedlings["number"],
        seed["number"],
        "樟子松",
        "兴安落叶松",
        "8000 株",
        "30.25 kg",
        site["findings"],
        f"{made['officer_name']}（专职检疫员，森林植物检疫员证号 {made['officer_card']}）",
        f"签发日期{cn(site['issued_on'])}",
        f"{cn(site['issued_on'])} 至 {cn(site['valid_to'])}",
        "兴安盟森林病虫害防治检疫站",
        "兼职检疫员不得签发检疫证书",
    )
    assert qr_texts(data) == [site["verify_url"]]
    # the page route serves the same document to the operator
    browser.login(personas["alice"].username)
    page_pdf = pdf(browser, f"/quarantine/site/{site['id']}/certificate.pdf")
    assert_contains(text_of(page_pdf), site["number"], site["production_site"])


def test_the_consignment_certificate_prints_every_field_and_a_working_qr(made):
    cert = made["cert"]
    seedlings, seed = made["lots"]
    data = pdf(made["alice"], f"{CERTS}/{cert['id']}/certificate.pdf")
    text = text_of(data)
    assert_contains(
        text,
        "植物检疫证书",
        f"编号：{cert['number']}",
        "调运单位（人）alice林木种苗有限公司",
        f"收货单位（人）{cert['consignee']}",
        "齐齐哈尔市龙沙区林场路8号",
        "自 乌兰浩特市义勒力特镇 经 G111国道白城 至 黑龙江省齐齐哈尔市",
        "230200（黑龙江省，跨省调运）",
        f"调入省要求书编号{cert['requirement_number']}",
        f"运输工具及号牌{cert['vehicle']}",
        f"起运日期{cn(cert['ships_on'])}",
        seedlings["number"],
        seed["number"],
        "2500 株",
        "每捆50株",
        "12.75 kg",
        "编织袋",
        cert["findings"],
        f"{made['officer_name']}（专职检疫员，森林植物检疫员证号 {made['officer_card']}）",
        f"{cn(cert['issued_on'])} 至 {cn(cert['valid_to'])}",
        "兴安盟森林病虫害防治检疫站",
        "一批一证",
    )
    assert qr_texts(data) == [cert["verify_url"]]


def test_the_one_per_batch_rule_is_not_credited_to_an_article(made):
    """Facts §14 report "one certificate per batch" as practice (low–medium) with no article;
    《植物检疫条例》第九条 is cited only for what it says: carriers accept the goods with the
    certificate, which travels with them (facts §5.1)."""
    text = text_of(pdf(made["alice"], f"{CERTS}/{made['cert']['id']}/certificate.pdf"))
    sentences = [s for s in text.split("。") if s]
    batch = [s for s in sentences if "一批一证" in s or "一车一证" in s]
    assert batch, text
    assert all("第九条" not in s and "条例" not in s for s in batch), batch
    cited = [s for s in sentences if "第九条" in s]
    art9 = "承运种子、苗木须凭植物检疫证书，证书随货同行（《植物检疫条例》第九条）"
    assert cited == [art9], cited


def test_the_exchanged_certificate_names_its_site_certificate(made):
    exchanged, site = made["exchanged"], made["site"]
    text = text_of(pdf(made["officer"], f"{CERTS}/{exchanged['id']}/certificate.pdf"))
    assert_contains(
        text,
        f"换发依据产地检疫合格证 {site['number']}",
        f"凭产地检疫合格证 {site['number']} 换发",
        "自治区内调运，不适用",
        "1000 株",
    )


def verify_page(anon, url: str) -> str:
    path = url.split("://", 1)[1].split("/", 1)[1]
    r = anon.get(f"/{path}")
    assert r.status_code == 200, r.text[:300]
    return r.text


def test_the_verification_page_states_valid_expired_and_revoked(made, api):
    anon = api()
    site, cert, exchanged = made["site"], made["cert"], made["exchanged"]
    seedlings, _ = made["lots"]

    page = verify_page(anon, site["verify_url"])
    assert "产地检疫合格证真实有效" in page
    assert site["number"] in page
    assert seedlings["number"] in page
    assert "8000 株" in page
    assert made["officer_name"] not in page  # no personal data: not even the inspector

    page = verify_page(anon, cert["verify_url"])
    assert "植物检疫证书真实有效" in page
    assert "乌兰浩特市义勒力特镇 → 黑龙江省齐齐哈尔市" in page
    assert "2500 株" in page
    assert "alice林木种苗有限公司" in page
    assert cert["consignee"] not in page
    assert cert["vehicle"] not in page
    public = ok(anon.get(f"/api/public/quarantine/{cert['public_id']}"))
    assert public["state"] == "valid"
    assert public["number"] == cert["number"]
    assert made["officer_name"] not in str(public)
    assert cert["consignee"] not in str(public)

    reason = f"货物未起运，作废（{made['tag']}）"
    ok(made["officer"].post(f"{CERTS}/{cert['id']}/revoke", json={"reason": reason}))
    page = verify_page(anon, cert["verify_url"])
    assert "已撤销" in page
    assert reason in page
    assert "真实有效" not in page
    assert ok(anon.get(f"/api/public/quarantine/{cert['public_id']}"))["state"] == "revoked"
    revoked_pdf = text_of(pdf(made["officer"], f"{CERTS}/{cert['id']}/certificate.pdf"))
    assert_contains(revoked_pdf, "本证已撤销", reason)

    async def expire() -> None:
        t = QuarantineCertificate
        day = clock.today()
        await t.update(
            {t.issued_on: day - timedelta(days=30), t.valid_to: day - timedelta(days=2)}
        ).where(t.id == exchanged["id"])

    asyncio.run(expire())
    page = verify_page(anon, exchanged["verify_url"])
    assert "已过期" in page
    assert f"有效期已于{cn(clock.today() - timedelta(days=2))}届满" in page
    assert ok(anon.get(f"/api/public/quarantine/{exchanged['public_id']}"))["state"] == "expired"

    r = anon.get(f"/verify/quarantine/{unique('fake')}")
    assert r.status_code == 404
    assert "没有这张检疫证书" in r.text
