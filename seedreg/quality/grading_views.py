"""Pages for the grading tables: the list (who entered and confirmed each row), add and correct a
row, confirm it (a second person), deactivate it; for the 种苗站 and the league admin."""

from __future__ import annotations

import math
from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.web.forms import InvalidInput, parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.quality import grading, grading_import_views, grading_rules, rules
from seedreg.quality.rules import SEED_INDICATORS, SEEDLING_INDICATORS
from seedreg.quality.schemas import SeedlingRowIn, SeedRowIn
from seedreg.reference import services as reference

SECOND_OPTIONS = [(k, SEED_INDICATORS[k]) for k in rules.SECOND_SEED_INDICATORS]
HOME = "/admin/quality/grading"


def _confirmable(actor: CurrentActor, rows: list[Any]) -> set[int]:
    """The rows this person may confirm now: a draft of someone else's, complete, its table
    named (the list tags the others "指标不全" or "表号未填")."""
    return {
        r.id
        for r in rows
        if grading_rules.may_confirm(actor, r.state, r.entered_by) and r.complete and r.table_ref
    }


@get(HOME, include_in_schema=False)
async def grading_list(request: Request, actor: CurrentActor) -> Template:
    grading.ensure_grading(actor)
    counts = {k: request.query_params.get(k, "") for k in ("imported", "skipped")}
    shown: dict[str, Any] = {
        k: int(v) if v.isdigit() and len(v) < 6 else None for k, v in counts.items()
    }
    seed_rows = await grading.seed_rows()
    seedling_rows = await grading.seedling_rows()
    return page(
        request,
        "quality/grading.html",
        seed_rows=seed_rows,
        seedling_rows=seedling_rows,
        confirmable={
            "seed": _confirmable(actor, seed_rows),
            "seedling": _confirmable(actor, seedling_rows),
        },
        names={**SEED_INDICATORS, **SEEDLING_INDICATORS},
        confidence=grading_rules.CONFIDENCE_LABELS,
        **shown,
    )


def _number(values: dict[str, Any], name: str, problems: dict[str, str]) -> float | None:
    text = str(values.get(name, "")).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):  # "inf" and "nan" parse, but are no measurement
        problems[name] = "应为数字"
        return None
    return number


def _raise(problems: dict[str, str]) -> None:
    if problems:
        raise InvalidInput("输入有误：" + "；".join(problems.values()), details=problems)


def _common(values: dict[str, Any]) -> dict[str, Any]:
    keys = ("species", "standard", "table_ref", "row_ref", "source", "note")
    return {**{k: values[k] for k in keys if k in values}, "active": bool(values.get("active"))}


def seed_row_input(values: dict[str, Any]) -> SeedRowIn:
    """The seed form: 净度 and the chosen second indicator per grade, as ``SeedRowIn``."""
    problems: dict[str, str] = {}
    second = values.get("second_indicator", "")
    if second not in rules.SECOND_SEED_INDICATORS:
        problems["second_indicator"] = "请选择发芽率、生活力或优良度"
    grade_min: dict[str, dict[str, float]] = {}
    for g in rules.SEED_GRADES:
        purity = _number(values, f"{g}_purity", problems)
        other = _number(values, f"{g}_second", problems)
        grade_min[g] = {
            k: v for k, v in (("purity", purity), (second, other)) if v is not None and k
        }
    moisture = _number(values, "max_moisture", problems)
    _raise(problems)
    data = {**_common(values), "grade_min": grade_min}
    if moisture is not None:
        data["max_moisture"] = moisture
    return parse(SeedRowIn, data)


def seedling_row_input(values: dict[str, Any]) -> SeedlingRowIn:
    """The seedling form: per grade one box per indicator (blank = not in this row)."""
    problems: dict[str, str] = {}
    grades: dict[str, dict[str, float]] = {"I": {}, "II": {}}
    for g, row in grades.items():
        for key in SEEDLING_INDICATORS:
            number = _number(values, f"{g}_{key}", problems)
            if number is not None:
                row[key] = number
    share = _number(values, "min_share_I_II", problems)
    _raise(problems)
    keys = ("seedling_type", "age_code", "overall", "region")
    data = {
        **_common(values),
        **{k: values[k] for k in keys if k in values},
        "grade_I": grades["I"],
        "grade_II": grades["II"],
    }
    if share is not None:
        data["min_share_I_II"] = share
    return parse(SeedlingRowIn, data)


def _row_values(row: Any, keys: tuple[str, ...]) -> dict[str, Any]:
    return {k: getattr(row, k) for k in (*keys, "table_ref", "row_ref", "source", "note", "active")}


def seed_row_values(row: Any) -> dict[str, Any]:
    values = _row_values(row, ("species", "standard", "second_indicator"))
    values["max_moisture"] = f"{row.max_moisture:g}"
    for g in rules.SEED_GRADES:
        values[f"{g}_purity"] = f"{row.grade_min[g]['purity']:g}"
        values[f"{g}_second"] = f"{row.grade_min[g][row.second_indicator]:g}"
    return values


