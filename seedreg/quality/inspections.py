"""Quality inspections of a lot: the operator's 自检 (naming its 检验员) or the 种苗站's
inspection, graded against the active row for the lot's species (seedlings: species + 苗木种类 +
苗龄). A station inspection is a spot check (抽检): if it fails or grades lower than a valid 自检
certificate of the lot, that certificate is revoked in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.lots import services as lots
from seedreg.notifications.services import notify_organisation
from seedreg.quality import ages, grading, rules, seedling_rules, testers
from seedreg.quality.rules import (
    NO_THRESHOLDS,
    SEED_INDICATORS,
    SEEDLING_INDICATORS,
    THOUSAND_SEED_WEIGHT,
    CertificateState,
)
from seedreg.quality.schemas import InspectionIn, InspectionOut
from seedreg.quality.tables import QualityCertificate, QualityInspection
from seedreg.quality.tester_rules import (
    Basis,
    issuable,
    issuer_role,
    overrule_reason,
    overrules,
)

NOT_FOUND = "未找到该检验记录"
NAMES = {
    **SEED_INDICATORS,
    **SEEDLING_INDICATORS,
    THOUSAND_SEED_WEIGHT: "千粒重",
    "seedling_type": "苗木种类",
    "age_code": "苗龄",
    "share_I": "I级苗百分率",
    "share_II": "II级苗百分率",
}
SEED_KEYS = ("purity", *rules.SECOND_SEED_INDICATORS, "moisture", THOUSAND_SEED_WEIGHT)
SEEDLING_KEYS = (
    "seedling_type",
    "age_code",
    *SEEDLING_INDICATORS,
    "share_I",
    "share_II",
)


@dataclass
class Graded:
    """What an inspection concluded: ``passed`` None when the species has no thresholds."""

    measured: dict[str, Any]
    row: dict[str, Any] | None = None
    grade: str | None = None
    passed: bool | None = None
    reasons: list[str] = field(default_factory=list)


def _require(data: InspectionIn, *keys: str) -> None:
    for key in keys:
        if getattr(data, key) in (None, ""):
            raise RuleViolation(f"请填写{NAMES[key]}", field=key)


def _measured(data: InspectionIn, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: getattr(data, k) for k in keys if getattr(data, k) not in (None, "")}


def _snapshot(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in ("updated_at",)}


async def grade_seed_lot(lot: dict[str, Any], data: InspectionIn) -> Graded:
    _require(data, "purity", "moisture", THOUSAND_SEED_WEIGHT)
    measured = _measured(data, SEED_KEYS)
    row = await grading.seed_row_for(lot["species"])
    if row is None:
        if not any(k in measured for k in rules.SECOND_SEED_INDICATORS):
            raise RuleViolation("请填写发芽率、生活力或优良度中的一项", field="germination")
        return Graded(measured, reasons=[NO_THRESHOLDS["seed"]])
    threshold = grading.seed_threshold(row)
    second = threshold.second_indicator
    if second not in measured:
        name = SEED_INDICATORS[second]
        raise RuleViolation(
            f"该树种按净度和{name}分级（{row['standard']}），请填写{name}", field=second
        )
    result = rules.grade_seed(measured, threshold)
    return Graded(measured, _snapshot(row), result.grade, result.passed, result.reasons)


def _age(code: str) -> str:
    try:
        return ages.parse_age(code).code
    except ValueError as exc:
        raise RuleViolation(str(exc), field="age_code") from None


async def seedling_types(species: str) -> list[str]:
    """The 苗木种类 an inspection of ``species`` may name (rules.seedling_type_choices)."""
    rows = await grading.seedling_rows(active_only=True)
    return rules.seedling_type_choices(r.seedling_type for r in rows if r.species == species)


async def grade_seedling_lot(lot: dict[str, Any], data: InspectionIn) -> Graded:
    _require(
        data, "seedling_type", "age_code", "root_collar_cm", "height_cm", "share_I", "share_II"
    )
    if data.seedling_type not in await seedling_types(lot["species"]):
        raise RuleViolation(
            f"“{data.seedling_type}”不是可选的苗木种类，请从列表中选择", field="seedling_type"
        )
    measured = {**_measured(data, SEEDLING_KEYS), "age_code": _age(data.age_code or "")}
    share = (data.share_I or 0) + (data.share_II or 0)
    if share > 100:
        raise RuleViolation("I级苗和 II级苗百分率之和不能超过 100%", field="share_II")
    row, species_has_rows = await grading.seedling_row_for(
        lot["species"], measured["seedling_type"], measured["age_code"]
    )
    if row is None:
        if species_has_rows:
            missing = (
                f"该树种没有“{measured['seedling_type']} {measured['age_code']}”的分级标准数据"
            )
            return Graded(
                measured,
                reasons=[NO_THRESHOLDS["seedling"].replace("该树种尚无分级标准数据", missing)],
            )
        return Graded(measured, reasons=[NO_THRESHOLDS["seedling"]])
    threshold = grading.seedling_threshold(row)
    _require(data, *threshold.root_indicators)
    result = seedling_rules.grade_seedling(measured, threshold, meets_overall=data.meets_overall)
    lot_ok = seedling_rules.lot_passes(share, threshold)
    need = f"{threshold.min_share_I_II:g}%"
    reasons = [
        *result.reasons,
        f"I、II级苗百分率 {share:g}%：{'达到' if lot_ok else '低于'}要求（≥ {need}）",
    ]
    passed = result.passed and lot_ok
    if result.passed and not lot_ok:
        reasons.append("结论：I、II级苗百分率达不到要求，该批苗木不合格")
    return Graded(measured, _snapshot(row), result.grade if passed else None, passed, reasons)


def _ensure_inspector(actor: Actor) -> bool:
    """by_station: True for the 种苗站, False for the operator's 自检."""
    if actor.role is Role.OPERATOR:
        return False
    if actor.role is Role.SEED_STATION:
        return True
    raise Forbidden("只有生产经营者（自检）或种苗站可以记录质量检验")


