"""The matter catalogue (事项目录): loading it from fixtures, reading it for the guides, pages,
API and inbox, and the admin's edits of what the law leaves to the authority (the promised
limit, whether a matter is offered, a material's wording)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from piccolo.columns import Column

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.matters import clocks, held_rules, rules
from seedreg.matters.schemas import (
    MaterialOut,
    MaterialWordingIn,
    MatterIn,
    MatterOut,
    Named,
    StateOut,
    StepOut,
)
from seedreg.matters.tables import Matter, MatterMaterial
from seedreg.settings import PROJECT_ROOT

FIXTURES = PROJECT_ROOT / "fixtures" / "matters"
# What the law fixes; a re-load brings these back to the fixture. The rest is the admin's.
FIXED = (
    "name",
    "legal_basis",
    "applicants",
    "sub_items",
    "deciding_level",
    "statutory_days",
    "extension_days",
    "promised_setting",
    "forwarding",
    "league_step",
    "result_documents",
    "code_alone",
)
# A material's facts the catalogue keeps (not wording): which held records may stand for it
# (兴署发〔2021〕5号 Art. 10(四)) and whether it is a form (Art. 10(二)); a re-load restores them.
MATERIAL_FIXED = ("held_by", "table_form")
ADMIN_ONLY = "只有盟林草局管理员可以维护事项目录"


def _check(row: dict[str, Any]) -> None:
    problem = rules.matter_problem(
        row["code"], row["legal_basis"], row["league_step"], row["statutory_days"]
    )
    if problem:
        raise ValueError(problem)


def _material_row(r: dict[str, str]) -> dict[str, Any]:
    if problem := rules.material_item_problem(r["name"], r["legal_basis"]):
        raise ValueError(f"{r['matter']}/{r['code']}: {problem}")
    held_rules.held_kinds(r["held_by"])  # an unknown kind stops the load
    return {
        **r,
        "key": f"{r['matter']}:{r['code']}",
        "copies": int(r["copies"]),
        "sort_order": int(r["sort_order"]),
        "electronic": r["electronic"] == "true",
        "required": r["required"] == "true",
        "table_form": r["table_form"] == "true",
    }


async def load(fixtures: Path = FIXTURES) -> dict[str, int]:
    """Load matters.json and materials.csv (idempotent): new matters and materials are added;
    an existing matter's fixed fields follow the file; the admin's edits stay."""
    matters = json.loads((fixtures / "matters.json").read_text(encoding="utf-8"))
    with (fixtures / "materials.csv").open(encoding="utf-8") as fh:
        materials = [_material_row(r) for r in csv.DictReader(fh)]
    for m in matters:
        _check(m)
    changed = {"matters": 0, "matter_materials": 0}
    async with transaction():
        existing = {r["code"]: r for r in await Matter.select().output(load_json=True)}
        for m in matters:
            old = existing.get(m["code"])
            if old is None:
                await Matter.insert(Matter(**m, updated_at=clock.now()))
                changed["matters"] += 1
            elif any(old[k] != m[k] for k in FIXED):
                fixed: dict[Column | str, Any] = {k: m[k] for k in FIXED}
                await Matter.update({**fixed, "updated_at": clock.now()}).where(
                    Matter.code == m["code"]
                )
                changed["matters"] += 1
        known = {
            r["key"]: r for r in await MatterMaterial.select(MatterMaterial.key, *MATERIAL_FIXED)
        }
        for r in materials:
            if r["key"] not in known:
                await MatterMaterial.insert(MatterMaterial(**r))
                changed["matter_materials"] += 1
            elif any(known[r["key"]][k] != r[k] for k in MATERIAL_FIXED):
                kept: dict[Column | str, Any] = {k: r[k] for k in MATERIAL_FIXED}
                await MatterMaterial.update(kept).where(MatterMaterial.key == r["key"])
                changed["matter_materials"] += 1
        if any(changed.values()):
            await audit.record(audit.SYSTEM, "matter:load", "matter", "fixtures", after=changed)
    return changed


# --- reading -------------------------------------------------------------------------------


async def materials(
    matter: str, kind: str | None = None, *, include_inactive: bool = False
) -> list[dict[str, Any]]:
    """A matter's materials in guide order (for one sub-item); retired ones only on request."""
    query = (
        MatterMaterial.select()
        .where(MatterMaterial.matter == matter)
        .order_by(MatterMaterial.sort_order, MatterMaterial.id)
    )
    if not include_inactive:
        query = query.where(MatterMaterial.active.eq(True))
    return [r for r in await query if kind is None or kind in r["kinds"].split(",")]


async def effective_promised_days(row: dict[str, Any]) -> int | None:
    """The promised limit in force: the catalogue's, or the local setting it names."""
    if row["promised_setting"]:
        return int(await rs.value(rs.definition(row["promised_setting"])))
    return row["promised_days"]


def _steps(code: str) -> tuple[list[StateOut], list[StepOut]]:
    flow = rules.flow(code)
    states = [
        StateOut(code=k, label=s.label, final=s.final, clock=s.clock)
        for k, s in flow.states.items()
    ]
    steps = [
        StepOut(
            state=state,
            action=action,
            action_label=flow.action_labels[action],
            to=edge.to,
            by=sorted(p.value for p in edge.by),
            needs=list(edge.needs),
            notice=edge.notice,
            basis=edge.basis,
        )
        for (state, action), edge in flow.steps.items()
    ]
    return states, steps