def seedling_row_values(row: Any) -> dict[str, Any]:
    keys = ("species", "standard", "seedling_type", "age_code", "overall", "region")
    values = _row_values(row, keys)
    if row.min_share_I_II:
        values["min_share_I_II"] = f"{row.min_share_I_II:g}"
    for g, grade in (("I", row.grade_I), ("II", row.grade_II)):
        values.update({f"{g}_{k}": f"{v:g}" for k, v in grade.items()})
    return values


KINDS = {
    "seed": ("quality/seed_row.html", seed_row_input, grading.save_seed_row),
    "seedling": ("quality/seedling_row.html", seedling_row_input, grading.save_seedling_row),
}
READERS = {"seed": grading.get_seed_row, "seedling": grading.get_seedling_row}
VALUES = {"seed": seed_row_values, "seedling": seedling_row_values}


async def _row_context(
    actor: CurrentActor, kind: str, row_id: int | None, row: Any = None
) -> dict[str, Any]:
    species = await reference.species_list(include_retired=True)
    return {
        "kind": kind,
        "row_id": row_id,
        "row": row,
        "may_confirm": bool(row and grading_rules.may_confirm(actor, row.state, row.entered_by)),
        "confidence": grading_rules.CONFIDENCE_LABELS,
        "species_options": [(s["name_zh"], s["name_zh"]) for s in species],
        "second_options": SECOND_OPTIONS,
        "seedling_indicators": list(SEEDLING_INDICATORS.items()),
    }


def _kind(kind: str) -> tuple[Any, Any, Any]:
    grading.table_of(kind)  # NotFound for an unknown kind
    return KINDS[kind]


@get(f"{HOME}/{{kind:str}}/new", include_in_schema=False)
async def row_new(request: Request, actor: CurrentActor, kind: FromPath[str]) -> Template:
    grading.ensure_grading(actor)
    template, _, _ = _kind(kind)
    values = {"active": True}
    return page(request, template, values=values, **await _row_context(actor, kind, None))


@get(f"{HOME}/{{kind:str}}/{{row_id:int}}", include_in_schema=False)
async def row_edit(
    request: Request, actor: CurrentActor, kind: FromPath[str], row_id: FromPath[int]
) -> Template:
    grading.ensure_grading(actor)
    template, _, _ = _kind(kind)
    row = await READERS[kind](row_id)
    context = await _row_context(actor, kind, row_id, row)
    return page(request, template, values=VALUES[kind](row), **context)


async def _row_save(
    request: Request, actor: CurrentActor, kind: str, row_id: int | None
) -> Template | Redirect:
    grading.ensure_grading(actor)
    template, read, save = _kind(kind)
    values = await form_data(request)
    try:
        await save(actor, read(values), row_id)
    except DomainError as exc:
        row = await READERS[kind](row_id) if row_id else None
        context = await _row_context(actor, kind, row_id, row)
        return form_error(request, template, exc, values, **context)
    return see_other(HOME)


@post(f"{HOME}/{{kind:str}}/new", include_in_schema=False)
async def row_create(
    request: Request, actor: CurrentActor, kind: FromPath[str]
) -> Template | Redirect:
    return await _row_save(request, actor, kind, None)


@post(f"{HOME}/{{kind:str}}/{{row_id:int}}", include_in_schema=False)
async def row_update(
    request: Request, actor: CurrentActor, kind: FromPath[str], row_id: FromPath[int]
) -> Template | Redirect:
    return await _row_save(request, actor, kind, row_id)


@post(f"{HOME}/{{kind:str}}/{{row_id:int}}/active", include_in_schema=False)
async def row_active(
    request: Request, actor: CurrentActor, kind: FromPath[str], row_id: FromPath[int]
) -> Redirect:
    values = await form_data(request)
    await grading.set_row_active(actor, kind, row_id, values.get("active") == "true")
    return see_other(HOME)


@post(f"{HOME}/{{kind:str}}/{{row_id:int}}/confirm", include_in_schema=False)
async def row_confirm(
    request: Request, actor: CurrentActor, kind: FromPath[str], row_id: FromPath[int]
) -> Template | Redirect:
    template, _, _ = _kind(kind)
    try:
        await grading.confirm_row(actor, kind, row_id)
    except DomainError as exc:
        row = await READERS[kind](row_id)
        context = await _row_context(actor, kind, row_id, row)
        return form_error(request, template, exc, VALUES[kind](row), **context)
    return see_other(f"{HOME}#{kind}-{row_id}")


HANDLERS = [
    grading_list,
    *grading_import_views.HANDLERS,
    row_new,
    row_edit,
    row_create,
    row_update,
    row_active,
    row_confirm,
]
