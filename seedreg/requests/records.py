"""Requests as people read them: one (with the actions the matter's table allows this actor),
the operator's own, and the certificate and labels links once the chain is complete."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging
from seedreg.labels.readiness import lot_state
from seedreg.lots.tables import Lot
from seedreg.matters import rules as flow_rules
from seedreg.matters.notice_names import NOTICE_NAMES
from seedreg.matters.tables import Application, Notice
from seedreg.requests.rules import RequestKind
from seedreg.requests.schemas import RequestNoticeOut, RequestOut
from seedreg.requests.services import HANDLER_KEYS, details_of, load, lot_ids_of

PAGE_SIZE = 20  # requests a page of the list (page and API)
CERTIFICATE_PAGES = {
    "quality": "/quality/certificates/{id}",
    "site": "/quarantine/site/{id}",
    "consignment": "/quarantine/consignments/{id}",
}


async def _labels_url(lot_ids: list[int], done: bool) -> str | None:
    """The first lot's labels page once its 两证一签 is complete (the chain closed)."""
    if not done or not lot_ids:
        return None
    lot = await Lot.select().where(Lot.id == lot_ids[0]).first()
    if lot is None or (await lot_state(lot, clock.today())).problems:
        return None
    return f"/labels/lots/{lot_ids[0]}"


async def to_out(actor: Actor, row: dict[str, Any]) -> RequestOut:
    kind = RequestKind(row["matter"])
    names = (
        await Application.select(
            Application.organisation.name.as_alias("org"),
            Application.assigned_to.display_name.as_alias("assigned"),
        )
        .where(Application.id == row["id"])
        .first()
    )
    raw = row["details"] or {}
    visit, result = raw.get("visit") or {}, raw.get("result") or {}
    view = flow_rules.ApplicationView(kind.value, row["status"])
    actor_view = flow_rules.actor_view(actor.role, kind.value, at_counter=row["at_counter"])
    labels = flow_rules.flow(kind.value).action_labels
    notices = await Notice.select().where(Notice.application == row["id"]).order_by(Notice.id)
    lot_ids = lot_ids_of(details_of(row))
    page = CERTIFICATE_PAGES.get(result.get("kind", ""))
    return RequestOut(
        id=row["id"],
        reference=row["reference"],
        kind=kind,
        kind_label=kind.label,
        status=row["status"],
        status_label=flow_rules.state_label(kind.value, row["status"]),
        organisation_id=row["organisation"],
        organisation_name=(names or {}).get("org") or "",
        division_code=row["division_code"],
        details={k: v for k, v in raw.items() if k not in HANDLER_KEYS},
        lot_ids=lot_ids,
        submitted_at=row["submitted_at"],
        received_on=row["received_on"],
        due_on=row["due_on"],
        supplement_items=row["supplement_items"],
        supplement_deadline=row["supplement_deadline"],
        decided_on=row["decided_on"],
        reasons=row["reasons"] or "",
        visit_on=date.fromisoformat(visit["visit_on"]) if visit.get("visit_on") else None,
        visitor=visit.get("visitor", ""),
        assigned_name=(names or {}).get("assigned") or "",
        certificate_number=result.get("number", ""),
        certificate_url=page.format(id=result["id"]) if page else None,
        labels_url=await _labels_url(lot_ids, bool(result)),
        allowed_actions=sorted(
            a for a in flow_rules.allowed_actions(view, actor_view) if a in labels
        ),
        notices=[
            RequestNoticeOut(
                id=n["id"],
                kind=n["kind"],
                kind_label=NOTICE_NAMES.get(n["kind"], n["kind"]),
                number=n["number"],
                issued_on=n["issued_on"],
            )
            for n in notices
        ],
    )


async def get(actor: Actor, application_id: int) -> RequestOut:
    return await to_out(actor, await load(actor, application_id))


async def listing(
    actor: Actor, *, lot_id: int | None = None, page: int = 1, per_page: int = PAGE_SIZE
) -> tuple[list[RequestOut], int]:
    """One page of the operator's own requests (an official: those of the jurisdiction),
    newest first, and how many there are; with ``lot_id``, those naming that lot (the lots are
    in the details, JSON: the ids are picked here from the details of every request in reach,
    and only the page's rows are read whole)."""
    A = Application
    clauses = [
        A.matter.is_in([k.value for k in RequestKind]),
        A.organisation == (actor.organisation_id or -1)
        if actor.role is Role.OPERATOR
        else in_jurisdiction(A.division_code, actor),
    ]
    if lot_id is None:
        rows, total = await paging.page_of(A, clauses, page=page, per_page=per_page)
    else:
        heads = (
            await A.select(A.id, A.matter, A.details)
            .where(*clauses)
            .order_by(A.id, ascending=False)
            .output(load_json=True)
        )
        ids = [r["id"] for r in heads if lot_id in lot_ids_of(details_of(r))]
        skip = paging.offset(page, per_page)
        rows = (
            await A.select()
            .where(A.id.is_in(ids[skip : skip + per_page] or [-1]))
            .order_by(A.id, ascending=False)
            .output(load_json=True)
        )
        total = len(ids)
    return [await to_out(actor, row) for row in rows], total
