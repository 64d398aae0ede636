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
    rows, columns, _ = symbol.bitmap.shape
    return Image.frombuffer("RGB", (columns, rows), bytes(symbol.bitmap)).convert("L")


def qr_png_uri(text: str, border: int = BORDER) -> str:
    """``data:image/png;base64,...`` with one 8-bit grey pixel per module, to be scaled crisp
    by CSS (WeasyPrint embeds such a PNG as it is; a 1-bit one is re-encoded every time)."""
    out = io.BytesIO()
    qr_image(text, border).save(out, format="PNG", compress_level=1)  # ~4 KB either way
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def qr_svg_data_uri(url: str) -> str:
    """``data:image/svg+xml;base64,...`` of a QR code for ``url``, sized in millimetres."""
    symbol = _symbol(url, BORDER)
    symbol.output_options = zint.OutputOptions.BARCODE_MEMORY_FILE
    symbol.outfile = "qr.svg"  # only the extension matters: the file stays in memory
    symbol.scale = 0.5  # one SVG unit per module
    symbol.print()
    svg = bytes(symbol.memfile).decode("ascii")
    svg = svg[svg.index("<svg") :]  # no XML declaration or DOCTYPE inside an <img>
    svg = _SVG_SIZE.sub(_in_mm, svg, count=1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("ascii")).decode("ascii")


def _in_mm(match: re.Match[str]) -> str:
    width, height = int(match[1]), int(match[2])
    return (
        f'<svg width="{width * MODULE_MM}mm" height="{height * MODULE_MM}mm" '
        f'viewBox="0 0 {width} {height}"'
    )


def qr_png_bytes(url: str, scale: int = 6) -> bytes:
    """PNG of a QR code for ``url`` with ``scale`` pixels per module."""
    image = qr_image(url)
    image = image.resize((image.width * scale, image.height * scale), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
