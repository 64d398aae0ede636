"""The summary figures: refreshed incrementally from the audit trail, read by the dashboards.

A refresh reads the audit chain's head first, then recounts only the families of figures whose
subjects were recorded since the last refresh (and the date-bound ones on a new day), then
replaces those families' rows in one transaction. Several processes may refresh at once: the
one that counted from an older head than the stored one gives way, so figures never go back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from piccolo.columns import Column

from seedreg.accounts.rules import Actor
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden
from seedreg.reports import metrics
from seedreg.reports import rules as r
from seedreg.reports.tables import ReportFigure, ReportState


@dataclass(frozen=True)
class Refreshed:
    seq: int
    families: list[str]
    at: datetime
    written: bool


async def state() -> dict[str, Any] | None:
    return await ReportState.select().where(ReportState.id == 1).first()


async def refresh(*, actor: audit.ActorLike = audit.SYSTEM, force: bool = False) -> Refreshed:
    """Recount what changed since the last refresh (everything when ``force``)."""
    today, now = clock.today(), clock.now()
    before = await state()
    seq, subjects = await audit.subjects_since(before["seq"] if before else 0)
    mark = await metrics.scan_mark()
    due = r.families_to_refresh(
        subjects,
        new_day=before is not None and before["counted_on"] != today,
        new_scans=before is not None and mark != before["scan_mark"],
        first=force or before is None,
    )
    counted = {family: await metrics.COUNTERS[family](today) for family in sorted(due)}
    async with transaction():
        current = await state()
        if current and current["seq"] > seq:
            return Refreshed(current["seq"], [], now, written=False)  # a newer count is stored
        for family, rows in counted.items():
            names = [m.value for m in r.FAMILY_METRICS[family]]
            await ReportFigure.delete().where(ReportFigure.metric.is_in(names))
            if rows:
                await ReportFigure.insert(*[_figure(x) for x in rows])
        values: dict[Column | str, Any] = {
            ReportState.seq: seq,
            ReportState.scan_mark: mark,
            ReportState.counted_on: today,
            ReportState.refreshed_at: now,
        }
        if current:
            await ReportState.update(values).where(ReportState.id == 1)
        else:
            await ReportState.insert(
                ReportState(id=1, seq=seq, scan_mark=mark, counted_on=today, refreshed_at=now)
            )
        if force:
            await audit.record(actor, "report:refresh", "report", 1, after={"seq": seq})
    return Refreshed(seq, [f.value for f in sorted(due)], now, written=True)


def _figure(row: r.Row) -> ReportFigure:
    return ReportFigure(
        metric=row.metric.value,
        division_code=row.division_code,
        period=row.period,
        key=row.key[:80],
        value=row.value,
    )


def may_see(actor: Actor) -> bool:
    return r.may_see_reports(actor.is_official, actor.is_operator)


async def official_rows(actor: Actor, division: str = "") -> list[r.Row]:
    """The stored figures of the actor's area, or of one banner within it."""
    if not actor.is_official:
        raise Forbidden("统计报表供机关工作人员查看")
    # only what the dashboard draws: snapshots and the months it shows (older months' rows
    # would only be read to be dropped); of the publication, the ratings per office
    shown = [m.value for m in r.Metric if m is not r.Metric.PUBLICATION]
    rated = (ReportFigure.metric == r.Metric.PUBLICATION.value) & ReportFigure.key.is_in(
        list(r.RATED)
    )
    where = (
        in_jurisdiction(ReportFigure.division_code, actor)
        & (ReportFigure.metric.is_in(shown) | rated)
        & ((ReportFigure.period == "") | (ReportFigure.period >= r.last_months(clock.today())[0]))
    )
    if division:
        where = where & (ReportFigure.division_code == division)
    return await stored_rows(where)


async def stored_rows(where: Any) -> list[r.Row]:
    """The stored figures the condition selects, as rows (a metric no longer known is skipped)."""
    rows = await ReportFigure.select(
        ReportFigure.metric,
        ReportFigure.division_code,
        ReportFigure.period,
        ReportFigure.key,
        ReportFigure.value,
    ).where(where)
    return [
        r.Row(r.Metric(x["metric"]), x["division_code"], x["period"], x["key"], int(x["value"]))
        for x in rows
        if x["metric"] in r.Metric._value2member_map_
    ]


async def refreshed_at() -> datetime | None:
    found = await state()
    return found["refreshed_at"] if found else None
