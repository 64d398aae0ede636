"""Reading issues and labels for the pages and the API (the lot's visibility decides)."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.db import fetch
from seedreg.core.errors import NotFound
from seedreg.labels import signing, standing
from seedreg.labels.content import version_caption
from seedreg.labels.schemas import IssueOut, LabelOut, LabelPage
from seedreg.labels.states import LabelStatus
from seedreg.labels.tables import LabelIssue
from seedreg.labels.verdicts import Verdict
from seedreg.lots import services as lots
from seedreg.lots.rules import Material, show_quantity
from seedreg.settings import get_settings

PAGE_SIZE = 50
LABEL_NOT_FOUND = "未找到该标签"
_LABEL_COLUMNS = (
    "l.id, l.serial, l.lot, l.issued_in, l.sequence, l.version, l.quantity, l.status, "
    "l.void_reason, l.superseded_by, l.copied, l.issued_on, lot.material, lot.organisation, "
    "lot.division_code, lot.number AS lot_number, lot.status AS lot_status"
)


def issue_out(row: dict[str, Any], lot: dict[str, Any]) -> IssueOut:
    material = Material(lot["material"])
    return IssueOut(
        id=row["id"],
        lot_id=lot["id"],
        lot_number=lot["number"],
        count=row["label_count"],
        quantity_each=row["quantity_each"],
        quantity_each_display=show_quantity(material, row["quantity_each"]),
        first_sequence=row["first_sequence"],
        last_sequence=row["first_sequence"] + row["label_count"] - 1,
        issued_on=row["issued_on"],
        created_at=row["created_at"],
        labelled=show_quantity(material, lot["labelled_quantity"]),
        remaining=show_quantity(material, max(lot["quantity"] - lot["labelled_quantity"], 0)),
        content=row["content"],
    )


async def _issue_row(actor: Actor, issue_id: int) -> tuple[dict[str, Any], dict[str, Any]]:
    row = await LabelIssue.select().where(LabelIssue.id == issue_id).first().output(load_json=True)
    if row is None:
        raise NotFound("未找到该标签签发记录")
    try:
        lot = await lots.load(actor, row["lot"])
    except NotFound:
        raise NotFound("未找到该标签签发记录") from None
    return row, lot


async def get_issue(actor: Actor, issue_id: int) -> IssueOut:
    row, lot = await _issue_row(actor, issue_id)
    return issue_out(row, lot)


def issue_code(issue: IssueOut) -> str:
    """A 签发记录 named as people see it: its lot's 批次号 and its first label's sequence
    (P260000006-31); sequences never overlap within a lot, so the code is unique."""
    return f"{issue.lot_number}-{issue.first_sequence}"


async def issue_by_code(actor: Actor, code: str) -> IssueOut:
    """The issue named by ``issue_code``, if the actor may see its lot; otherwise NotFound."""
    number, _, first = code.strip().rpartition("-")
    if not number or not first.isdigit() or len(first) > 9:
        raise NotFound("未找到该标签签发记录")
    try:
        lot = await lots.load_by_number(actor, number)
    except NotFound:
        raise NotFound("未找到该标签签发记录") from None
    row = (
        await LabelIssue.select()
        .where((LabelIssue.lot == lot["id"]) & (LabelIssue.first_sequence == int(first)))
        .first()
        .output(load_json=True)
    )
    if row is None:
        raise NotFound("未找到该标签签发记录")
    return issue_out(row, lot)


async def recent_issues(actor: Actor, limit: int = 200) -> list[IssueOut]:
    """The latest issues of the operator's own organisation (what the print form offers)."""
    rows = (
        await LabelIssue.select(*LabelIssue.all_columns(), LabelIssue.lot.id.as_alias("lot_id"))
        .where(LabelIssue.lot.organisation == (actor.organisation_id or -1))
        .order_by(LabelIssue.id, ascending=False)
        .limit(limit)
        .output(load_json=True)
    )
    lots_seen: dict[int, dict[str, Any]] = {}
    for r in rows:
        if r["lot_id"] not in lots_seen:
            lots_seen[r["lot_id"]] = await lots.load(actor, r["lot_id"])
    return [issue_out(r, lots_seen[r["lot_id"]]) for r in rows]


