"""The list of licences an official may read (an operator: its own), filtered in the database
by status as the licence shows it today, banner, expiry within N days and holder or number,
latest first, a page at a time. The public register (licence_register.register) lists only the
licences in force; this list is the office's whole book, ended ones included."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import BaseModel, Field

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging
from seedreg.licensing.licence_register import licence_out
from seedreg.licensing.licence_terms import LicenceStatus
from seedreg.licensing.schemas import LicenceOut
from seedreg.licensing.tables import Licence

PAGE_SIZE = 50
MAX_EXPIRING_DAYS = 3660


class LicenceFilter(BaseModel):
    """What the list is narrowed to; every field may be empty."""

    status: LicenceStatus | None = Field(default=None, description="许可证当前状态")
    division: str = Field(default="", max_length=6, description="旗县市区划代码")
    expiring_within: int | None = Field(
        default=None, ge=0, le=MAX_EXPIRING_DAYS, description="有效且在此日数内到期"
    )
    q: str = Field(default="", max_length=60, description="持证者名称或许可证编号包含")


class LicencePage(BaseModel):
    items: list[LicenceOut]
    total: int = Field(description="符合条件的许可证数")
    page: int
    page_size: int


def _status_clause(status: LicenceStatus) -> Any:
    """The status a licence shows today: a 'valid' one past its last day shows as expired
    (the stored status changes with the daily duty, the list must not wait for it)."""
    today = clock.today()
    if status is LicenceStatus.VALID:
        return (Licence.status == status.value) & (Licence.valid_to >= today)
    if status is LicenceStatus.EXPIRED:
        return (Licence.status == status.value) | (
            (Licence.status == LicenceStatus.VALID.value) & (Licence.valid_to < today)
        )
    return Licence.status == status.value


def _clauses(actor: Actor, wanted: LicenceFilter) -> list[Any]:
    clauses: list[Any]
    if actor.role is Role.OPERATOR:
        clauses = [Licence.organisation == (actor.organisation_id or -1)]
    else:
        clauses = [in_jurisdiction(Licence.division_code, actor)]
    if wanted.status is not None:
        clauses.append(_status_clause(wanted.status))
    if wanted.division:
        clauses.append(Licence.division_code == wanted.division)
    if wanted.expiring_within is not None:
        today = clock.today()
        clauses += [
            Licence.status == LicenceStatus.VALID.value,
            Licence.valid_to >= today,
            Licence.valid_to <= today + timedelta(days=wanted.expiring_within),
        ]
    if text := wanted.q.strip():
        clauses.append(Licence.holder_name.ilike(f"%{text}%") | Licence.number.ilike(f"%{text}%"))
    return clauses


async def search(
    actor: Actor, wanted: LicenceFilter, *, page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[LicenceOut], int]:
    """One page of the licences the filters match, latest first, and how many match."""
    clauses = _clauses(actor, wanted)
    rows, total = await paging.page_of(Licence, clauses, page=page, per_page=per_page)
    return [licence_out(r) for r in rows], total


async def licence_page(actor: Actor, wanted: LicenceFilter, page: int) -> LicencePage:
    items, total = await search(actor, wanted, page=page)
    return LicencePage(items=items, total=total, page=page, page_size=PAGE_SIZE)
