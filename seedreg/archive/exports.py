"""An official's export of an operator's archive for a date range (种子法第四十九条: the
authorities inspect and copy the archive): one xlsx workbook and one PDF whose QR code leads
to the public page confirming the export. Each export is recorded and audited."""

from __future__ import annotations

import io
import secrets
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from seedreg.accounts.rules import Actor
from seedreg.archive import findings, rules, services
from seedreg.archive.rule_settings import RETENTION_YEARS
from seedreg.archive.schemas import EntryOut
from seedreg.archive.tables import ArchiveExport
from seedreg.core import clock, rulesettings
from seedreg.core.audit import services as audit
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.core.pdf import render_pdf_async
from seedreg.organisations.tables import Organisation

MAX_DAYS = 366 * 10  # the retention period at most
COLUMNS = (
    "日期", "类别", "批次号", "树种", "数量", "责任人", "生产作业", "种子来源", "生产地点",
    "投入品", "购买方/供货方", "购买方联系方式", "销售去向", "调运检疫证书编号", "所售标签",
    "备注", "更正",
)  # fmt: skip


def _range(date_from: date, date_to: date) -> None:
    if date_to < date_from:
        raise RuleViolation("截止日期不能早于起始日期", field="date_to")
    if (date_to - date_from).days > MAX_DAYS:
        raise RuleViolation("导出范围最长 10 年", field="date_from")


def _row(entry: EntryOut) -> list[str]:
    d = entry.details
    corrections = "；".join(
        f"{c.corrected_at:%Y-%m-%d} {c.reason}："
        + "，".join(f"{x.label} {x.old}→{x.new}" for x in c.changes)
        for c in entry.corrections
    )
    labels = f"{entry.serial_spec}（{entry.serial_count} 张）" if entry.serial_count else ""
    return [
        entry.occurred_on.isoformat(), entry.kind_label, entry.lot_number, entry.species,
        entry.quantity_text, entry.responsible, d.get("activity", ""), d.get("seed_source", ""),
        d.get("site", ""), d.get("inputs", ""), d.get("counterparty", ""),
        d.get("buyer_contact", ""), d.get("destination", ""), d.get("certificate_number", ""),
        labels, d.get("note", ""), corrections,
    ]  # fmt: skip


async def _gather(
    actor: Actor, organisation_id: int, date_from: date, date_to: date
) -> dict[str, Any]:
    if not rules.may_export(actor):
        raise Forbidden("档案导出由主管部门工作人员办理")
    _range(date_from, date_to)
    org = await services.organisation(actor, organisation_id)
    entries = await services.entries(actor, organisation_id, date_from, date_to)
    lots = []
    for year in range(date_from.year, date_to.year + 1):
        lots += await findings.lot_gaps(organisation_id, year)
    return {"organisation": org, "entries": entries, "lots": lots}


async def _record(
    actor: Actor, organisation_id: int, date_from: date, date_to: date, count: int
) -> str:
    public_id = secrets.token_urlsafe(12)
    row = ArchiveExport(
        public_id=public_id,
        organisation=organisation_id,
        date_from=date_from,
        date_to=date_to,
        entry_count=count,
        exported_by=actor.user_id,
        exporter_label=actor.label[:80],
        exported_at=clock.now(),
    )
    await row.save()
    await audit.record(
        actor, "archive:export", "archive_export", row.id,
        after={"organisation": organisation_id, "from": date_from, "to": date_to, "entries": count},
    )  # fmt: skip
    return public_id


async def xlsx(actor: Actor, organisation_id: int, date_from: date, date_to: date) -> bytes:
    data = await _gather(actor, organisation_id, date_from, date_to)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "档案记录"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for entry in data["entries"]:
        sheet.append(_row(entry))
    gaps = book.create_sheet("完整性检查")
    gaps.append(["年度", "批次号", "树种", "是否齐全", "缺少的内容", "相关证书"])
    for lot in data["lots"]:
        gaps.append(
            [
                lot.year, lot.lot_number, lot.species, "齐全" if lot.complete else "不齐全",
                "；".join(g.text for g in lot.gaps), "；".join(c.text for c in lot.certificates),
            ]
        )  # fmt: skip
    await _record(actor, organisation_id, date_from, date_to, len(data["entries"]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def pdf(
    actor: Actor, organisation_id: int, date_from: date, date_to: date, base_url: str
) -> bytes:
    data = await _gather(actor, organisation_id, date_from, date_to)
    public_id = await _record(actor, organisation_id, date_from, date_to, len(data["entries"]))
    context = {
        **data,
        "date_from": date_from,
        "date_to": date_to,
        "exported_on": clock.today(),
        "retention_years": await rulesettings.value(RETENTION_YEARS),
        "authority": actor.label,
        "verify_url": f"{base_url}/verify/archive/{public_id}",
        "basis": rules.BASIS,
    }
    return await render_pdf_async("archive_export.html", context)


async def verify(public_id: str) -> dict[str, Any]:
    """The public page of an exported archive: who, whose, which range, how many records
    (no content: the archive holds buyers' details)."""
    row = await ArchiveExport.select().where(ArchiveExport.public_id == public_id).first()
    if row is None:
        raise NotFound("未找到该档案导出记录，打印件可能不是本系统出具的")
    org = (
        await Organisation.select(Organisation.name)
        .where(Organisation.id == row["organisation"])
        .first()
    )
    return {**row, "organisation_name": org["name"] if org else ""}
