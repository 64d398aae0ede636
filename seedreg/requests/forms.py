"""The request forms: what the pages pre-fill from the lot (the readiness buttons lead here with
``kind`` and ``lot_id``) and how typed fields become the details schemas. No rules: the
schemas and services decide."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.lots import services as lots
from seedreg.lots.rules import LotStatus
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation
from seedreg.requests.rules import RequestKind

ITEM_ROWS = 5  # consignment lines a page offers (the API takes up to 50)
DISPOSALS = "disposal"


def season(today: Any) -> str:
    return f"{today.year}年{'春季' if today.month < 7 else '秋季'}"


async def lot_choices(actor: Actor) -> list[tuple[str, str]]:
    """The operator's active lots, newest first, as (id, "number species")."""
    rows = (
        await Lot.select(Lot.id, Lot.number, Lot.species)
        .where(
            (Lot.organisation == (actor.organisation_id or -1)) & (Lot.status == LotStatus.ACTIVE)
        )
        .order_by(Lot.id, ascending=False)
        .limit(100)
    )
    return [(str(r["id"]), f"{r['number']} {r['species']}") for r in rows]


async def prefilled(actor: Actor, kind: RequestKind, lot_id: int | None) -> dict[str, Any]:
    """The form's values from the lot and the operator's contact on file."""
    if lot_id is None:
        return {}
    lot = await lots.get(actor, lot_id)
    org = (
        await Organisation.select(Organisation.contact_person, Organisation.phone)
        .where(Organisation.id == lot.organisation_id)
        .first()
    )
    contact = " ".join(
        v for v in ((org or {}).get("contact_person"), (org or {}).get("phone")) if v
    )
    place = lot.production_site_text + (f" {lot.nursery_base}" if lot.nursery_base else "")
    today = clock.today()
    if kind is RequestKind.QUALITY:
        return {"lot_id": str(lot.id), "sample_place": place, "contact": contact}
    if kind is RequestKind.SITE:
        return {
            "lot_ids": [str(lot.id)],
            "production_site": place,
            "season": season(today),
            "contact": contact,
        }
    return {
        "lot_id_1": str(lot.id),
        "origin": lot.production_site_text,
        "ships_on": today.isoformat(),
    }


def details_from(kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """The typed fields as the details the schemas validate."""
    skip = {"kind", "confirm", "lot_ids"} | {
        f"{f}_{i}" for f in ("lot_id", "quantity", "packing") for i in range(1, ITEM_ROWS + 1)
    }
    details: dict[str, Any] = {k: v for k, v in values.items() if k not in skip}
    details["kind"] = kind
    if kind == RequestKind.SITE:
        details["lot_ids"] = values.get("lot_ids", [])
    if kind == RequestKind.CONSIGNMENT:
        details["items"] = [
            {
                "lot_id": values[f"lot_id_{i}"],
                "quantity": values.get(f"quantity_{i}", ""),
                "packing": values.get(f"packing_{i}", ""),
            }
            for i in range(1, ITEM_ROWS + 1)
            if values.get(f"lot_id_{i}")
        ]
    return details


# The details as the detail page words them, in the 报检单's order (facts §5.2).
DETAIL_LABELS = {
    "sample_place": "扦样地点",
    "production_site": "产地",
    "season": "生长季",
    "contact": "联系人及电话",
    "consignee": "收货单位(人)",
    "consignee_address": "收货单位地址",
    "origin": "运输起点",
    "via": "经由",
    "destination": "运输终点",
    "destination_division": "目的地行政区划代码",
    "requirement_number": "调入省要求书编号",
    "vehicle": "运输工具",
    "carrier": "承运单位(人)",
    "ships_on": "希望起运日期",
    "introduction_ref": "引种审批编号",
    "note": "说明",
}


def detail_lines(details: dict[str, Any]) -> list[tuple[str, str]]:
    lines = [(label, str(details[k])) for k, label in DETAIL_LABELS.items() if details.get(k)]
    items = details.get("items") or []
    if items:
        text = "；".join(
            f"批次 {i['lot_id']}：{i['quantity']} {i.get('packing', '')}".strip() for i in items
        )
        lines.append(("品名与数量", text))
    return lines
