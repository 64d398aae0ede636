"""Certificates name the person who signed (issue 14 item 11): the 检疫员 by real name and the
number of their 森林植物检疫员证, the 种苗站's official by real name — never the account's
name or role. An official with no real name on file cannot sign (a Chinese error); the admin
enters it on the account page, and the PDF read back shows it."""

from __future__ import annotations

import asyncio

import pytest

from seedreg.accounts.rules import LEAGUE_CODE, Role
from seedreg.core import clock
from tests import factories
from tests.fixtures import Browser, token_for, unique
from tests.http.lotkit import (
    confirmed_row,
    make_lot,
    new_species,
    ok,
    record_licence,
    refused,
    seedling_measures,
    seedling_row,
)
from tests.pdfread import pdf_text, squash


def _official(api, server: str, role: Role, **fields: object) -> tuple[object, int, str]:
    """A new official with an EMPTY real name and card number (as accounts made before)."""
    username = unique("qm")
    user_id = asyncio.run(
        factories.make_user(
            username,
            role,
            jurisdiction=LEAGUE_CODE,
            real_name="",
            qualification_number="",
            **fields,
        )
    )
    client = api()
    client.http.headers["Authorization"] = f"Bearer {token_for(server, username)}"
    return client, user_id, username


def _text(client, path: str) -> str:
    r = client.get(path)
    assert r.status_code == 200, f"{path}: {r.status_code} {r.text[:300]}"
    return squash(pdf_text(r.content))


@pytest.fixture(scope="module")
def licence(api, personas) -> dict:
    return record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=["樟子松"]
    )


def test_a_quarantine_certificate_names_the_officer_and_their_card(api, server, personas, licence):
    officer, user_id, username = _official(
        api, server, Role.QUARANTINE_OFFICER, full_time_quarantine=True
    )
    lot = make_lot(api("alice"), licence, quantity=3000)
    body = {
        "organisation_id": personas["alice"].organisation_id,
        "production_site": "乌兰浩特市义勒力特镇红星村苗圃",
        "inspected_on": clock.today().isoformat(),
        "findings": "经产地检疫，未发现检疫性有害生物",
        "lot_ids": [lot["id"]],
    }
    path = "/api/quarantine/site-certificates"
    refused(officer.post(path, json=body), 422, "未登记真实姓名", "管理员")
    ok(api("admin").patch(f"/api/users/{user_id}", json={"real_name": "宝音图"}))
    refused(officer.post(path, json=body), 422, "未登记森林植物检疫员证号")
    card = f"蒙森检{unique('')[:6]}号"
    ok(api("admin").patch(f"/api/users/{user_id}", json={"qualification_number": card}))
    site = ok(officer.post(path, json=body), 201)
    assert site["inspector_name"] == "宝音图"
    text = _text(officer, f"{path}/{site['id']}/certificate.pdf")
    assert squash(f"签发检疫员宝音图（专职检疫员，森林植物检疫员证号 {card}）") in text
    assert username not in text
    assert "检疫员：检疫员" not in text


def test_a_station_certificate_names_the_official_who_issued_it(api, server, personas):
    admin = api("admin")
    species = new_species(admin)
    confirmed_row(admin, api("station"), "seedling", seedling_row(species))
    own = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=[species]
    )
    station, user_id, username = _official(api, server, Role.SEED_STATION)
    lot = make_lot(api("alice"), own, species=species)
    measures = seedling_measures(
        inspector_name="乌云其其格",
        root_collar_cm=0.6,
        height_cm=30,
        root_length_cm=25,
        lateral_roots=14,
        root_spread_cm=20,
        meets_overall=True,
    )
    inspection = ok(station.post(f"/api/lots/{lot['id']}/inspections", json=measures), 201)
    issue = f"/api/quality/inspections/{inspection['id']}/certificate"
    refused(station.post(issue), 422, "未登记真实姓名", "不能签发质量检验合格证")
    ok(admin.patch(f"/api/users/{user_id}", json={"real_name": "孙丽华"}))
    cert = ok(station.post(issue), 201)
    assert cert["signer_name"] == "孙丽华"
    text = _text(station, f"/api/quality/certificates/{cert['id']}/pdf")
    assert squash("签发人孙丽华") in text
    assert squash("检验员乌云其其格") in text
    assert username not in text


def test_the_admin_enters_the_real_name_and_card_number_on_the_account_page(api, server, personas):
    _, user_id, _ = _official(api, server, Role.QUARANTINE_OFFICER, full_time_quarantine=True)
    browser = Browser(server)
    browser.login(personas["admin"].username)
    page = browser.get(f"/admin/users/{user_id}").text
    assert "未填写（不能签发证书）" in page
    assert 'name="real_name"' in page
    assert 'name="qualification_number"' in page
    r = browser.post_form(
        f"/admin/users/{user_id}",
        {
            "display_name": "检疫员账号",
            "jurisdiction": LEAGUE_CODE,
            "full_time_quarantine": "on",
            "real_name": "那仁满都拉",
            "qualification_number": "蒙森检00731号",
            "enforcement_id": "",
            "phone": "",
            "email": "",
        },
        form_page=f"/admin/users/{user_id}",
    )
    assert r.status_code == 303, r.text[:500]
    shown = ok(api("admin").get(f"/api/users/{user_id}"))
    assert (shown["real_name"], shown["qualification_number"]) == ("那仁满都拉", "蒙森检00731号")
    page = browser.get(f"/admin/users/{user_id}").text
    assert "那仁满都拉" in page
    assert "蒙森检00731号" in page
