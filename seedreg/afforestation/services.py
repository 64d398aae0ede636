"""Use-cases of afforestation projects: set up a project, record deliveries by label serial
(each checked against the registry on the day), compute the 良种 share and raise the lead.
Only this package writes its tables; the registry is read through ``labels.verification``."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.afforestation import rules
from seedreg.afforestation.rules import CheckResult, LabelRecord, Share
from seedreg.afforestation.schemas import (
    CheckOut,
    DeliveryIn,
    DeliveryOut,
    LeadOut,
    ProjectIn,
    ProjectOut,
    ShareOut,
)
from seedreg.afforestation.tables import AfforestationProject, Delivery, Lead
from seedreg.core import clock, paging
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.introductions import approvals
from seedreg.labels import verification
from seedreg.labels.serials import TYPO, normalise_serial, serial_is_well_formed
from seedreg.labels.states import LabelStatus
from seedreg.labels.verdicts import VERDICT_LABELS, Verdict
from seedreg.lots.rules import LotStatus, Material, show_quantity
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation

NOT_FOUND = "未找到该造林项目"
PAGE_SIZE = 20  # projects a page of the list (page and API)
MAX_SERIALS = 200  # one delivery form; a larger delivery is recorded in parts


async def create(actor: Actor, data: ProjectIn) -> ProjectOut:
    if not rules.may_create(actor):
        raise Forbidden("重点工程造林项目由种苗站登记")
    org = await Organisation.select().where(Organisation.id == data.organisation_id).first()
    if org is None:
        raise RuleViolation("建设单位不存在", field="organisation_id")
    if not rules.may_see(actor, org["id"], data.division_code):
        raise RuleViolation("项目所在地不在您的管辖范围内", field="division_code")
    async with transaction():
        row = AfforestationProject(
            name=data.name,
            year=data.year,
            organisation=org["id"],
            division_code=data.division_code,
            state_funded=data.state_funded,
            sites=data.sites,
            species=[s.strip() for s in data.species if s.strip()],
            improved_percent=data.improved_percent,
            created_by=actor.user_id,
            created_at=clock.now(),
        )
        await row.save()
        await audit.record(
            actor, "afforestation_project:create", "afforestation_project", row.id,
            after=data.model_dump(mode="json"),
        )  # fmt: skip
    return await get(actor, row.id)


async def load(actor: Actor, project_id: int) -> dict[str, Any]:
    row: dict[str, Any] | None = (
        await AfforestationProject.select()
        .where(AfforestationProject.id == project_id)
        .first()
        .output(load_json=True)
    )
    if row is None or not rules.may_see(actor, row["organisation"], row["division_code"]):
        raise NotFound(NOT_FOUND)
    return row


def _reach(actor: Actor) -> Any:
    """A construction unit's own projects, or those in an official's jurisdiction."""
    if actor.role is Role.OPERATOR:
        return AfforestationProject.organisation == (actor.organisation_id or -1)
    return in_jurisdiction(AfforestationProject.division_code, actor)


async def projects(
    actor: Actor, *, page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[dict[str, Any]], int]:
    """One page of the projects the actor may see, latest year first (then newest), and how
    many there are."""
    P = AfforestationProject
    return await paging.page_of(
        P,
        [_reach(actor)],
        page=page,
        per_page=per_page,
        order_by=(P.year, P.id),
        columns=(*P.all_columns(), P.organisation.name),
    )


async def visible_ids(actor: Actor, project_ids: list[int]) -> set[int]:
    """Which of these projects the actor may see (all of them, not a page)."""
    P = AfforestationProject
    rows = await P.select(P.id).where(P.id.is_in(project_ids or [-1]), _reach(actor))
    return {r["id"] for r in rows}


def _share(row: dict[str, Any], deliveries: list[dict[str, Any]]) -> Share:
    counted = [d for d in deliveries if d["passed"]]
    return Share(
        improved=sum(d["quantity"] for d in counted if d["improved"]),
        total=sum(d["quantity"] for d in counted),
        required_percent=row["improved_percent"],
    )


async def get(actor: Actor, project_id: int) -> ProjectOut:
    row = await load(actor, project_id)
    deliveries = await (
        Delivery.select(*Delivery.all_columns(), Delivery.lot.number, Delivery.lot.material)
        .where(Delivery.project == project_id)
        .order_by(Delivery.id, ascending=False)
        .output(load_json=True)
    )
    org = (
        await Organisation.select(Organisation.name)
        .where(Organisation.id == row["organisation"])
        .first()
    )
    share = _share(row, deliveries)
    return ProjectOut(
        id=row["id"],
        name=row["name"],
        year=row["year"],
        organisation_id=row["organisation"],
        organisation_name=org["name"] if org else "",
        division_code=row["division_code"],
        state_funded=row["state_funded"],
        sites=row["sites"],
        species=row["species"],
        improved_percent=row["improved_percent"],
        share=ShareOut(
            improved=share.improved,
            total=share.total,
            percent=str(share.percent),
            required_percent=share.required_percent,
            short=share.short,
        ),
        deliveries=[_delivery_out(d) for d in deliveries],
        leads=await leads(project_id=project_id),
    )


def _delivery_out(row: dict[str, Any]) -> DeliveryOut:
    material = Material(row["lot.material"] or Material.SEEDLING)
    return DeliveryOut(
        id=row["id"],
        serial=row["serial"],
        lot_number=row["lot.number"] or "",
        species=row["species"],
        improved=row["improved"],
        quantity_text=show_quantity(material, row["quantity"]) if row["quantity"] else "",
        delivered_on=row["delivered_on"],
        passed=row["passed"],
        checks=[
            CheckOut(
                key=c["key"],
                label=rules.Check(c["key"]).label,
                state=c["state"],
                state_label=rules.CheckOutcome(c["state"]).label,
                text=c["text"],
            )
            for c in row["checks"]
        ],
        recorded_at=row["recorded_at"],
    )


def _label_reason(found: dict[str, Any]) -> str:
    if found["lot_status"] == LotStatus.RECALLED:
        return VERDICT_LABELS[Verdict.RECALLED]
    if found["status"] != LabelStatus.VALID:
        return VERDICT_LABELS[Verdict.SUPERSEDED if found["superseded_by"] else Verdict.VOID]
    if found["copied"]:
        return VERDICT_LABELS[Verdict.COPIED]
    return ""


def _record(found: dict[str, Any] | None) -> LabelRecord:
    if found is None:
        return LabelRecord(False, False, "", "", None, None, None, None, None, "")
    content = found["content"]
    content = json.loads(content) if isinstance(content, str) else content
    site = found["site_status"] is not None
    when = verification.parse_date
    return LabelRecord(
        found=True,
        label_valid=not _label_reason(found),
        label_reason=_label_reason(found),
        licence_status=found["licence_status"],
        licence_valid_to=when(found["licence_valid_to"]),
        quality_status=found["quality_status"],
        quality_valid_to=when(found["quality_valid_to"]),
        quarantine_status=found["site_status"] if site else found["consignment_status"],
        quarantine_valid_to=when(found["site_valid_to"] if site else found["consignment_valid_to"]),
        species=content.get("species", ""),
    )


async def _with_introduction(record: LabelRecord, lot: dict[str, Any] | None) -> LabelRecord:
    """The lot's variety and the introduction approval it cites, if any."""
    if lot is None:
        return record
    number = lot["introduction_number"] or ""
    found = await approvals.find(number) if number else None
    approval = None
    if found is not None:
        approval = rules.ApprovalFacts(
            number=found["number"],
            species=found["species"],
            variety=found["variety"],
            origin_code=found["origin_code"],
            decided_by=found["decided_by"],
        )
    return replace(
        record, variety=lot["variety"] or "", introduction_number=number, approval=approval
    )


