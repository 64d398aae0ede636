"""The documents of a case as PDFs, from the stored record: 立案审批表, 行政处罚事先告知书 and
行政处罚决定书. Each carries a QR code to its public verification page
(/verify/cases/{public_id}/{kind})."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.cases import cases, rules
from seedreg.cases import rule_settings as cs
from seedreg.cases.tables import Case
from seedreg.core import rulesettings as rs
from seedreg.core.errors import NotFound
from seedreg.core.pdf import render_pdf_async
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind


@dataclass(frozen=True)
class Kind:
    title: str
    template: str
    day: str  # the row's date the document carries


KINDS = {
    "opening": Kind("立案审批表", "case_opening.html", "opened_on"),
    "notice": Kind("行政处罚事先告知书", "case_notice.html", "notified_on"),
    "decision": Kind("行政处罚决定书", "case_decision.html", "decided_on"),
}


def number(kind: str, row: dict[str, Any]) -> str:
    prefix = {"opening": "兴林罚立", "notice": "兴林罚告", "decision": "兴林罚决"}[kind]
    return row["number"].replace("兴林罚立", prefix)


def issued_on(kind: str, row: dict[str, Any]) -> date | None:
    return row[KINDS[kind].day] if kind in KINDS else None


async def context(actor: Actor, row: dict[str, Any], kind: str, base_url: str) -> dict[str, Any]:
    if issued_on(kind, row) is None:
        raise NotFound("本案还没有该文书")
    bureau = await authorities.authority(AuthorityKind.BUREAU, row["division_code"])
    return {
        "title": KINDS[kind].title,
        "number": number(kind, row),
        "case": await cases.out(actor, row),
        "row": row,
        "issued_on": issued_on(kind, row),
        "authority": bureau.name,
        "defence_days": int(await rs.value(cs.DEFENCE_DAYS)),
        "hearing_days": rules.HEARING_REQUEST_WORKDAYS,
        "review_days": rules.REVIEW_DAYS,
        "lawsuit_months": rules.LAWSUIT_MONTHS,
        "pay_days": rules.PAY_DAYS,
        "penalty": cases.penalty_words(
            row["amount"], row["confiscation"], row["revoked_licence_number"]
        ),
        "proposed": cases.penalty_words(
            row["notice_amount"], row["notice_confiscation"], row["notice_revoke_number"]
        ),
        "verify_url": f"{base_url}/verify/cases/{row['public_id']}/{kind}",
    }


async def pdf(actor: Actor, case_id: int, kind: str, base_url: str) -> tuple[bytes, str]:
    if kind not in KINDS:
        raise NotFound("没有这种文书")
    row = await cases.row_for(actor, case_id)
    found = await context(actor, row, kind, base_url)
    return await render_pdf_async(KINDS[kind].template, found), f"case-{case_id}-{kind}.pdf"


async def public_document(public_id: str, kind: str) -> dict[str, Any]:
    """The public verification page: the document's name, number, date and issuer only."""
    row = await Case.select().where(Case.public_id == public_id[:32]).first()
    if row is None or kind not in KINDS or issued_on(kind, row) is None:
        raise NotFound("系统中没有这份文书")
    bureau = await authorities.authority(AuthorityKind.BUREAU, row["division_code"])
    return {
        "title": KINDS[kind].title,
        "number": number(kind, row),
        "issued_on": issued_on(kind, row),
        "authority": bureau.name,
    }
