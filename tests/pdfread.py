"""Reading rendered PDFs back the way a person or a scanner would: text and QR codes."""

from __future__ import annotations

import io
import re

import pypdfium2 as pdfium
import zxingcpp


def squash(text: str) -> str:
    """Text extraction inserts spaces and line breaks where it likes: compare without them."""
    return re.sub(r"\s+", "", text)


def pdf_text(data: bytes) -> str:
    doc = pdfium.PdfDocument(data)
    return "".join(page.get_textpage().get_text_range() for page in doc)


def qr_texts(data: bytes, page_index: int = 0, dpi: int = 250) -> list[str]:
    """Rasterise one page and decode every QR code on it."""
    page = pdfium.PdfDocument(data)[page_index]
    image = page.render(scale=dpi / 72).to_pil()
    return [
        c.text for c in zxingcpp.read_barcodes(image) if c.format == zxingcpp.BarcodeFormat.QRCode
    ]


def fonts(data: bytes) -> list[tuple[str, bool]]:
    """(name, has an embedded font file) of every font descriptor the pages draw with, inside
    form XObjects too (a layered label chunk draws each shared face as a form)."""
    from pypdf import PdfReader

    seen: dict[tuple[str, int], bool] = {}
    visited: set[int] = set()

    def walk(resources: object) -> None:
        resources = resources.get_object() if resources is not None else None
        if not resources or id(resources) in visited:
            return
        visited.add(id(resources))
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object()
                descriptor = descendant.get("/FontDescriptor")
                if descriptor is None:  # a standard or CID font the viewer supplies
                    seen[(str(descendant.get("/BaseFont", "?")), id(descendant))] = False
                    continue
                descriptor = descriptor.get_object()
                name = str(descriptor["/FontName"]).lstrip("/")
                embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                seen[(name, id(descriptor))] = embedded
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in PdfReader(io.BytesIO(data)).pages:
        walk(page.get("/Resources"))
    return [(name, embedded) for (name, _), embedded in seen.items()]
