"""Authorities (机关) as reference data: the names, addresses, phones and 机关代字 that documents
print and number with. The league admin edits them; fixtures only add missing rows.

Document numbers follow GB/T 9704-2012 §7.2.4 (发文字号): 机关代字、年份、发文顺序号, the year in
六角括号 〔〕, the number without leading zeros — e.g. 兴林草许受〔2026〕15号.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from piccolo.columns import Column

from seedreg.accounts.rules import LEAGUE_CODE, Actor
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound
from seedreg.reference.schemas import AuthorityIn
from seedreg.reference.tables import Authority


class AuthorityKind(StrEnum):
    BUREAU = "bureau"  # 林业和草原局: licences, introductions, decisions
    SEED_STATION = "seed_station"  # 林木种苗站: quality inspection, labels oversight
    QUARANTINE_STATION = "quarantine_station"  # 森林病虫害防治检疫站: plant quarantine

    @property
    def label(self) -> str:
        return {
            "bureau": "林业和草原局",
            "seed_station": "林木种苗站",
            "quarantine_station": "森林病虫害防治检疫站",
        }[self]


@dataclass(frozen=True)
class AuthorityInfo:
    """What a document prints about the authority that issues it."""

    kind: AuthorityKind
    division_code: str
    name: str
    address: str
    phone: str
    doc_abbreviation: str

    @property
    def contact_line(self) -> str:
        """联系方式 for notices (兴署发〔2021〕5号 Art. 17(二))."""
        parts = [
            f"地址：{self.address}" if self.address else "",
            f"电话：{self.phone}" if self.phone else "",
        ]
        return "；".join(p for p in parts if p)


def document_number(abbreviation: str, year: int, sequence: int) -> str:
    """GB/T 9704 发文字号: 代字〔年份〕序号号, no zero padding."""
    if sequence < 1:
        msg = "document sequence numbers start at 1"
        raise ValueError(msg)
    return f"{abbreviation}〔{year}〕{sequence}号"


def _key(kind: AuthorityKind | str, division_code: str) -> str:
    return f"{AuthorityKind(kind).value}:{division_code}"


def _info(row: dict[str, Any]) -> AuthorityInfo:
    return AuthorityInfo(
        kind=AuthorityKind(row["kind"]),
        division_code=row["division_code"],
        name=row["name"],
        address=row["address"],
        phone=row["phone"],
        doc_abbreviation=row["doc_abbreviation"],
    )


@dataclass(frozen=True)
class Chrome:
    """The league's authorities as every page's frame names them (footer, titles, the key's
    owner): from the authority records, not written into templates."""

    bureau: str
    seed_station: str
    quarantine_station: str


FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "reference" / "authorities.csv"


def _fixture_chrome() -> Chrome:
    """Before the database is read (a CLI rendering a page, a fresh start): the fixture rows."""
    with FIXTURE.open(encoding="utf-8") as fh:
        names = {
            r["kind"]: r["name"] for r in csv.DictReader(fh) if r["division_code"] == LEAGUE_CODE
        }
    return Chrome(
        names[AuthorityKind.BUREAU],
        names[AuthorityKind.SEED_STATION],
        names[AuthorityKind.QUARANTINE_STATION],
    )


_chrome: list[Chrome] = []


def chrome() -> Chrome:
    """The league's authority names for page chrome (a Jinja global: ``league()``)."""
    if not _chrome:
        _chrome.append(_fixture_chrome())
    return _chrome[0]


async def refresh_chrome() -> Chrome:
    """Read the league's authorities as the admin keeps them (at start-up and after a save)."""
    found = await names_at(LEAGUE_CODE)
    default = _fixture_chrome()
    current = Chrome(
        found.get(AuthorityKind.BUREAU, default.bureau),
        found.get(AuthorityKind.SEED_STATION, default.seed_station),
        found.get(AuthorityKind.QUARANTINE_STATION, default.quarantine_station),
    )
    _chrome[:] = [current]
    return current


async def names_at(division_code: str) -> dict[str, str]:
    """Kind → name of the authorities entered for one division."""
    rows = await Authority.select(Authority.kind, Authority.name).where(
        Authority.division_code == division_code
    )
    return {r["kind"]: r["name"] for r in rows}


async def authority(kind: AuthorityKind, division_code: str) -> AuthorityInfo:
    """The authority of ``kind`` at ``division_code`` (NotFound if the admin has not entered it)."""
    row = await Authority.select().where(Authority.key == _key(kind, division_code)).first()
    if row is None:
        raise NotFound(
            f"未登记{division_code}的{kind.label}信息，请盟林草局管理员在“机关信息”中录入"
        )
    return _info(row)


async def names(kind: AuthorityKind) -> dict[str, str]:
    """Division code → the name of that division's authority of ``kind``."""
    rows = await Authority.select(Authority.division_code, Authority.name).where(
        Authority.kind == kind.value
    )
    return {r["division_code"]: r["name"] for r in rows}


async def all_authorities() -> list[dict[str, Any]]:
    return await Authority.select().order_by(Authority.division_code, Authority.kind)


async def save(actor: Actor, authority_id: int, data: AuthorityIn) -> dict[str, Any]:
    """Correct an authority's name, address, phone or 代字 (league admin only); audited."""
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护机关信息")
    async with transaction():
        before = await Authority.select().where(Authority.id == authority_id).first()
        if before is None:
            raise NotFound("未找到该机关")
        values: dict[Column | str, Any] = dict(data.model_dump().items())
        values[Authority.updated_at] = clock.now()
        await Authority.update(values).where(Authority.id == authority_id)
        after = await Authority.select().where(Authority.id == authority_id).first()
        assert after is not None  # read back in the same transaction
        await audit.record(
            actor, "authority:save", "authority", authority_id, before=before, after=after
        )
    await refresh_chrome()
    return after


async def load(path: Path) -> int:
    """Add the fixture's authorities that are missing; rows the admin edited stay as they are."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    known = {r["key"] for r in await Authority.select(Authority.key)}
    added = 0
    for row in rows:
        key = _key(row["kind"], row["division_code"])
        if key not in known:
            fields: dict[str, Any] = dict(row)
            await Authority.insert(Authority(key=key, updated_at=clock.now(), **fields))
            added += 1
    return added
