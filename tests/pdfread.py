"""Reading rendered PDFs back the way a person or a scanner would: text and QR codes."""

from __future__ import annotations

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
