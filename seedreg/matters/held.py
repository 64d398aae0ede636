"""Nothing asked twice (兴署发〔2021〕5号 Art. 10(四), Art. 20), for every matter: the records the
system holds for the applicant (its registration verified at sign-up or at the counter, its
earlier uploads, and what other packages register: licensing's licences) are offered for the
materials the catalogue says they can stand for; the applicant confirms one ("使用系统已有材料")
and it is recorded as a material "系统调取" naming the record, no bytes copied, audited. The
matter's own service loads the application (with its access check) and passes the row."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import NotFound, RuleViolation
from seedreg.matters import applications as shared
from seedreg.matters import catalogue, held_rules, rules
from seedreg.matters import records as records_of
from seedreg.matters.held_rules import HELD, HELD_LABEL, HeldRecord, RecordKind
from seedreg.matters.inbox import DETAIL_PAGES, audit_subject
from seedreg.matters.rule_settings import HELD_UPLOAD_MONTHS
from seedreg.matters.schemas import HeldRecordOut
from seedreg.matters.tables import Application, ApplicationMaterial
from seedreg.matters.transitions import Clock, Party
from seedreg.matters.uploads import ensure_applicant, pending_complete, uploaded_codes
from seedreg.organisations.tables import Organisation

# A package that keeps records of an organisation (licensing: its licences; quality and
# quarantine: the certificates of its lots; introductions: its approvals; varieties: the 良种
# register) registers a source at start-up (app.py), since matters may not import the packages
# built on it. A source is given the organisation and what the application is about
# (``held_rules.subjects_of``) and reads its own tables only.
Source = Callable[[int, frozenset[str]], Awaitable[list[HeldRecord]]]
_SOURCES: list[Source] = []


def register_source(source: Source) -> None:
    if source not in _SOURCES:
        _SOURCES.append(source)


def _masked(number: str) -> str:
    return f"{number[:6]}{'*' * max(len(number) - 10, 0)}{number[-4:]}"


async def _registration(organisation_id: int) -> list[HeldRecord]:
    """The organisation's registration, once an official or the sign-up check verified it:
    its 营业执照 data (统一社会信用代码) or an individual's identity card."""
    org = await Organisation.select().where(Organisation.id == organisation_id).first()
    if org is None or org["identity_verified_at"] is None:
        return []
    if org["uscc"]:
        label = f"营业执照：{org['name']}（统一社会信用代码 {org['uscc']}）"
    else:
        label = f"身份证：{org['name']}（{_masked(org['id_number'] or '')}）"
    link = f"/organisations/{organisation_id}"
    return [HeldRecord(RecordKind.REGISTRATION, str(organisation_id), label, link)]


