"""The filing receipt (林木种子生产经营备案回执, 种子法 Art. 38 ¶1) and the other notices of a
filing as PDFs, from the stored notice (what was filed, as it was filed), with a QR code to
the notices' public verification page."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.errors import NotFound
from seedreg.core.pdf import render_pdf_async
from seedreg.filings import services
from seedreg.filings.rules import BASIS, FilingKind
from seedreg.matters.tables import Notice
from seedreg.organisations.tables import Organisation
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind

# What the receipt prints of each kind's details, in order (the schema's field names).
DETAIL_LINES = {
    FilingKind.BRANCH: (
        ("licence_number", FilingKind.BRANCH.licence_label),
        ("branch_name", "分支机构名称"),
        ("address", "经营场所地址"),
        ("person_in_charge", "负责人"),
    ),
    FilingKind.PACKAGED_SELLER: (
        ("licence_number", FilingKind.PACKAGED_SELLER.licence_label),
        ("varieties", "经营的品种"),
    ),
    FilingKind.COMMISSIONED: (
        ("licence_number", FilingKind.COMMISSIONED.licence_label),
        ("commission_from", "委托期限起"),
        ("commission_to", "委托期限止"),
        ("scope", "委托范围"),
    ),
}


def detail_lines(kind: FilingKind, details: dict[str, Any]) -> list[tuple[str, str]]:
    lines = []
    for key, label in DETAIL_LINES[kind]:
        value = details.get(key, "")
        lines.append((label, "、".join(value) if isinstance(value, list) else str(value)))
    return lines


async def receipt_context(actor: Actor, notice_id: int, base_url: str) -> dict[str, Any]:
    """Everything a filing notice prints, from stored records only."""
    row = await Notice.select().where(Notice.id == notice_id).first().output(load_json=True)
    if row is None:
        raise NotFound("未找到该文书")
    application = await services.load(actor, row["application"])  # the access check
    org = await Organisation.select().where(Organisation.id == application["organisation"]).first()
    bureau = await authorities.authority(AuthorityKind.BUREAU, application["division_code"])
    kind = FilingKind(application["sub_item"])
    details = (row["content"] or {}).get("details") or application["details"] or {}
    return {
        "notice": row,
        "title": services.notice_title(row["kind"]),
        "application": application,
        "kind_label": kind.label,
        "lines": detail_lines(kind, details),
        "basis": BASIS,
        "organisation": org,
        "authority": bureau.name,
        "verify_url": f"{base_url}/verify/notices/{row['public_id']}",
    }


# The notices of a filing that have a print of their own (the template under templates/pdf/),
# in 备案 wording (licensing's speak of a licence application).
PRINTED = {
    "filing_receipt": "filing_receipt.html",
    "supplement": "filing_supplement.html",
    "rejection": "filing_rejection.html",
}


async def receipt_pdf(actor: Actor, notice_id: int, base_url: str) -> bytes:
    context = await receipt_context(actor, notice_id, base_url)
    template = PRINTED.get(context["notice"]["kind"])
    if template is None:
        raise NotFound("该文书暂不提供打印件，请在备案详情中查看")
    return await render_pdf_async(template, context)
