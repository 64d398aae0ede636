"""Pages for quality: the inspection form, the certificate page, its PDF and revocation, the
public verification page, and the administrator's grading tables."""

from __future__ import annotations

import math
from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Role
from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import DomainError, Forbidden, NotFound
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import InvalidInput, parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.core.web.responses import pdf_response
from seedreg.lots import services as lots
from seedreg.quality import (
    documents,
    grading,
    inspections,
    rules,
    services,
    tester_views,
    testers,
)
from seedreg.quality.rules import (
    SAMPLE_BADGE,
    SEED_INDICATORS,
    SEEDLING_INDICATORS,
    CertificateState,
)
from seedreg.quality.schemas import InspectionIn, RevokeIn, SeedlingRowIn, SeedRowIn
from seedreg.reference import services as reference

SECOND_OPTIONS = [(k, SEED_INDICATORS[k]) for k in rules.SECOND_SEED_INDICATORS]


# --- inspections ------------------------------------------------------------------------------


async def _seed_row(species: str) -> Any:
    row = await grading.seed_row_for(species)
    return grading.seed_row_out(row) if row else None


async def _inspect_context(actor: CurrentActor, lot_id: int) -> dict[str, Any]:
    lot = await lots.get(actor, lot_id)
    if actor.role not in (Role.OPERATOR, Role.SEED_STATION):
        raise Forbidden("只有生产经营者（自检）或种苗站可以记录质量检验")
    return {
        "lot": lot,
        "seed_row": await _seed_row(lot.species) if lot.material == "seed" else None,
        "seed_names": SEED_INDICATORS,
        "seedling_rows": [
            r for r in await grading.seedling_rows(active_only=True) if r.species == lot.species
        ],
        "second_options": SECOND_OPTIONS,
        "seedling_type_options": [(t, t) for t in await inspections.seedling_types(lot.species)],
        "no_thresholds": rules.NO_THRESHOLDS[lot.material],
        "sample_badge": SAMPLE_BADGE,
        "is_station": actor.role is Role.SEED_STATION,
        "tester_options": [
            (t["id"], f"{t['name']}（资格证书 {t['qualification_number']}）")
            for t in await testers.verified_for(lot.organisation_id)
            if actor.role is Role.OPERATOR
        ],
    }


@get("/lots/{lot_id:int}/inspect", include_in_schema=False)
async def inspect_form(request: Request, actor: CurrentActor, lot_id: FromPath[int]) -> Template:
    context = await _inspect_context(actor, lot_id)
    values = {"inspected_on": clock.today().isoformat(), "meets_overall": "true"}
    return page(request, "quality/inspect.html", values=values, **context)


@post("/lots/{lot_id:int}/inspect", include_in_schema=False)
async def inspect_submit(
    request: Request, actor: CurrentActor, lot_id: FromPath[int]
) -> Template | Redirect:
    context = await _inspect_context(actor, lot_id)
    values = await form_data(request)
    try:
        await inspections.record(actor, lot_id, parse(InspectionIn, values))
    except DomainError as exc:
        return form_error(request, "quality/inspect.html", exc, values, **context)
    return see_other(f"/lots/{lot_id}#inspections")


# --- certificates -----------------------------------------------------------------------------


@post("/quality/inspections/{inspection_id:int}/certificate", include_in_schema=False)
async def certificate_issue(
    request: Request, actor: CurrentActor, inspection_id: FromPath[int]
) -> Redirect:
    cert = await services.issue(actor, inspection_id)
    return see_other(f"/quality/certificates/{cert.id}")


async def _certificate_context(actor: CurrentActor, certificate_id: int) -> dict[str, Any]:
    context = await documents.certificate_context(actor, certificate_id)
    return {
        **context,
        "may_revoke": actor.role is Role.SEED_STATION
        and context["cert"].status != CertificateState.REVOKED,
        "failed": "",
    }


@get("/quality/certificates/{certificate_id:int}", include_in_schema=False)
async def certificate_detail(
    request: Request, actor: CurrentActor, certificate_id: FromPath[int]
) -> Template:
    context = await _certificate_context(actor, certificate_id)
    return page(request, "quality/certificate.html", **context)


@get("/quality/certificates/{certificate_id:int}/pdf", include_in_schema=False)
async def certificate_pdf(actor: CurrentActor, certificate_id: FromPath[int]) -> Response:
    pdf = await documents.certificate_pdf(actor, certificate_id)
    return pdf_response(pdf, f"quality-{certificate_id}.pdf")


