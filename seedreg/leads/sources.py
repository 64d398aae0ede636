"""Where leads come from: one gatherer per kind, each reading its source through that
package's own service where one answers the question (the archive's completeness, the
afforestation shortfall, the quarantine ledger's flag, the complaints queue) and otherwise a
read-only query (clone flags confirmed by the 种苗站, 差评 of a matter). Each lead carries a
source key, so gathering again adds nothing. The owners keep every write."""

from __future__ import annotations

from datetime import date

from seedreg.accounts.rules import LEAGUE_CODE, Actor, Role
from seedreg.afforestation import services as afforestation
from seedreg.archive.findings import archive_gaps
from seedreg.core.db import fetch
from seedreg.leads.rules import LeadKind
from seedreg.leads.schemas import LeadIn
from seedreg.organisations.tables import Organisation
from seedreg.quarantine import consignments
from seedreg.servicedesk import complaints

# The gathering reads league-wide, as the league's admin would; it decides nothing.
READER = Actor(
    user_id=0, username="system", display_name="线索汇集", role=Role.ADMIN,
    jurisdiction=LEAGUE_CODE,
)  # fmt: skip
ORG = "organisation"


async def _orgs(ids: set[int]) -> dict[int, dict[str, str]]:
    if not ids:
        return {}
    table = Organisation
    rows = await table.select(table.id, table.name, table.division_code).where(
        table.id.is_in(sorted(ids))
    )
    return {r["id"]: r for r in rows}


# A lead names the newest lots with gaps; one operator may have hundreds in a year.
LOTS_NAMED = 20


async def archive(on: date) -> list[LeadIn]:
    """档案不齐全 (V4-1) of each operator with archive records this year."""
    year = on.year
    rows = await fetch(
        "SELECT DISTINCT organisation FROM archive_entry WHERE occurred_on >= {} "
        "AND occurred_on <= {}",
        date(year, 1, 1), date(year, 12, 31),
    )  # fmt: skip
    orgs = await _orgs({r["organisation"] for r in rows})
    out = []
    for org_id, org in orgs.items():
        gaps = await archive_gaps(org_id, year)
        if not gaps["lots"]:
            continue
        named = gaps["lots"][::-1][:LOTS_NAMED]  # the newest first
        lots = "；".join(f"{g['lot_number']}：{'、'.join(g['gaps'])}" for g in named)
        if len(gaps["lots"]) > LOTS_NAMED:  # a large nursery: the archive page lists them all
            lots += f"；另有{len(gaps['lots']) - LOTS_NAMED}个批次，见档案页面"
        out.append(
            LeadIn(
                kind=LeadKind.ARCHIVE,
                source_key=f"archive:{org_id}:{year}",
                source_url=f"/archive?organisation={org_id}&year={year}",
                division_code=org["division_code"],
                title=f"{org['name']} {year}年生产经营档案不齐全（{gaps['violation_code']}）",
                detail=f"{lots}（{gaps['basis']}）",
                target_kind=ORG,
                target_id=org_id,
                target_name=org["name"],
            )
        )
    return out


async def improved_seed(on: date) -> list[LeadIn]:
    """良种不足: afforestation's 核算 raised a V5-1 lead against a construction unit."""
    del on
    raised = await afforestation.leads()
    orgs = await _orgs({r.organisation_id for r in raised})
    return [
        LeadIn(
            kind=LeadKind.IMPROVED_SEED,
            source_key=f"afforestation:{r.id}",
            source_url=f"/afforestation/{r.project_id}",
            division_code=orgs[r.organisation_id]["division_code"],
            title=f"{r.organisation_name}：{r.title}（{r.violation_code}）"[:120],
            detail=r.detail,
            target_kind=ORG,
            target_id=r.organisation_id,
            target_name=r.organisation_name,
        )
        for r in raised
        if r.organisation_id in orgs
    ]


