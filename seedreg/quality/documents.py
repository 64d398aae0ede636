"""The 质量检验合格证 PDF, built from the stored certificate, its inspection and its lot."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.pdf import render_pdf_async
from seedreg.lots import services as lots
from seedreg.quality import inspections, rules, services

TEMPLATE = "quality_certificate.html"


def build_context(certificate: Any, lot: Any, inspection: Any) -> dict[str, Any]:
    """What ``pdf/quality_certificate.html`` prints, from a ``CertificateOut``, a ``LotOut`` and
    an ``InspectionOut`` (or objects shaped like them). No database."""
    return {
        "cert": certificate,
        "lot": lot,
        "inspection": inspection,
        "indicator_lines": rules.indicator_lines(lot.material, certificate.indicators),
        "standard": certificate.indicators.get("standard", ""),
        "sample_badge": rules.SAMPLE_BADGE if certificate.sample_row else "",
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
    return build_context(certificate, lot, inspection)


async def certificate_pdf(actor: Actor, certificate_id: int) -> bytes:
    return await render_pdf_async(TEMPLATE, await certificate_context(actor, certificate_id))