def parse_serials(text: str) -> list[str]:
    """Serials scanned or typed, one per line or comma-separated, check characters verified."""
    serials = [normalise_serial(t) for t in re.split(r"[\s,，;；、]+", text.strip()) if t]
    if not serials:
        raise RuleViolation("请扫描或输入标签序列号", field="serials")
    if len(serials) > MAX_SERIALS:
        raise RuleViolation(f"一次最多登记 {MAX_SERIALS} 张标签", field="serials")
    wrong = [s for s in serials if not serial_is_well_formed(s)]
    if wrong:
        raise RuleViolation(f"{'、'.join(wrong)}：{TYPO}", field="serials")
    return list(dict.fromkeys(serials))


async def record_deliveries(actor: Actor, project_id: int, data: DeliveryIn) -> list[DeliveryOut]:
    """Each label checked on the day of delivery and kept with what the registry said then."""
    row = await load(actor, project_id)
    if "record" not in rules.allowed_actions(actor, row["organisation"], row["division_code"]):
        raise Forbidden("只有建设单位或种苗站可以登记供苗")
    if data.delivered_on > clock.today():
        raise RuleViolation("到货日期不能晚于今天", field="delivered_on")
    serials = parse_serials(data.serials)
    known = await Delivery.select(Delivery.serial).where(
        (Delivery.project == project_id) & Delivery.serial.is_in(serials)
    )
    if known:
        listed = "、".join(r["serial"] for r in known)
        raise RuleViolation(f"这些标签已登记过供苗：{listed}", field="serials")
    ids = []
    async with transaction():
        for serial in serials:
            ids.append(await _record_one(actor, row, serial, data.delivered_on))
    found = await (
        Delivery.select(*Delivery.all_columns(), Delivery.lot.number, Delivery.lot.material)
        .where(Delivery.id.is_in(ids))
        .order_by(Delivery.id)
        .output(load_json=True)
    )
    return [_delivery_out(d) for d in found]