async def _inspector(
    by_station: bool, lot: dict[str, Any], data: InspectionIn
) -> tuple[str, int | None]:
    """(inspector name, tester id): a 自检 may name a registered 检验员 of the lot's organisation
    (only a verified one; needed for a 自检 certificate); the station types its inspector."""
    if data.tester_id is not None:
        if by_station:
            raise RuleViolation(
                "种苗站检验不选生产经营者的检验员，请填写检验员姓名", field="tester_id"
            )
        tester = await testers.usable(data.tester_id, lot["organisation"])
        return tester["name"], tester["id"]
    if len(data.inspector_name) < 2:
        raise RuleViolation("请填写检验员姓名", field="inspector_name")
    return data.inspector_name, None


async def record(actor: Actor, lot_id: int, data: InspectionIn) -> InspectionOut:
    """Record and grade an inspection of a lot (the lot must be in reach and active)."""
    lot = await lots.load(actor, lot_id)
    by_station = _ensure_inspector(actor)
    lots.ensure_active(lot, "记录质量检验")
    if data.inspected_on > clock.today():
        raise RuleViolation("检验日期不能晚于今天", field="inspected_on")
    inspector_name, tester_id = await _inspector(by_station, lot, data)
    graded = await (grade_seed_lot if lot["material"] == "seed" else grade_seedling_lot)(lot, data)
    if lot["material"] == "seedling":
        graded.measured["meets_overall"] = data.meets_overall
    async with transaction():
        row = QualityInspection(
            lot=lot_id,
            by_station=by_station,
            inspected_on=data.inspected_on,
            inspector_name=inspector_name,
            tester=tester_id,
            measured=graded.measured,
            grading_row=graded.row,
            grade=graded.grade,
            passed=graded.passed,
            reasons=graded.reasons,
            recorded_by=actor.user_id,
            created_at=clock.now(),
        )
        await row.save()
        await audit.record(
            actor,
            "quality:inspect",
            "quality_inspection",
            row.id,
            after={
                "lot": lot["number"],
                "by_station": by_station,
                "tester": tester_id,
                "grade": graded.grade,
                "passed": graded.passed,
            },
        )
        if by_station:
            await notify_organisation(
                lot["organisation"],
                f"批次 {lot['number']} 质量检验结果",
                f"种苗站检验结论：{_result_label(graded.passed, graded.grade)}",
                f"/lots/{lot_id}",
            )
            await _overrule(actor, lot, row, graded)
    return (await for_lot(lot_id, only=row.id))[0]


