"""Demo data: organisations in all six banners/counties and an account for every role.

Places, nurseries and forest farms come from the league's curated lists (``demo_places``);
faker (zh_CN, fixed seed) gives only people's names, birth dates and phone numbers, so every
run produces the same data; loading twice changes nothing. Demo passwords are printed by
``make run`` and are for demonstration only.
The 两证一签 chain (licences, lots, certificates, labels) is in ``seedreg.demo_chain``.
"""

from __future__ import annotations

from dataclasses import dataclass

from faker import Faker

from seedreg.accounts.rules import LEAGUE_CODE, Role
from seedreg.accounts.schemas import UserCreate
from seedreg.accounts.services import create_user
from seedreg.accounts.tables import User
from seedreg.core.audit.services import SYSTEM
from seedreg.demo_places import (
    COUNTIES,
    MONGOLIAN_NAMES,
    TRADE_NAMES,
    address,
    town_of,
    village,
)
from seedreg.organisations.rules import OrganisationKind, make_id_number, make_uscc
from seedreg.organisations.schemas import OrganisationCreate
from seedreg.organisations.tables import Organisation

DEMO_PASSWORD = "Demo-2026-seedreg"  # noqa: S105 (demo only, printed on purpose)
SEED = 20261127


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    where: str


# username, real name (shown and printed on what they sign), role, jurisdiction, 执法证号,
# 森林植物检疫员证号. The names are made up; the usernames say where each official sits.
OFFICIALS = [
    ("admin", "赵志强", Role.ADMIN, LEAGUE_CODE, "", ""),
    ("shenpi", "王丽娟", Role.LICENSING_OFFICER, LEAGUE_CODE, "", ""),
    ("shenpi_wlht", "刘海涛", Role.LICENSING_OFFICER, "152201", "", ""),
    ("shenpi_kyqq", "包金山", Role.LICENSING_OFFICER, "152221", "", ""),
    ("zhongmiao", "孙丽华", Role.SEED_STATION, LEAGUE_CODE, "", ""),
    ("jianyi", "宝音图", Role.QUARANTINE_OFFICER, LEAGUE_CODE, "", "蒙森检字第1522017号"),
    ("zhifa1", "张建军", Role.INSPECTOR, LEAGUE_CODE, "15220020260001", ""),
    ("zhifa2", "斯琴高娃", Role.INSPECTOR, LEAGUE_CODE, "15220020260002", ""),
]


def _person(fake: Faker, n: int) -> str:
    """A person's name: faker's Han names, with the league's Mongolian names among them."""
    return MONGOLIAN_NAMES[n % len(MONGOLIAN_NAMES)] if n % 3 == 2 else fake.name()


def _uscc(fake: Faker, county: str, n: int, kind: str) -> str:
    # 1 = 机构编制 (2 事业单位: a 国有林场); 9 = market regulation (1 enterprise, 3 cooperative),
    # GB 32100-2015
    return make_uscc(f"{kind}{county}MA{n:02d}0{fake.random_int(1000, 9999)}")


def _body(fake: Faker, n: int, county: str) -> OrganisationCreate:
    """The county's enterprise: a company, a farmers' cooperative or a 国有林场, in turn."""
    name, short, _ = COUNTIES[county]
    town = town_of(county, n)
    trade = TRADE_NAMES[n % len(TRADE_NAMES)]
    org_name, kind = [
        (f"{short}{trade}林业苗木有限公司", "91"),
        (f"{name}{town}{village(town, n).removesuffix('村')}苗木专业合作社", "93"),
        (f"{name}{town.removesuffix('镇').removesuffix('苏木')}国有林场", "12"),
    ][n % 3]
    return OrganisationCreate(
        kind=OrganisationKind.ENTERPRISE,
        name=org_name,
        uscc=_uscc(fake, county, n, kind),
        legal_representative=_person(fake, n),
        division_code=county,
        address=address(county, n),
        contact_person=_person(fake, n + 1),
        phone=fake.phone_number(),
    )


def _nursery(fake: Faker, n: int, county: str) -> OrganisationCreate:
    """The county's family nursery (个人), named after its keeper."""
    birth = fake.date_of_birth(minimum_age=30, maximum_age=65).strftime("%Y%m%d")
    person = _person(fake, n + 2)
    return OrganisationCreate(
        kind=OrganisationKind.INDIVIDUAL,
        name=f"{person}家庭苗圃",
        id_number=make_id_number(f"{county}{birth}{fake.random_int(100, 999)}"),
        legal_representative=person,
        division_code=county,
        address=address(county, n + 3),
        phone=fake.phone_number(),
    )


def _organisations(fake: Faker) -> list[OrganisationCreate]:
    items = []
    for n, county in enumerate(COUNTIES):
        items += [_body(fake, n, county), _nursery(fake, n, county)]
    return items


async def load_demo() -> list[DemoAccount]:
    """Create the demo organisations and accounts that do not exist yet."""
    from seedreg.accounts.services import actor_from_row
    from seedreg.organisations.services import register

    fake = Faker("zh_CN")
    fake.seed_instance(SEED)
    accounts = [await _official(*spec) for spec in OFFICIALS]
    admin = await User.select().where(User.username == "admin").first()
    if admin is None:
        raise RuntimeError("演示数据不完整：没有 admin 账号")
    registrar = actor_from_row(admin)
    for i, org in enumerate(_organisations(fake)):
        existing = (
            await Organisation.select(Organisation.id).where(Organisation.name == org.name).first()
        )
        org_id = existing["id"] if existing else (await register(registrar, org)).id
        username = f"op{i + 1:02d}_{org.division_code}"
        if not await User.exists().where(User.username == username):
            await create_user(
                SYSTEM,
                UserCreate(
                    username=username,
                    display_name=org.legal_representative,
                    password=DEMO_PASSWORD,
                    role=Role.OPERATOR,
                    organisation_id=org_id,
                ),
            )
        accounts.append(DemoAccount(username, Role.OPERATOR, org.name))
    return accounts


async def _official(
    username: str, name: str, role: Role, where: str, enforcement_id: str, card: str
) -> DemoAccount:
    if not await User.exists().where(User.username == username):
        await create_user(
            SYSTEM,
            UserCreate(
                username=username,
                display_name=name,
                password=DEMO_PASSWORD,
                role=role,
                jurisdiction=where,
                enforcement_id=enforcement_id,
                full_time_quarantine=role is Role.QUARANTINE_OFFICER,
                real_name=name,
                qualification_number=card,
            ),
        )
    return DemoAccount(username, role, where)
