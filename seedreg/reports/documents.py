"""The monthly statistics report as a PDF: the dashboard's charts of the area as counted when
printed, and the month's published figures of the area's offices (国办发〔2019〕51号), with the
period, the office and the day printed. Its QR code leads to the public publication page of
that month, where anyone compares the published figures with the paper."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.pdf import render_pdf_async
from seedreg.reference.authorities import AuthorityKind, names
from seedreg.reference.services import division_name
from seedreg.reports import dashboard, published
from seedreg.reports import rules as r

TEMPLATE = "report_monthly.html"


async def monthly_context(actor: Actor, month: str, division: str, base_url: str) -> dict[str, Any]:
    chosen = published.chosen_month(month)
    board = await dashboard.board(actor, division)
    area = division or actor.jurisdiction or ""
    bureaus = await names(AuthorityKind.BUREAU)
    offices = [o for o in await published.offices(chosen) if r.within(area, o.division_code)]
    return {
        "month_words": f"{chosen[:4]}年{int(chosen[5:])}月",
        "area_name": await division_name(area),
        "authority": bureaus.get(area) or await division_name(area),
        "printed_on": clock.today(),
        "board": board,
        "offices": offices,
        "columns": r.PUBLISHED,
        "verify_url": f"{base_url.rstrip('/')}/reports/public?month={chosen}",
    }


async def monthly_pdf(actor: Actor, month: str, division: str, base_url: str) -> bytes:
    return await render_pdf_async(TEMPLATE, await monthly_context(actor, month, division, base_url))
