"""The 种苗站's result form for a quality request: the measured indicators of the existing
inspection form (graded against the confirmed rows by ``quality``); passed → the 合格证 is
issued and the request certified, failed → refused with the grading's reasons."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core import clock
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.lots import services as lots
from seedreg.matters.transitions import Party
from seedreg.quality import grading, inspections
from seedreg.quality import rules as quality_rules
from seedreg.quality.rules import SEED_INDICATORS
from seedreg.quality.schemas import InspectionIn
from seedreg.requests import records, results, services
from seedreg.requests.rules import RequestKind

RESULT = "/requests/{request_id:int}/result"


async def _context(actor: CurrentActor, request_id: int) -> dict[str, Any]:
    out = await records.get(actor, request_id)
    row = await services.load(actor, request_id)
    if out.kind is not RequestKind.QUALITY or Party.OFFICER not in services.parties(actor, row):
        raise Forbidden("只有受理本申请的种苗站可以记录检验结果")
    lot = await lots.get(actor, out.lot_ids[0])
    seed_row = await grading.seed_row_for(lot.species) if lot.material == "seed" else None
    return {
        "req": out,
        "lot": lot,
        "seed_row": grading.seed_row_out(seed_row) if seed_row else None,
        "seed_names": SEED_INDICATORS,
        "seedling_rows": [
            r for r in await grading.seedling_rows(active_only=True) if r.species == lot.species
        ],
        "seedling_type_options": [(t, t) for t in await inspections.seedling_types(lot.species)],
        "no_thresholds": quality_rules.NO_THRESHOLDS[lot.material],
    }


@get(RESULT, include_in_schema=False)
async def result_page(request: Request, actor: CurrentActor, request_id: FromPath[int]) -> Template:
    context = await _context(actor, request_id)
    values = {
        "inspected_on": clock.today().isoformat(),
        "inspector_name": context["req"].visitor,
        "meets_overall": "true",
    }
    return page(request, "requests/result.html", values=values, **context)


@post(RESULT, include_in_schema=False)
async def result_submit(
    request: Request, actor: CurrentActor, request_id: FromPath[int]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        await results.record_quality(actor, request_id, parse(InspectionIn, values))
    except DomainError as exc:
        context = await _context(actor, request_id)
        return form_error(request, "requests/result.html", exc, values, **context)
    return see_other(f"/requests/{request_id}")


HANDLERS = [result_page, result_submit]
