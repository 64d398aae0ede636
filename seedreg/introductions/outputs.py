"""The outward shape of an introduction application (API and pages), with its notices, its
approval (once granted), the actions this actor may take and the soft warnings."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.core import paging
from seedreg.introductions import application_rules, approvals, services
from seedreg.introductions.routing_rules import LeagueStep, RouteKind
from seedreg.introductions.schemas import IntroductionOut, NoticeOut, stated
from seedreg.matters import clocks
from seedreg.matters import rules as flow_rules
from seedreg.matters.notice_names import NOTICE_NAMES
from seedreg.matters.tables import Application, Notice
from seedreg.organisations.tables import Organisation

MATTER = services.MATTER
PAGE_SIZE = 20  # applications a page of the list (page and API)
# The notices with a print of their own (introductions.documents renders them).
PRINTED = (
    "introduction_grant",
    "introduction_refusal",
    "introduction_forward",
    "introduction_filing",
)
# A filing waits to be recorded, not to be accepted.
FILING_STATES = {"submitted": "已提交，待备案"}


def status_label(row: dict[str, Any]) -> str:
    if services.step_of(row) is LeagueStep.FILING and row["status"] in FILING_STATES:
        return FILING_STATES[row["status"]]
    return flow_rules.state_label(MATTER, row["status"])


def allowed(actor: Actor, row: dict[str, Any]) -> list[str]:
    view = flow_rules.ApplicationView(MATTER, row["status"])
    actions = flow_rules.allowed_actions(view, flow_rules.ActorView(services.parties(actor, row)))
    return sorted(actions - services.closed_steps(row))


def notice_out(n: dict[str, Any]) -> NoticeOut:
    return NoticeOut(
        id=n["id"],
        kind=n["kind"],
        kind_label=NOTICE_NAMES.get(n["kind"], n["kind"]),
        number=n["number"],
        issued_on=n["issued_on"],
        public_id=n["public_id"],
        pdf_url=f"/api/introductions/notices/{n['id']}/pdf" if n["kind"] in PRINTED else None,
    )


async def to_out(actor: Actor, row: dict[str, Any]) -> IntroductionOut:
    org = await (
        Organisation.select(Organisation.name).where(Organisation.id == row["organisation"]).first()
    )
    notice_rows = await Notice.select().where(Notice.application == row["id"]).order_by(Notice.id)
    approval = await approvals.for_application(row["id"])
    kind = RouteKind(row["sub_item"])
    details = stated(row["details"])
    step = services.step_of(row)
    return IntroductionOut(
        id=row["id"],
        reference=row["reference"],
        route=kind.value,
        route_label=kind.label,
        league_step=step.value if step else None,
        league_step_label=step.label if step else "",
        status=row["status"],
        status_label=status_label(row),
        organisation_id=row["organisation"],
        organisation_name=org["name"] if org else "",
        details=row["details"] or {},
        submitted_at=row["submitted_at"],
        received_on=row["received_on"],
        supplement_items=row["supplement_items"],
        supplement_deadline=row["supplement_deadline"],
        accepted_on=row["accepted_on"],
        decided_on=row["decided_on"],
        reasons=row["reasons"],
        review_opinion=row["review_opinion"],
        site_check=row["site_check"],
        paused=clocks.is_paused(row["pauses"] or []),
        statutory_due=row["statutory_due"],
        extended=bool(row["extended"]),
        allowed_actions=allowed(actor, row),
        notices=[notice_out(n) for n in notice_rows],
        approval=approvals.approval_out(approval) if approval else None,
        warnings=application_rules.warnings(services.applied(details)),
    )


async def get(actor: Actor, application_id: int) -> IntroductionOut:
    return await to_out(actor, await services.load(actor, application_id))


async def page_rows(
    actor: Actor, *, page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[dict[str, Any]], int]:
    """One page of the applicant's own introductions, newest first (an official's: those it
    may see), and how many there are.

    A banner's officials see those with a site in their banner, and the sites are in the
    details (JSON): so who sees what is decided here, over the few columns it needs of every
    introduction (tens a year), and only the page's rows are read whole."""
    A = Application
    query = A.select(A.id, A.organisation, A.division_code, A.details).where(A.matter == MATTER)
    if actor.role is Role.OPERATOR:
        query = query.where(A.organisation == (actor.organisation_id or -1))
    heads = await query.order_by(A.id, ascending=False).output(load_json=True)
    visible = [
        r["id"]
        for r in heads
        if application_rules.may_see(
            actor,
            organisation_id=r["organisation"],
            handling_division=r["division_code"],
            site_codes=services.site_codes(r),
        )
    ]
    skip = paging.offset(page, per_page)
    chosen = visible[skip : skip + per_page]
    rows = (
        await A.select()
        .where(A.id.is_in(chosen or [-1]))
        .order_by(A.id, ascending=False)
        .output(load_json=True)
    )
    return [dict(r) for r in rows], len(visible)


async def listing(actor: Actor, *, page: int = 1) -> tuple[list[IntroductionOut], int]:
    """One page of the list, and how many there are."""
    rows, total = await page_rows(actor, page=page)
    return [await to_out(actor, row) for row in rows], total
