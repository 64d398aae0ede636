"""What the check pages offer an inspector: the drawn visits still to check, the parties of its
area, the colleagues who may join, and the checklist by the directive's six groups (兴署发
〔2021〕6号 五(三)), each item with its catalogue entry and fine rule in words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from seedreg.accounts.rules import Actor, covers_division
from seedreg.core.errors import Forbidden
from seedreg.inspections import check_rules as cr
from seedreg.inspections import penalties, rules, targets
from seedreg.inspections.draw_rules import Inspector
from seedreg.inspections.tables import DrawnVisit, FieldCheck, ViolationItem
from seedreg.nurseries.services import bases_for_inspection
from seedreg.organisations.tables import Organisation
from seedreg.reference import services as reference

CHECKLIST_GROUPS = ("1", "2", "3", "4", "5", "6")


@dataclass(frozen=True)
class Target:
    kind: str
    id: int
    name: str
    kind_label: str


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    name: str
    breached_article: str
    fine_words: str
    uses_value: bool  # the fine depends on 货值


def ensure_inspector(actor: Actor) -> str:
    if not cr.may_record_check(actor, actor.jurisdiction or "-"):
        raise Forbidden("现场检查由执法人员记录")
    assert actor.jurisdiction is not None
    return actor.jurisdiction


async def open_tasks(actor: Actor) -> list[dict[str, Any]]:
    """Drawn visits naming this inspector that no check closed yet (the draw's task list)."""
    done = {r["drawn_visit"] for r in await FieldCheck.select(FieldCheck.drawn_visit)}
    rows = await DrawnVisit.select().order_by(DrawnVisit.id, ascending=False).output(load_json=True)
    return [
        r
        for r in rows
        if r["id"] not in done and actor.user_id in {p["id"] for p in r["inspectors"] or []}
    ][:30]


async def parties(division: str) -> list[Target]:
    """Every organisation (licensed or not: trading without a licence is what a check finds)
    and every registered nursery base of the area."""
    orgs = await Organisation.select(
        Organisation.id, Organisation.name, Organisation.division_code
    ).order_by(Organisation.name)
    org_kind, base_kind = rules.TargetKind.ORGANISATION, rules.TargetKind.NURSERY_BASE
    found = [
        Target(org_kind.value, r["id"], r["name"], org_kind.label)
        for r in orgs
        if covers_division(division, r["division_code"])
    ]
    found += [
        Target(base_kind.value, r["id"], r["name"], base_kind.label)
        for r in await bases_for_inspection()
        if covers_division(division, r["division_code"])
    ]
    return found


async def colleagues(division: str) -> list[Inspector]:
    return await targets.inspectors_for(division)


async def checklist() -> list[tuple[str, list[ChecklistItem]]]:
    rows = {r["code"]: r for r in await ViolationItem.select().output(load_json=True)}
    groups: dict[str, list[ChecklistItem]] = {g: [] for g in CHECKLIST_GROUPS}
    for code in sorted(rows):
        row = rows[code]
        if row["directive_group"] not in groups:
            continue
        rule = penalties.rule_from_row(row, rows)
        groups[row["directive_group"]].append(
            ChecklistItem(
                code=code,
                name=row["name"],
                breached_article=row["breached_article"],
                fine_words=penalties.rule_words(rule),
                uses_value=rule.uses_value,
            )
        )
    return [(rules.group_label(g), items) for g, items in groups.items()]


async def catalogue_choices() -> list[tuple[str, str]]:
    rows = await ViolationItem.select(ViolationItem.code, ViolationItem.name).order_by(
        ViolationItem.code
    )
    return [(r["code"], f"{r['code']} {r['name']}") for r in rows]


async def banner_choices(actor: Actor) -> list[tuple[str, str]]:
    """The banners (旗县市) within the actor's jurisdiction, for the lists' filter."""
    counties = await reference.league_counties()
    return [
        (c["code"], c["name"])
        for c in counties
        if actor.jurisdiction and covers_division(actor.jurisdiction, c["code"])
    ]
