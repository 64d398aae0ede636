"""QR codes for everything printed: a verification URL (or a label's signed link) as an SVG
data URI for documents, or as a PNG for labels and downloads.

Zint (C, through zint-bindings) encodes: it scores all eight masks as the standard asks, in about
a millisecond for a label's 200-character link, where segno's pure-Python scoring took 17 ms
and its fixed mask left codes that small printed labels failed to scan with.
"""

from __future__ import annotations

import base64
import io
import re

import zint
from PIL import Image

# Error correction M survives a smudge or a fold without making the code much denser.
ERROR_LEVEL_M = 2  # zint's option_1: 1 L, 2 M, 3 Q, 4 H
# Quiet zone in modules. The standard asks for 4; 2 reads fine on a white page with margins.
BORDER = 2
# Millimetres per module in the SVG's intrinsic size (6 dots at 300 dpi; a 60-character URL gives
# a ~20 mm code). The SVG has a viewBox, so templates may resize it with CSS.
MODULE_MM = 0.5
_SVG_SIZE = re.compile(r'<svg width="(\d+)" height="(\d+)"')


def _symbol(text: str, border: int) -> zint.Symbol:
    symbol = zint.Symbol()
    symbol.symbology = zint.Symbology.QRCODE
    symbol.option_1 = ERROR_LEVEL_M
    symbol.whitespace_width = border
    symbol.whitespace_height = border
    symbol.encode(text)
    return symbol


def qr_image(text: str, border: int = BORDER) -> Image.Image:
    """The code as an 8-bit grey image, one pixel per module (dark 0, light 255)."""
    symbol = _symbol(text, border)
    symbol.scale = 0.5  # zint's raster X-dimension is 2 pixels at scale 1
    symbol.buffer()
    bitmap = symbol.bitmap
    assert bitmap is not None  # buffer() draws it
    assert bitmap.shape is not None
    rows, columns, _ = bitmap.shape
    return Image.frombuffer("RGB", (columns, rows), bytes(bitmap)).convert("L")


def qr_png_uri(text: str, border: int = BORDER) -> str:
    """``data:image/png;base64,...`` with one 8-bit grey pixel per module, to be scaled crisp
    by CSS (WeasyPrint embeds such a PNG as it is; a 1-bit one is re-encoded every time)."""
    out = io.BytesIO()
    qr_image(text, border).save(out, format="PNG", compress_level=1)  # ~4 KB either way
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


class VectorCode:
    """A QR code as one SVG path of its dark modules over a white square (quiet zone
    included), to be drawn at any module size: printers fill vector modules crisply at their
    own resolution, where a resampled image came out grey and was dithered to noise (issue 12:
    a 1-bit 203-dpi rendering by poppler decoded none of the labels' codes)."""

    __slots__ = ("_body", "modules")

    def __init__(self, modules: int, body: str) -> None:
        self.modules = modules  # a side, in modules, quiet zone included
        self._body = body

    def pdf_path(self) -> bytes:
        """The dark modules as PDF rectangles (``x y w h re``), one unit a module, y down
        from the symbol's top-left corner (quiet zone included): to be filled."""
        return b"".join(
            b"%s %s %s %s re\n" % run for run in _RUN.findall(self._body.encode("ascii"))
        )

    def svg(self, module_mm: float) -> str:
        """The SVG document, ``module_mm`` millimetres per module."""
        side = f"{self.modules * module_mm:.4f}mm"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}" height="{side}" '
            f'viewBox="0 0 {self.modules} {self.modules}" shape-rendering="crispEdges">'
            f"{self._body}</svg>"
        )

    def data_uri(self, module_mm: float) -> str:
        """``data:image/svg+xml;base64,...`` of :meth:`svg`."""
        svg = self.svg(module_mm).encode("ascii")
        return "data:image/svg+xml;base64," + base64.b64encode(svg).decode("ascii")


_SVG_BODY = re.compile(r"<rect [^>]*/>\s*<path [^>]*/>")
_RUN = re.compile(rb"M(\d+) (\d+)h(\d+)v(\d+)h-\d+Z")  # zint: one rectangle of dark modules


def qr_vector(text: str, border: int = BORDER) -> VectorCode:
    """The code for ``text`` as a :class:`VectorCode` (zint's SVG: a white rectangle and one
    path whose subpaths are the runs of dark modules, one unit a module)."""
    symbol = _symbol(text, border)
    symbol.output_options = zint.OutputOptions.BARCODE_MEMORY_FILE
    symbol.outfile = "qr.svg"  # only the extension matters: the file stays in memory
    symbol.scale = 0.5  # one SVG unit per module
    symbol.print()
    assert symbol.memfile is not None  # print() writes it (BARCODE_MEMORY_FILE)
    svg = bytes(symbol.memfile).decode("ascii")
    size = _SVG_SIZE.search(svg)
    body = _SVG_BODY.search(svg)
    if size is None or body is None or size[1] != size[2]:
        raise ValueError("zint's SVG is not the square of one rectangle and one path")
    # One element each: WeasyPrint's SVG drawing costs per element.
    return VectorCode(int(size[1]), body[0].replace('fill="#FFFFFF"', 'fill="#fff"'))


def qr_svg_data_uri(url: str) -> str:
    """``data:image/svg+xml;base64,...`` of a QR code for ``url``, sized in millimetres."""
    return qr_vector(url).data_uri(MODULE_MM)


def qr_png_bytes(url: str, scale: int = 6) -> bytes:
    """PNG of a QR code for ``url`` with ``scale`` pixels per module."""
    image = qr_image(url)
    image = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
