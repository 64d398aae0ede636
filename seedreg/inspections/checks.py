"""On-site checks (现场检查, issue 22): the phone submits the whole check once, with an
idempotency key, and the server records it with its findings, its label scans (recorded by the
labels package, idempotent by their own keys) and the photos declared for separate upload.

A retry or a double tap of the same key answers with the record already made; the key of
another official's check is refused. Everything is written in one transaction, audited."""

from __future__ import annotations

import json
import secrets
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.inspections import check_rules as cr
from seedreg.inspections import followups, inspected, targets
from seedreg.inspections.check_out import check_out
from seedreg.inspections.check_schemas import CheckIn, CheckOut, FindingIn
from seedreg.inspections.tables import CheckFinding, DrawnVisit, FieldCheck, ViolationItem
from seedreg.labels import field_scans

KEY_REUSED = "这个检查记录编号已用于另一次检查，请刷新页面后重新填写"
NOT_FOUND = "未找到该现场检查记录"


async def stored(key: str) -> dict[str, Any] | None:
    return (
        await FieldCheck.select()
        .where(FieldCheck.idempotency_key == key)
        .first()
        .output(load_json=True)
    )


async def load(actor: Actor, check_id: int) -> dict[str, Any]:
    """A check this actor may read, or NotFound/Forbidden."""
    row = await FieldCheck.select().where(FieldCheck.id == check_id).first().output(load_json=True)
    if row is None:
        raise NotFound(NOT_FOUND)
    if not cr.may_see_check(actor, row["division_code"]):
        raise Forbidden("只有本辖区的执法人员和管理员可以查看现场检查记录")
    return row


async def by_public_id(public_id: str) -> dict[str, Any] | None:
    return (
        await FieldCheck.select()
        .where(FieldCheck.public_id == public_id[:32])
        .first()
        .output(load_json=True)
    )


def _refuse(problem: str | None, field: str | None = None) -> None:
    if problem:
        raise RuleViolation(problem, field=field)


async def _inspectors(actor: Actor, data: CheckIn, division: str) -> list[dict[str, Any]]:
    if actor.user_id not in data.inspector_ids:
        raise RuleViolation("提交人应是参加检查的执法人员之一", field="inspector_ids")
    rows = {r["id"]: r for r in await targets.people(data.inspector_ids)}
    present = [
        cr.Present(
            id=i,
            name=targets.published_name(rows[i]),
            enforcement_id=rows[i]["enforcement_id"] or "",
            role=rows[i]["role"],
            jurisdiction=rows[i]["jurisdiction"],
        )
        for i in dict.fromkeys(data.inspector_ids)
        if i in rows and rows[i]["active"]
    ]
    _refuse(cr.inspectors_problem(present, division), "inspector_ids")
    return [{"id": p.id, "name": p.name, "enforcement_id": p.enforcement_id} for p in present]


async def _catalogue_codes() -> set[str]:
    return {r["code"] for r in await ViolationItem.select(ViolationItem.code)}


async def _check_origin(data: CheckIn) -> None:
    if data.origin is cr.Origin.LEAD and not data.lead_note:
        raise RuleViolation("线索核查请填写线索内容", field="lead_note")
    if data.origin is not cr.Origin.DRAW:
        return
    visit = None
    if data.drawn_visit_id is not None:
        visit = await DrawnVisit.select().where(DrawnVisit.id == data.drawn_visit_id).first()
    if (
        visit is None
        or visit["target_kind"] != data.target_kind.value
        or visit["target_id"] != data.target_id
    ):
        raise RuleViolation("双随机抽查请选择抽中的检查对象", field="drawn_visit_id")


def _check_signature(data: CheckIn) -> None:
    sign = data.signature
    if sign.refused and not sign.witness:
        raise RuleViolation("被检查单位拒绝签名的，应当记录见证人", field="signature.witness")
    if not sign.refused and not sign.photo_key:
        raise RuleViolation(
            "请被检查单位在场人员签名，或记录其拒绝签名及见证人", field="signature.photo_key"
        )
    keys = [p.key for p in data.photos] + ([sign.photo_key] if sign.photo_key else [])
    if len(set(keys)) != len(keys):
        raise RuleViolation("照片编号重复", field="photos")


async def _scans(actor: Actor, data: CheckIn) -> tuple[list[dict[str, Any]], list[FindingIn]]:
    """Record each scan (idempotent by its own key) and pre-fill the findings of its
    differences, unless the inspector already sent findings for that scan (edited ones)."""
    accepted = {f.scan_key for f in data.findings if f.scan_key}
    scans, found = [], []
    for scan in data.scans:
        out, _ = await field_scans.record_scan(actor, scan)
        hints = [str(m.hint) for m in out.mismatches]
        scans.append(
            {
                "key": scan.idempotency_key,
                "field_scan_id": out.id,
                "serial": out.serial,
                "hints": hints,
            }
        )
        if scan.idempotency_key in accepted:
            continue
        pairs = [(str(m.hint), m.text) for m in out.mismatches]
        for f in cr.scan_findings(out.serial, pairs):
            found.append(
                FindingIn(
                    code=f.code,
                    text=f.text,
                    source=cr.FindingSource.SCAN,
                    scan_key=scan.idempotency_key,
                )
            )
    return scans, found


