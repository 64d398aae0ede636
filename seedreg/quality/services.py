"""质量检验合格证: issued from a passed inspection of an active lot, either by the 种苗站 from its
own inspection (站检) or by the operator from its 自检 by a verified 检验员; revoked by the station
with a reason, verified publicly; and the look-up the labels package uses."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.lots import services as lots
from seedreg.lots.rules import LotStatus
from seedreg.lots.tables import Lot
from seedreg.notifications.services import notify_certificate_revoked, notify_organisation
from seedreg.organisations.rules import OrganisationKind, mask_person_name
from seedreg.organisations.tables import Organisation
from seedreg.quality import grading, grading_rules, inspections, rules, testers
from seedreg.quality.rule_settings import CERTIFICATE_PATHS, CERTIFICATE_VALID_DAYS
from seedreg.quality.rules import CertificateState
from seedreg.quality.schemas import CertificateOut, RevokeIn
from seedreg.quality.tables import QualityCertificate, QualityInspection
from seedreg.quality.tester_rules import (
    BASIS_TEXT,
    ISSUER_LABELS,
    Basis,
    overrules,
    path_refusal,
    self_certificate_number,
)
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind
from seedreg.settings import get_settings

NOT_FOUND = "未找到该质量检验合格证"


async def current_certificate(lot_id: int, on: date) -> dict[str, Any] | None:
    """The latest valid 质量检验合格证 of a lot on ``on`` (issued_on ≤ on ≤ valid_to), as a row
    dict (id, number, grade, indicators, valid_to, issued_on, inspector_name), or None."""
    C = QualityCertificate
    row: dict[str, Any] | None = (
        await C.select(
            C.id, C.number, C.grade, C.indicators, C.valid_to, C.issued_on, C.inspector_name
        )
        .where(
            (C.lot == lot_id)
            & (C.status == CertificateState.VALID)
            & (C.issued_on <= on)
            & (C.valid_to >= on)
        )
        .order_by(C.issued_on, ascending=False)
        .order_by(C.id, ascending=False)
        .first()
        .output(load_json=True)
    )
    return row


async def authority_name(division_code: str) -> str:
    """The issuing station of a jurisdiction, as the admin entered it (e.g. 兴安盟林木种苗站)."""
    return (await authorities.authority(AuthorityKind.SEED_STATION, division_code)).name


async def certificate_paths() -> str:
    """Which bases issue certificates now: "both", "self" or "station" (a local setting)."""
    return str(await rs.value(CERTIFICATE_PATHS))


def _ensure_station(actor: Actor, doing: str) -> None:
    if actor.role is not Role.SEED_STATION or not actor.jurisdiction:
        raise Forbidden(f"只有种苗站可以{doing}质量检验合格证")


def _ensure_issuer(actor: Actor, basis: Basis) -> None:
    if basis is Basis.STATION:
        _ensure_station(actor, "签发")
    elif actor.role is Role.SEED_STATION:
        raise Conflict("种苗站只能依据本站的检验签发合格证；自检合格证由生产经营者依据自检签发")
    elif actor.role is not Role.OPERATOR:
        raise Forbidden("只有生产经营者可以依据本单位的自检签发质量检验合格证")


async def _signer_name(actor: Actor, basis: Basis) -> str:
    """The real name a 站检 certificate prints for the official who issued it (never the
    account's role); a 自检 certificate names its 检验员 and the operator instead."""
    if basis is Basis.SELF:
        return ""
    row = await User.select(User.real_name).where(User.id == actor.user_id).first()
    name: str = row["real_name"].strip() if row else ""  # a Varchar, never NULL
    if len(name) < 2:
        raise RuleViolation(
            "您的账号未登记真实姓名，不能签发质量检验合格证；请盟林草局管理员在账号信息中填写"
        )
    return name


async def _issuer_name(row: dict[str, Any], organisation_id: int) -> str:
    if row["basis"] == Basis.SELF:
        org = (
            await Organisation.select(Organisation.name)
            .where(Organisation.id == organisation_id)
            .first()
        )
        return org["name"] if org else ""
    return await authority_name(row["division_code"])


async def certificate_out(row: dict[str, Any], lot: dict[str, Any]) -> CertificateOut:
    state = rules.certificate_state(row["status"], row["valid_to"], clock.today())
    snapshot = row["indicators"] or {}
    material, lot_number = lot["material"], lot["number"]
    return CertificateOut(
        id=row["id"],
        number=row["number"],
        public_id=row["public_id"],
        lot_id=row["lot"],
        lot_number=lot_number,
        inspection_id=row["inspection"],
        basis=row["basis"],
        basis_label=Basis(row["basis"]).label,
        division_code=row["division_code"],
        authority=await _issuer_name(row, lot["organisation"]),
        grade=row["grade"],
        grade_label=rules.grade_label(row["grade"]),
        indicators=snapshot,
        indicators_text=rules.describe_indicators(material, snapshot, row["grade"]),
        inspector_name=row["inspector_name"],
        signer_name=row["signer_name"],
        tester_id=row["tester"],
        issued_on=row["issued_on"],
        valid_to=row["valid_to"],
        status=state,
        status_label=rules.CERTIFICATE_STATES[state],
        status_reason=row["status_reason"],
        basis_reference=grading_rules.row_reference(snapshot),
        overruled_by=row["overruled_by"],
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
    return [await certificate_out(r, lot) for r in rows]


async def _load(actor: Actor, certificate_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    return await lots.load_lot_record(actor, QualityCertificate, certificate_id, NOT_FOUND)


async def get(actor: Actor, certificate_id: int) -> CertificateOut:
    row, lot = await _load(actor, certificate_id)
    return await certificate_out(row, lot)


def _printed_indicators(inspection: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """The measured indicators and the confirmed row graded against (standard, table, row)."""
    return {
        **inspection["measured"],
        "standard": row["standard"],
        "table_ref": row["table_ref"],
        "row_ref": row["row_ref"],
    }


async def _self_tester(inspection: dict[str, Any], lot: dict[str, Any]) -> dict[str, Any]:
    """The verified 检验员 a 自检 certificate names; refused if the 自检 names none, or if a
    later station inspection of the lot has already overruled its result."""
    if inspection["tester"] is None:
        raise Conflict("该自检未记录经种苗站核验的检验员，不能签发自检合格证")
    try:
        tester = await testers.usable(inspection["tester"], lot["organisation"])
    except RuleViolation as exc:
        raise Conflict(exc.message) from None
    Q = QualityInspection
    later = await Q.select(Q.inspected_on, Q.grade, Q.passed).where(
        (Q.lot == lot["id"])
        & Q.by_station.eq(True)
        & (Q.inspected_on >= inspection["inspected_on"])
    )
    if any(overrules(inspection["grade"], s["passed"], s["grade"]) for s in later):
        raise Conflict("种苗站抽检的结论低于该自检结果，不能依据该自检签发合格证")
    return tester


async def issue(actor: Actor, inspection_id: int) -> CertificateOut:
    """Issue the 合格证 from a passed inspection of an active lot: the 种苗站 from its own
    inspection (站检), the operator from its 自检 by a verified tester; each only while the
    local setting has that path in force."""
    inspection, lot = await inspections.load(actor, inspection_id)
    basis = Basis.STATION if inspection["by_station"] else Basis.SELF
    _ensure_issuer(actor, basis)
    lots.ensure_active(lot, "签发质量检验合格证")
    refusal = path_refusal(await certificate_paths(), basis)
    if refusal:
        raise Conflict(refusal)
    if inspection["passed"] is None:
        measured = inspection["measured"] or {}
        what = (lot["species"], measured.get("seedling_type", ""), measured.get("age_code", ""))
        raise Conflict(grading_rules.missing_row_text(*what))
    if not inspection["passed"]:
        raise Conflict("该检验结论为不合格，不能签发合格证")
    basis_row = await grading.confirmed_basis(lot["material"], inspection["grading_row"])
    tester = await _self_tester(inspection, lot) if basis is Basis.SELF else None
    signer = await _signer_name(actor, basis)
    today = clock.today()
    division = (actor.jurisdiction if basis is Basis.STATION else lot["division_code"]) or ""
    async with transaction():
        if await QualityCertificate.exists().where(QualityCertificate.inspection == inspection_id):
            raise Conflict("该检验已签发合格证")
        if basis is Basis.STATION:
            seq = await next_value(f"quality_certificate:{division}:{today.year}")
            number = rules.certificate_number(today.year, division, seq)
        else:
            seq = await next_value(f"quality_self_certificate:{division}:{today.year}")
            number = self_certificate_number(today.year, division, seq)
        cert = QualityCertificate(
            number=number,
            public_id=secrets.token_urlsafe(12),
            lot=lot["id"],
            inspection=inspection_id,
            basis=basis,
            division_code=division,
            grade=inspection["grade"],
            indicators=_printed_indicators(inspection, basis_row),
            inspector_name=tester["name"] if tester else inspection["inspector_name"],
            tester=tester["id"] if tester else None,
            issued_by=actor.user_id,
            signer_name=signer,
            issued_on=today,
            valid_to=today + timedelta(days=await rs.value(CERTIFICATE_VALID_DAYS)),
            status=CertificateState.VALID,
            created_at=clock.now(),
        )
        await cert.save()
        await audit.record(
            actor,
            "quality:certificate_issue",
            "quality_certificate",
            cert.id,
            after={
                "number": cert.number,
                "lot": lot["number"],
                "basis": basis.value,
                "valid_to": cert.valid_to,
            },
        )
        await notify_organisation(
            lot["organisation"],
            f"批次 {lot['number']} 已取得质量检验合格证",
            f"合格证编号 {cert.number}（{BASIS_TEXT[basis]}），{rules.grade_label(cert.grade)}，"
            f"有效期至{cert.valid_to.isoformat()}",
            f"/lots/{lot['id']}",
        )
    return await get(actor, cert.id)


async def revoke(actor: Actor, certificate_id: int, data: RevokeIn) -> CertificateOut:
    """撤销 a certificate, 站检 or 自检, with a reason (the 种苗站 whose jurisdiction covers
    the lot)."""
    row, lot = await _load(actor, certificate_id)
    _ensure_station(actor, "撤销")
    if row["status"] == CertificateState.REVOKED:
        raise Conflict("该合格证已撤销")
    async with transaction():
        done = (
            await QualityCertificate.update(
                {
                    QualityCertificate.status: CertificateState.REVOKED,
                    QualityCertificate.status_reason: data.reason,
                }
            )
            .where(
                (QualityCertificate.id == certificate_id)
                & (QualityCertificate.status == CertificateState.VALID)
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
            after={"status": CertificateState.REVOKED, "reason": data.reason},
        )
        await notify_certificate_revoked(
            lot["organisation"],
            "质量检验合格证",
            row["number"],
            lot["number"],
            data.reason,
            f"/lots/{lot['id']}",
        )
    return await get(actor, certificate_id)


def _public_holder(name: str, kind: str) -> str:
    return mask_person_name(name) if kind == OrganisationKind.INDIVIDUAL else name


async def verify(public_id: str) -> dict[str, Any]:
    """What the QR on a 合格证 leads to: genuine or not, its state today, and its basis: 站检
    (the station's name) or 自检 (the holder's verified 检验员, name masked as the holder's is
    for an individual). No station inspector's name, ID or other personal data."""
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
    if org is None:  # kept while a lot names it (on_delete restrict)
        raise NotFound("未找到该质量检验合格证：可能是伪造的，请向发证的种苗站核实")
    out = await certificate_out(row, lot)
    holder = _public_holder(org["name"], org["kind"])
    self_basis = out.basis == Basis.SELF
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
        "in_force": out.in_force,
        "lapsed": out.lapsed,
        "basis": out.basis,
        "basis_label": out.basis_label,
        "basis_text": BASIS_TEXT[Basis(out.basis)],
        "tester": mask_person_name(out.inspector_name) if self_basis else "",
        "authority": holder if self_basis else out.authority,
        "issuer_label": ISSUER_LABELS[Basis(out.basis)],
        "holder": holder,
        "lot_recalled": lot["status"] == LotStatus.RECALLED,
    }
