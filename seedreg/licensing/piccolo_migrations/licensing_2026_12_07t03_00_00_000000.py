"""Pauses recorded for site checks are annulled: 现场核查 (行政许可法 Art. 34) is not one of the
periods Art. 45 excludes, so it never stopped the clock.

Self-contained data migration, the same on SQLite and PostgreSQL (JSON read and written as
text). A pause counts as a site check when its reason speaks of one (核查, 核实, 实地, 现场…)
and names no ground of Art. 45, or when it names no ground and the application's recorded site
check falls inside it. A reason naming both (e.g. 现场核查并取样检测) keeps its pause: the
testing part is lawful. The pause stays in the record, marked ``annulled_on`` (and closed if
it was open), with ``correction: pending``. The daily job (``licensing.corrections``, run at
start-up and hourly) then recomputes the deadline without it, issues the 审查期限更正告知书
and audits both: a migration cannot number notices or extend the audit chain.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder
from piccolo.querystring import QueryString

ID = "2026-12-07T03:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "annul pauses recorded for site checks (行政许可法第四十五条)"

SITE_CHECK = re.compile(r"核查|核实|实地|现场|踏查|勘查|勘验")
LAWFUL = re.compile(r"听证|招标|拍卖|检验|检测|检疫|鉴定|专家|评审")
BASIS = "现场核查不属于行政许可法第四十五条规定的不计入审查期限的情形，该中止自始不计"
CHINA = timezone(timedelta(hours=8))


def _loads(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _within(day: str | None, pause: dict[str, Any]) -> bool:
    if not day:
        return False
    return pause["start"] <= day and (not pause.get("end") or day <= pause["end"])


def is_site_check_pause(pause: dict[str, Any], site_check: dict[str, Any] | None) -> bool:
    """Whether an old pause was taken for a site check (see the module docstring)."""
    if pause.get("annulled_on") or pause.get("ground"):
        return False
    reason = pause.get("reason") or ""
    if LAWFUL.search(reason):
        return False
    return bool(SITE_CHECK.search(reason)) or _within((site_check or {}).get("checked_on"), pause)


def annulled(
    pauses: list[dict[str, Any]], site_check: Any, on: date
) -> list[dict[str, Any]] | None:
    """The pauses with every site-check pause annulled, or None if there was none."""
    changed = False
    out = []
    for pause in pauses:
        if is_site_check_pause(pause, site_check):
            changed = True
            pause = {
                **pause,
                "end": pause.get("end") or on.isoformat(),
                "annulled_on": on.isoformat(),
                "annulled_basis": BASIS,
                "correction": "pending",
            }
        out.append(pause)
    return out if changed else None


async def annul_site_check_pauses(
    on: date | None = None, table: str = "licence_application"
) -> list[int]:
    """Mark the site-check pauses of every application; returns the applications changed.
    ``table``: where the applications are (the shared matter_application since 2026-12-07
    08:50, where the tests run it)."""
    on = on or datetime.now(CHINA).date()
    engine = engine_finder()
    rows = await engine.run_querystring(
        QueryString(f"SELECT id, pauses, site_check FROM {table}")  # noqa: S608 (fixed names)
    )
    changed = []
    for row in rows or []:
        pauses = _loads(row["pauses"]) or []
        if not pauses:
            continue
        new = annulled(pauses, _loads(row["site_check"]), on)
        if new is None:
            continue
        await engine.run_querystring(
            QueryString(
                f"UPDATE {table} SET pauses = {{}} WHERE id = {{}}",  # noqa: S608 (fixed names)
                json.dumps(new, ensure_ascii=False),
                row["id"],
            )
        )
        changed.append(row["id"])
    return changed


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="licensing", description=DESCRIPTION)

    async def run():
        await annul_site_check_pauses()

    manager.add_raw(run)
    return manager