async def _out(row: dict[str, Any], *, include_inactive: bool = False) -> MatterOut:
    states, steps = _steps(row["code"])
    items = await materials(row["code"], include_inactive=include_inactive)
    return MatterOut(
        code=row["code"],
        name=row["name"],
        type_label=rules.LeagueStep(row["league_step"]).label,
        legal_basis=row["legal_basis"],
        applicants=[Named(**a) for a in row["applicants"]],
        sub_items=[Named(**a) for a in row["sub_items"]],
        deciding_level=row["deciding_level"],
        statutory_days=row["statutory_days"],
        extension_days=row["extension_days"],
        promised_days=await effective_promised_days(row),
        promised_setting=row["promised_setting"],
        forwarding=row["forwarding"],
        league_step=row["league_step"],
        result_documents=row["result_documents"],
        active=row["active"],
        code_alone=row["code_alone"],
        materials=[
            MaterialOut(**{**m, "kinds": [k for k in m["kinds"].split(",") if k]}) for m in items
        ],
        states=states,
        steps=steps,
    )


async def league_step(code: str) -> rules.LeagueStep:
    """What the authority's step is for the matter (an approval where the catalogue is not
    loaded yet: the stricter wording)."""
    row = await Matter.select(Matter.league_step).where(Matter.code == code).first()
    return rules.LeagueStep(row["league_step"]) if row else rules.LeagueStep.APPROVAL


async def decision_limits(code: str) -> tuple[int, int]:
    """The matter's statutory working days and its one extension (行政许可法 Art. 42), as the
    catalogue holds them; Art. 42's 20 and 10 where the catalogue has no figure (not loaded
    yet, or no law sets one for the matter)."""
    row = (
        await Matter.select(Matter.statutory_days, Matter.extension_days)
        .where(Matter.code == code)
        .first()
    )
    statutory = row["statutory_days"] if row else None
    extension = row["extension_days"] if row else None
    return (
        clocks.DECISION_WORKDAYS if statutory is None else statutory,
        clocks.EXTENSION_WORKDAYS if extension is None else extension,
    )


async def _row(code: str) -> dict[str, Any]:
    row = await Matter.select().where(Matter.code == code).first().output(load_json=True)
    if row is None:
        raise NotFound("未找到该事项")
    return row


async def matter(code: str, *, include_inactive: bool = False) -> MatterOut:
    return await _out(await _row(code), include_inactive=include_inactive)


async def all_matters(*, include_inactive: bool = False) -> list[MatterOut]:
    query = Matter.select().order_by(Matter.id).output(load_json=True)
    if not include_inactive:
        query = query.where(Matter.active.eq(True))
    return [await _out(r, include_inactive=include_inactive) for r in await query]


# --- the admin's edits -----------------------------------------------------------------------


async def save(actor: Actor, code: str, data: MatterIn) -> MatterOut:
    """Change a matter's promised limit and whether it is offered (league admin), audited.
    A limit kept in a local setting is written there (that write is audited as a setting)."""
    if not actor.is_admin:
        raise Forbidden(ADMIN_ONLY)
    before = await _row(code)
    if problem := rules.promised_days_problem(data.promised_days, before["statutory_days"]):
        raise RuleViolation(problem, field="promised_days")
    old_promised = await effective_promised_days(before)
    if before["promised_setting"] and data.promised_days != old_promised:
        await rs.set_value(
            actor, before["promised_setting"], data.promised_days, reason="事项目录修改承诺时限"
        )
    values: dict[Column | str, Any] = {"active": data.active, "updated_at": clock.now()}
    if not before["promised_setting"]:
        values["promised_days"] = data.promised_days
    async with transaction():
        await Matter.update(values).where(Matter.code == code)
        await audit.record(
            actor,
            "matter:save",
            "matter",
            code,
            before={"promised_days": old_promised, "active": before["active"]},
            after={"promised_days": data.promised_days, "active": data.active},
        )
    return await matter(code, include_inactive=True)


async def save_wording(
    actor: Actor, code: str, item_code: str, data: MaterialWordingIn
) -> MaterialOut:
    """Correct a material's name or note, or retire it (league admin), audited; no catch-all
    wording (兴署发〔2021〕5号 Art. 10)."""
    if not actor.is_admin:
        raise Forbidden(ADMIN_ONLY)
    key = f"{code}:{item_code}"
    async with transaction():
        before = await MatterMaterial.select().where(MatterMaterial.key == key).first()
        if before is None:
            raise NotFound("未找到该材料")
        if problem := rules.material_item_problem(data.name, before["legal_basis"]):
            raise RuleViolation(problem, field="name")
        wording: dict[Column | str, Any] = dict(data.model_dump().items())
        await MatterMaterial.update(wording).where(MatterMaterial.key == key)
        after = await MatterMaterial.select().where(MatterMaterial.key == key).first()
        await audit.record(
            actor, "matter_material:save", "matter_material", key, before=before, after=after
        )
    assert after is not None
    return MaterialOut(**{**after, "kinds": [k for k in after["kinds"].split(",") if k]})


async def save_material(actor: Actor, matter: str, data: dict[str, Any]) -> dict[str, Any]:
    """Add or correct a whole material of a matter (licensing's checklist page, which the
    league admin has always kept in full), audited. The caller has checked the actor and the
    wording."""
    key = f"{matter}:{data['code']}"
    async with transaction():
        before = await MatterMaterial.select().where(MatterMaterial.key == key).first()
        if before:
            values: dict[Column | str, Any] = dict(data.items())
            await MatterMaterial.update(values).where(MatterMaterial.key == key)
        else:
            await MatterMaterial.insert(MatterMaterial(**data, key=key, matter=matter))
        after = await MatterMaterial.select().where(MatterMaterial.key == key).first()
        await audit.record(
            actor, "material_item:save", "material_item", data["code"], before=before, after=after
        )
    assert after is not None
    return after