async def issues_of_lot(actor: Actor, lot_id: int) -> list[IssueOut]:
    lot = await lots.load(actor, lot_id)
    rows = (
        await LabelIssue.select()
        .where(LabelIssue.lot == lot_id)
        .order_by(LabelIssue.id, ascending=False)
        .output(load_json=True)
    )
    return [issue_out(r, lot) for r in rows]


async def label_out(row: dict[str, Any], found: Verdict | None = None) -> LabelOut:
    """A label for the signed-in pages and the API, with the public check's verdict on it
    (``found`` when the caller judged a page of labels at once)."""
    found = found or await standing.label_verdict(row)
    base = get_settings().public_base_url
    return LabelOut(
        id=row["id"],
        serial=row["serial"],
        lot_id=row["lot"],
        issue_id=row["issued_in"],
        sequence=row["sequence"],
        version=row["version"],
        version_label=version_caption(row["version"]),
        quantity=row["quantity"],
        quantity_display=show_quantity(Material(row["material"]), row["quantity"]),
        status=row["status"],
        void_reason=row["void_reason"],
        superseded_by=row["superseded_by"],
        issued_on=row["issued_on"],
        verify_url=signing.verification_url(base, row["serial"]),
        verdict=standing.shown(found),
    )


async def labels_page(
    actor: Actor, *, issue_id: int | None = None, lot_id: int | None = None, page: int = 1
) -> LabelPage:
    """Labels of an issue or of a lot, by sequence and version, a page at a time."""
    if issue_id is not None:
        _, lot = await _issue_row(actor, issue_id)
        where, arg = "l.issued_in = {}", issue_id
    else:
        lot = await lots.load(actor, lot_id or 0)
        where, arg = "l.lot = {}", lot["id"]
    page = max(page, 1)
    rows = await fetch(
        f"SELECT {_LABEL_COLUMNS} FROM label l JOIN lot ON lot.id = l.lot WHERE {where} "  # noqa: S608 (placeholders only)
        "ORDER BY l.sequence, l.version LIMIT {} OFFSET {}",
        arg,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
    )
    total = await fetch(f"SELECT COUNT(*) AS n FROM label l WHERE {where}", arg)  # noqa: S608 (placeholders only)
    return LabelPage(
        items=[
            await label_out(r, v)
            for r, v in zip(rows, await standing.label_verdicts(rows), strict=True)
        ],
        total=int(total[0]["n"]),
        page=page,
        page_size=PAGE_SIZE,
    )


async def load_label(actor: Actor, label_id: int) -> dict[str, Any]:
    """The label row (with its lot's facts) if the actor may see the lot; else NotFound."""
    rows = await fetch(
        f"SELECT {_LABEL_COLUMNS} FROM label l JOIN lot ON lot.id = l.lot WHERE l.id = {{}}",  # noqa: S608 (placeholders only)
        label_id,
    )
    if not rows:
        raise NotFound(LABEL_NOT_FOUND)
    try:
        await lots.load(actor, rows[0]["lot"])
    except NotFound:
        raise NotFound(LABEL_NOT_FOUND) from None
    return rows[0]


async def get_label(actor: Actor, label_id: int) -> LabelOut:
    return await label_out(await load_label(actor, label_id))


async def void_for_recall(lot_id: int, reason: str) -> int:
    """Void every valid label of a lot being recalled (召回; the lot zeroes its labelled
    quantity itself); returns how many. Call inside the recall's transaction."""
    rows = await fetch(
        "UPDATE label SET status = {}, void_reason = {} "
        "WHERE lot = {} AND status = {} RETURNING id",
        LabelStatus.VOID.value,
        f"批次已召回：{reason}"[:200],
        lot_id,
        LabelStatus.VALID.value,
    )
    return len(rows)
