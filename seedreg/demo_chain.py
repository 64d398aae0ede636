"""The demo's 两证一签 chain, made through the real services by the demo accounts.

Two organisations apply for a 林木种子生产经营许可证, which their banner's 审批人员 accepts and
grants. The first registers lots of 樟子松 seedlings, 兴安落叶松 seed and 红皮云杉 移植苗 2-2,
graded by the public GB 6000-1999 row, which the demo admin completes with its table and the demo
种苗站 confirms (four eyes; in real use both check the league's copy of the standard); the 种苗站
inspects that lot and issues its 质量检验合格证,
the 检疫员 a 产地检疫合格证 for the lots, and the operator issues labels and reissues (补发) one.
The second organisation recalls a lot. Numbers, notices and the audit chain are genuine. Each
step first looks for what it would make, so loading twice changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.accounts.services import actor_from_row
from seedreg.accounts.tables import User
from seedreg.core import clock
from seedreg.demo_nurseries import load_nurseries
from seedreg.demo_places import town_of, village
from seedreg.labels import issuance, signing
from seedreg.labels.keys import ensure_key
from seedreg.labels.schemas import IssueIn
from seedreg.labels.tables import Label, LabelIssue
from seedreg.licensing import applications, intake, review
from seedreg.licensing.rules import ApplicationKind
from seedreg.licensing.schemas import ApplicationCreate
from seedreg.licensing.tables import Licence
from seedreg.lots import services as lots
from seedreg.lots.rules import LotStatus, Material, show_quantity
from seedreg.lots.schemas import BaseLinkIn, LotCreate, RecallIn
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation
from seedreg.quality import grading, inspections
from seedreg.quality import services as quality
from seedreg.quality.grading_rules import RowState
from seedreg.quality.schemas import InspectionIn, SeedlingRowIn
from seedreg.quality.tables import QualityCertificate, SeedlingGradingRow
from seedreg.quarantine import services as quarantine
from seedreg.quarantine.schemas import SiteCertificateIn
from seedreg.quarantine.tables import SiteQuarantineLot
from seedreg.reference.services import division_name
from seedreg.settings import get_settings

HOLDER, HOLDER_OFFICER = "op01_152201", "shenpi_wlht"  # the first organisation in 乌兰浩特市
SECOND, SECOND_OFFICER = "op05_152221", "shenpi_kyqq"  # the first in 科右前旗
# Each holder's nursery lies in its own town and village (the n of its place in demo.py).
SITES = {
    code: {
        "division_code": code,
        "township": town_of(code, n),
        "village": village(town_of(code, n), n),
    }
    for code, n in (("152201", 0), ("152221", 2))
}
SPRUCE = "红皮云杉"
# species, material, quantity (株 or kg), season, instructions
HOLDER_LOTS = [
    ("樟子松", Material.SEEDLING, 20000, "春季、雨季", "随起随栽，保持根系湿润。"),
    ("兴安落叶松", Material.SEED, 150, "春季", "播种前浸种催芽；阴凉干燥处贮藏。"),
    (SPRUCE, Material.SEEDLING, 2000, "春季", "2-2 移植苗，带土坨栽植，栽后浇透水。"),
]
RECALLED_LOT = ("樟子松", Material.SEEDLING, 5000, "春季", "随起随栽，保持根系湿润。")
LABELS, PER_LABEL = 16, 100  # 16 labels × 100 株 of the 红皮云杉 lot
SPRUCE_TABLE = "附录A"  # the demo admin's entry: where GB 6000-1999 lists its species rows
SPRUCE_MEASURES = {  # passes the public GB 6000 row as Ⅰ级苗, 90% Ⅰ+Ⅱ级 ≥ 85%
    "inspector_name": "那仁满都拉",
    "seedling_type": "移植苗",
    "age_code": "2-2",
    "root_collar_cm": 0.45,
    "height_cm": 20,
    "root_length_cm": 22,
    "lateral_roots": 16,
    "share_I": 60,
    "share_II": 30,
}


def _found(row: dict[str, Any] | None) -> dict[str, Any]:
    """A row the demo has just made (or the seeded personas): missing means the data is broken."""
    if row is None:
        raise RuntimeError("演示数据不完整：请先运行 seed-demo")
    return row


async def _actor(username: str) -> Actor:
    return actor_from_row(_found(await User.select().where(User.username == username).first()))


async def _licence(operator: Actor, officer: Actor, scope: list[str], species: list[str]) -> dict:
    """The organisation's licence; if it has none: applied for, accepted and granted."""
    mine = Licence.organisation == operator.organisation_id
    if not await Licence.exists().where(mine):
        org = await Organisation.select().where(Organisation.id == operator.organisation_id)
        code = org[0]["division_code"]
        details = {
            "legal_representative": org[0]["legal_representative"],
            "registered_address": org[0]["address"],
            "scope": scope,
            "species": species,
            "production_sites": [{**SITES[code], "detail": "1号苗圃"}],
            "valid_area": [code],
        }
        draft = ApplicationCreate.model_validate(
            {"kind": ApplicationKind.ISSUE, "details": details}
        )
        app = await applications.create(operator, draft)
        await applications.submit(operator, app.id)
        await intake.accept(officer, app.id)
        await review.grant(officer, app.id)
    return await Licence.select().where(mine).first().output(load_json=True)


