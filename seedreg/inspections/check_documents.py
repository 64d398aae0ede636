"""The documents of an on-site check as PDFs, from the stored record only: 现场检查笔录,
责令改正通知书 (where findings exist), 抽样记录 and 先行登记保存通知书. Each carries a QR code
to the public verification page of that document (/verify/checks/{public_id}/{kind})."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.errors import NotFound
from seedreg.core.pdf import render_pdf_async
from seedreg.inspections import check_rules as cr
from seedreg.inspections import checks, evidence
from seedreg.inspections import followup_rules as fr
from seedreg.inspections.check_out import check_out, when
from seedreg.inspections.check_schemas import CheckOut
from seedreg.inspections.tables import InspectedCode
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind


@dataclass(frozen=True)
class Kind:
    title: str
    prefix: str  # of the document number
    template: str


KINDS = {
    "record": Kind("现场检查笔录", "兴林检", "check_record.html"),
    "rectification": Kind("责令改正通知书", "兴林责改", "check_rectification.html"),
    "sampling": Kind("抽样记录", "兴林抽", "check_sampling.html"),
    "seizure": Kind("先行登记保存通知书", "兴林先保", "check_seizure.html"),
}


def number(kind: str, row: dict[str, Any]) -> str:
    year = when(row["started_at"]).astimezone(clock.CHINA).year
    return f"{KINDS[kind].prefix}〔{year}〕{row['id']}号"


def exists(kind: str, out: CheckOut) -> bool:
    return {
        "record": True,
        "rectification": bool(out.findings),
        "sampling": bool(out.samples),
        "seizure": out.seizure is not None,
    }.get(kind, False)


async def context(row: dict[str, Any], kind: str, base_url: str) -> dict[str, Any]:
    out = await check_out(row)
    if kind not in KINDS or not exists(kind, out):
        raise NotFound("这次检查没有该文书")
    bureau = await authorities.authority(AuthorityKind.BUREAU, row["division_code"])
    png = await evidence.signature_png(row["id"], out.signature.photo_key)
    return {
        "title": KINDS[kind].title,
        "number": number(kind, row),
        "check": out,
        "record_number": number("record", row),
        "issued_on": out.started_at.astimezone(clock.CHINA).date(),
        "authority": bureau.name,
        "signature_uri": f"data:image/png;base64,{base64.b64encode(png).decode()}" if png else "",
        "origin_label": out.origin.label,
        "result_labels": {r.value: r.label for r in cr.ItemResult},
        "record_basis": cr.RECORD_BASIS,
        "sampling_basis": cr.SAMPLING_BASIS,
        "seizure_basis": cr.SEIZURE_BASIS,
        "seizure_workdays": cr.SEIZURE_DECISION_WORKDAYS,
        "verify_url": f"{base_url}/verify/checks/{row['public_id']}/{kind}",
        **await _inspected(row["id"], base_url),
    }


async def _inspected(check_id: int, base_url: str) -> dict[str, str]:
    """The inspected business's 检查码 and the address its QR leads to (issue 23)."""
    found = (
        await InspectedCode.select(InspectedCode.code)
        .where(InspectedCode.field_check == check_id)
        .first()
    )
    code = str(found["code"]) if found else ""
    return {
        "inspected_code": fr.grouped(code),
        "inspected_url": f"{base_url}/inspected/{code}" if code else "",
    }


async def pdf(actor: Actor, check_id: int, kind: str, base_url: str) -> tuple[bytes, str]:
    row = await checks.load(actor, check_id)
    found = await context(row, kind, base_url)
    return await render_pdf_async(KINDS[kind].template, found), f"check-{check_id}-{kind}.pdf"


async def public_document(public_id: str, kind: str) -> dict[str, Any]:
    """What the public verification page shows: the document's name, number, date and issuer;
    nothing of what was found (an investigation is not public until decided)."""
    row = await checks.by_public_id(public_id)
    if row is None or kind not in KINDS or not exists(kind, await check_out(row)):
        raise NotFound("系统中没有这份文书")
    bureau = await authorities.authority(AuthorityKind.BUREAU, row["division_code"])
    return {
        "title": KINDS[kind].title,
        "number": number(kind, row),
        "issued_on": when(row["started_at"]).astimezone(clock.CHINA).date(),
        "authority": bureau.name,
    }
