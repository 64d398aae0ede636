"""A stored check as the API and the pages show it: findings with their catalogue item and fine
range (penalties.py), photos with their hashes, the deadlines, the documents' addresses."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from seedreg.core.calendar import work_calendar
from seedreg.core.clock import CHINA
from seedreg.inspections import check_rules as cr
from seedreg.inspections import penalties, rule_settings
from seedreg.inspections.check_schemas import (
    CheckOut,
    FindingOut,
    FindingSource,
    PhotoOut,
    ScanOut,
    SeizureIn,
    SignatureIn,
)
from seedreg.inspections.schemas import PenaltyRangeOut
from seedreg.inspections.tables import CheckFinding, CheckPhoto, ViolationItem


def when(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def catalogue_rows() -> dict[str, dict[str, Any]]:
    return {r["code"]: r for r in await ViolationItem.select().output(load_json=True)}


def penalty(code: str, goods_value: Decimal | None, by_code: dict[str, Any]) -> PenaltyRangeOut:
    found = penalties.penalty_range(penalties.rule_from_row(by_code[code], by_code), goods_value)
    return PenaltyRangeOut(
        code=code,
        goods_value=goods_value,
        min_yuan=found.min_yuan,
        max_yuan=found.max_yuan,
        words=found.words,
        applied=found.applied,
        article=found.article,
    )


async def findings(check_id: int) -> list[FindingOut]:
    by_code = await catalogue_rows()
    rows = (
        await CheckFinding.select()
        .where(CheckFinding.field_check == check_id)
        .order_by(CheckFinding.position)
    )
    out = []
    for r in rows:
        item = by_code[r["code"]]
        value = Decimal(r["goods_value"]) if r["goods_value"] else None
        out.append(
            FindingOut(
                code=r["code"],
                name=item["name"],
                text=r["text"],
                source=FindingSource(r["source"]),
                scan_key=r["scan_key"],
                basis=item["breached_article"],
                penalty_article=item["penalty_article"],
                goods_value=value,
                penalty=penalty(r["code"], value, by_code),
            )
        )
    return out


async def photos(row: dict[str, Any]) -> list[PhotoOut]:
    stored = {
        r["photo_key"]: r
        for r in await CheckPhoto.select().where(CheckPhoto.field_check == row["id"])
    }
    declared = [(p, "photo") for p in row["photos"] or []]
    if key := (row["signature"] or {}).get("photo_key"):
        declared.append(({"key": key, "caption": "被检查单位签名"}, "signature"))
    out = []
    for p, kind in declared:
        key, caption, s = p["key"], p.get("caption", ""), stored.get(p["key"])
        out.append(
            PhotoOut(
                key=key,
                caption=caption,
                kind=kind,
                uploaded=s is not None,
                sha256=s["sha256"] if s else "",
                size=s["size"] if s else 0,
                content_type=s["content_type"] if s else "",
                original_sha256=p.get("original_sha256", ""),
                original_size=p.get("original_size"),
            )
        )
    return out


async def due_dates(row: dict[str, Any], has_findings: bool) -> tuple[date | None, date | None]:
    """先行登记保存: a decision within 7 working days (行政处罚法 Arts. 56, 85); 责令改正: the
    league's setting in days."""
    on = when(row["started_at"]).astimezone(CHINA).date()  # the day in 兴安盟
    seizure = None
    if row["seizure"]:
        seizure = (await work_calendar()).add_workdays(on, cr.SEIZURE_DECISION_WORKDAYS)
    rectify = cr.rectify_due(on, await rule_settings.rectify_days()) if has_findings else None
    return seizure, rectify


def documents(row: dict[str, Any], has_findings: bool) -> dict[str, str]:
    base = f"/api/inspections/checks/{row['id']}/documents"
    docs = {"现场检查笔录": f"{base}/record"}
    if has_findings:
        docs["责令改正通知书"] = f"{base}/rectification"
    if row["samples"]:
        docs["抽样记录"] = f"{base}/sampling"
    if row["seizure"]:
        docs["先行登记保存通知书"] = f"{base}/seizure"
    return docs


async def check_out(row: dict[str, Any]) -> CheckOut:
    found = await findings(row["id"])
    seizure_due, rectify_due = await due_dates(row, bool(found))
    return CheckOut(
        id=row["id"],
        idempotency_key=row["idempotency_key"],
        number=row["number"],
        public_id=row["public_id"],
        division_code=row["division_code"],
        origin=cr.Origin(row["origin"]),
        drawn_visit_id=row["drawn_visit"],
        lead_note=row["lead_note"],
        target_kind=row["target_kind"],
        target_id=row["target_id"],
        target_name=row["target_name"],
        representative=row["representative"],
        representative_role=row["representative_role"],
        place=row["place"],
        inspectors=row["inspectors"],
        started_at=when(row["started_at"]),
        ended_at=when(row["ended_at"]),
        latitude=row["latitude"],
        longitude=row["longitude"],
        accuracy_m=row["accuracy_m"],
        checklist=row["checklist"],
        findings=found,
        scans=[ScanOut(**s) for s in row["scans"] or []],
        samples=row["samples"] or [],
        seizure=SeizureIn(**row["seizure"]) if row["seizure"] else None,
        seizure_decision_due=seizure_due,
        rectify_due=rectify_due,
        photos=await photos(row),
        signature=SignatureIn(**(row["signature"] or {})),
        note=row["note"],
        submitted_at=when(row["submitted_at"]),
        documents=documents(row, bool(found)),
    )
