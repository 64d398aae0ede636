"""What the public check says of a label or a lot today, for the signed-in pages.

Issue 14 item 8: after a licence was revoked the operator's lot page still said 正常 and its
label table 有效 while the public page said 无效. Every page showing a label's or a lot's state
now asks ``verdicts.verdict`` on the facts the public look-up reads (``verification``: the
label row and its issue's lot, licence and certificates, by the same SQL), so they cannot
disagree. They read fresh, past the public check's short per-issue cache: a change shows at
once on the page of the one who made it.

A lot is judged as the public check would judge a valid label of its latest issue. A lot
without labels is judged on what exists already (its recall and its licence): its certificates
are the 两证一签 the label page checks before issuing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from seedreg.core import clock
from seedreg.core.db import fetch
from seedreg.labels import verification
from seedreg.labels.rules import LabelStatus
from seedreg.labels.schemas import VerdictOut
from seedreg.labels.verdicts import LabelFacts, Verdict, verdict
from seedreg.quality.rules import CertificateState


def shown(found: Verdict) -> VerdictOut:
    """A verdict as the pages show it: the public page's word, the reason and the badge."""
    return VerdictOut(kind=found, word=found.word, label=found.label, ok=found.ok, tone=found.tone)


async def label_verdict(row: dict[str, Any]) -> Verdict:
    """The public verdict on a label row (``status``, ``superseded_by``, ``copied``,
    ``issued_in``), today."""
    return (await label_verdicts([row]))[0]


async def label_verdicts(rows: list[dict[str, Any]]) -> list[Verdict]:
    """The verdicts on a page of label rows, reading each labelling batch once."""
    issues = {i: await verification.issue(i, fresh=True) for i in {r["issued_in"] for r in rows}}
    today = clock.today()
    return [_judged(row, issues[row["issued_in"]], today) for row in rows]


def _judged(row: dict[str, Any], issue: dict[str, Any] | None, today: date) -> Verdict:
    if issue is None:  # the issue is the label's foreign key: only a row being deleted
        return Verdict.NOT_FOUND
    return verdict(verification.facts({**row, **issue}), today)


def _in(values: list[int]) -> str:
    return "(" + ", ".join("{}" for _ in values) + ")"


async def lot_verdicts(lot_ids: Iterable[int]) -> dict[int, Verdict]:
    """Each lot's verdict today: that of a valid label of its latest issue."""
    ids = sorted(set(lot_ids))
    if not ids:
        return {}
    today = clock.today()
    latest = await fetch(
        f"SELECT lot, MAX(id) AS issue FROM label_issue WHERE lot IN {_in(ids)} GROUP BY lot",  # noqa: S608 (placeholders only)
        *ids,
    )
    out: dict[int, Verdict] = {}
    label = {"status": LabelStatus.VALID, "superseded_by": "", "copied": False}
    for row in latest:
        issue = await verification.issue(row["issue"], fresh=True)
        if issue is not None:
            out[row["lot"]] = verdict(verification.facts({**label, **issue}), today)
    rest = [i for i in ids if i not in out]
    for lot in await _lots_without_labels(rest):
        out[lot["id"]] = verdict(
            LabelFacts(
                label_status=LabelStatus.VALID,
                superseded_by="",
                lot_status=lot["status"],
                licence_status=lot["licence_status"],
                licence_valid_to=verification.parse_date(lot["licence_valid_to"]),
                quality_status=CertificateState.VALID,
                quality_valid_to=None,
                quarantine_status=CertificateState.VALID,
                quarantine_valid_to=None,
            ),
            today,
        )
    return out


async def _lots_without_labels(ids: list[int]) -> list[dict[str, Any]]:
    if not ids:
        return []
    return await fetch(
        "SELECT lot.id, lot.status, lic.status AS licence_status, "  # noqa: S608 (placeholders only)
        "lic.valid_to AS licence_valid_to FROM lot JOIN licence lic ON lic.id = lot.licence "
        f"WHERE lot.id IN {_in(ids)}",
        *ids,
    )