async def _lot(operator: Actor, licence: dict, spec: tuple) -> dict[str, Any]:
    """The organisation's lot of this species and material, registered if missing."""
    species, material, quantity, season, instructions = spec
    found = (
        Lot.select()
        .where(
            (Lot.organisation == operator.organisation_id)
            & (Lot.species == species)
            & (Lot.material == material)
        )
        .output(load_json=True)
    )
    site = licence["production_sites"][0]
    base = await _own_base(operator, f"{site['village']}苗圃")
    if not await found.first():
        body = {
            "licence_id": licence["id"],
            "material": material,
            "species": species,
            "origin": f"兴安盟{await division_name(site['division_code'])}",
            "production_site": site,
            "nursery_base": f"{site['village']}苗圃",
            "base_id": base,
            "produced_on": clock.today(),
            "quantity": quantity,
            "suitable_area": "兴安盟各旗县市",
            "suitable_season": season,
            "instructions": instructions,
        }
        await lots.create(operator, LotCreate.model_validate(body))
    lot = _found(await found.first())
    if base is not None and lot["base"] is None:  # loaded before the register existed
        await lots.link_base(operator, lot["id"], BaseLinkIn(base_id=base))
        lot = _found(await found.first())
    return lot


async def _own_base(operator: Actor, name: str) -> int | None:
    """The id of the operator's registered base of this name (demo_nurseries made it)."""
    for choice in await lots.base_choices(operator):
        if choice[1] == name:
            return int(choice[0])
    return None


async def _spruce_row(admin: Actor, station: Actor) -> None:
    """The public 红皮云杉 移植苗 2-2 row: the admin names its table, the station confirms."""
    T = SeedlingGradingRow
    row = await (
        T.select()
        .where((T.species == SPRUCE) & (T.age_code == "2-2") & (T.source != ""))
        .first()
        .output(load_json=True)
    )
    if row is None or row["state"] == RowState.CONFIRMED:
        return
    fields = SeedlingRowIn.model_fields
    data = SeedlingRowIn.model_validate(
        {**{k: row[k] for k in fields if k in row}, "table_ref": SPRUCE_TABLE}
    )
    await grading.save_seedling_row(admin, data, row["id"])
    await grading.confirm_row(station, "seedling", row["id"])


async def _quality_certificate(station: Actor, lot: dict[str, Any]) -> str:
    """The 种苗站's inspection of the lot and the 质量检验合格证 it issues from it."""
    C = QualityCertificate
    if not await C.exists().where(C.lot == lot["id"]):
        data = InspectionIn.model_validate({**SPRUCE_MEASURES, "inspected_on": clock.today()})
        inspection = await inspections.record(station, lot["id"], data)
        await quality.issue(station, inspection.id)
    return str(_found(await C.select(C.number).where(C.lot == lot["id"]).first())["number"])


