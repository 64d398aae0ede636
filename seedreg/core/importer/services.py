"""Preview, commit and the template of an import (see ``declaration`` for what a domain gives)."""

from __future__ import annotations

import asyncio
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from seedreg.core.audit import services as audit
from seedreg.core.audit.services import ActorLike
from seedreg.core.db import transaction
from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.importer import store
from seedreg.core.importer.declaration import Importer, Mode, ParsedRow, Preview, text
from seedreg.core.importer.reading import add_domain_error, read_rows


async def _check(importer: Importer, rows: list[ParsedRow]) -> None:
    """The domain's own rules on each row that parsed (species on the list, thresholds…)."""
    if importer.check is None:
        return
    for row in rows:
        if row.ok:
            try:
                await importer.check(row.model)
            except DomainError as exc:
                add_domain_error(importer, row, exc)


async def _read(importer: Importer, token: str, filename: str, content: bytes) -> Preview:
    headers, rows = await asyncio.to_thread(read_rows, importer, content, filename)
    await _check(importer, rows)
    return Preview(token=token, filename=filename, headers=headers, rows=rows)


async def preview(importer: Importer, actor: ActorLike, filename: str, content: bytes) -> Preview:
    """Read an upload and keep it for the commit; refused (Chinese) if it is not a bounded xlsx
    with the declared header. Nothing is written to the database."""
    checked = await _read(importer, "", filename, content)
    checked.token = store.put(importer.name, actor.user_id, filename, content)
    return checked


async def load_preview(importer: Importer, actor: ActorLike, token: str) -> Preview:
    info, content = store.get(importer.name, actor.user_id, token)
    return await _read(importer, token, info["filename"], content)


async def commit(importer: Importer, actor: ActorLike, token: str, mode: Mode) -> dict[str, Any]:
    """Save the rows in one transaction: all of them (refused if any has an error) or only the
    valid ones. One audit event for the import with its counts; each saved row audits itself."""
    checked = await load_preview(importer, actor, token)
    bad = [r for r in checked.rows if not r.ok]
    if mode is Mode.ALL_OR_NOTHING and bad:
        raise RuleViolation(
            f"有 {len(bad)} 行有错误，按“全部导入”未导入任何行：请改正后重新上传，"
            "或选择只导入无错误的行"
        )
    good = checked.valid
    if not good:
        raise RuleViolation("没有可导入的行：每一行都有错误")
    saved: list[Any] = []
    async with transaction():
        for row in good:
            try:
                saved.append(await importer.save(actor, row.model))
            except DomainError as exc:  # the whole transaction rolls back
                raise RuleViolation(f"第{row.row}行：{exc.message}（未导入任何行）") from None
        counts = {
            "importer": importer.name,
            "file": checked.filename,
            "mode": mode.value,
            "rows": len(checked.rows),
            "imported": len(good),
            "skipped": len(bad),
            "skipped_rows": [r.row for r in bad],
        }
        await audit.record(actor, f"import:{importer.name}", "import", token, after=counts)
    store.drop(token)
    return {**counts, "saved": saved}


def template_xlsx(importer: Importer) -> bytes:
    """The sheet to fill: the header row (required columns marked *), text columns formatted as
    text so that Excel keeps "2-2" as written; a second sheet explains each column."""
    book = Workbook()
    sheet = book.active
    sheet.title = importer.title[:31]
    bold = Font(bold=True)
    for index, column in enumerate(importer.columns, start=1):
        cell = sheet.cell(
            row=1, column=index, value=column.header + ("*" if column.required else "")
        )
        cell.font = bold
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(10, len(column.header) * 2 + 4)
        if column.parser is text:
            for row in range(2, importer.max_rows + 2):
                sheet.cell(row=row, column=index).number_format = "@"
    notes = book.create_sheet("填写说明")
    notes.append(["列", "必填", "说明"])
    for column in importer.columns:
        notes.append([column.header, "是" if column.required else "", column.hint])
    notes.append([])
    notes.append(["第1行是表头，请勿修改；从第2行起每行一条。标 * 的列必须填写。"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
