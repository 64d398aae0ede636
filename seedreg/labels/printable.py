"""What printing prints: LabelContent for labels, the mandatory-field check, the preview with
overflow marks, and single-label PDFs (laid out by seedreg.printing)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor, may_see_record
from seedreg.core.audit.services import SystemActor
from seedreg.core.db import fetch
from seedreg.core.errors import NotFound, RuleViolation
from seedreg.labels import keys, rules, signing
from seedreg.labels.content import PRINT_ORDER, LabelContent, printed
from seedreg.labels.records import load_label
from seedreg.lots.rules import Material, show_quantity
from seedreg.settings import get_settings

_SELECT = (
    "SELECT l.id, l.serial, l.version, l.sequence, l.quantity, l.issued_on, l.status, "
    "i.content, lot.organisation, lot.division_code, lot.material "
    "FROM label l JOIN label_issue i ON i.id = l.issued_in JOIN lot ON lot.id = l.lot "
)
# Print order; the id settles ties (labels of several lots) so that a page of ids fetched with
# ``label_contents(label_ids=…)`` comes back in the same order as in the whole selection.
_ORDER = "l.sequence, l.version, l.id"


def payload_quantity(material: Material, stored: int) -> tuple[int, str]:
    """The signed quantity and unit: 株; whole kilograms as kg; other seed amounts in g."""
    if material is Material.SEEDLING:
        return stored, "株"
    return (stored // 1000, "kg") if stored % 1000 == 0 else (stored, "g")


def build_content(row: dict[str, Any], base_url: str, key: Any) -> LabelContent:
    """One label's LabelContent from its row and its issue's stored content. With no ``key``
    the QR text is left empty: enough to check the mandatory items, and signing is most of
    the cost of building a label (a print job checks the whole selection before rendering)."""
    content = row["content"]
    if isinstance(content, str):
        content = json.loads(content)
    material = Material(row["material"])
    issued_on = row["issued_on"]
    if isinstance(issued_on, str):
        issued_on = date.fromisoformat(issued_on[:10])
    amount, unit = payload_quantity(material, row["quantity"])
    payload = signing.LabelPayload(
        serial=row["serial"],
        lot=content["lot_number"],
        licence_number=content["licence_number"],
        species=content["species"][: signing.MAX_CHARS["species"]],
        quantity=amount,
        unit=unit,
        issued_on=issued_on,
        version=row["version"],
    )
    return LabelContent(
        serial=row["serial"],
        version=row["version"],
        lot_number=content["lot_number"],
        improved=bool(content["improved"]),
        category=content["category"],
        species=content["species"],
        latin_name=content["latin_name"],
        variety=content["variety"],
        approval_number=content["approval_number"],
        suitable_area=content["suitable_area"],
        suitable_season=content["suitable_season"],
        producer=content["producer"],
        registered_address=content["registered_address"],
        quality=content["quality"],
        quality_certificate_number=content["quality_certificate_number"],
        quarantine_number=content["quarantine_number"],
        licence_number=content["licence_number"],
        quantity=show_quantity(material, row["quantity"]),
        produced_on=date.fromisoformat(content["produced_on"]),
        origin=content["origin"],
        phone=content["phone"],
        instructions=content["instructions"],
        variety_right_number=content.get("variety_right_number", ""),
        producer_caption=content.get("producer_caption", "生产经营者"),
        origin_caption=content.get("origin_caption", "产地"),
        qr_text=signing.qr_text(base_url, payload, key) if key is not None else "",
        verify_url=signing.verification_url(base_url, row["serial"]),
    )


def _allowed(actor: Actor | SystemActor, rows: Sequence[dict[str, Any]]) -> bool:
    if isinstance(actor, SystemActor):  # background print jobs, checked when queued
        return True
    return all(
        may_see_record(actor, organisation_id=r["organisation"], division_code=r["division_code"])
        for r in rows
    )


async def label_contents(
    actor: Actor | SystemActor,
    issue_id: int | None = None,
    label_ids: Sequence[int] | None = None,
    *,
    lot_id: int | None = None,
    sequences: tuple[int, int] | None = None,
    valid_only: bool = True,
    signed: bool = True,
) -> list[LabelContent]:
    """What to print, in sequence order: the labels of an issue, the given label ids, or a
    lot's labels with sequence in ``sequences`` (first, last). Void labels are left out unless
    ``valid_only`` is False; ``signed=False`` leaves the QR texts empty (a check, not a print).
    NotFound when any of them is outside the actor's reach."""
    where, args = _selection(issue_id, label_ids, lot_id, sequences)
    if valid_only:
        where, args = f"{where} AND l.status = {{}}", [*args, rules.LabelStatus.VALID.value]
    rows = await fetch(f"{_SELECT} WHERE {where} ORDER BY {_ORDER}", *args)
    if not _allowed(actor, rows):
        raise NotFound("未找到这些标签")
    base_url = get_settings().public_base_url
    key = keys.private_key() if signed else None
    return [build_content(r, base_url, key) for r in rows]


