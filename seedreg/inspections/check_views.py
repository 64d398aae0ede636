"""Pages of on-site checks: the public verification page of a check's documents (no login).
The inspectors' pages are in check_form_views.py."""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Template

from seedreg.core.web.pages import verification
from seedreg.inspections import check_documents


@get("/verify/checks/{public_id:str}/{kind:str}", include_in_schema=False)
async def check_document_verify(
    request: Request, public_id: FromPath[str], kind: FromPath[str]
) -> Template:
    look_up = check_documents.public_document(public_id[:40], kind[:20])
    return await verification(request, "inspections/check_verify.html", "document", look_up)


HANDLERS = [check_document_verify]
