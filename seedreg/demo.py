"""Demo data: organisations in all six banners/counties and an account for every role.

Faker (zh_CN) with a fixed seed, so every run produces the same people and names; loading twice
changes nothing. Demo passwords are printed by ``make run`` and are for demonstration only.
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
from seedreg.organisations.rules import OrganisationKind, make_id_number, make_uscc
from seedreg.organisations.schemas import OrganisationCreate
from seedreg.organisations.tables import Organisation

DEMO_PASSWORD = "Demo-2026-seedreg"  # noqa: S105 (demo only, printed on purpose)
SEED = 20261127
COUNTIES = ["152201", "152202", "152221", "152222", "152223", "152224"]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    role: Role
    where: str


OFFICIALS = [
    ("admin", "盟林草局管理员", Role.ADMIN, LEAGUE_CODE, ""),
    ("shenpi", "盟审批人员", Role.LICENSING_OFFICER, LEAGUE_CODE, ""),
    ("shenpi_wlht", "乌兰浩特审批人员", Role.LICENSING_OFFICER, "152201", ""),
    ("shenpi_kyqq", "科右前旗审批人员", Role.LICENSING_OFFICER, "152221", ""),
    ("zhongmiao", "盟种苗站", Role.SEED_STATION, LEAGUE_CODE, ""),
    ("jianyi", "盟检疫员", Role.QUARANTINE_OFFICER, LEAGUE_CODE, ""),
    ("zhifa1", "执法人员甲", Role.INSPECTOR, LEAGUE_CODE, "15220020260001"),
    ("zhifa2", "执法人员乙", Role.INSPECTOR, LEAGUE_CODE, "15220020260002"),
]


def _organisations(fake: Faker) -> list[OrganisationCreate]:
    items = []
    for n, county in enumerate(COUNTIES):
        for k in range(2):
            town = fake.street_name()
            if k == 0:
                cooperative = n % 2 == 1
                # 9 = market regulation; 1 enterprise, 3 farmers' cooperative (GB 32100)
                body = (
                    f"9{3 if cooperative else 1}{county}MA{n:02d}{k}{fake.random_int(1000, 9999)}"
                )
                name = (
                    f"{fake.last_name()}家{['林木种苗', '苗木', '生态林业'][n % 3]}专业合作社"
                    if cooperative
                    else f"兴安盟{fake.company_prefix()}林业苗木有限公司"
                )
                items.append(
                    OrganisationCreate(
                        kind=OrganisationKind.ENTERPRISE,
                        name=name,
                        uscc=make_uscc(body),
                        legal_representative=fake.name(),
                        division_code=county,
                        address=f"{town}{fake.building_number()}号",
                        contact_person=fake.name(),
                        phone=fake.phone_number(),
                    )
                )
            else:
                birth = fake.date_of_birth(minimum_age=30, maximum_age=65).strftime("%Y%m%d")
                person = fake.name()
                items.append(
                    OrganisationCreate(
                        kind=OrganisationKind.INDIVIDUAL,
                        name=f"{person}苗圃",
                        id_number=make_id_number(f"{county}{birth}{fake.random_int(100, 999)}"),
                        legal_representative=person,
                        division_code=county,
                        address=f"{town}{fake.building_number()}号",
                        phone=fake.phone_number(),
                    )
                )
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
    username: str, name: str, role: Role, where: str, enforcement_id: str
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
            ),
        )
    return DemoAccount(username, role, where)