async def _earlier_uploads(organisation_id: int, application_id: int) -> list[HeldRecord]:
    """Files the organisation uploaded with its other applications within the local setting's
    months; each stands only for the same material of the same matter."""
    months = int(await rs.value(HELD_UPLOAD_MONTHS))
    if months == 0:
        return []
    since = clock.now() - timedelta(days=months * 365 // 12)
    rows = (
        await ApplicationMaterial.select(
            ApplicationMaterial.id,
            ApplicationMaterial.item_code,
            ApplicationMaterial.original_name,
            ApplicationMaterial.uploaded_at,
            ApplicationMaterial.application.id,
            ApplicationMaterial.application.matter,
            ApplicationMaterial.application.reference,
        )
        .where(
            (ApplicationMaterial.application.organisation == organisation_id)
            & (ApplicationMaterial.application != application_id)
            & (ApplicationMaterial.source != HELD)
            & (ApplicationMaterial.uploaded_at >= since)
        )
        .order_by(ApplicationMaterial.uploaded_at, ascending=False)
    )
    found = []
    for r in rows:
        matter = r["application.matter"]
        page = DETAIL_PAGES.get(matter, "").format(id=r["application.id"])
        label = (
            f"{r['original_name']}（申请 {r['application.reference']}，"
            f"{r['uploaded_at']:%Y年%m月%d日}上传）"
        )
        found.append(
            HeldRecord(
                RecordKind.UPLOAD,
                str(r["id"]),
                label,
                f"{page}#materials" if page else "",
                material=f"{matter}:{r['item_code']}",
            )
        )
    return found


async def records(row: dict[str, Any]) -> list[HeldRecord]:
    """Every record the system holds for the application's organisation."""
    organisation_id = int(row["organisation"])
    subjects = held_rules.subjects_of(row["details"] or {})
    found = await _registration(organisation_id)
    for source in _SOURCES:
        found += await source(organisation_id, subjects)
    return found + await _earlier_uploads(organisation_id, int(row["id"]))


async def offered(row: dict[str, Any]) -> dict[str, list[HeldRecord]]:
    """For each material the application still lacks, the records that may stand for it."""
    items = await catalogue.materials(row["matter"], row["sub_item"])
    present = await uploaded_codes(int(row["id"]))
    subjects = held_rules.subjects_of(row["details"] or {})
    return held_rules.candidates(items, await records(row), present, clock.today(), subjects)


async def confirm(actor: Actor, row: dict[str, Any], item_code: str, token: str) -> dict[str, Any]:
    """The applicant confirms a record for a material (使用系统已有材料): it is recorded as the
    material, 系统调取, while the application is still the applicant's to change; audited."""
    ensure_applicant(actor, row)
    state = rules.flow(row["matter"]).states[row["status"]]
    deferred = state.clock is Clock.DECISION and item_code in (row["pending_items"] or [])
    if not (state.uploads or deferred):
        raise RuleViolation("该申请当前不能再添加材料")
    try:
        record = held_rules.pick(await offered(row), item_code, token)
    except ValueError as exc:
        raise RuleViolation(str(exc), field="item_code") from exc
    values = {
        "application": row["id"],
        "item_code": item_code,
        "original_name": record.label[:200],
        "stored_name": f"held-{secrets.token_hex(16)}",  # nothing stored: names no file
        "content_type": "",
        "size": 0,
        "sha256": "",
        "uploaded_by": actor.user_id,
        "uploaded_at": clock.now(),
        "source": HELD,
        "held_kind": record.kind.value,
        "held_ref": record.ref,
        "held_link": record.link,
    }
    async with transaction():
        material_id = await shared.add_material(values)
        complete = deferred and await pending_complete(row)
        await audit.record(
            actor,
            "material:confirm_held",
            audit_subject(row["matter"]),
            row["id"],
            after={
                "item": item_code,
                "held_record": record.kind.value,
                "ref": record.ref,
                **({"pending_complete": True} if complete else {}),
            },
        )
    return {"id": material_id, "item_code": item_code, "label": record.label, "source": HELD}


async def on_file(application_id: int) -> list[dict[str, Any]]:
    """The application's materials as a page lists them (系统调取 ones name their record)."""
    return list(
        await ApplicationMaterial.select(
            ApplicationMaterial.id,
            ApplicationMaterial.item_code,
            ApplicationMaterial.original_name,
            ApplicationMaterial.source,
            ApplicationMaterial.held_link,
        )
        .where(ApplicationMaterial.application == application_id)
        .order_by(ApplicationMaterial.item_code)
    )


async def page_context(actor: Actor, row: dict[str, Any]) -> dict[str, Any]:
    """What a matter's page (introductions, requests) shows of nothing asked twice: the
    materials on file, the records offered to the applicant while it may still add materials
    (a plain form per material, no script), and for the officer's 一次性告知 which materials
    are already 系统调取 and so not asked for."""
    items = await catalogue.materials(row["matter"], row["sub_item"])
    view = rules.actor_view(actor.role, row["matter"], at_counter=row["at_counter"])
    state = rules.flow(row["matter"]).states[row["status"]]
    files = await on_file(int(row["id"]))
    applicant = Party.APPLICANT in view.parties and state.uploads
    return {
        "on_file": files,
        "held": await offered(row) if applicant else {},
        "held_codes": {m["item_code"] for m in files if m["source"] == HELD},
        "held_label": HELD_LABEL,
        "checklist_names": {m["code"]: m["name"] for m in items},
    }


def as_out(offered: dict[str, list[HeldRecord]]) -> dict[str, list[HeldRecordOut]]:
    """The offers as the APIs show them."""
    return {
        code: [
            HeldRecordOut(kind=r.kind.value, label=r.label, link=r.link, token=r.token)
            for r in found
        ]
        for code, found in offered.items()
    }


async def _load(actor: Actor, application_id: int) -> dict[str, Any]:
    """Any matter's application, with the shared access check (NotFound reveals nothing)."""
    row = await Application.select(Application.matter).where(Application.id == application_id)
    if not row:
        raise NotFound(records_of.NOT_FOUND)
    return await records_of.load(actor, row[0]["matter"], application_id)


async def offered_for(actor: Actor, application_id: int) -> dict[str, list[HeldRecord]]:
    """``offered`` for the shared API, whatever the matter."""
    return await offered(await _load(actor, application_id))


async def confirm_for(
    actor: Actor, application_id: int, item_code: str, token: str
) -> dict[str, Any]:
    """``confirm`` for the shared API, whatever the matter."""
    return await confirm(actor, await _load(actor, application_id), item_code, token)


__all__ = [
    "HELD_LABEL",
    "as_out",
    "confirm",
    "confirm_for",
    "offered",
    "offered_for",
    "on_file",
    "page_context",
    "records",
    "register_source",
]
