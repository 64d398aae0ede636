"""Demo data of the archive and of afforestation (``load-demo``, idempotent): a year of archive
for the two demo operators of the label chain (the second one's incomplete: stock went out with
no sale recorded and no certificates), and a state-funded afforestation project of the second
operator receiving the first one's seedlings, with a 良种 shortfall and its lead."""

from __future__ import annotations

from datetime import date, timedelta

from seedreg.afforestation import services as afforestation
from seedreg.afforestation.schemas import DeliveryIn, ProjectIn
from seedreg.afforestation.tables import AfforestationProject
from seedreg.archive import papers
from seedreg.archive import services as archive
from seedreg.archive.rules import EntryKind
from seedreg.archive.schemas import EntryIn
from seedreg.archive.tables import ArchiveEntry
from seedreg.core import clock
from seedreg.core.qr import qr_png_bytes
from seedreg.demo_chain import HOLDER, SECOND, SPRUCE, _actor
from seedreg.labels.rules import LabelStatus
from seedreg.labels.tables import Label
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation

PROJECT = "科右前旗退化林修复工程（演示）"
SOLD = (2, 10)  # label sequences of the spruce lot sold to the second operator


def _days_ago(days: int) -> date:
    return clock.today() - timedelta(days=days)


async def _holder_year(buyer: str) -> None:
    holder = await _actor(HOLDER)
    lots = await Lot.select().where(Lot.organisation == holder.organisation_id).order_by(Lot.id)
    for lot in lots:
        await archive.record_entry(
            holder,
            EntryIn(
                lot_id=lot["id"],
                kind=EntryKind.PRODUCTION,
                occurred_on=_days_ago(240),
                responsible="王海林",
                activity="整地、播种（移植）、浇水",
                seed_source="本单位采种基地",
                site="红星村苗圃",
                inputs="复合肥 30 kg/亩",
            ),
        )
        await archive.record_entry(
            holder,
            EntryIn(
                lot_id=lot["id"],
                kind=EntryKind.PRODUCTION,
                occurred_on=_days_ago(150),
                responsible="王海林",
                activity="除草、病虫害防治",
                inputs="吡虫啉 1000 倍液",
            ),
        )
    spruce = next(lot for lot in lots if lot["species"] == SPRUCE)
    quantity = str((SOLD[1] - SOLD[0] + 1) * 100)
    await archive.record_entry(
        holder,
        EntryIn(
            lot_id=spruce["id"],
            kind=EntryKind.STOCK_OUT,
            occurred_on=_days_ago(20),
            responsible="王海林",
            quantity=quantity,
            note="出圃",
        ),
    )
    sale = await archive.record_entry(
        holder,
        EntryIn(
            lot_id=spruce["id"],
            kind=EntryKind.SALE,
            occurred_on=_days_ago(20),
            responsible="王海林",
            quantity=quantity,
            counterparty=buyer,
            buyer_contact="0482-6123456",
            destination="科右前旗大坝沟镇造林地",
            serials=f"{SOLD[0]}-{SOLD[1]}",
        ),
    )
    await papers.attach(
        holder,
        lot_id=spruce["id"],
        entry_id=sale.id,
        kind="invoice",
        filename="销售发票.png",
        content=qr_png_bytes("演示发票 No.00012345"),
    )


async def _second_year() -> None:
    """The incomplete archive: production recorded, stock out with no sale, no certificates."""
    second = await _actor(SECOND)
    lot = await Lot.select().where(Lot.organisation == second.organisation_id).first()
    if lot is None:
        return
    await archive.record_entry(
        second,
        EntryIn(
            lot_id=lot["id"],
            kind=EntryKind.PRODUCTION,
            occurred_on=_days_ago(200),
            responsible="李春生",
            activity="移植、浇水",
            site="前进村苗圃",
        ),
    )
    await archive.record_entry(
        second,
        EntryIn(
            lot_id=lot["id"],
            kind=EntryKind.STOCK_OUT,
            occurred_on=_days_ago(60),
            responsible="李春生",
            quantity="1500",
        ),
    )


async def _project(second_org: dict) -> list[str]:
    station = await _actor("zhongmiao")
    if await AfforestationProject.exists().where(AfforestationProject.name == PROJECT):
        return []
    project = await afforestation.create(
        station,
        ProjectIn(
            name=PROJECT,
            year=clock.today().year,
            organisation_id=second_org["id"],
            division_code="152221",
            state_funded=True,
            sites="大坝沟镇前进村、永胜村",
            species=[SPRUCE, "樟子松"],
            improved_percent=80,
        ),
    )
    holder = await _actor(HOLDER)
    spruce = (
        await Lot.select(Lot.id)
        .where((Lot.organisation == holder.organisation_id) & (Lot.species == SPRUCE))
        .first()
    )
    assert spruce is not None
    sold = (
        await Label.select(Label.serial)
        .where(
            (Label.lot == spruce["id"])
            & (Label.sequence >= SOLD[0])
            & (Label.sequence <= SOLD[1])
            & (Label.status == LabelStatus.VALID)
        )
        .order_by(Label.sequence)
    )
    void = (
        await Label.select(Label.serial)
        .where((Label.lot == spruce["id"]) & (Label.status == LabelStatus.VOID))
        .first()
    )
    serials = [r["serial"] for r in sold[:5]] + ([void["serial"]] if void else [])
    unit = await _actor(SECOND)
    await afforestation.record_deliveries(
        unit, project.id, DeliveryIn(serials="\n".join(serials), delivered_on=_days_ago(15))
    )
    assessed = await afforestation.assess(station, project.id)
    return [
        f"  重点工程造林项目：{PROJECT}，供苗 {len(serials)} 张标签（其中 1 张已被补发标签取代），"
        f"良种比例 {assessed.share.percent}%（计划 80%），线索 {len(assessed.leads)} 条",
    ]


async def load_archive() -> list[str]:
    holder = await _actor(HOLDER)
    second = await _actor(SECOND)
    second_org = (
        await Organisation.select().where(Organisation.id == second.organisation_id).first()
    )
    assert second_org is not None
    lines = ["生产经营档案与重点工程造林演示数据（已有的不再重复创建）："]
    if not await ArchiveEntry.exists().where(ArchiveEntry.organisation == holder.organisation_id):
        await _holder_year(second_org["name"])
        await _second_year()
    lines.append(f"  生产经营档案：{HOLDER}（云杉批次齐全）、{SECOND}（档案不齐全）")
    return lines + await _project(second_org)
