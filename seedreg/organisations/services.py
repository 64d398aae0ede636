"""Use-cases for organisations: register, correct, read, list, public view."""

from __future__ import annotations

import secrets
from typing import Any

from piccolo.columns import Column
from piccolo.columns.combination import And, Or, Where, WhereRaw

from seedreg.accounts.rules import LEAGUE_CODE, Actor, Role, may_see_record
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.organisations import rules
from seedreg.organisations.rules import OrganisationKind
from seedreg.organisations.schemas import (
    OrganisationCreate,
    OrganisationOut,
    OrganisationPublic,
    OrganisationUpdate,
)
from seedreg.organisations.tables import Organisation
from seedreg.reference import services as reference

REGISTRAR_ROLES = {Role.LICENSING_OFFICER, Role.ADMIN}
OPERATOR_EDITABLE = {"contact_person", "phone"}
PAGE_SIZE = 50


def _out(row: dict[str, Any], division_name: str) -> OrganisationOut:
    kind = OrganisationKind(row["kind"])
    return OrganisationOut(**row, kind_label=kind.label, division_name=division_name)


async def _to_out(row: dict[str, Any]) -> OrganisationOut:
    return _out(row, await reference.division_name(row["division_code"]))


def checked_identifiers(data: OrganisationCreate) -> dict[str, Any]:
    """Normalised identifiers; a failed USCC check character needs a written reason."""
    if data.kind is OrganisationKind.ENTERPRISE:
        code = rules.normalise_uscc(data.uscc or "")
        check = rules.check_uscc(code)
        if not check.ok and not (check.overridable and data.uscc_override_reason):
            raise RuleViolation(check.message, field="uscc")
        reason = "" if check.ok else data.uscc_override_reason
        return {"uscc": code, "uscc_override_reason": reason, "id_number": None}
    number = rules.normalise_id_number(data.id_number or "")
    check = rules.check_id_number(number, today=clock.today())
    if not check.ok:
        raise RuleViolation(check.message, field="id_number")
    return {"uscc": None, "uscc_override_reason": "", "id_number": number}


def ensure_registrar(actor: Actor) -> None:
    if actor.role not in REGISTRAR_ROLES:
        raise Forbidden("只有审批人员或管理员可以登记生产经营者")


async def register(actor: Actor, data: OrganisationCreate) -> OrganisationOut:
    """Register an operator (at the counter); the registrar's jurisdiction must cover it."""
    ensure_registrar(actor)
    await reference.ensure_league_county(data.division_code)
    if not may_see_record(actor, organisation_id=None, division_code=data.division_code):
        raise Forbidden("该旗县市不在您的管辖范围内", field="division_code")
    fields = {**data.model_dump(), **checked_identifiers(data)}
    now = clock.now()
    async with transaction():
        if fields["uscc"] and await Organisation.exists().where(
            Organisation.uscc == fields["uscc"]
        ):
            raise Conflict("该统一社会信用代码已登记", field="uscc")
        org = Organisation(
            **fields,
            public_id=secrets.token_urlsafe(12),
            created_at=now,
            updated_at=now,
            # registered at the counter: the official saw the licence or ID there (实名核验)
            identity_verified_at=now,
            identity_verified_by=actor.label[:80],
            identity_note="窗口登记时核对",
        )
        await org.save()
        out = await _to_out(await _row(org.id))
        await audit.record(
            actor, "organisation:register", "organisation", org.id, after=out.model_dump()
        )
    return out


async def _row(org_id: int) -> dict[str, Any]:
    row = await Organisation.select().where(Organisation.id == org_id).first()
    if row is None:
        raise NotFound("未找到该生产经营者")
    return row


async def _visible_row(actor: Actor, org_id: int) -> dict[str, Any]:
    row = await _row(org_id)
    # Out of reach looks the same as missing: nobody learns what exists elsewhere.
    if not may_see_record(actor, organisation_id=row["id"], division_code=row["division_code"]):
        raise NotFound("未找到该生产经营者")
    return row


async def get(actor: Actor, org_id: int) -> OrganisationOut:
    return await _to_out(await _visible_row(actor, org_id))


async def update(actor: Actor, org_id: int, data: OrganisationUpdate) -> OrganisationOut:
    """Correct registered facts (officials) or contact details (the operator itself)."""
    row = await _visible_row(actor, org_id)
    changes = data.model_dump(exclude_unset=True, exclude_none=True)
    if actor.role is Role.OPERATOR and set(changes) - OPERATOR_EDITABLE:
        raise Forbidden("生产经营者只能修改联系人和联系电话，其他事项请申请变更")
    if actor.role not in REGISTRAR_ROLES | {Role.OPERATOR}:
        raise Forbidden("无权修改生产经营者信息")
    if not changes:
        return await _to_out(row)
    async with transaction():
        values: dict[Column | str, Any] = dict(changes.items())
        values["updated_at"] = clock.now()
        await Organisation.update(values).where(Organisation.id == org_id)
        after = await _row(org_id)
        await audit.record(
            actor,
            "organisation:update",
            "organisation",
            org_id,
            before={k: row[k] for k in changes},
            after={k: after[k] for k in changes},
        )
    return await _to_out(after)


async def search(
    actor: Actor, *, q: str = "", division_code: str = "", page: int = 1, size: int = PAGE_SIZE
) -> tuple[list[OrganisationOut], int]:
    """Organisations the actor may see, newest first, with the total count (``size`` a page:
    the list's export asks for all of them)."""
    where: list[Where | WhereRaw | And | Or] = []
    if actor.role is Role.OPERATOR:
        where.append(Organisation.id == (actor.organisation_id or -1))
    else:
        where.append(in_jurisdiction(Organisation.division_code, actor))
    if q:
        where.append(Organisation.name.ilike(f"%{q}%") | (Organisation.uscc == q.upper()))
    if division_code:
        where.append(Organisation.division_code == division_code)
    rows, total = await paging.page_of(Organisation, where, page=page, per_page=size)
    names = await reference.division_names()
    return [_out(r, names.get(r["division_code"], "")) for r in rows], total


async def public_view(public_id: str) -> OrganisationPublic:
    row = await Organisation.select().where(Organisation.public_id == public_id).first()
    if row is None:
        raise NotFound("未找到该登记记录")
    individual = row["kind"] == OrganisationKind.INDIVIDUAL
    return OrganisationPublic(
        public_id=row["public_id"],
        kind_label=OrganisationKind(row["kind"]).label,
        name=rules.mask_person_name(row["name"]) if individual else row["name"],
        uscc_masked=rules.mask_uscc(row["uscc"])
        if row["uscc"]
        else rules.mask_id_number(row["id_number"] or ""),
        legal_representative_masked=rules.mask_person_name(row["legal_representative"]),
        division_name=await reference.division_name(row["division_code"]),
        registered_on=row["created_at"],
    )


async def record_pdf(actor: Actor, org_id: int, *, base_url: str) -> bytes:
    """The registration record (登记信息表) as a PDF with a QR to its public page."""
    from seedreg.core.pdf import render_pdf_async
    from seedreg.organisations.documents import record_context

    org = await get(actor, org_id)
    from seedreg.reference.authorities import AuthorityKind, authority

    keeper = (await authority(AuthorityKind.BUREAU, LEAGUE_CODE)).name
    context = record_context(org, base_url=base_url, printed_on=clock.today(), authority=keeper)
    return await render_pdf_async("organisation_record.html", context)
