"""Reading rendered PDFs back the way a person or a scanner would: text and QR codes."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image


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


# ---------------------------------------------------------------------------------------------
# The way a label printer sees a PDF: 1 bit per dot at its resolution, by the two renderers a
# Linux print path uses (poppler, as cups-filters' pdftoraster; Ghostscript), and the codes read
# by two decoders (zxing-cpp as phones' scanner libraries; zbar as WeChat-era readers).
# ---------------------------------------------------------------------------------------------

RENDERERS = ("poppler", "ghostscript")
DECODERS = ("zxing", "zbar")
PRINTER_DPIS = (203, 300)  # thermal label printers: most 8 dots/mm (203 dpi), some 12 (300)


def printer_pages(data: bytes, renderer: str, dpi: int) -> list[Image.Image]:
    """Every page rendered 1-bit (no grey, no anti-aliasing) at ``dpi``, as 8-bit images."""
    with tempfile.TemporaryDirectory(prefix="seedreg-raster-") as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(data)
        if renderer == "poppler":
            command = ["pdftoppm", "-mono", "-r", str(dpi), str(pdf), f"{tmp}/p"]
        elif renderer == "ghostscript":
            command = ["gs", "-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=pbmraw",
                       f"-r{dpi}", f"-sOutputFile={tmp}/p-%04d.pbm", str(pdf)]  # fmt: skip
        else:
            raise ValueError(renderer)
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        pages = []
        for path in sorted(Path(tmp).glob("p-*.pbm")):
            with Image.open(path) as image:
                pages.append(image.convert("L"))
        return pages


def decode_qr(image: Image.Image, decoder: str) -> list[str]:
    """The texts of the QR codes ``decoder`` reads in ``image``."""
    if decoder == "zxing":
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
        return [c.text for c in found if c.valid]
    if decoder == "zbar":
        from pyzbar import pyzbar

        found = pyzbar.decode(image, symbols=[pyzbar.ZBarSymbol.QRCODE])
        return [c.data.decode("utf-8") for c in found]
    raise ValueError(decoder)


def printer_decodes(
    data: bytes, expected: list[list[str]], renderer: str, dpi: int, decoder: str
) -> int:
    """How many of the ``expected`` QR texts (per page) ``decoder`` reads from ``renderer``'s
    1-bit rendering at ``dpi``: each expected text counts once, on its own page."""
    pages = printer_pages(data, renderer, dpi)
    assert len(pages) == len(expected), (len(pages), len(expected))
    return sum(
        len(set(page_texts) & set(decode_qr(image, decoder)))
        for image, page_texts in zip(pages, expected, strict=True)
    )