@post("/quality/certificates/{certificate_id:int}/revoke", include_in_schema=False)
async def certificate_revoke(
    request: Request, actor: CurrentActor, certificate_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(RevokeIn, {"reason": values.get("reason", "")})
        if not confirmed(values):
            cert = (await _certificate_context(actor, certificate_id))["cert"]
            return confirmation(
                request,
                values,
                question=f"确认撤销 质量检验合格证 {cert.number}（批次 {cert.lot_number}）？",
                button="确认撤销合格证",
                back=f"/quality/certificates/{certificate_id}",
                facts=[("撤销原因", data.reason)],
                danger=True,
            )
        await services.revoke(actor, certificate_id, data)
    except DomainError as exc:
        context = await _certificate_context(actor, certificate_id)
        context["failed"] = "revoke"
        return form_error(request, "quality/certificate.html", exc, values, **context)
    return see_other(f"/quality/certificates/{certificate_id}")


@get("/verify/quality/{public_id:str}", include_in_schema=False)
async def certificate_verify(request: Request, public_id: FromPath[str]) -> Template:
    try:
        found = await services.verify(public_id)
    except NotFound as exc:
        return page(
            request, "quality/verify.html", status_code=404, found=None, message=exc.message
        )
    return page(request, "quality/verify.html", found=found, message="")


# --- grading rows (league admin) --------------------------------------------------------------


def _ensure_admin(actor: CurrentActor) -> None:
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以维护分级标准数据")


@get("/admin/quality/grading", include_in_schema=False)
async def grading_list(request: Request, actor: CurrentActor) -> Template:
    _ensure_admin(actor)
    return page(
        request,
        "quality/grading.html",
        seed_rows=await grading.seed_rows(),
        seedling_rows=await grading.seedling_rows(),
        names={**SEED_INDICATORS, **SEEDLING_INDICATORS},
        sample_badge=SAMPLE_BADGE,
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
    keys = ("species", "standard", "note")
    return {
        **{k: values[k] for k in keys if k in values},
        "sample": bool(values.get("sample")),
        "active": bool(values.get("active")),
    }


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


def seed_row_values(row: Any) -> dict[str, Any]:
    values = {
        "species": row.species,
        "standard": row.standard,
        "note": row.note,
        "second_indicator": row.second_indicator,
        "max_moisture": f"{row.max_moisture:g}",
        "sample": row.sample,
        "active": row.active,
    }
    for g in rules.SEED_GRADES:
        values[f"{g}_purity"] = f"{row.grade_min[g]['purity']:g}"
        values[f"{g}_second"] = f"{row.grade_min[g][row.second_indicator]:g}"
    return values


def seedling_row_values(row: Any) -> dict[str, Any]:
    values = {
        k: getattr(row, k)
        for k in ("species", "standard", "seedling_type", "age_code", "overall", "region", "note")
    }
    values.update(sample=row.sample, active=row.active, min_share_I_II=f"{row.min_share_I_II:g}")
    for g, grade in (("I", row.grade_I), ("II", row.grade_II)):
        values.update({f"{g}_{k}": f"{v:g}" for k, v in grade.items()})
    return values


KINDS = {
    "seed": ("quality/seed_row.html", seed_row_input, grading.save_seed_row),
    "seedling": ("quality/seedling_row.html", seedling_row_input, grading.save_seedling_row),
}


async def _row_context(kind: str, row_id: int | None) -> dict[str, Any]:
    species = await reference.species_list(include_retired=True)
    return {
        "kind": kind,
        "row_id": row_id,
        "species_options": [(s["name_zh"], s["name_zh"]) for s in species],
        "second_options": SECOND_OPTIONS,
        "seedling_indicators": list(SEEDLING_INDICATORS.items()),
        "sample_badge": SAMPLE_BADGE,
    }


def _kind(kind: str) -> tuple[Any, Any, Any]:
    if kind not in KINDS:
        raise NotFound("未找到该分级数据")
    return KINDS[kind]


@get("/admin/quality/grading/{kind:str}/new", include_in_schema=False)
async def row_new(request: Request, actor: CurrentActor, kind: FromPath[str]) -> Template:
    _ensure_admin(actor)
    template, _, _ = _kind(kind)
    values = {"active": True}
    return page(request, template, values=values, **await _row_context(kind, None))


@get("/admin/quality/grading/{kind:str}/{row_id:int}", include_in_schema=False)
async def row_edit(
    request: Request, actor: CurrentActor, kind: FromPath[str], row_id: FromPath[int]
) -> Template:
    _ensure_admin(actor)
    template, _, _ = _kind(kind)
    if kind == "seed":
        values = seed_row_values(await grading.get_seed_row(row_id))
    else:
        values = seedling_row_values(await grading.get_seedling_row(row_id))
    return page(request, template, values=values, **await _row_context(kind, row_id))


async def _row_save(
    request: Request, actor: CurrentActor, kind: str, row_id: int | None
) -> Template | Redirect:
    _ensure_admin(actor)
    template, read, save = _kind(kind)
    values = await form_data(request)
    try:
        await save(actor, read(values), row_id)
    except DomainError as exc:
        return form_error(request, template, exc, values, **await _row_context(kind, row_id))
    return see_other("/admin/quality/grading")


@post("/admin/quality/grading/{kind:str}/new", include_in_schema=False)
async def row_create(
    request: Request, actor: CurrentActor, kind: FromPath[str]
) -> Template | Redirect:
    return await _row_save(request, actor, kind, None)


@post("/admin/quality/grading/{kind:str}/{row_id:int}", include_in_schema=False)
async def row_update(
    request: Request, actor: CurrentActor, kind: FromPath[str], row_id: FromPath[int]
) -> Template | Redirect:
    return await _row_save(request, actor, kind, row_id)


@post("/admin/quality/grading/{kind:str}/{row_id:int}/active", include_in_schema=False)
async def row_active(
    request: Request, actor: CurrentActor, kind: FromPath[str], row_id: FromPath[int]
) -> Redirect:
    values = await form_data(request)
    await grading.set_row_active(actor, kind, row_id, values.get("active") == "true")
    return see_other("/admin/quality/grading")


HANDLERS = [
    *tester_views.HANDLERS,
    inspect_form,
    inspect_submit,
    certificate_issue,
    certificate_detail,
    certificate_pdf,
    certificate_revoke,
    certificate_verify,
    grading_list,
    row_new,
    row_edit,
    row_create,
    row_update,
    row_active,
]