def _findings(data: CheckIn, names: dict[str, str], from_scans: list[FindingIn]) -> list[FindingIn]:
    out = [
        FindingIn(
            code=a.code,
            text=a.note or names.get(a.code, a.code),
            source=cr.FindingSource.CHECKLIST,
            goods_value=a.goods_value,
        )
        for a in data.checklist
        if a.result is cr.ItemResult.FAILS
    ]
    return out + list(data.findings) + from_scans


async def _validate(actor: Actor, data: CheckIn) -> tuple[str, str, list[dict[str, Any]]]:
    place = await targets.target_place(data.target_kind, data.target_id)
    if place is None:
        raise RuleViolation("检查对象不存在", field="target_id")
    name, division = place
    if not cr.may_record_check(actor, division):
        raise Forbidden("只有负责被检查单位所在地区的执法人员可以记录现场检查")
    people = await _inspectors(actor, data, division)
    _refuse(cr.time_problem(data.started_at.isoformat(), data.ended_at.isoformat()), "ended_at")
    await _check_origin(data)
    _check_signature(data)
    return name, division, people


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


async def _insert(
    actor: Actor,
    data: CheckIn,
    target: tuple[str, str],
    people: list[dict[str, Any]],
    scans: list[dict[str, Any]],
    findings: list[FindingIn],
) -> bool:
    name, division = target
    body = data.model_dump(mode="json")
    public_id = secrets.token_urlsafe(16)  # 22 characters; the number follows the row id
    async with transaction():
        # ON CONFLICT: two submissions of one check racing each other still make one row.
        made = await fetch(
            "INSERT INTO field_check (idempotency_key, public_id, number, division_code, origin, "
            "drawn_visit, lead_note, target_kind, target_id, target_name, representative, "
            "representative_role, place, started_at, ended_at, latitude, longitude, accuracy_m, "
            "inspectors, checklist, scans, samples, seizure, photos, signature, note, "
            "submitted_by, submitted_at) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, "
            "{}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) "
            "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
            data.idempotency_key, public_id, f"#{public_id}", division,
            data.origin.value, data.drawn_visit_id, data.lead_note, data.target_kind.value,
            data.target_id, name, data.representative, data.representative_role, data.place,
            data.started_at, data.ended_at, data.latitude, data.longitude, data.accuracy_m,
            _json(people), _json(body["checklist"]), _json(scans), _json(body["samples"]),
            _json(body["seizure"] or {}), _json(body["photos"]), _json(body["signature"]),
            data.note, actor.user_id, clock.now(),
        )  # fmt: skip
        if not made:
            return False
        check_id = made[0]["id"]
        number = f"兴林检〔{data.started_at.astimezone(clock.CHINA).year}〕{check_id}号"
        await FieldCheck.update({FieldCheck.number: number}).where(FieldCheck.id == check_id)
        for position, f in enumerate(findings):
            await CheckFinding(
                field_check=check_id, code=f.code, source=f.source.value, scan_key=f.scan_key,
                text=f.text, position=position,
                goods_value="" if f.goods_value is None else str(f.goods_value),
            ).save()  # fmt: skip
        # 复查 tasks at the 责令改正 deadline, and the inspected business's 检查码 (issue 23).
        day = data.started_at.astimezone(clock.CHINA).date()
        await followups.make_for_check(check_id, division, day)
        await inspected.make_code(check_id)
        if data.drawn_visit_id is not None:
            # 双随机一公开: the published result of a drawn visit once its check is recorded.
            await DrawnVisit.update({DrawnVisit.result: cr.published_result(len(findings))}).where(
                DrawnVisit.id == data.drawn_visit_id
            )
        await audit.record(
            actor, "field_check:record", "field_check", check_id,
            after={"number": number, "target": name, "finding_codes": [f.code for f in findings],
                   "inspectors": [p["enforcement_id"] for p in people]},
        )  # fmt: skip
    return True


def _replayed(actor: Actor, row: dict[str, Any]) -> None:
    """The key of another official's check is a client fault, never silently merged."""
    if row["submitted_by"] != actor.user_id:
        raise Conflict(KEY_REUSED, field="idempotency_key")


async def submit_check(actor: Actor, data: CheckIn) -> tuple[CheckOut, bool]:
    """Record the whole check unless its key was seen (then answer with the first record);
    True when this call created it."""
    if (row := await stored(data.idempotency_key)) is not None:
        _replayed(actor, row)
        return await check_out(row), False
    target_name, division, people = await _validate(actor, data)
    codes = await _catalogue_codes()
    for code in [a.code for a in data.checklist] + [f.code for f in data.findings]:
        if code not in codes:
            raise RuleViolation(f"违法行为目录中没有 {code}", field="checklist")
    scans, from_scans = await _scans(actor, data)
    names = {
        r["code"]: r["name"]
        for r in await ViolationItem.select(ViolationItem.code, ViolationItem.name)
    }
    findings = _findings(data, names, from_scans)
    made = await _insert(actor, data, (target_name, division), people, scans, findings)
    row = await stored(data.idempotency_key)
    assert row is not None  # inserted now, or by the submission that won the race
    if not made:
        _replayed(actor, row)
    return await check_out(row), made
