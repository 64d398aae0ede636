"""Counts for each role's dashboard, limited to what the actor may see."""

from __future__ import annotations

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.accounts.tables import User
from seedreg.core.audit.tables import AuditEvent
from seedreg.organisations.tables import Organisation
from seedreg.reference.tables import Species


async def counts(actor: Actor) -> list[tuple[str, int, str]]:
    """(label, number, link) tiles."""
    species = await Species.count().where(Species.recommended.eq(True))
    if actor.role is Role.OPERATOR:
        colleagues = await User.count().where(User.organisation == (actor.organisation_id or -1))
        return [("本单位账号", colleagues, ""), ("推荐树种", species, "/species")]
    orgs = await Organisation.count().where(in_jurisdiction(Organisation.division_code, actor))
    tiles = [("辖区生产经营者", orgs, "/organisations"), ("推荐树种", species, "/species")]
    if actor.is_admin:
        tiles.append(("账号", await User.count(), "/admin/users"))
        tiles.append(("审计事件", await AuditEvent.count(), "/admin/audit"))
    return tiles