async def _record_one(actor: Actor, project: dict[str, Any], serial: str, on: date) -> int:
    found = await verification.lookup(serial, fresh=True)
    lot = None
    if found is not None:
        lot = await (
            Lot.select(Lot.id, Lot.improved, Lot.variety, Lot.introduction_number)
            .where(Lot.id == found["lot"])
            .first()
        )
    record = await _with_introduction(_record(found), lot)
    results: list[CheckResult] = rules.check_delivery(record, project["species"], on)
    ok = rules.passed(results)
    delivery = Delivery(
        project=project["id"],
        serial=serial,
        label=found["id"] if found else None,
        lot=lot["id"] if lot else None,
        species=record.species,
        improved=bool(lot and lot["improved"]),
        quantity=found["quantity"] if found else 0,
        delivered_on=on,
        checks=[{"key": r.check.value, "state": r.state.value, "text": r.text} for r in results],
        passed=ok,
        recorded_by=actor.user_id,
        recorded_at=clock.now(),
    )
    await delivery.save()
    await audit.record(
        actor, "afforestation_delivery:record", "afforestation_delivery", delivery.id,
        after={"serial": serial, "passed": ok},
    )  # fmt: skip
    return int(delivery.id)


async def assess(actor: Actor, project_id: int) -> ProjectOut:
    """Compute the 良种 share; a state-funded project below its plan raises the lead against
    its construction unit (once per shortfall found: a second assessment adds a new lead
    only if the share changed)."""
    row = await load(actor, project_id)
    if "assess" not in rules.allowed_actions(actor, row["organisation"], row["division_code"]):
        raise Forbidden("良种使用核算由种苗站办理")
    project = await get(actor, project_id)
    share = Share(project.share.improved, project.share.total, row["improved_percent"])
    if not rules.raises_lead(row["state_funded"], share):
        return project
    detail = rules.lead_detail(row["name"], share)
    if any(lead.detail == detail for lead in project.leads):
        return project
    async with transaction():
        lead = Lead(
            project=project_id,
            organisation=row["organisation"],
            division_code=row["division_code"],
            violation_code=rules.LEAD_CODE,
            title=rules.LEAD_TITLE,
            detail=detail,
            raised_by=actor.user_id,
            raised_at=clock.now(),
        )
        await lead.save()
        await audit.record(
            actor, "afforestation_lead:raise", "afforestation_lead", lead.id,
            after={"share": str(share.percent), "required": share.required_percent},
        )  # fmt: skip
    return await get(actor, project_id)


async def leads(
    *, project_id: int | None = None, organisation_id: int | None = None
) -> list[LeadOut]:
    """The leads raised, for the project page and for the inspection module (issue 23 routes
    them): by project or by construction unit."""
    query = Lead.select(*Lead.all_columns(), Lead.organisation.name)
    if project_id is not None:
        query = query.where(Lead.project == project_id)
    if organisation_id is not None:
        query = query.where(Lead.organisation == organisation_id)
    rows = await query.order_by(Lead.id)
    return [
        LeadOut(
            id=r["id"],
            project_id=r["project"],
            organisation_id=r["organisation"],
            organisation_name=r["organisation.name"],
            violation_code=r["violation_code"],
            title=r["title"],
            detail=r["detail"],
            raised_at=r["raised_at"],
        )
        for r in rows
    ]


async def organisation_options(actor: Actor) -> list[tuple[str, str]]:
    rows = (
        await Organisation.select(Organisation.id, Organisation.name)
        .where(in_jurisdiction(Organisation.division_code, actor))
        .order_by(Organisation.name)
    )
    return [(str(r["id"]), r["name"]) for r in rows]
