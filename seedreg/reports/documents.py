"""The monthly and annual statistics report as a PDF: the period's fields per banner and their
total, the period's charts, the period, the office and the day printed. Each print is recorded
with its figures; its QR code leads to that record's public page, where anyone compares the
paper with the figures as printed."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.pdf import render_pdf_async
from seedreg.reports import period_report, prints

PERIOD_TEMPLATE = "report_period.html"


async def period_context(actor: Actor, period: str, division: str, base_url: str) -> dict[str, Any]:
    """The period report as printed; the print is recorded first, so its QR code leads to the
    record of exactly these figures (/reports/verify/…)."""
    report = await period_report.report(actor, period, division)
    printed = await prints.record_print(actor, report)
    return {
        "report": report,
        "authority": report.authority,
        "printed_on": clock.today(),
        "digest": printed.digest,
        "verify_url": f"{base_url.rstrip('/')}/reports/verify/{printed.public_id}",
    }


async def period_pdf(actor: Actor, period: str, division: str, base_url: str) -> bytes:
    context = await period_context(actor, period, division, base_url)
    return await render_pdf_async(PERIOD_TEMPLATE, context)