async def _site_quarantine(officer: Actor, made: list[dict[str, Any]]) -> str:
    """One 产地检疫合格证 covering the organisation's lots."""
    covered = SiteQuarantineLot.select(SiteQuarantineLot.certificate.number.as_alias("number"))
    covered = covered.where(SiteQuarantineLot.lot == made[-1]["id"])
    if not await covered.first():
        site = made[0]["production_site"]
        place = f"{await division_name(site['division_code'])}{site['township']}{site['village']}"
        data = SiteCertificateIn(
            organisation_id=made[0]["organisation"],
            production_site=f"{place}{site['detail']}",
            inspected_on=clock.today(),
            findings="经产地检疫，未发现检疫性有害生物和补充检疫性有害生物",
            lot_ids=[lot["id"] for lot in made],
        )
        await quarantine.issue_site(officer, data)
    return str(_found(await covered.first())["number"])


async def _labels(operator: Actor, lot: dict[str, Any]) -> tuple[str, str]:
    """Labels of the lot, the first reissued (补发): (a valid serial, the superseded one)."""
    if not await LabelIssue.exists().where(LabelIssue.lot == lot["id"]):
        data = IssueIn(count=LABELS, quantity_each=Decimal(PER_LABEL))
        await issuance.issue_labels(operator, lot["id"], data)
    reissued = (Label.lot == lot["id"]) & (Label.version > 1)
    if not await Label.exists().where(reissued):
        first = await Label.select(Label.id).where(Label.lot == lot["id"]).order_by(Label.id)
        await issuance.reissue(operator, first[0]["id"])
    new = _found(await Label.select(Label.serial).where(reissued).first())
    old = _found(
        await Label.select(Label.serial).where(Label.superseded_by == new["serial"]).first()
    )
    return new["serial"], old["serial"]


async def _recalled(operator: Actor, licence: dict) -> dict[str, Any]:
    lot = await _lot(operator, licence, RECALLED_LOT)
    if lot["status"] != LotStatus.RECALLED:
        reason = "起苗后发现部分苗木根系失水，停止销售"
        await lots.recall(operator, lot["id"], RecallIn(reason=reason))
    return lot


async def load_chain() -> list[str]:
    """Make whatever of the chain is missing; returns the lines ``load-demo`` prints."""
    key_path = get_settings().label_key_path
    key_created, _ = ensure_key(key_path)  # labels are signed when printed
    holder, second = await _actor(HOLDER), await _actor(SECOND)
    station = await _actor("zhongmiao")
    bases = await load_nurseries(
        station,
        await _actor("admin"),
        [
            (holder, "152201", f"{SITES['152201']['village']}苗圃"),
            (second, "152221", f"{SITES['152221']['village']}苗圃"),
        ],
    )
    licence = await _licence(
        holder, await _actor(HOLDER_OFFICER), ["seed", "seedling"], [s[0] for s in HOLDER_LOTS]
    )
    other = await _licence(second, await _actor(SECOND_OFFICER), ["seedling"], ["樟子松"])
    made = [await _lot(holder, licence, spec) for spec in HOLDER_LOTS]
    spruce = made[-1]
    await _spruce_row(await _actor("admin"), station)
    certificate = await _quality_certificate(station, spruce)
    site = await _site_quarantine(await _actor("jianyi"), made)
    serial, superseded = await _labels(holder, spruce)
    recalled = await _recalled(second, other)
    base = get_settings().public_base_url
    return [
        *([f"标签签名私钥已生成：{key_path}"] if key_created else []),
        "两证一签演示数据（已有的不再重复创建）：",
        f"  许可证 {licence['number']}  {licence['holder_name']}（{HOLDER}）",
        f"  许可证 {other['number']}  {other['holder_name']}（{SECOND}）",
        *(
            f"  批次 {lot['number']}  {lot['species']} "
            f"{show_quantity(Material(lot['material']), lot['quantity'])}"
            for lot in made
        ),
        f"  质量检验合格证 {certificate}（依据 GB 6000-1999 {SPRUCE_TABLE} {SPRUCE} 移植苗 2-2）",
        f"  产地检疫合格证 {site}（覆盖以上 {len(made)} 个批次）",
        f"  标签 {LABELS} 张 × {PER_LABEL} 株（批次 {spruce['number']}），其中 1 张已补发",
        f"  已召回批次 {recalled['number']}（{other['holder_name']}）",
        *(f"  {line}" for line in bases),
        f"查验标签：{signing.verification_url(base, serial)}（有效）",
        f"补发前的旧标签：{signing.verification_url(base, superseded)}（已补发）",
    ]
