"""Preview, commit and the template of an import (see ``declaration`` for what a domain gives).
Rows stream from a reader thread in batches (``streaming``), so neither the preview nor the
commit holds a whole file's rows."""

from __future__ import annotations

from typing import Any

from seedreg.core.audit import services as audit
from seedreg.core.audit.services import ActorLike
from seedreg.core.db import transaction
from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.importer import store
from seedreg.core.importer.cells import code, name
from seedreg.core.importer.declaration import Importer, Mode, ParsedRow, Preview, text
from seedreg.core.importer.reading import add_domain_error
from seedreg.core.importer.streaming import batches
from seedreg.core.xlsx import SheetSpec, workbook

TEXTUAL = (text, code, name)  # columns the template formats as text
AUDITED_ROWS = 1000  # skipped row numbers kept in the audit event; the count is always exact


async def _check(importer: Importer, rows: list[ParsedRow], prepared: Any) -> None:
    """The domain's own rules on each row that parsed (species on the list, thresholds…)."""
    if importer.check is None and importer.check_in is None:
        return
    for row in rows:
        if row.ok:
            try:
                if importer.check is not None:
                    await importer.check(row.model)
                if importer.check_in is not None:
                    await importer.check_in(prepared, row.model)
            except DomainError as exc:
                add_domain_error(importer, row, exc)


async def _prepared(importer: Importer, actor: ActorLike) -> Any:
    return await importer.prepare(actor) if importer.prepare is not None else None


async def _read(
    importer: Importer, actor: ActorLike, token: str, filename: str, content: bytes
) -> Preview:
    checked = Preview(token=token, filename=filename, headers=[])
    prepared = await _prepared(importer, actor)
    async for headers, rows in batches(importer, content, filename):
        checked.headers = headers
        await _check(importer, rows, prepared)
        for row in rows:
            checked.add(row)
    return checked


async def preview(importer: Importer, actor: ActorLike, filename: str, content: bytes) -> Preview:
    """Read an upload and keep it for the commit; refused (Chinese) if it is not a bounded xlsx
    with the declared header. Nothing is written to the database."""
    checked = await _read(importer, actor, "", filename, content)
    checked.token = store.put(importer.name, actor.user_id, filename, content)
    return checked


async def load_preview(importer: Importer, actor: ActorLike, token: str) -> Preview:
    info, content = store.get(importer.name, actor.user_id, token)
    return await _read(importer, actor, token, info["filename"], content)


def _refused(bad: int) -> RuleViolation:
    return RuleViolation(
        f"有 {bad} 行有错误，按“全部导入”未导入任何行：请改正后重新上传，或选择只导入无错误的行"
    )


async def _save_all(
    importer: Importer, actor: ActorLike, content: bytes, filename: str, mode: Mode
) -> tuple[int, int, list[int], list[Any]]:
    """(rows, imported, skipped row numbers, what each save returned) — inside the caller's
    transaction; a row going bad between preview and commit in all-or-nothing mode refuses."""
    total, saved, skipped = 0, list[Any](), list[int]()
    prepared = await _prepared(importer, actor)
    async for _headers, rows in batches(importer, content, filename):
        await _check(importer, rows, prepared)
        total += len(rows)
        skipped.extend(r.row for r in rows if not r.ok)
        if skipped and mode is Mode.ALL_OR_NOTHING:
            raise _refused(len(skipped))
        saved.extend(await _save(importer, actor, prepared, [r for r in rows if r.ok]))
    return total, len(saved), skipped, saved


async def _save(
    importer: Importer, actor: ActorLike, prepared: Any, rows: list[ParsedRow]
) -> list[Any]:
    """Store a batch's valid rows; a refusal rolls the whole import back."""
    if not rows:
        return []
    if importer.save_batch is not None:
        try:
            return await importer.save_batch(actor, prepared, [r.model for r in rows])
        except DomainError as exc:
            where = f"第{rows[0].row}–{rows[-1].row}行之间"
            raise RuleViolation(f"{where}：{exc.message}（未导入任何行）") from None
    saved = []
    save = importer.save
    assert save is not None, "an importer declares save or save_batch"
    for row in rows:
        try:
            saved.append(await save(actor, row.model))
        except DomainError as exc:  # the whole transaction rolls back
            raise RuleViolation(f"第{row.row}行：{exc.message}（未导入任何行）") from None
    return saved


async def commit(importer: Importer, actor: ActorLike, token: str, mode: Mode) -> dict[str, Any]:
    """Save the rows in one transaction: all of them (refused, nothing written, if any has an
    error) or only the valid ones. One audit event for the import with its counts; each saved
    row audits itself."""
    info, content = store.get(importer.name, actor.user_id, token)
    filename = info["filename"]
    if mode is Mode.ALL_OR_NOTHING:
        checked = await _read(importer, actor, token, filename, content)
        if checked.bad_count:
            raise _refused(checked.bad_count)
    async with transaction():
        total, imported, skipped, saved = await _save_all(importer, actor, content, filename, mode)
        if not imported:
            raise RuleViolation("没有可导入的行：每一行都有错误")
        counts = {
            "importer": importer.name,
            "file": filename,
            "mode": mode.value,
            "rows": total,
            "imported": imported,
            "skipped": len(skipped),
            "skipped_rows": skipped[:AUDITED_ROWS],
        }
        await audit.record(actor, f"import:{importer.name}", "import", token, after=counts)
    store.drop(token)
    return {**counts, "saved": saved}


def template_xlsx(importer: Importer) -> bytes:
    """The sheet to fill: the header row (required columns marked *), text columns formatted as
    text so that Excel keeps "2-2" as written; a second sheet explains each column with an
    example (kept off the sheet to fill, so an untouched example is never imported)."""
    columns = importer.columns
    fill = SheetSpec(
        title=importer.title,
        headers=[c.header + ("*" if c.required else "") for c in columns],
        text_columns=[i for i, c in enumerate(columns) if c.parser in TEXTUAL],
    )
    notes = SheetSpec(
        title="填写说明",
        headers=["列", "必填", "说明", "示例"],
        rows=[
            *([c.header, "是" if c.required else "", c.hint, c.sample] for c in columns),
            [],
            ["第1行是表头，请勿修改；从第2行起每行一条。标 * 的列必须填写。"],
            ["请直接填写数值，不要用公式，不要合并单元格。"],
        ],
        widths=(18, 6, 50, 30),
    )
    return workbook(fill, notes)
