"""The answer to a request, recorded through the existing services: a station inspection and
its 质量检验合格证 (``quality``), a 产地检疫合格证 or a 植物检疫证书 (``quarantine``: issued
afresh, or exchanged without re-inspection from a valid 产地检疫合格证, facts §5.2); or a refusal
that says why and what is to be done with the goods (植物检疫条例 Art. 8). One transaction: the
certificate exists iff the request says so. Then the chain closes itself: a lot whose 两证一签 is
now complete tells its operator labels can be issued."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.db import transaction
from seedreg.core.errors import RuleViolation
from seedreg.labels.readiness import lot_state
from seedreg.lots.tables import Lot
from seedreg.matters import workflow
from seedreg.matters.transitions import Party
from seedreg.notifications.services import notify_organisation
from seedreg.quality import inspections
from seedreg.quality import services as quality
from seedreg.quality.schemas import InspectionIn
from seedreg.quarantine import services as quarantine
from seedreg.quarantine.records import current_certificate_for_lot
from seedreg.quarantine.schemas import ConsignmentBase, ConsignmentIn, ExchangeIn, SiteCertificateIn
from seedreg.requests import rules
from seedreg.requests.rules import Disposal, RequestKind
from seedreg.requests.schemas import (
    ConsignmentDetails,
    QualityDetails,
    QuarantineResultIn,
    RefuseIn,
    SiteDetails,
)
from seedreg.requests.services import details_of, ensure, load, lot_ids_of, page_url

LABELS_PAGE = "/labels/lots/{id}"


def _ensure_accepted(row: dict[str, Any]) -> None:
    if row["status"] != "accepted":  # the transition refuses too; this says it before any write
        raise RuleViolation("申请受理后才能记录检验结果")


async def _certify(actor: Actor, row: dict[str, Any], certificate: dict[str, Any]) -> None:
    kind = RequestKind(row["matter"])
    details = {**(row["details"] or {}), "result": certificate}
    await workflow.transition(
        actor, row, "certify", {"details": details, "decided_on": clock.today(), "due_on": None}
    )
    await notify_organisation(
        row["organisation"],
        f"{kind.label}{row['reference']}：检验合格",
        f"已签发{certificate['name']}，编号 {certificate['number']}。",
        page_url(row["id"]),
    )


async def _refuse(
    actor: Actor, row: dict[str, Any], reasons: str, disposal: Disposal | None
) -> None:
    kind = RequestKind(row["matter"])
    text = rules.refusal_text(reasons, disposal)
    details = {**(row["details"] or {}), "disposal": disposal.value if disposal else None}
    await workflow.transition(
        actor,
        row,
        "refuse",
        {"details": details, "reasons": text, "decided_on": clock.today(), "due_on": None},
    )
    await notify_organisation(
        row["organisation"],
        f"{kind.label}{row['reference']}：检验不合格",
        text,
        page_url(row["id"]),
    )


async def record_quality(actor: Actor, application_id: int, data: InspectionIn) -> None:
    """The station's inspection of the lot; passed → its 合格证, else refused with the grading's
    reasons (re-inspect once put right)."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    _ensure_accepted(row)
    details = details_of(row)
    assert isinstance(details, QualityDetails)
    async with transaction():
        found = await inspections.record(actor, details.lot_id, data)
        if found.passed:
            cert = await quality.issue(actor, found.id)
            await _certify(
                actor,
                row,
                {"kind": "quality", "id": cert.id, "number": cert.number, "name": "质量检验合格证"},
            )
        else:
            reasons = "；".join(found.reasons) or f"检验结论：{found.result_label}"
            await _refuse(actor, row, reasons, Disposal.REINSPECT)
    await close_chain(lot_ids_of(details))


async def record_quarantine(actor: Actor, application_id: int, data: QuarantineResultIn) -> None:
    """No quarantine object found: the 产地检疫合格证, or the consignment's 植物检疫证书."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    _ensure_accepted(row)
    details = details_of(row)
    async with transaction():
        if isinstance(details, SiteDetails):
            site = await quarantine.issue_site(
                actor,
                SiteCertificateIn(
                    organisation_id=row["organisation"],
                    production_site=details.production_site,
                    inspected_on=data.inspected_on or clock.today(),
                    findings=data.findings,
                    lot_ids=details.lot_ids,
                ),
            )
            cert = {"kind": "site", "id": site.id, "number": site.number, "name": "产地检疫合格证"}
        else:
            assert isinstance(details, ConsignmentDetails)
            cert = await _consignment(actor, row, details, data)
        await _certify(actor, row, cert)
    await close_chain(lot_ids_of(details))


async def _consignment(
    actor: Actor, row: dict[str, Any], details: ConsignmentDetails, data: QuarantineResultIn
) -> dict[str, Any]:
    """换发 from the 产地检疫合格证 covering every lot while it is valid (no re-inspection);
    otherwise inspected and issued."""
    base = details.model_dump(include=set(ConsignmentBase.model_fields))
    today = clock.today()
    covering = {
        (c or {}).get("id") if (c or {}).get("kind") == "site" else None
        for c in [await current_certificate_for_lot(i, today) for i in lot_ids_of(details)]
    }
    if len(covering) == 1 and (site_id := covering.pop()) is not None:
        out = await quarantine.exchange(
            actor, site_id, ExchangeIn.model_validate(base), request=row["id"]
        )
    else:
        out = await quarantine.issue_consignment(
            actor,
            ConsignmentIn.model_validate(
                {**base, "organisation_id": row["organisation"], "findings": data.findings}
            ),
            request=row["id"],
        )
    return {"kind": "consignment", "id": out.id, "number": out.number, "name": "植物检疫证书"}


async def refuse(actor: Actor, application_id: int, data: RefuseIn) -> None:
    """Pests found (or the lot fails): why, and treat, re-inspect, destroy or return."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    async with transaction():
        await _refuse(actor, row, data.reasons, data.disposal)


async def close_chain(lot_ids: list[int]) -> list[int]:
    """Tell the operator of each lot whose 两证一签 is now complete that labels can be issued,
    with the link; the lots told."""
    today, told = clock.today(), []
    for lot_id in lot_ids:
        lot = await Lot.select().where(Lot.id == lot_id).first()
        if lot is None:
            continue
        state = await lot_state(lot, today)
        if state.problems:
            continue
        await notify_organisation(
            lot["organisation"],
            f"批次 {lot['number']} 两证一签齐全",
            "质量检验合格证和检疫证书均已取得，现在可以签发标签。",
            LABELS_PAGE.format(id=lot_id),
        )
        told.append(lot_id)
    return told