async def ordered_label_ids(
    actor: Actor | SystemActor,
    issue_id: int | None = None,
    label_ids: Sequence[int] | None = None,
    *,
    lot_id: int | None = None,
    sequences: tuple[int, int] | None = None,
    valid_only: bool = True,
) -> list[int]:
    """The ids of what ``label_contents`` would return with the same arguments, in the same
    order, without building the contents (a large print job fetches them page by page with
    ``label_contents(label_ids=page)``). NotFound when any is outside the actor's reach."""
    where, args = _selection(issue_id, label_ids, lot_id, sequences)
    if valid_only:
        where, args = f"{where} AND l.status = {{}}", [*args, rules.LabelStatus.VALID.value]
    if not isinstance(actor, SystemActor):
        owners = await fetch(
            "SELECT DISTINCT lot.organisation, lot.division_code FROM label l "  # noqa: S608 (placeholders only)
            f"JOIN lot ON lot.id = l.lot WHERE {where}",
            *args,
        )
        if not _allowed(actor, owners):
            raise NotFound("未找到这些标签")
    rows = await fetch(f"SELECT l.id FROM label l WHERE {where} ORDER BY {_ORDER}", *args)  # noqa: S608 (placeholders only)
    return [r["id"] for r in rows]


def _selection(
    issue_id: int | None,
    label_ids: Sequence[int] | None,
    lot_id: int | None,
    sequences: tuple[int, int] | None,
) -> tuple[str, list[Any]]:
    if issue_id is not None:
        return "l.issued_in = {}", [issue_id]
    if label_ids is not None:
        ids = [int(i) for i in label_ids][:100_000] or [0]
        return "l.id IN (" + ", ".join("{}" for _ in ids) + ")", ids
    if lot_id is not None and sequences is not None:
        return "l.lot = {} AND l.sequence BETWEEN {} AND {}", [lot_id, *sequences]
    raise RuleViolation("请指定签发记录、标签或批次的序号范围")


def check_printable(contents: Sequence[LabelContent]) -> None:
    """Refuse to print when a label has an empty mandatory field, naming the captions."""
    if not contents:
        raise RuleViolation("没有可打印的有效标签")
    for content in contents:
        if missing := content.missing():
            raise RuleViolation(
                f"标签 {content.serial} 缺少必填项：{'、'.join(missing)}，不能打印",
                details=missing,
            )


def preview(content: LabelContent, layout: str) -> dict[str, Any]:
    """Every printed field in print order, with whether it fits its box in ``layout``."""
    if layout not in rules.FIELD_BOXES:
        raise RuleViolation("未知的标签版式", field="layout")
    boxes = rules.FIELD_BOXES[layout]
    fields = []
    for field in PRINT_ORDER:
        text = printed(content, field, boxes["instructions"])
        if not text:
            continue  # a Latin name awaiting confirmation is not printed
        box = boxes.get(field)
        fits = box is None or rules.fits(text, *box)
        caption = text.split("：", 1)[0]  # a repacked lot's producer is its 分装单位
        fields.append({"field": field, "caption": caption, "text": text, "fits": fits})
    return {
        "content": content,
        "layout": layout,
        "fields": fields,
        "overflowing": [f["caption"] for f in fields if not f["fits"]],
        "missing": content.missing(),
    }


async def label_pdf(actor: Actor, label_id: int, layout: str) -> tuple[bytes, str]:
    """One label as a PDF in a single-label layout; (pdf, serial)."""
    from seedreg.printing.layouts import render_labels_async

    if layout not in rules.SINGLE_LAYOUTS:
        raise RuleViolation("单张标签只有 100×70 mm 和 80×50 mm 两种尺寸", field="layout")
    row = await load_label(actor, label_id)
    if row["status"] != rules.LabelStatus.VALID:
        raise RuleViolation("该标签已作废，不能打印")
    contents = await label_contents(actor, label_ids=[label_id])
    check_printable(contents)
    return await render_labels_async(contents, layout), row["serial"]
