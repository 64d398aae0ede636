"""检查码 (issue 23): each on-site check gives the inspected business a code, printed on the
现场检查笔录 with a QR to ``/inspected/<code>``. With it the business sees its own inspection
history — the checks of the same party, their findings, rectification deadlines and the
documents' verification links — and rates the visit once, anonymously (no name is stored).

A code opens the history of its check's party only: another business's checks are never shown.
Codes are unguessable (secrets, 80 bits); look-ups are rate-limited per client by the page."""

from __future__ import annotations

import secrets
from typing import Any

from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.audit.services import SystemActor
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import NotFound, RuleViolation
from seedreg.inspections import check_documents
from seedreg.inspections import followup_rules as fr
from seedreg.inspections.check_out import check_out, when
from seedreg.inspections.tables import CheckRating, FieldCheck, FollowUp, InspectedCode

# No 0/O, 1/I/L: the code is read off paper and typed on a phone.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 16  # 31**16 ≈ 2**79
UNKNOWN = "检查码不正确，请核对现场检查笔录上的检查码"
ANONYMOUS = SystemActor(label="被检查单位（匿名评价）")


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch in ALPHABET)[:LENGTH]


grouped = fr.grouped


async def make_code(check_id: int) -> str:
    """The check's code, made once (inside the caller's transaction when there is one)."""
    have = (
        await InspectedCode.select(InspectedCode.code)
        .where(InspectedCode.field_check == check_id)
        .first()
    )
    if have is not None:
        return str(have["code"])
    code = new_code()
    await fetch(
        "INSERT INTO inspected_code (field_check, code, created_at) VALUES ({}, {}, {}) "
        "ON CONFLICT (field_check) DO NOTHING",
        check_id, code, clock.now(),
    )  # fmt: skip
    return await code_of(check_id) or code


async def code_of(check_id: int) -> str | None:
    row = (
        await InspectedCode.select(InspectedCode.code)
        .where(InspectedCode.field_check == check_id)
        .first()
    )
    return None if row is None else str(row["code"])


async def backfill(on: object = None) -> int:
    """Codes for checks recorded before 检查码 existed (daily; idempotent)."""
    del on
    have = {r["field_check"] for r in await InspectedCode.select(InspectedCode.field_check)}
    made = 0
    for r in await FieldCheck.select(FieldCheck.id):
        if r["id"] not in have:
            async with transaction():
                await make_code(r["id"])
            made += 1
    return made


async def _check_of(code: str) -> dict[str, Any]:
    found = (
        await InspectedCode.select(InspectedCode.field_check)
        .where(InspectedCode.code == normalise(code))
        .first()
    )
    if found is None or len(normalise(code)) != LENGTH:
        raise NotFound(UNKNOWN)
    row = (
        await FieldCheck.select()
        .where(FieldCheck.id == found["field_check"])
        .first()
        .output(load_json=True)
    )
    if row is None:
        raise NotFound(UNKNOWN)
    return row


async def _visit(row: dict[str, Any], base_url: str) -> dict[str, Any]:
    out = await check_out(row)
    follow = {
        r["finding"]: r for r in await FollowUp.select().where(FollowUp.field_check == row["id"])
    }
    finding_ids = [
        r["id"]
        for r in await fetch(
            "SELECT id FROM check_finding WHERE field_check = {} ORDER BY position", row["id"]
        )
    ]
    findings = []
    for fid, f in zip(finding_ids, out.findings, strict=False):
        u = follow.get(fid)
        findings.append(
            {
                "code": f.code,
                "name": f.name,
                "text": f.text,
                "basis": f.basis,
                "due_on": u["due_on"] if u else out.rectify_due,
                "state_label": fr.FollowUpState(u["state"]).label if u else "",
            }
        )
    documents = [
        {
            "title": kind.title,
            "number": check_documents.number(name, row),
            "verify_url": f"{base_url}/verify/checks/{row['public_id']}/{name}",
        }
        for name, kind in check_documents.KINDS.items()
        if check_documents.exists(name, out)
    ]
    return {
        "id": row["id"],
        "number": out.number,
        "day": when(row["started_at"]).astimezone(clock.CHINA).date(),
        "inspectors": [p.name for p in out.inspectors],
        "origin_label": out.origin.label,
        "findings": findings,
        "documents": documents,
    }


async def history(code: str, base_url: str) -> dict[str, Any]:
    """The party's own checks, newest first, and whether this code's visit may still be rated."""
    row = await _check_of(code)
    same = (
        await FieldCheck.select()
        .where(
            (FieldCheck.target_kind == row["target_kind"])
            & (FieldCheck.target_id == row["target_id"])
        )
        .order_by(FieldCheck.started_at, ascending=False)
        .output(load_json=True)
    )
    rated = (
        await CheckRating.select(CheckRating.rating)
        .where(CheckRating.field_check == row["id"])
        .first()
    )
    return {
        "party": row["target_name"],
        "this_check": row["id"],
        "visits": [await _visit(r, base_url) for r in same],
        "rated_label": fr.Rating(rated["rating"]).label if rated else "",
        "may_rate": rated is None,
    }


async def rate(code: str, rating: fr.Rating, comment: str) -> None:
    """Rate the code's visit once, anonymously (no name, account or address is kept)."""
    row = await _check_of(code)
    async with transaction():
        made = await fetch(
            "INSERT INTO check_rating (field_check, rating, comment, rated_on) "
            "VALUES ({}, {}, {}, {}) ON CONFLICT (field_check) DO NOTHING RETURNING id",
            row["id"], rating.value, comment.strip()[:500], clock.today(),
        )  # fmt: skip
        if not made:
            raise RuleViolation("这次检查已经评价过，每次检查只能评价一次", field="rating")
        await audit.record(
            ANONYMOUS, "check_rating:rate", "field_check", row["id"],
            after={"rating": rating.value},
        )  # fmt: skip
