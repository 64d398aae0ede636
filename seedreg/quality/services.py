"""质量检验合格证: issued by the 种苗站 from a passed station inspection of an active lot,
revoked with a reason, verified publicly; and the look-up the labels package uses."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound
from seedreg.core.sequences import next_value
from seedreg.lots import services as lots
from seedreg.lots.tables import Lot
from seedreg.notifications.services import notify_organisation
from seedreg.organisations.rules import OrganisationKind, mask_person_name
from seedreg.organisations.tables import Organisation
from seedreg.quality import inspections, rules
from seedreg.quality.schemas import CertificateOut, RevokeIn
from seedreg.quality.tables import QualityCertificate
from seedreg.reference import services as reference
from seedreg.settings import get_settings

NOT_FOUND = "未找到该质量检验合格证"


async def current_certificate(lot_id: int, on: date) -> dict[str, Any] | None:
    """The latest valid 质量检验合格证 of a lot on ``on`` (issued_on ≤ on ≤ valid_to), as a row
    dict (id, number, grade, indicators, valid_to, issued_on, inspector_name), or None."""
    C = QualityCertificate
    return (
        await C.select(
            C.id, C.number, C.grade, C.indicators, C.valid_to, C.issued_on, C.inspector_name
        )
        .where((C.lot == lot_id) & (C.status == "valid") & (C.issued_on <= on) & (C.valid_to >= on))
        .order_by(C.issued_on, ascending=False)
        .order_by(C.id, ascending=False)
        .first()
        .output(load_json=True)
    )


async def authority_name(division_code: str) -> str:
    """The issuing station, named after its jurisdiction (e.g. 兴安盟林木种苗站)."""
    return f"{await reference.division_name(division_code)}林木种苗站"


def _ensure_station(actor: Actor, doing: str) -> None:
    if actor.role is not Role.SEED_STATION or not actor.jurisdiction:
        raise Forbidden(f"只有种苗站可以{doing}质量检验合格证")


async def certificate_out(row: dict[str, Any], material: str, lot_number: str) -> CertificateOut:
    state = rules.certificate_state(row["status"], row["valid_to"], clock.today())
    snapshot = row["indicators"] or {}
    return CertificateOut(
        id=row["id"],
        number=row["number"],
        public_id=row["public_id"],
        lot_id=row["lot"],
        lot_number=lot_number,
        inspection_id=row["inspection"],
        division_code=row["division_code"],
        authority=await authority_name(row["division_code"]),
        grade=row["grade"],
        grade_label=rules.grade_label(row["grade"]),
        indicators=snapshot,
        indicators_text=rules.describe_indicators(material, snapshot, row["grade"]),
        inspector_name=row["inspector_name"],
        issued_on=row["issued_on"],
        valid_to=row["valid_to"],
        status=state,
        status_label=rules.CERTIFICATE_STATES[state],
        status_reason=row["status_reason"],
        sample_row=bool(snapshot.get("sample")),
        verify_url=f"{get_settings().public_base_url}/verify/quality/{row['public_id']}",
        created_at=row["created_at"],
    )


async def for_lot(lot: dict[str, Any]) -> list[CertificateOut]:
    """A lot's certificates, newest first (the caller has checked access)."""
    rows = (
        await QualityCertificate.select()
        .where(QualityCertificate.lot == lot["id"])
        .order_by(QualityCertificate.id, ascending=False)
        .output(load_json=True)
    )
    return [await certificate_out(r, lot["material"], lot["number"]) for r in rows]


