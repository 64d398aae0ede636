"""Public licensing pages, no login: the service guide (办事指南), the licence register and
the verification pages the QR codes lead to."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response, get
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from seedreg.core.paging import page_number
from seedreg.core.web import exporting
from seedreg.core.web.bounds import ViewPageNo
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.pages import page, verification
from seedreg.elicences import services as elicences
from seedreg.licensing import (
    documents,
    ledger,
    ledger_export,
    licence_register,
    notices,
)
from seedreg.licensing.forms import KIND_OPTIONS
from seedreg.licensing.guide import service_guide
from seedreg.reference import services as reference
from seedreg.seals import services as seals

# --- public pages ---------------------------------------------------------------------------


@get("/licensing/guide", include_in_schema=False)
async def guide_page(request: Request) -> Template:
    return page(
        request,
        "licensing/guide.html",
        guide=await service_guide(),
        kind_labels=dict(KIND_OPTIONS),
    )


REGISTER_EXPORT = (
    ExportColumn("许可证编号", "number", text=True),
    ExportColumn("持证者", "holder_name"),
    ExportColumn("旗县市", "division_name"),
    ExportColumn(
        "生产经营范围", lambda r: "、".join(documents.SCOPE_LABELS.get(s, s) for s in r.scope)
    ),
    ExportColumn("生产经营种类", "species"),
    ExportColumn("有效期自", "valid_from"),
    ExportColumn("有效期至", "valid_to"),
    ExportColumn("发证机关", "issuing_authority"),
    ExportColumn("状态", "status_label"),
)


@get("/licensing/register", include_in_schema=False)
async def register_page(
    request: Request,
    holder: FromQuery[str] = "",
    number: FromQuery[str] = "",
    division: FromQuery[str] = "",
    species: FromQuery[str] = "",
    page_no: ViewPageNo = 1,
) -> Template | Response:
    query = {
        "holder": holder.strip()[:60],
        "number": number.strip()[:14],
        "division": division[:6],
        "species": species.strip()[:40],
    }
    page_no = page_number(page_no)
    if exporting.wanted(request):
        rows, _ = await licence_register.register(
            holder=query["holder"],
            number=query["number"],
            division_code=query["division"],
            species=query["species"],
            page_size=exporting.MAX_ROWS,
        )
        return exporting.xlsx("许可证登记簿", REGISTER_EXPORT, rows, "licence-register.xlsx")
    items, total = await licence_register.register(
        holder=query["holder"],
        number=query["number"],
        division_code=query["division"],
        species=query["species"],
        page=page_no,
    )
    return page(
        request,
        "licensing/register.html",
        items=items,
        total=total,
        query=query,
        page_no=page_no,
        page_size=licence_register.PAGE_SIZE,
        divisions=await reference.league_counties(),
        scope_labels=documents.SCOPE_LABELS,
        ledger_url=_ledger_url(request, query),
    )


def _ledger_url(request: Request, query: dict[str, str]) -> str | None:
    """For an officer who may import the 台账: the same filters, in the import's columns."""
    if not ledger.may_import(getattr(request.state, "actor", None)):
        return None
    return f"{ledger_export.LEDGER}?{urlencode({k: v for k, v in query.items() if v})}"


@get("/verify/licences/{public_id:str}", include_in_schema=False)
async def licence_verify(request: Request, public_id: FromPath[str]) -> Template:
    look_up = licence_register.verify(public_id[:40])
    template = "licensing/verify.html"
    return await verification(request, template, "found", look_up, shown=_licence, identifier="")


async def _licence(found: dict[str, Any]) -> dict[str, Any]:
    identifier = await elicences.current_identifier(found["licence"].id)  # 5号 Art. 27
    return {"identifier": identifier, "scope_labels": documents.SCOPE_LABELS}


@get("/verify/notices/{public_id:str}", include_in_schema=False)
async def notice_verify(request: Request, public_id: FromPath[str]) -> Template:
    look_up = notices.public_notice(public_id[:40])
    template, shown = "licensing/notice_verify.html", seals.seal_shown
    return await verification(request, template, "notice", look_up, shown=shown, seal="")


HANDLERS = [guide_page, register_page, licence_verify, notice_verify]
