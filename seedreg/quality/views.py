"""Pages for quality: the inspection form, the certificate page, its PDF and revocation and the
public verification page (the grading tables' pages are in ``grading_views``)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.rules import Role
from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.web.confirm import confirmation, confirmed
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other, verification
from seedreg.core.web.responses import pdf_response
from seedreg.lots import services as lots
from seedreg.quality import (
    documents,
    grading,
    grading_views,
    inspections,
    rules,
    services,
    tester_views,
    testers,
)
from seedreg.quality.grading_views import SECOND_OPTIONS
from seedreg.quality.rules import SEED_INDICATORS, CertificateState
from seedreg.quality.schemas import InspectionIn, RevokeIn
from seedreg.seals import services as seals

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
    look_up = services.verify(public_id)
    return await verification(
        request, "quality/verify.html", "found", look_up, shown=seals.seal_shown, seal=""
    )


HANDLERS = [
    *tester_views.HANDLERS,
    inspect_form,
    inspect_submit,
    certificate_issue,
    certificate_detail,
    certificate_pdf,
    certificate_revoke,
    certificate_verify,
    *grading_views.HANDLERS,
]
