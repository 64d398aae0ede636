"""Issued labels straight in the database (organisation's licence → lot → quality certificate →
label issue → labels) for the print-job tests and the label benchmark. The labels package's
own tests issue labels through its services; printing only needs rows that
``seedreg.labels.printable.label_contents`` reads."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from seedreg.core import clock
from seedreg.labels.rules import serial_from_number
from seedreg.labels.tables import Label, LabelIssue
from seedreg.licensing.tables import Licence
from seedreg.lots.tables import Lot
from seedreg.quality.tables import QualityCertificate, QualityInspection

CONTENT = {
    "material": "seedling",
    "improved": True,
    "category": "林木良种",
    "species": "樟子松",
    "latin_name": "Pinus sylvestris var. mongolica",
    "variety": "樟子松优良种源",
    "approval_number": "国S-SP-PS-001-2020",
    "suitable_area": "内蒙古自治区兴安盟及气候条件相似地区",
    "suitable_season": "春季",
    "producer": "兴安盟测试苗圃有限公司",
    "registered_address": "乌兰浩特市兴安南大路1号",
    "quality": "Ⅰ级苗 苗龄 2-0 地径 0.45 cm 苗高 20 cm",
    "quarantine_number": "152201202600001",
    "phone": "0482-8261234",
    "instructions": "按一般造林技术要求栽植。",
}


def _number(prefix: str, width: int) -> str:
    return prefix + secrets.token_hex(8).upper()[: width - len(prefix)]


async def make_issue(
    organisation_id: int,
    count: int,
    division_code: str = "152201",
    *,
    insert_labels: bool = True,
    **content: Any,
) -> dict[str, Any]:
    """A lot of the organisation with ``count`` valid labels in one issue.

    Returns {"lot_id", "issue_id", "label_ids", "serials"}. ``content`` overrides printed
    items (e.g. ``phone=""`` for a label that must be refused). With ``insert_labels=False``
    only the lot and the issue are made (the benchmark bulk-loads the labels)."""
    now, today = clock.now(), clock.today()
    lic = await Licence.insert(
        Licence(
            number=_number("15", 14),
            public_id=secrets.token_urlsafe(12),
            organisation=organisation_id,
            holder_name=CONTENT["producer"],
            legal_representative="张三",
            registered_address=CONTENT["registered_address"],
            scope=["seedling"],
            species=["樟子松"],
            valid_area=[division_code],
            valid_from=today - timedelta(days=30),
            valid_to=today + timedelta(days=1000),
            issued_on=today - timedelta(days=30),
            issuing_division=division_code,
            issuing_authority="林业和草原局",
            division_code=division_code,
            created_at=now,
            updated_at=now,
        )
    ).returning(Licence.id, Licence.number)
    lot_number = _number("P", 12)
    lot = await Lot.insert(
        Lot(
            number=lot_number,
            public_id=secrets.token_urlsafe(12),
            organisation=organisation_id,
            licence=lic[0]["id"],
            division_code=division_code,
            material="seedling",
            species="樟子松",
            improved=True,
            origin="内蒙古自治区兴安盟乌兰浩特市",
            produced_on=today - timedelta(days=10),
            quantity=count * 100,
            labelled_quantity=count * 100,
            created_at=now,
            updated_at=now,
        )
    ).returning(Lot.id)
    lot_id = lot[0]["id"]
    inspection = await QualityInspection.insert(
        QualityInspection(lot=lot_id, by_station=True, inspected_on=today, inspector_name="李四")
    ).returning(QualityInspection.id)
    cert_number = _number("ZJ", 16)
    cert = await QualityCertificate.insert(
        QualityCertificate(
            number=cert_number,
            public_id=secrets.token_urlsafe(12),
            lot=lot_id,
            inspection=inspection[0]["id"],
            division_code=division_code,
            grade="I",
            inspector_name="李四",
            issued_on=today,
            valid_to=today + timedelta(days=180),
            created_at=now,
        )
    ).returning(QualityCertificate.id)
    printed = {
        **CONTENT,
        "lot_number": lot_number,
        "licence_number": lic[0]["number"],
        "quality_certificate_number": cert_number,
        "produced_on": (today - timedelta(days=10)).isoformat(),
        "origin": "内蒙古自治区兴安盟乌兰浩特市",
        **content,
    }
    issue = await LabelIssue.insert(
        LabelIssue(
            lot=lot_id,
            label_count=count,
            quantity_each=100,
            first_sequence=1,
            quality_certificate=cert[0]["id"],
            content=printed,
            issued_on=today,
            created_at=now,
        )
    ).returning(LabelIssue.id)
    issue_id = issue[0]["id"]
    if not insert_labels:
        return {"lot_id": lot_id, "issue_id": issue_id, "label_ids": [], "serials": []}
    serials = [serial_from_number(secrets.randbelow(32**10)) for _ in range(count)]
    rows = await Label.insert(
        *[
            Label(
                serial=serial,
                lot=lot_id,
                issued_in=issue_id,
                sequence=i + 1,
                quantity=100,
                issued_on=today,
                created_at=now,
            )
            for i, serial in enumerate(serials)
        ]
    ).returning(Label.id)
    return {
        "lot_id": lot_id,
        "issue_id": issue_id,
        "label_ids": [r["id"] for r in rows],
        "serials": serials,
    }
