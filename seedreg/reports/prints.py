"""The record of each printed period report. A paper report is only as good as the figures it
shows: each print keeps the figures exactly as printed and their SHA-256, audited, and the
paper's QR code leads to a public page showing that record, so a reader compares the paper
with it. Counts only: the record holds no applicant, operator or person (the printer's user id
is kept for the audit, never shown)."""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import NotFound
from seedreg.reports.period_report import PeriodReport
from seedreg.reports.report_fields import parse_period
from seedreg.reports.tables import ReportPrint


@dataclass(frozen=True)
class Printed:
    public_id: str
    period: str
    period_words: str
    kind_words: str
    division_code: str
    authority: str
    printed_at: datetime
    figures: dict[str, Any]  # {fields, lines, total} as figures_of builds them
    digest: str


def figures_of(report: PeriodReport) -> dict[str, Any]:
    """The report's figures as printed: the fields, each banner's line and the total."""
    return {
        "fields": [{"key": f.key, "name": f.name, "unit": f.unit} for f in report.fields],
        "lines": [
            {"division_code": x.division_code, "name": x.name, "figures": x.figures}
            for x in report.lines
        ],
        "total": report.total,
    }


def digest_of(figures: dict[str, Any]) -> str:
    canonical = json.dumps(figures, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def record_print(actor: Actor, report: PeriodReport) -> Printed:
    """Keep the report as printed (audited ``report:print``) and hand back its record."""
    figures = figures_of(report)
    row = ReportPrint(
        public_id=secrets.token_hex(12),
        period=report.period.text,
        division_code=report.division or actor.jurisdiction or "",
        authority=report.authority[:120],
        printed_at=clock.now(),
        printed_by=actor.user_id,
        figures=json.dumps(figures, ensure_ascii=False),
        digest=digest_of(figures),
    )
    async with transaction():
        await row.save()
        await audit.record(
            actor,
            "report:print",
            "report_print",
            row.id,
            after={"period": row.period, "division_code": row.division_code, "digest": row.digest},
        )
    return _printed(row.to_dict(), report.period.words, report.period.kind_words)


async def verify(public_id: str) -> Printed:
    """The record behind a printed report's QR code; NotFound when there is none."""
    row = await ReportPrint.select().where(ReportPrint.public_id == public_id[:32]).first()
    if row is None:
        raise NotFound("系统中没有这份统计报表的打印记录")
    period = parse_period(row["period"])
    return _printed(row, period.words, period.kind_words)


def _printed(row: dict[str, Any], words: str, kind: str) -> Printed:
    figures = row["figures"]
    return Printed(
        public_id=row["public_id"],
        period=row["period"],
        period_words=words,
        kind_words=kind,
        division_code=row["division_code"],
        authority=row["authority"],
        printed_at=row["printed_at"],
        figures=json.loads(figures) if isinstance(figures, str) else figures,
        digest=row["digest"],
    )
