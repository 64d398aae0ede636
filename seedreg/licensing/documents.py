"""PDFs of licensing: the licence (正本/副本) and every notice, built from stored records."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.errors import NotFound
from seedreg.core.pdf import render_pdf_async
from seedreg.licensing import licence_register, notices
from seedreg.reference import services as reference

COPIES = {"original": "正本", "duplicate": "副本"}
SCOPE_LABELS = {"seed": "林木种子", "seedling": "苗木"}


async def licence_context(actor: Actor, licence_id: int, copy: str) -> dict[str, Any]:
    if copy not in COPIES:
        raise NotFound("没有这种许可证文本")
    licence = await licence_register.get(actor, licence_id)
    return build_licence_context(licence, copy, await reference.division_names())


def build_licence_context(licence: Any, copy: str, names: dict[str, str]) -> dict[str, Any]:
    """What ``licence_<copy>.html`` prints, from a ``LicenceOut`` (or anything shaped like it)
    and the division names by code. No database: the PDF samples use it too."""
    return {
        "licence": licence,
        "copy": copy,
        "copy_label": COPIES[copy],
        "scope_labels": [SCOPE_LABELS.get(s, s) for s in licence.scope],
        "valid_area_names": [names.get(c, c) for c in licence.valid_area],
        "site_lines": [
            f"{names.get(s['division_code'], '')}{s['township']}{s.get('village', '')}"
            f"{s.get('detail', '')}"
            for s in licence.production_sites
        ],
        "verify_url": licence.verify_url,
        "authority": licence.issuing_authority,
    }


async def licence_pdf(actor: Actor, licence_id: int, copy: str) -> bytes:
    context = await licence_context(actor, licence_id, copy)
    return await render_pdf_async(f"licence_{copy}.html", context)


async def notice_pdf(actor: Actor, notice_id: int, base_url: str) -> bytes:
    context = await notices.notice_context(actor, notice_id, base_url)
    return await render_pdf_async(f"notice_{context['notice']['kind']}.html", context)
