"""Statistics of on-site checks (issue 23): findings by catalogue item, by banner and by month,
and the rectifications past their deadline with no re-inspection recorded. For inspectors (their
banner) and the league (all banners). Counted from the records, in 兴安盟's time."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor, covers_division
from seedreg.core import clock
from seedreg.core.db import fetch
from seedreg.core.errors import Forbidden
from seedreg.inspections import check_rules as cr
from seedreg.inspections import followup_rules as fr
from seedreg.inspections.check_out import when
from seedreg.inspections.tables import ViolationItem
from seedreg.reference.services import division_names


def _ensure(actor: Actor, division: str) -> str:
    """The area counted: the one asked for if the actor covers it, else the actor's own."""
    own = actor.jurisdiction or "-"
    if not cr.may_see_check(actor, own):
        raise Forbidden("检查统计供执法人员和管理员查看")
    if division and not covers_division(own, division):
        raise Forbidden("只能查看本辖区的检查统计")
    return division or own


async def figures(actor: Actor, *, start: date, end: date, division: str = "") -> dict[str, Any]:
    """Findings of checks started in [start, end] (China days) in the area, and the overdue
    rectifications of those checks as of today."""
    area = _ensure(actor, division)
    rows = await fetch(
        "SELECT f.id, f.code, c.division_code, c.started_at FROM check_finding f "
        "JOIN field_check c ON c.id = f.field_check"
    )
    facts, ids = [], set()
    for r in rows:
        day = when(r["started_at"]).astimezone(clock.CHINA).date()
        if start <= day <= end and covers_division(area, r["division_code"]):
            facts.append(fr.FindingFact(r["code"], r["division_code"], day.strftime("%Y-%m")))
            ids.add(r["id"])
    today = clock.today()
    late = [
        u
        for u in await fetch(
            "SELECT u.id, u.finding, u.field_check, u.due_on, u.state, u.division_code, "
            "c.number, c.target_name, f.code FROM follow_up u "
            "JOIN field_check c ON c.id = u.field_check JOIN check_finding f ON f.id = u.finding "
            "ORDER BY u.due_on, u.id"
        )
        if u["finding"] in ids and fr.overdue(u["state"], _day(u["due_on"]), today)
    ]
    names = {
        r["code"]: r["name"]
        for r in await ViolationItem.select(ViolationItem.code, ViolationItem.name)
    }
    banners = await division_names()
    return {
        "area": area,
        "start": start,
        "end": end,
        "total": len(facts),
        "by_item": [
            {"code": k, "name": names.get(k, k), "count": v} for k, v in fr.by_item(facts).items()
        ],
        "by_division": [
            {"division_code": k, "name": banners.get(k, k), "count": v}
            for k, v in fr.by_division(facts).items()
        ],
        "by_month": [{"month": k, "count": v} for k, v in fr.by_month(facts).items()],
        "overdue": [
            {
                "follow_up_id": u["id"],
                "check_id": u["field_check"],
                "number": u["number"],
                "target_name": u["target_name"],
                "code": u["code"],
                "division_code": u["division_code"],
                "due_on": _day(u["due_on"]),
                "days_late": (today - _day(u["due_on"])).days,
            }
            for u in late
        ],
    }


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
