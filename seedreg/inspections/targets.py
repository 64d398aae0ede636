"""Where a plan's candidates come from: one source per target kind, and the inspectors a draw may
take. Read-only; each source reads what its owner keeps (licences, organisations, label flags,
accounts)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from seedreg.accounts.rules import Role, covers_division
from seedreg.accounts.tables import User
from seedreg.inspections.draw_rules import Candidate, Inspector
from seedreg.inspections.rules import TargetKind, inspector_covers
from seedreg.labels.flags import flag_counts_by_organisation
from seedreg.licensing.licence_terms import LicenceStatus
from seedreg.licensing.tables import Licence
from seedreg.nurseries.services import bases_for_inspection
from seedreg.nurseries.services import names as nursery_names
from seedreg.organisations.tables import Organisation

Source = Callable[[str, dict[str, int]], Awaitable[list[Candidate]]]


async def licensed_organisations(division: str, visits: dict[str, int]) -> list[Candidate]:
    """Organisations holding a valid licence, located in the plan's area; weighed by the clone
    flags on their labels (the one risk factor with data today)."""
    rows = await Licence.select(Licence.organisation, Licence.division_code).where(
        Licence.status == LicenceStatus.VALID
    )
    ids = sorted({r["organisation"] for r in rows if covers_division(division, r["division_code"])})
    if not ids:
        return []
    names = {
        r["id"]: r["name"]
        for r in await Organisation.select(Organisation.id, Organisation.name).where(
            Organisation.id.is_in(ids)
        )
    }
    flags = await flag_counts_by_organisation(ids)
    kind = TargetKind.ORGANISATION.value
    return [
        Candidate(
            kind=kind,
            id=org_id,
            name=names.get(org_id, str(org_id)),
            organisation_id=org_id,
            visits_this_year=visits.get(f"{kind}:{org_id}", 0),
            factors={"label_flags": flags.get(org_id, 0)},
        )
        for org_id in ids
    ]


async def nursery_bases(division: str, visits: dict[str, int]) -> list[Candidate]:
    """Registered nursery bases in the plan's area; a base is linked to its operating
    organisation (conflicts) and weighed by that organisation's label flags."""
    rows = [
        r for r in await bases_for_inspection() if covers_division(division, r["division_code"])
    ]
    flags = await flag_counts_by_organisation(sorted({r["organisation"] for r in rows}))
    kind = TargetKind.NURSERY_BASE.value
    return [
        Candidate(
            kind=kind,
            id=r["id"],
            name=r["name"],
            organisation_id=r["organisation"],
            visits_this_year=visits.get(f"{kind}:{r['id']}", 0),
            factors={"label_flags": flags.get(r["organisation"], 0)},
        )
        for r in rows
    ]


SOURCES: dict[TargetKind, Source] = {
    TargetKind.ORGANISATION: licensed_organisations,
    TargetKind.NURSERY_BASE: nursery_bases,
}


async def candidates(kinds: list[TargetKind], division: str, visits: dict[str, int]) -> list:
    found: list[Candidate] = []
    for kind in kinds:
        found.extend(await SOURCES[kind](division, visits))
    return found


async def target_name(kind: TargetKind, target_id: int) -> str | None:
    if kind is TargetKind.ORGANISATION:
        row = (
            await Organisation.select(Organisation.name).where(Organisation.id == target_id).first()
        )
        return row["name"] if row else None
    if kind is TargetKind.NURSERY_BASE:
        return (await nursery_names([target_id])).get(target_id)
    return None


def published_name(row: dict[str, Any]) -> str:
    """The name the 双随机 publication shows: the real name officials sign with."""
    return row.get("real_name") or row["display_name"]


async def inspectors(division: str) -> list[Inspector]:
    """Active inspectors covering the plan's area (or within it). Those without an enforcement
    certificate number are listed too, and the draw leaves them out."""
    rows = await User.select(
        User.id,
        User.display_name,
        User.real_name,
        User.enforcement_id,
        User.organisation,
        User.jurisdiction,
    ).where(User.active.eq(True) & (User.role == Role.INSPECTOR))
    return [
        Inspector(
            id=r["id"],
            name=published_name(r),
            enforcement_id=r["enforcement_id"] or "",
            organisation_id=r["organisation"],
        )
        for r in rows
        if inspector_covers(r["jurisdiction"], division)
    ]


async def inspector_row(inspector_id: int) -> dict[str, Any] | None:
    return (
        await User.select(User.id, User.display_name, User.real_name, User.role)
        .where(User.id == inspector_id)
        .first()
    )


async def target_place(kind: TargetKind, target_id: int) -> tuple[str, str] | None:
    """A target's name and banner (the check's jurisdiction), or None when it does not exist."""
    if kind is TargetKind.ORGANISATION:
        row = (
            await Organisation.select(Organisation.name, Organisation.division_code)
            .where(Organisation.id == target_id)
            .first()
        )
        return (row["name"], row["division_code"]) if row else None
    if kind is TargetKind.NURSERY_BASE:
        for r in await bases_for_inspection():
            if r["id"] == target_id:
                return r["name"], r["division_code"]
    return None


async def people(ids: list[int]) -> list[dict[str, Any]]:
    """The accounts named on a check, with what the check prints of them."""
    if not ids:
        return []
    return list(
        await User.select(
            User.id,
            User.display_name,
            User.real_name,
            User.role,
            User.enforcement_id,
            User.jurisdiction,
            User.active,
        ).where(User.id.is_in(ids))
    )


async def inspectors_for(division: str) -> list[Inspector]:
    """Inspectors who may join a check in this area, with a 执法证号 (the page's choices)."""
    return [i for i in await inspectors(division) if i.enforcement_id.strip()]