async def _overrule(
    actor: Actor, lot: dict[str, Any], inspection: QualityInspection, graded: Graded
) -> None:
    """Revoke the lot's valid 自检 certificates this station inspection fails or grades lower
    (the station's 抽检 overrules the producer's own testing, facts §4.1); audited, the holder
    notified. Called inside the inspection's transaction."""
    C = QualityCertificate
    valid = await C.select(C.id, C.number, C.grade).where(
        (C.lot == lot["id"])
        & (C.basis == Basis.SELF)
        & (C.status == CertificateState.VALID)
        & (C.valid_to >= clock.today())
    )
    result = _result_label(graded.passed, graded.grade)
    for cert in valid:
        if not overrules(cert["grade"], graded.passed, graded.grade):
            continue
        reason = overrule_reason(inspection.inspected_on, result, cert["grade"])
        await C.update(
            {
                C.status: CertificateState.REVOKED,
                C.status_reason: reason,
                C.overruled_by: inspection.id,
            }
        ).where((C.id == cert["id"]) & (C.status == CertificateState.VALID))
        await audit.record(
            actor,
            "quality:certificate_overrule",
            "quality_certificate",
            cert["id"],
            before={"status": CertificateState.VALID},
            after={
                "status": CertificateState.REVOKED,
                "reason": reason,
                "inspection": inspection.id,
            },
        )
        await notify_organisation(
            lot["organisation"],
            f"自检合格证 {cert['number']} 已被种苗站抽检推翻",
            f"批次 {lot['number']}：{reason}",
            f"/lots/{lot['id']}",
        )


def _result_label(passed: bool | None, grade: str | None) -> str:
    if passed is None:
        return "无法评定（无分级标准数据）"
    return f"合格（{rules.grade_label(grade)}）" if passed else "不合格"


def inspection_out(
    row: dict[str, Any],
    certificate_id: int | None,
    overruled: list[str] | None = None,
    confirmed: frozenset[int] = frozenset(),
) -> InspectionOut:
    snapshot = row["grading_row"]
    row_confirmed = bool(snapshot and snapshot.get("id") in confirmed)
    return InspectionOut(
        id=row["id"],
        lot_id=row["lot"],
        by_station=row["by_station"],
        by_label="种苗站检验" if row["by_station"] else "自检",
        inspected_on=row["inspected_on"],
        inspector_name=row["inspector_name"],
        tester_id=row["tester"],
        measured=row["measured"] or {},
        grading_row=snapshot,
        grade=row["grade"],
        grade_label=rules.grade_label(row["grade"]) if row["passed"] is not None else "未评定",
        passed=row["passed"],
        result_label=_result_label(row["passed"], row["grade"]),
        reasons=row["reasons"] or [],
        row_confirmed=row_confirmed,
        certificate_id=certificate_id,
        issuable=certificate_id is None
        and row_confirmed  # no certificate from an unconfirmed grading row (issue 14 item 12)
        and issuable(row["passed"], row["by_station"], row["tester"]),
        issuer_role=issuer_role(row["by_station"]),
        overruled=overruled or [],
        created_at=row["created_at"],
    )


async def for_lot(lot_id: int, only: int | None = None) -> list[InspectionOut]:
    """A lot's inspections, newest first (the caller has checked access)."""
    query = QualityInspection.select().where(QualityInspection.lot == lot_id)
    if only is not None:
        query = query.where(QualityInspection.id == only)
    rows = await query.order_by(QualityInspection.id, ascending=False).output(load_json=True)
    C = QualityCertificate
    certs = await C.select(C.id, C.number, C.inspection, C.overruled_by).where(C.lot == lot_id)
    by_inspection = {c["inspection"]: c["id"] for c in certs}
    overruled: dict[int, list[str]] = {}
    for c in certs:
        if c["overruled_by"] is not None:
            overruled.setdefault(c["overruled_by"], []).append(c["number"])
    confirmed = await grading.confirmed_ids([r["grading_row"] for r in rows])
    return [
        inspection_out(r, by_inspection.get(r["id"]), overruled.get(r["id"]), confirmed)
        for r in rows
    ]


async def load(actor: Actor, inspection_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The inspection and its lot, if the actor may see the lot."""
    return await lots.load_lot_record(actor, QualityInspection, inspection_id, NOT_FOUND)


async def get(actor: Actor, inspection_id: int) -> InspectionOut:
    row, _ = await load(actor, inspection_id)
    return (await for_lot(row["lot"], only=row["id"]))[0]
