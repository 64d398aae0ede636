"""Contracts, invoices and other papers of the archive (档案管理办法第六条第（二）项): typed by
their bytes and stored outside the web root, as the matters' uploads are (``matters.uploads``:
the same name check, sniffing and folder), audited, never deleted."""

from __future__ import annotations

import hashlib
import secrets
from pathlib import Path
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.archive import rules
from seedreg.archive.rules import DocumentKind
from seedreg.archive.schemas import DocumentOut
from seedreg.archive.services import document_out
from seedreg.archive.tables import ArchiveDocument, ArchiveEntry
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import NotFound, RuleViolation
from seedreg.lots.tables import Lot
from seedreg.matters.uploads import ALLOWED_TYPES, safe_display_name, sniff, upload_dir
from seedreg.settings import get_settings

NOT_FOUND = "未找到该档案材料"


async def attach(
    actor: Actor,
    *,
    lot_id: int,
    entry_id: int | None,
    kind: str,
    filename: str,
    content: bytes,
) -> DocumentOut:
    """Attach a paper to a lot (and to one of its records, e.g. the sale it proves)."""
    lot = await Lot.select(Lot.id, Lot.organisation).where(Lot.id == lot_id).first()
    if lot is None or not rules.may_record(actor, lot["organisation"]):
        raise RuleViolation("批次不存在或不属于本单位", field="lot_id")
    if entry_id is not None:
        entry = (
            await ArchiveEntry.select(ArchiveEntry.lot).where(ArchiveEntry.id == entry_id).first()
        )
        if entry is None or entry["lot"] != lot_id:
            raise RuleViolation("该档案记录不属于这个批次", field="entry_id")
    if kind not in {k.value for k in DocumentKind}:
        raise RuleViolation("请选择材料类别", field="kind")
    name = safe_display_name(filename)
    limit = get_settings().max_upload_bytes
    if not 0 < len(content) <= limit:
        raise RuleViolation(f"文件为空或超过{limit // 1_000_000}MB上限", field="file")
    mime = sniff(content)
    stored = f"{secrets.token_hex(16)}.{ALLOWED_TYPES[mime]}"
    (upload_dir() / stored).write_bytes(content)
    async with transaction():
        row = ArchiveDocument(
            organisation=lot["organisation"],
            entry=entry_id,
            lot=lot_id,
            kind=kind,
            original_name=name,
            stored_name=stored,
            content_type=mime,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            uploaded_by=actor.user_id,
            uploaded_at=clock.now(),
        )
        await row.save()
        await audit.record(
            actor, "archive_document:attach", "archive_document", row.id,
            after={"kind": kind, "original_name": name, "lot": lot_id, "entry": entry_id},
        )  # fmt: skip
    found = await ArchiveDocument.select().where(ArchiveDocument.id == row.id).first()
    assert found is not None
    return document_out(found)


async def lot_documents(organisation_id: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = await ArchiveDocument.select().where(
        ArchiveDocument.organisation == organisation_id
    )
    return rows


async def file(actor: Actor, document_id: int) -> tuple[Path, str, str]:
    """The stored file, its name and type, if the actor may see the archive."""
    row = await ArchiveDocument.select().where(ArchiveDocument.id == document_id).first()
    if row is None:
        raise NotFound(NOT_FOUND)
    lot = await Lot.select(Lot.division_code).where(Lot.id == row["lot"]).first()
    if lot is None or not rules.may_see(actor, row["organisation"], lot["division_code"]):
        raise NotFound(NOT_FOUND)
    return upload_dir() / row["stored_name"], row["original_name"], row["content_type"]
