"""Marks laid over finished PDFs: the test signer's 测试 and the samples' 样本. The mark is a
page rendered from a template at the page's own size and drawn into the page's content, so it
prints and text extraction reads it."""

from __future__ import annotations

import io
from functools import cache

from seedreg.core.pdf import render_pdf


@cache
def _mark(template_name: str, width_pt: float, height_pt: float) -> bytes:
    return render_pdf(template_name, {"width_pt": width_pt, "height_pt": height_pt})


def overlay(pdf_bytes: bytes, template_name: str, *, every_page: bool = False) -> bytes:
    """``pdf_bytes`` with ``templates/pdf/<template_name>`` drawn over the first page (or every
    page). The template gets ``width_pt`` and ``height_pt``; one render per size is cached."""
    from pypdf import PdfReader, PdfWriter  # only when a mark is drawn: keeps start-up quick

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    for page in writer.pages if every_page else writer.pages[:1]:
        box = page.mediabox
        size = (round(float(box.width), 2), round(float(box.height), 2))
        page.merge_page(PdfReader(io.BytesIO(_mark(template_name, *size))).pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