async def clones(on: date) -> list[LeadIn]:
    """克隆标签: serials the 种苗站 confirmed as copied; the lead names the lot's producer."""
    del on
    rows = await fetch(
        "SELECT f.id, f.serial, f.division_code, lot.number AS lot_number, o.id AS org_id, "
        "o.name AS org_name FROM clone_flag f JOIN label l ON l.id = f.label "
        "JOIN lot ON lot.id = l.lot JOIN organisation o ON o.id = lot.organisation "
        "WHERE f.status = 'confirmed'"
    )
    return [
        LeadIn(
            kind=LeadKind.CLONE,
            source_key=f"clone_flag:{r['id']}",
            source_url=f"/labels/clone-flags/{r['id']}",
            division_code=r["division_code"],
            title=f"标签 {r['serial']} 被确认仿冒（批次 {r['lot_number']}）",
            detail="种苗站确认该标签信息代码在多处被扫描，疑似被复制使用（种子法第四十条）。",
            target_kind=ORG,
            target_id=r["org_id"],
            target_name=r["org_name"],
        )
        for r in rows
    ]


async def no_approval(on: date) -> list[LeadIn]:
    """无引种批准调入: inbound consignments that needed an introduction approval and name none
    (the quarantine ledger's own flag)."""
    del on
    flagged = await consignments.flagged_inbound(READER)
    if not flagged:
        return []
    marks = ", ".join("{}" for _ in flagged)
    where = await fetch(
        f"SELECT id, organisation, division_code FROM quarantine_certificate WHERE id IN ({marks})",  # noqa: S608 (placeholders only)
        *[c.id for c in flagged],
    )
    place = {r["id"]: r for r in where}
    out = []
    for c in flagged:
        row = place.get(c.id)
        if row is None:
            continue
        out.append(
            LeadIn(
                kind=LeadKind.NO_APPROVAL,
                source_key=f"consignment:{c.id}",
                source_url="/quarantine/ledger",
                division_code=row["division_code"],
                title=f"{c.organisation_name}从{c.origin}调入未附引种审批"[:120],
                detail=f"检疫证 {c.certificate_number}，到达 {c.arrives_on.isoformat()}；"
                f"审批机关：{c.approval_route}",
                target_kind=ORG if row["organisation"] else "",
                target_id=row["organisation"],
                target_name=c.organisation_name,
            )
        )
    return out


async def complaints_alleging(on: date) -> list[LeadIn]:
    """投诉 that allege a violation (the complainant ticked 涉嫌违法)."""
    del on
    return [
        LeadIn(
            kind=LeadKind.COMPLAINT,
            source_key=f"complaint:{c.id}",
            source_url="/servicedesk",
            division_code=c.division_code,
            title=f"投诉：{c.about_text or c.about}"[:120],
            detail=c.allegation or c.text,
        )
        for c in await complaints.alleging_violation(READER)
    ]


async def poor_ratings(on: date) -> list[LeadIn]:
    """差评 (scores 1–2) with a comment: the applicant's words may allege a violation."""
    del on
    rows = await fetch(
        "SELECT r.id, r.score, r.comment, a.id AS application, a.division_code, a.matter "
        "FROM matter_rating r JOIN matter_application a ON a.id = r.application "
        "WHERE r.score <= 2 AND r.comment != ''"
    )
    return [
        LeadIn(
            kind=LeadKind.POOR_RATING,
            source_key=f"rating:{r['id']}",
            source_url=f"/deliveries/{r['application']}",
            division_code=r["division_code"],
            title=f"差评（{r['score']}分）：{r['comment']}"[:120],
            detail=r["comment"],
        )
        for r in rows
    ]


GATHERERS = {
    LeadKind.ARCHIVE: archive,
    LeadKind.IMPROVED_SEED: improved_seed,
    LeadKind.CLONE: clones,
    LeadKind.NO_APPROVAL: no_approval,
    LeadKind.COMPLAINT: complaints_alleging,
    LeadKind.POOR_RATING: poor_ratings,
}
