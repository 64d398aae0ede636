"""The material checklist (the licensing matter's materials in the catalogue, which the admin
keeps) and the applicant's uploads: the shared service (``matters.uploads``) on rows loaded
with licensing's access check."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.licensing import rules
from seedreg.licensing.common import load
from seedreg.licensing.licence_terms import LicenceStatus
from seedreg.licensing.states import MATTER
from seedreg.licensing.tables import Licence
from seedreg.matters import catalogue, held
from seedreg.matters import uploads as shared
from seedreg.matters.held_rules import HeldRecord, RecordKind
from seedreg.matters.uploads import ALLOWED_TYPES, safe_display_name, sniff, upload_dir

__all__ = [
    "ALLOWED_TYPES",
    "checklist",
    "confirm_held",
    "delete",
    "download",
    "held_licences",
    "missing",
    "offered",
    "safe_display_name",
    "save_item",
    "sniff",
    "upload",
    "upload_dir",
]


async def checklist(
    kind: str | None = None, *, include_inactive: bool = False
) -> list[dict[str, Any]]:
    """The licensing matter's materials in the catalogue, in guide order (for one application
    kind); retired items only on request, so the admin can see and reactivate them."""
    return await catalogue.materials(MATTER, kind, include_inactive=include_inactive)


async def missing(actor: Actor, application_id: int) -> list[dict[str, Any]]:
    """The checklist items an application still lacks a file for (rules.missing_items), for
    whoever may see the application: the applicant before submitting, the officer's 补正."""
    row = await load(actor, application_id)
    return rules.missing_items(
        await checklist(row["kind"]),
        await shared.uploaded_codes(application_id),
        row["supplement_items"] or [],
    )


async def save_item(actor: Actor, data: dict[str, Any]) -> dict[str, Any]:
    """Add or correct a checklist item (league admin); catch-alls and items without a legal
    basis are refused (兴署发〔2021〕5号 Art. 10)."""
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护材料清单")
    if problem := rules.material_item_problem(data["name"], data["legal_basis"]):
        raise RuleViolation(problem, field="name")
    return await catalogue.save_material(actor, MATTER, data)


async def upload(
    actor: Actor, application_id: int, item_code: str, filename: str, content: bytes
) -> dict[str, Any]:
    row = await load(actor, application_id)
    return await shared.upload(actor, row, item_code, filename, content)


async def download(actor: Actor, material_id: int) -> tuple[dict[str, Any], bytes]:
    """A material's bytes, for those who may see its application."""
    row = await shared.material(material_id)
    await load(actor, row["application"])
    return row, shared.read(row)


async def delete(actor: Actor, material_id: int) -> None:
    row = await shared.material(material_id)
    application = await load(actor, row["application"])
    await shared.delete(actor, application, row)


# --- nothing asked twice (兴署发〔2021〕5号 Art. 10(四)) ---------------------------------------


async def held_licences(
    organisation_id: int, subjects: frozenset[str] = frozenset()
) -> list[HeldRecord]:
    """The organisation's licences in force, as records a material may be confirmed from
    (registered with ``matters.held`` at start-up; a licence concerns the whole organisation,
    whatever the application is about)."""
    rows = (
        await Licence.select(Licence.id, Licence.number, Licence.valid_to)
        .where((Licence.organisation == organisation_id) & (Licence.status == LicenceStatus.VALID))
        .order_by(Licence.id)
    )
    return [
        HeldRecord(
            RecordKind.LICENCE,
            str(r["id"]),
            f"林木种子生产经营许可证 {r['number']}（有效期至{r['valid_to']:%Y年%m月%d日}）",
            f"/licensing/licences/{r['id']}",
            valid_to=r["valid_to"],
        )
        for r in rows
    ]


async def offered(actor: Actor, application_id: int) -> dict[str, list[HeldRecord]]:
    """What the system holds for each material the application still lacks."""
    return await held.offered(await load(actor, application_id))


async def confirm_held(
    actor: Actor, application_id: int, item_code: str, token: str
) -> dict[str, Any]:
    row = await load(actor, application_id)
    return await held.confirm(actor, row, item_code, token)
