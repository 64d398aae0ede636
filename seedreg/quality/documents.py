"""The 质量检验合格证 PDF, built from the stored certificate, its inspection and its lot."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.pdf import render_pdf_async
from seedreg.lots import services as lots
from seedreg.quality import inspections, rules, services, testers
from seedreg.quality.tester_rules import BASIS_TEXT, ISSUER_LABELS, Basis

TEMPLATE = "quality_certificate.html"


def _basis_note(certificate: Any, tester: dict[str, Any] | None) -> str:
    if certificate.basis == Basis.SELF:
        qualification = f"（资格证书 {tester['qualification_number']}）" if tester else ""
        return (
            f"本证由{certificate.authority}依据本单位检验员{certificate.inspector_name}"
            f"{qualification}的自检签发，检验员资格经种苗站核验；种苗站抽检可推翻自检结论"
        )
    return f"本证由{certificate.authority}依据其质量检验签发"


def build_context(
    certificate: Any, lot: Any, inspection: Any, tester: dict[str, Any] | None = None
) -> dict[str, Any]:
    """What ``pdf/quality_certificate.html`` prints, from a ``CertificateOut``, a ``LotOut`` and
    an ``InspectionOut`` (or objects shaped like them), and for a 自检 certificate its tester
    (name, qualification_number). No database."""
    basis = Basis(certificate.basis)
    return {
        "basis_text": f"{BASIS_TEXT[basis]}（{basis.label}）",
        "issuer_label": ISSUER_LABELS[basis],
        "basis_note": _basis_note(certificate, tester),
        "tester_qualification": tester["qualification_number"] if tester else "",
        "cert": certificate,
        "lot": lot,
        "inspection": inspection,
        "indicator_lines": rules.indicator_lines(lot.material, certificate.indicators),
        "standard": certificate.basis_reference,
        "grade_text": (
            f"{rules.roman_grade(certificate.grade)}级"
            + ("苗" if lot.material == "seedling" else "")
        ),
        "verify_url": certificate.verify_url,
        "authority": certificate.authority,
    }


async def certificate_context(actor: Actor, certificate_id: int) -> dict[str, Any]:
    certificate = await services.get(actor, certificate_id)
    lot = await lots.get(actor, certificate.lot_id)
    inspection = await inspections.get(actor, certificate.inspection_id)
    tester = await testers.brief(certificate.tester_id) if certificate.tester_id else None
    return build_context(certificate, lot, inspection, tester)


async def certificate_pdf(actor: Actor, certificate_id: int) -> bytes:
    return await render_pdf_async(TEMPLATE, await certificate_context(actor, certificate_id))
