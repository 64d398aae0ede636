"""The demo's nursery bases (issue 18), made through the real services by the demo 种苗站.

Bases in every banner: seven 国有林场苗圃/基地 (six confirmed, so the league as a whole is above
the directive's "3—5" while each banner is below it: the target page shows both under its two
scope settings), one waiting for confirmation, a collective, a private and a family nursery, and
the two demo holders' own nurseries that their lots name. Two bases carry an outline: one close
to its declared area, one far from it (flagged). Loading twice changes nothing."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.schemas import UserCreate
from seedreg.accounts.services import create_user
from seedreg.accounts.tables import User
from seedreg.core.audit.services import SYSTEM
from seedreg.demo import DEMO_PASSWORD
from seedreg.demo_places import COUNTIES, address
from seedreg.nurseries import services as nurseries
from seedreg.nurseries.schemas import BaseIn
from seedreg.nurseries.tables import NurseryBase
from seedreg.organisations import services as organisations
from seedreg.organisations.rules import OrganisationKind, make_uscc
from seedreg.organisations.schemas import OrganisationCreate
from seedreg.organisations.tables import Organisation

SEATS = {  # near each seat of government (fixtures/nurseries/seats.json), a little way out
    "152201": (46.07, 122.09),
    "152202": (47.18, 119.94),
    "152221": (46.08, 121.95),
    "152222": (45.06, 121.47),
    "152223": (46.72, 122.90),
    "152224": (45.38, 121.59),
}
DUTIES = [
    {"duty": "key_projects", "delivered": "2026年向重点工程造林供应樟子松容器苗30万株"},
    {"duty": "germplasm", "delivered": "保存樟子松、兴安落叶松种质资源共18份"},
]
# county, kind, name, offset (lat, lon), confirmed, declared 亩 of an outline (a 0.005° square,
# about 320 亩) or None
BASES: list[tuple[str, str, str, tuple[float, float], bool, int | None]] = [
    ("152201", "state", "乌兰浩特市国有林场苗圃", (0.04, -0.06), True, 320),
    ("152202", "state", "阿尔山林场良种基地", (-0.05, 0.08), True, None),
    ("152202", "state", "白狼林场苗圃", (-0.10, 0.20), True, None),
    ("152221", "state", "科右前旗国有林场苗圃", (0.10, -0.15), True, 200),
    ("152222", "state", "科右中旗国有林场苗圃", (0.06, 0.05), True, None),
    ("152223", "state", "扎赉特旗国有林场苗圃", (0.05, -0.08), True, None),
    ("152224", "state", "突泉县国有林场苗圃", (0.07, 0.06), False, None),
    ("152223", "collective", "扎赉特旗集体苗圃", (-0.06, 0.07), True, None),
    ("152222", "private", "科右中旗民营苗圃", (-0.04, -0.07), True, None),
    ("152224", "individual", "突泉县家庭苗圃", (-0.05, -0.04), True, None),
]
FARM_HEADS = ("张国林", "李振山", "包青松", "吴建华", "乌云达来")  # made up
STOCK = [
    {"species": "樟子松", "age_code": "2-1", "grade": "Ⅰ级苗", "quantity": 120000},
    {"species": "兴安落叶松", "age_code": "1-0", "grade": "Ⅱ级苗", "quantity": 80000},
]


def _organisation_kind(name: str) -> str:
    """Which of a county's demo organisations runs a base of this kind."""
    return {"state": "国有林场", "collective": "合作社", "private": "有限公司"}.get(
        name, "家庭苗圃"
    )


async def _operator(registrar: Actor, county: str, kind: str, n: int) -> int:
    """The county's organisation that fits the kind; a 国有林场 is registered if it has none."""
    suffix = _organisation_kind(kind)
    rows = await Organisation.select(Organisation.id, Organisation.name).where(
        Organisation.division_code == county
    )
    for row in rows:
        if row["name"].endswith(suffix):
            return int(row["id"])
    name, _, towns = COUNTIES[county]
    town = towns[-1]
    org = await organisations.register(
        registrar,
        OrganisationCreate(
            kind=OrganisationKind.ENTERPRISE,
            name=f"{name}{town.removesuffix('镇').removesuffix('苏木')}国有林场",
            uscc=make_uscc(f"12{county}MB{n:02d}0{1000 + n}"),  # 12: 事业单位 (GB 32100)
            legal_representative=FARM_HEADS[n % len(FARM_HEADS)],
            division_code=county,
            address=address(county, len(towns) - 1),
        ),
    )
    username = f"linchang_{county}"  # every demo organisation has its operator account
    if not await User.exists().where(User.username == username):
        await create_user(
            SYSTEM,
            UserCreate(
                username=username,
                display_name=org.legal_representative,
                password=DEMO_PASSWORD,
                role=Role.OPERATOR,
                organisation_id=org.id,
            ),
        )
    return org.id


def _square(lat: float, lon: float) -> dict[str, Any]:
    d = 0.0025
    ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d]]
    return {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}


async def _base(station: Actor, body: dict[str, Any], confirmed: bool) -> None:
    if await NurseryBase.exists().where(NurseryBase.name == body["name"]):
        return
    base = await nurseries.create(station, BaseIn.model_validate(body))
    if confirmed:
        await nurseries.confirm(station, base.id)


async def load_nurseries(
    station: Actor, registrar: Actor, holders: list[tuple[Actor, str, str]]
) -> list[str]:
    """The demo bases, kept by the 种苗站; ``registrar`` registers the 国有林场 that run them
    where a banner has none; ``holders``: (operator, county, base name) of the organisations
    whose lots name their base. Returns the lines ``load-demo`` prints."""
    for n, (county, kind, name, (dlat, dlon), confirmed, declared) in enumerate(BASES):
        lat, lon = SEATS[county][0] + dlat, SEATS[county][1] + dlon
        body: dict[str, Any] = {
            "name": name,
            "kind": kind,
            "organisation_id": await _operator(registrar, county, kind, n),
            "division_code": county,
            "address": address(county, n + 1),
            "lat": round(lat, 4),
            "lon": round(lon, 4),
            "total_area": str(declared or 300),
            "production_area": str(min(declared or 300, 150)),
            "facilities": ["irrigation", "greenhouse", "seed_store"],
            "stock": STOCK,
            "annual_output": 100000,
            "duties": DUTIES if kind == "state" else [],
        }
        if declared:
            body["outline"] = _square(lat, lon)
        await _base(station, body, confirmed)
    for operator, county, name in holders:
        lat, lon = SEATS[county]
        body = {
            "name": name,
            "kind": "private",
            "division_code": county,
            "address": address(county, 0 if county == "152201" else 2),
            "lat": round(lat - 0.03, 4),
            "lon": round(lon + 0.03, 4),
            "total_area": "80",
            "production_area": "60",
            "facilities": ["irrigation"],
            "stock": STOCK[:1],
            "annual_output": 50000,
        }
        await _base(operator, body, confirmed=False)
    count = await NurseryBase.count()
    farms = await User.select(User.username).where(User.username.like("linchang_%"))
    return [
        f"苗圃基地 {count} 处（各旗县市均有；国有林场苗圃/基地见“国有林场苗圃（基地）目标”页）",
        *(f"国有林场账号 {u['username']}（密码同上）" for u in farms),
    ]
