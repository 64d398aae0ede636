"""Test data built through the real services (so it is validated and audited like real data)."""

from __future__ import annotations

import itertools
import random

from seedreg.accounts.rules import LEAGUE_CODE, Actor, Role
from seedreg.accounts.schemas import UserCreate
from seedreg.accounts.services import actor_from_row, create_user
from seedreg.accounts.tables import User
from seedreg.core.audit.services import SYSTEM
from seedreg.organisations import services as organisations
from seedreg.organisations.rules import OrganisationKind, make_uscc
from seedreg.organisations.schemas import OrganisationCreate, OrganisationOut
from tests.fixtures import PASSWORD, Persona

_serial = itertools.count(1)


def new_uscc(county: str = "152201") -> str:
    body = f"91{county}MA{random.randint(0, 10**7 - 1):07d}"
    return make_uscc(body)


async def admin_actor() -> Actor:
    row = await User.select().where(User.username == "admin").first()
    return actor_from_row(row)


async def make_organisation(
    county: str = "152201", name: str | None = None, **overrides: object
) -> OrganisationOut:
    data = OrganisationCreate(
        kind=OrganisationKind.ENTERPRISE,
        name=name or f"测试苗木有限公司{next(_serial)}号",
        uscc=new_uscc(county),
        legal_representative="张三",
        division_code=county,
        address="乌兰浩特市兴安南大路1号",
        **overrides,
    )
    return await organisations.register(await admin_actor(), data)


# Officials sign by their real name (issue 14 item 11): test accounts carry one unless a test
# gives its own (an empty one to see signing refused).
_REAL_NAMES = ("王建国", "李秀兰", "张海峰", "刘淑珍", "陈志刚", "杨桂芳", "赵文斌", "吴玉梅")


def _official_identity(username: str, role: Role, fields: dict[str, object]) -> dict[str, object]:
    if role is Role.OPERATOR:
        return {}
    name = _REAL_NAMES[sum(username.encode()) % len(_REAL_NAMES)]
    identity: dict[str, object] = {"real_name": name}
    if role is Role.QUARANTINE_OFFICER:
        identity["qualification_number"] = f"蒙森检{sum(username.encode()):05d}号"
    return {k: v for k, v in identity.items() if k not in fields}


async def make_user(username: str, role: Role, **fields: object) -> int:
    fields = {**_official_identity(username, role, fields), **fields}
    out = await create_user(
        SYSTEM,
        UserCreate(
            username=username, display_name=username, password=PASSWORD, role=role, **fields
        ),
    )
    return out.id


async def make_personas() -> dict[str, Persona]:
    people: dict[str, Persona] = {}

    async def official(name: str, role: Role, where: str, **extra: object) -> None:
        await make_user(name, role, jurisdiction=where, **extra)
        people[name] = Persona(name, role.value, jurisdiction=where)

    await official("admin", Role.ADMIN, LEAGUE_CODE)
    await official("officer_league", Role.LICENSING_OFFICER, LEAGUE_CODE)
    await official("officer_wlht", Role.LICENSING_OFFICER, "152201")
    await official("officer_kyqq", Role.LICENSING_OFFICER, "152221")
    await official("station", Role.SEED_STATION, LEAGUE_CODE)
    await official("quarantine", Role.QUARANTINE_OFFICER, LEAGUE_CODE, full_time_quarantine=True)
    await official("inspector", Role.INSPECTOR, "152201", enforcement_id="15220120260009")
    for name, county in (("alice", "152201"), ("bob", "152221")):
        org = await make_organisation(county, name=f"{name}林木种苗有限公司")
        await make_user(name, Role.OPERATOR, organisation_id=org.id)
        people[name] = Persona(name, Role.OPERATOR.value, organisation_id=org.id)
    return people


# A complete seedling licence application for alice's banner (乌兰浩特市).
SEEDLING_DETAILS = {
    "legal_representative": "张三",
    "registered_address": "乌兰浩特市兴安南大路1号",
    "scope": ["seedling"],
    "species": ["樟子松"],
    "production_sites": [
        {"division_code": "152201", "township": "义勒力特镇", "village": "红星村", "detail": ""}
    ],
    "valid_area": ["152201"],
}


async def actor_named(username: str) -> Actor:
    row = await User.select().where(User.username == username).first()
    assert row is not None, username
    return actor_from_row(row)
