"""Helpers for the introduction (引种) tests: a complete application's details, a 良种 in the
register, and steps through the API."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pypdfium2 as pdfium

from seedreg.core import clock
from tests.http.test_licensing_api import ok
from tests.pdfread import qr_texts

API = "/api/introductions"
OTHER_CITY = "150400"  # 赤峰市
OTHER_PROVINCE = "230000"  # 黑龙江省


def details(**changes: Any) -> dict[str, Any]:
    """樟子松 seedlings from 赤峰市 for 乌兰浩特市 (152201) and 科右前旗 (152221), this year."""
    today = clock.today()
    base: dict[str, Any] = {
        "applicant_kind": "organisation",
        "species": "樟子松",
        "variety": "樟子松（普通）",
        "improved": False,
        "origin_country": "CN",
        "origin_code": OTHER_CITY,
        "supplier": "赤峰市林木种苗有限公司",
        "supplier_licence": "15040020260001",
        "quantity": "1000",
        "unit": "株",
        "purpose": "afforestation",
        "sites": [
            {"division_code": "152201", "place": "义勒力特镇红星村"},
            {"division_code": "152221", "place": "科尔沁镇", "longitude": 121.9, "latitude": 46.1},
        ],
        "valid_from": today.isoformat(),
        "valid_to": (today + timedelta(days=200)).isoformat(),
        "quarantine": "起运前由赤峰市森防站实施产地检疫并出具植物检疫证书",
        "native": True,
    }
    return {**base, **changes}


def variety(admin, *, species: str = "樟子松", body_code: str = "000000", zone=None) -> dict:
    """A 良种 in the register (the admin keeps it); a fresh number each time."""
    number = f"国S-SV-PS-{random.randint(0, 999):03d}-{random.randint(1000, 9999)}"
    payload = {
        "kind": "approval",
        "number": number,
        "species_name": species,
        "variety_name": f"{species}优良品种",
        "body_code": body_code,
        "year": 2020,
        "zone_codes": zone or ["150000"],
    }
    return ok(admin.post("/api/varieties", json=payload), 201)


def apply(client, **changes: Any) -> dict:
    return ok(client.post(API, json={"details": details(**changes)}), 201)


def step(client, application_id: int, name: str, payload: dict | None = None) -> dict:
    return ok(client.post(f"{API}/{application_id}/{name}", json=payload))


def accepted(applicant, officer, **changes: Any) -> dict:
    """Applied, submitted and accepted by the league."""
    app = apply(applicant, **changes)
    step(applicant, app["id"], "submit")
    return step(officer, app["id"], "accept")


def qr_on_last_page(data: bytes) -> list[str]:
    """The QR codes of a decision's last page (the footer with the QR ends the document)."""
    return qr_texts(data, page_index=len(pdfium.PdfDocument(data)) - 1)
