"""Counts for each role's dashboard, limited to what the actor may see: every number is the
total of a list the tile links to, counted by the service that draws that list."""

from __future__ import annotations

from seedreg.accounts import claims
from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.accounts.tables import User
from seedreg.core.audit.tables import AuditEvent
from seedreg.labels import flags
from seedreg.licensing import applications
from seedreg.licensing.common import OFFICER_ROLES
from seedreg.lots import services as lots
from seedreg.lots.rules import LotStatus
from seedreg.organisations.tables import Organisation
from seedreg.quarantine import records as quarantine
from seedreg.quarantine.rules import CertificateState
from seedreg.reference.tables import Species

Tile = tuple[str, int, str]  # (label, number, link)


async def counts(actor: Actor) -> list[Tile]:
    """(label, number, link) tiles: the actor's own work first, then the general ones."""
    species = await Species.count().where(Species.recommended.eq(True))
    if actor.role is Role.OPERATOR:
        colleagues = await User.count().where(User.organisation == (actor.organisation_id or -1))
        return [("本单位账号", colleagues, ""), ("推荐树种", species, "/species")]
    orgs = await Organisation.count().where(in_jurisdiction(Organisation.division_code, actor))
    tiles = [
        *await _work_tiles(actor),
        ("辖区生产经营者", orgs, "/organisations"),
        ("推荐树种", species, "/species"),
    ]
    if actor.is_admin:
        tiles.append(("账号", await User.count(), "/admin/users"))
        tiles.append(("审计事件", await AuditEvent.count(), "/admin/audit"))
    return tiles


async def _work_tiles(actor: Actor) -> list[Tile]:
    """What an official's lists hold today, by what the role deals with."""
    tiles: list[Tile] = []
    if actor.role in OFFICER_ROLES:
        _, waiting = await applications.band_counts(actor)
        tiles.append(("许可待办", waiting, "/licensing/inbox"))
    if actor.nav.claims:
        tiles.append(("待处理的账号认领", len(await claims.pending(actor)), "/claims"))
    if actor.nav.clone_flags:
        _, open_flags = await flags.list_flags(actor, "open")
        tiles.append(("待处理的疑似仿冒标签", open_flags, "/labels/clone-flags"))
    if actor.role in (Role.SEED_STATION, Role.INSPECTOR, Role.QUARANTINE_OFFICER):
        _, active = await lots.search(actor, status=LotStatus.ACTIVE)
        tiles.append(("辖区在售批次", active, f"/lots?status={LotStatus.ACTIVE}"))
    if actor.role is Role.INSPECTOR:
        _, recalled = await lots.search(actor, status=LotStatus.RECALLED)
        tiles.append(("已召回批次", recalled, f"/lots?status={LotStatus.RECALLED}"))
    if actor.role is Role.QUARANTINE_OFFICER:
        valid = CertificateState.VALID
        _, sites = await quarantine.search_site(actor, state=valid)
        _, consignments = await quarantine.search_consignments(actor, state=valid)
        tiles.append(("有效的产地检疫合格证", sites, f"/quarantine?kind=site&status={valid}"))
        tiles.append(("有效的调运检疫证书", consignments, f"/quarantine?status={valid}"))
    return tiles