async def _load(actor: Actor, certificate_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return await lots.load_lot_record(actor, QualityCertificate, certificate_id, NOT_FOUND)


async def get(actor: Actor, certificate_id: int) -> CertificateOut:
    row, lot = await _load(actor, certificate_id)
    return await certificate_out(row, lot["material"], lot["number"])


def _printed_indicators(inspection: dict[str, Any]) -> dict[str, Any]:
    snapshot = inspection["grading_row"] or {}
    return {
        **inspection["measured"],
        "standard": snapshot.get("standard", ""),
        "sample": bool(snapshot.get("sample")),
    }


async def issue(actor: Actor, inspection_id: int) -> CertificateOut:
    """Issue the 合格证 from a passed 种苗站 inspection of an active lot in the station's reach."""
    inspection, lot = await inspections.load(actor, inspection_id)
    _ensure_station(actor, "签发")
    lots.ensure_active(lot, "签发质量检验合格证")
    if not inspection["by_station"]:
        raise Conflict("只能依据种苗站的检验签发合格证；生产经营者自检结果不能作为签发依据")
    if inspection["passed"] is None:
        raise Conflict("该检验无法评定等级（该树种尚无分级标准数据），不能签发合格证")
    if not inspection["passed"]:
        raise Conflict("该检验结论为不合格，不能签发合格证")
    today = clock.today()
    division = actor.jurisdiction or ""
    async with transaction():
        if await QualityCertificate.exists().where(QualityCertificate.inspection == inspection_id):
            raise Conflict("该检验已签发合格证")
        seq = await next_value(f"quality_certificate:{division}:{today.year}")
        cert = QualityCertificate(
            number=rules.certificate_number(today.year, division, seq),
            public_id=secrets.token_urlsafe(12),
            lot=lot["id"],
            inspection=inspection_id,
            division_code=division,
            grade=inspection["grade"],
            indicators=_printed_indicators(inspection),
            inspector_name=inspection["inspector_name"],
            issued_by=actor.user_id,
            issued_on=today,
            valid_to=today + timedelta(days=get_settings().quality_certificate_valid_days),
            status="valid",
            created_at=clock.now(),
        )
        await cert.save()
        await audit.record(
            actor,
            "quality:certificate_issue",
            "quality_certificate",
            cert.id,
            after={"number": cert.number, "lot": lot["number"], "valid_to": cert.valid_to},
        )
        await notify_organisation(
            lot["organisation"],
            f"批次 {lot['number']} 已取得质量检验合格证",
            f"合格证编号 {cert.number}，{rules.grade_label(cert.grade)}，"
            f"有效期至{cert.valid_to.isoformat()}",
            f"/lots/{lot['id']}",
        )
    return await get(actor, cert.id)


async def revoke(actor: Actor, certificate_id: int, data: RevokeIn) -> CertificateOut:
    """撤销 a certificate with a reason (the 种苗站 whose jurisdiction covers the lot)."""
    row, lot = await _load(actor, certificate_id)
    _ensure_station(actor, "撤销")
    if row["status"] == "revoked":
        raise Conflict("该合格证已撤销")
    async with transaction():
        done = (
            await QualityCertificate.update(
                {
                    QualityCertificate.status: "revoked",
                    QualityCertificate.status_reason: data.reason,
                }
            )
            .where(
                (QualityCertificate.id == certificate_id) & (QualityCertificate.status == "valid")
            )
            .returning(QualityCertificate.id)
        )
        if not done:
            raise Conflict("该合格证已被他人处理，请刷新后查看")
        await audit.record(
            actor,
            "quality:certificate_revoke",
            "quality_certificate",
            certificate_id,
            before={"status": row["status"]},
            after={"status": "revoked", "reason": data.reason},
        )
        await notify_organisation(
            lot["organisation"],
            f"质量检验合格证 {row['number']} 已撤销",
            f"批次 {lot['number']} 的质量检验合格证已撤销。理由：{data.reason}",
            f"/lots/{lot['id']}",
        )
    return await get(actor, certificate_id)


def _public_holder(name: str, kind: str) -> str:
    return mask_person_name(name) if kind == OrganisationKind.INDIVIDUAL else name


async def verify(public_id: str) -> dict[str, Any]:
    """What the QR on a 合格证 leads to: genuine or not and its state today. The holder's name
    is the only party shown (masked for an individual); no inspector or other personal data."""
    row = (
        await QualityCertificate.select()
        .where(QualityCertificate.public_id == public_id[:40])
        .first()
        .output(load_json=True)
    )
    if row is None:
        raise NotFound("未找到该质量检验合格证：可能是伪造的，请向发证的种苗站核实")
    lot = await Lot.select().where(Lot.id == row["lot"]).first().output(load_json=True)
    org = (
        await Organisation.select(Organisation.name, Organisation.kind)
        .where(Organisation.id == lot["organisation"])
        .first()
    )
    out = await certificate_out(row, lot["material"], lot["number"])
    return {
        "number": out.number,
        "lot_number": lot["number"],
        "material": lot["material"],
        "material_label": "种子" if lot["material"] == "seed" else "苗木",
        "species": lot["species"],
        "latin_name": lot["latin_name"],
        "variety": lot["variety"],
        "grade": out.grade,
        "grade_label": out.grade_label,
        "indicators_text": out.indicators_text,
        "issued_on": out.issued_on,
        "valid_to": out.valid_to,
        "status": out.status,
        "status_label": out.status_label,
        "status_reason": out.status_reason,
        "authority": out.authority,
        "holder": _public_holder(org["name"], org["kind"]),
        "lot_recalled": lot["status"] == "recalled",
    }
