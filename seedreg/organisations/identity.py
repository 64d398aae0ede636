"""实名核验: an organisation that signed up itself is "unverified" until a licensing officer of
its jurisdiction or the league admin confirms its identity against the business licence or
ID. Applications may be prepared and submitted at once; a decision waits for the check."""

from __future__ import annotations

import secrets
from typing import Any

from seedreg.accounts.rules import Actor, covers_division
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.organisations import rules
from seedreg.organisations.schemas import OrganisationCreate, OrganisationOut
from seedreg.organisations.services import _row, _to_out, _visible_row, checked_identifiers
from seedreg.organisations.tables import Organisation
from seedreg.reference import services as reference

MSG_UNVERIFIED = (
    "申请人尚未通过实名核验：请先核对其营业执照或身份证，在生产经营者页面确认实名核验后再作决定"
)


def may_verify(actor: Actor, *, division_code: str, verified: bool) -> bool:
    """Whether ``actor`` may confirm an organisation's identity now (pages ask this)."""
    covers = actor.jurisdiction is not None and covers_division(actor.jurisdiction, division_code)
    return rules.may_verify_identity(actor.role, covers=covers, verified=verified)


async def ensure_identity_verified(org_id: int) -> None:
    """RuleViolation unless the organisation's identity has been verified (实名核验)."""
    row = await Organisation.select(Organisation.identity_verified_at).where(
        Organisation.id == org_id
    )
    if not row or row[0]["identity_verified_at"] is None:
        raise RuleViolation(MSG_UNVERIFIED)


async def unverified_among(org_ids: list[int]) -> set[int]:
    """Which of these organisations still wait for 实名核验 (one query, for lists)."""
    if not org_ids:
        return set()
    rows = await Organisation.select(Organisation.id).where(
        Organisation.id.is_in(list(set(org_ids))) & Organisation.identity_verified_at.is_null()
    )
    return {r["id"] for r in rows}


async def verify_identity(actor: Actor, org_id: int, note: str) -> OrganisationOut:
    """Record that the official checked the licence or ID against the registered facts."""
    row = await _visible_row(actor, org_id)
    if row["identity_verified_at"] is not None:
        raise RuleViolation("该生产经营者已通过实名核验")
    if not may_verify(actor, division_code=row["division_code"], verified=False):
        raise Forbidden("只有管辖地的审批人员或盟林草局管理员可以进行实名核验")
    now = clock.now()
    async with transaction():
        await Organisation.update(
            {
                Organisation.identity_verified_at: now,
                Organisation.identity_verified_by: actor.label[:80],
                Organisation.identity_note: note,
                Organisation.updated_at: now,
            }
        ).where(Organisation.id == org_id)
        await audit.record(
            actor,
            "organisation:verify_identity",
            "organisation",
            org_id,
            after={"note": note},
        )
    return await _to_out(await _row(org_id))


async def find_by_identifier(kind: str, identifier: str) -> dict[str, Any] | None:
    """The organisation registered under this credit code or ID number, if any."""
    column = (
        Organisation.uscc if kind == rules.OrganisationKind.ENTERPRISE else Organisation.id_number
    )
    return await Organisation.select().where(column == identifier).order_by(Organisation.id).first()


async def register_signed_up(actor: audit.ActorLike, data: OrganisationCreate) -> int:
    """Register an organisation from an online sign-up: unverified until an official checks
    it. Call inside the sign-up's transaction."""
    await reference.ensure_league_county(data.division_code)
    now = clock.now()
    org = Organisation(
        **{**data.model_dump(), **checked_identifiers(data)},
        public_id=secrets.token_urlsafe(12),
        created_at=now,
        updated_at=now,
        registered_via="signup",
    )
    await org.save()
    out = await _to_out(await _row(org.id))
    masked = {
        **out.model_dump(include={"kind", "name", "division_code", "registered_via"}),
        "uscc": out.uscc,
        "id_number": rules.mask_id_number(out.id_number) if out.id_number else None,
    }
    await audit.record(actor, "organisation:signup", "organisation", org.id, after=masked)
    return org.id
