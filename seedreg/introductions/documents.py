"""The written decisions of an introduction as PDFs (准予引种决定书 with its scope and conditions,
不予批准引种决定书 with reasons and appeal rights, the 报送告知书), from the stored notice (what
was decided, as decided), with a QR code to the notices' public verification page."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.errors import NotFound
from seedreg.core.pdf import render_pdf_async
from seedreg.introductions import approvals, services
from seedreg.introductions.routing_rules import RouteKind
from seedreg.introductions.schemas import stated
from seedreg.matters.notice_names import NOTICE_NAMES
from seedreg.matters.tables import Notice
from seedreg.organisations.tables import Organisation
from seedreg.reference import authorities
from seedreg.reference import rules as divisions
from seedreg.reference.authorities import AuthorityKind

PRINTED = {
    "introduction_grant": "introduction_grant.html",
    "introduction_refusal": "introduction_refusal.html",
    "introduction_forward": "introduction_forward.html",
    "introduction_filing": "introduction_filing.html",
}


def place_name(code: str) -> str:
    """A division code as words where the app knows it (province, or a 盟市 of the region)."""
    if code.startswith(divisions.REGION_PREFIX):
        city = divisions.REGION_CITIES.get(f"{code[:4]}00")
        if city:
            return f"内蒙古自治区{city}"
    if divisions.is_code(code) and code[:2] in divisions.PROVINCES:
        return divisions.province_name(code)
    return code


def scope_content(raw: dict[str, Any]) -> dict[str, Any]:
    """The scope as a decision stores and prints it: exactly what was applied for."""
    details = stated(raw)
    return {
        "species": details.species,
        "variety": details.variety,
        "variety_number": details.variety_number if details.improved else "",
        "origin_code": details.origin_code,
        "supplier": details.supplier,
        "supplier_licence": details.supplier_licence,
        "quantity": str(details.quantity),
        "unit": details.unit.value,
        "purpose": details.purpose.label,
        "sites": [s.model_dump(mode="json") for s in details.sites],
        "valid_from": details.valid_from.isoformat(),
        "valid_to": details.valid_to.isoformat(),
        "quarantine": details.quarantine,
    }


# How the record of what an introduction covers is named: a consent is approved (批准), a
# filing (备案) only recorded — its pages and papers must not speak of an approval.
RECORD_WORDS = {
    False: {
        "heading": "引种批准",
        "number": "批准文号",
        "quantity": "批准数量",
        "conditions": "附加条件",
    },
    True: {
        "heading": "引种备案",
        "number": "备案编号",
        "quantity": "备案数量",
        "conditions": "备案说明",
    },
}


def scope_lines(content: dict[str, Any], *, filed: bool = False) -> list[tuple[str, str]]:
    """What the decision covers, as printed (issue 16: variety, origin, supplier, maximum
    quantity, period, sites)."""
    sites = "；".join(
        f"{place_name(s['division_code'])} {s['place']}" for s in content.get("sites", [])
    )
    number = content.get("variety_number") or "非良种"
    return [
        ("树种", content["species"]),
        ("品种", content["variety"]),
        ("良种编号", number),
        ("来源地", place_name(content["origin_code"])),
        ("供种单位", f"{content['supplier']}（许可证编号：{content['supplier_licence']}）"),
        (f"{RECORD_WORDS[filed]['quantity']}（最多）", f"{content['quantity']} {content['unit']}"),
        ("用途", content["purpose"]),
        ("种植（生产）地点", sites),
        ("有效期", f"{content['valid_from']} 至 {content['valid_to']}"),
        ("检疫安排", content["quarantine"]),
    ]


async def notice_context(actor: Actor, notice_id: int, base_url: str) -> dict[str, Any]:
    """Everything an introduction notice prints, from stored records only."""
    row = await Notice.select().where(Notice.id == notice_id).first().output(load_json=True)
    if row is None or row["kind"] not in PRINTED:
        raise NotFound("未找到该文书")
    application = await services.load(actor, row["application"])  # the access check
    org = await Organisation.select().where(Organisation.id == application["organisation"]).first()
    bureau = await authorities.authority(AuthorityKind.BUREAU, application["division_code"])
    approval = await approvals.for_application(application["id"])
    content = row["content"] or {}
    return {
        "notice": row,
        "title": NOTICE_NAMES[row["kind"]],
        "application": application,
        "route_label": RouteKind(application["sub_item"]).label,
        "lines": scope_lines(content, filed=row["kind"] == "introduction_filing"),
        "approval": approval,
        "organisation": org,
        "authority": bureau.name,
        "verify_url": f"{base_url}/verify/notices/{row['public_id']}",
    }


async def notice_pdf(actor: Actor, notice_id: int, base_url: str) -> bytes:
    context = await notice_context(actor, notice_id, base_url)
    return await render_pdf_async(PRINTED[context["notice"]["kind"]], context)
