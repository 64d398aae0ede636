"""Does a text fit its printed box? Field boxes per label layout and the width of CJK and
Latin text in them, for the print preview (``printing.geometry`` places the same boxes). Pure."""

from __future__ import annotations

import unicodedata

MM_PER_PT = 25.4 / 72
NARROW_EM = 0.55  # Latin letters and digits in Noto Sans CJK average about half an em


def char_em(ch: str) -> float:
    """Width in em: wide, full-width and ambiguous characters (Ⅰ, ×, ①…, full width in CJK
    fonts) take one em; everything else about 0.55 em."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else NARROW_EM


def lines_needed(text: str, box_width_mm: float, font_size_pt: float) -> int:
    """Lines the text wraps to in a box of this width, breaking between any two characters
    (as CJK text does; a Latin word broken early only errs towards "does not fit")."""
    width_em = box_width_mm / (font_size_pt * MM_PER_PT)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        for ch in paragraph:
            w = char_em(ch)
            if used + w > width_em + 1e-9 and used > 0:
                lines += 1
                used = 0.0
            used += w
    return lines


def fits(text: str, box_width_mm: float, font_size_pt: float, max_lines: int) -> bool:
    """Whether ``text`` at ``font_size_pt`` fits a box ``box_width_mm`` wide in ``max_lines``."""
    return lines_needed(text, box_width_mm, font_size_pt) <= max_lines


# Field boxes per layout: field → (width in mm, font size in pt, lines). The printing package
# places each field (caption and value, "树种：樟子松") in a box of this size (its own
# printing.geometry.FIELD_BOXES adds positions; a test keeps the two equal), and the preview
# marks a field whose printed text would overflow. A4 8-up sheets carry 100×70 labels.
def _boxes(pt: float, rows: dict[str, tuple[float, int]]) -> dict[str, tuple[float, float, int]]:
    return {field: (width, pt, lines) for field, (width, lines) in rows.items()}


_BOX_100x70 = _boxes(
    7,
    {
        "category": (30.0, 1),
        "species": (38.5, 1),
        "latin_name": (69.5, 1),
        "variety": (69.5, 1),
        "approval_number": (69.5, 1),
        "suitable_area": (69.5, 2),
        "suitable_season": (69.5, 1),
        "quality": (69.5, 2),
        "quantity": (46.0, 1),
        "produced_on": (48.0, 1),
        "producer": (95.0, 1),
        "registered_address": (95.0, 2),
        "origin": (95.0, 1),
        "licence_number": (46.0, 1),
        "quarantine_number": (48.0, 1),
        "serial": (46.0, 1),
        "phone": (48.0, 1),
        "instructions": (95.0, 3),
    },
)
_BOX_80x50 = _boxes(
    5.5,
    {
        "category": (22.0, 1),
        "species": (33.0, 1),
        "latin_name": (56.0, 1),
        "variety": (56.0, 1),
        "approval_number": (56.0, 1),
        "suitable_area": (56.0, 2),
        "suitable_season": (56.0, 1),
        "quality": (56.0, 2),
        "quantity": (37.0, 1),
        "produced_on": (38.0, 1),
        "producer": (76.0, 1),
        "registered_address": (76.0, 1),
        "origin": (76.0, 1),
        "licence_number": (37.0, 1),
        "quarantine_number": (38.0, 1),
        "serial": (37.0, 1),
        "phone": (38.0, 1),
        "instructions": (76.0, 2),
    },
)
FIELD_BOXES: dict[str, dict[str, tuple[float, float, int]]] = {
    "single_100x70": _BOX_100x70,
    "single_80x50": _BOX_80x50,
    "a4_8up": _BOX_100x70,
}
LAYOUTS = {
    "single_100x70": "单张 100×70 mm",
    "single_80x50": "单张 80×50 mm",
    "a4_8up": "A4 每页 8 张",
}
SINGLE_LAYOUTS = ("single_100x70", "single_80x50")


def overflowing(printed: dict[str, str], layout: str) -> list[str]:
    """Fields whose printed text (caption and value) would not fit their box in ``layout``."""
    boxes = FIELD_BOXES[layout]
    return [f for f, text in printed.items() if f in boxes and not fits(text, *boxes[f])]
