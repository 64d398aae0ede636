"""QR codes for printed documents: a verification URL as an SVG data URI or a PNG."""

from __future__ import annotations

import base64
import io

import segno

# Error correction M survives a smudge or a fold without making the code much denser.
ERROR = "m"
# A fixed mask skips segno's evaluation of all eight (≈5× faster per code, performance.md);
# every mask is valid, the automatic choice only evens out dark and light areas slightly.
MASK = 0
# Quiet zone in modules. The standard asks for 4; 2 reads fine on a white page with margins.
BORDER = 2
# Millimetres per module in the SVG's intrinsic size (6 dots at 300 dpi; a 60-character URL gives
# a ~20 mm code). The SVG is vector with a viewBox, so templates may resize it with CSS.
MODULE_MM = 0.5


def _make(url: str) -> segno.QRCode:
    # boost_error=False keeps level M exactly instead of letting segno raise it.
    return segno.make_qr(url, error=ERROR, mask=MASK, boost_error=False)


def qr_svg_data_uri(url: str) -> str:
    """``data:image/svg+xml;base64,...`` of a QR code for ``url``, sized in millimetres."""
    buffer = io.BytesIO()
    _make(url).save(
        buffer, kind="svg", scale=MODULE_MM, unit="mm", border=BORDER, xmldecl=False, dark="#000"
    )
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def qr_png_bytes(url: str, scale: int = 6) -> bytes:
    """PNG of a QR code for ``url`` with ``scale`` pixels per module."""
    buffer = io.BytesIO()
    _make(url).save(buffer, kind="png", scale=scale, border=BORDER)
    return buffer.getvalue()
