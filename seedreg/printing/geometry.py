"""Where everything sits on a label and on the page, in millimetres: label sizes, the text
regions and their rows, every field's box (``FIELD_BOXES``, mirrored by the labels package's
overflow preview), the page layouts and the cut marks. No rendering here: ``layouts`` draws it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Line height as a multiple of the font size; FIELD_BOXES heights follow from it.
LINE_HEIGHT = 1.22
PT_MM = 25.4 / 72


@dataclass(frozen=True)
class Box:
    """A field's box on the label, in mm from the label's top-left corner."""

    x: float
    y: float
    width: float
    lines: int
    font_pt: float

    @property
    def line_mm(self) -> float:
        return line_mm(self.font_pt)

    @property
    def height(self) -> float:
        return round(self.lines * self.line_mm, 3)


@dataclass(frozen=True)
class LabelSize:
    """The fixed parts of one label size: QR square, version and serial lines under it."""

    width: float
    height: float
    padding: float
    font_pt: float
    title_pt: float
    qr_mm: float


@dataclass(frozen=True)
class Layout:
    """A page format: label size, page size and where the labels sit on the page (mm)."""

    name: str
    title: str
    label: str  # key into LABEL_SIZES / FIELD_BOXES
    page_width: float
    page_height: float
    positions: tuple[tuple[float, float], ...]
    cut_marks: bool

    @property
    def per_page(self) -> int:
        return len(self.positions)


LABEL_SIZES = {
    "100x70": LabelSize(100, 70, 2.5, 7, 9, 22),
    "80x50": LabelSize(80, 50, 2, 5.5, 7, 20),
}

Row = tuple[int, tuple[str, ...]]  # (lines, fields); two fields share a line at the tab stop


@dataclass(frozen=True)
class Region:
    """A block of rows at (left, top) mm; the second field of a row starts at ``tab`` mm.
    ``own``: its rows differ from label to label of a lot (quantity, serial), so a layered
    chunk draws it with each label rather than with the lot's shared face."""

    width: float
    tab: float
    rows: tuple[Row, ...]
    own: bool = False


# Per label size: the region beside the QR code (under the title), then the full-width regions
# under both: the label's own rows (quantity, serial) first, at a fixed place, then the rest.
# Each region is one text block: rows end with a line break and a pair of short fields shares
# a row at the region's tab stop, so a label is seven boxes for WeasyPrint instead of one per
# field (its layout time is per box). labels.rules.FIELD_BOXES mirrors the widths.
def _regions(
    beside: tuple[float, float],
    full: tuple[float, float],
    address_lines: int,
    instruction_lines: int,
) -> tuple[Region, ...]:
    """A label size's three regions: beside the QR code and full width, as (width, tab)."""
    return (
        Region(
            *beside,
            (
                (1, ("category", "species")),
                (1, ("latin_name",)),
                (1, ("variety",)),
                (1, ("approval_number",)),
                (2, ("suitable_area",)),
                (1, ("suitable_season",)),
                (2, ("quality",)),
            ),
        ),
        Region(*full, ((1, ("quantity", "produced_on")), (1, ("serial", "phone"))), own=True),
        Region(
            *full,
            (
                (1, ("producer",)),
                (address_lines, ("registered_address",)),
                (1, ("origin",)),
                (1, ("licence_number", "quarantine_number")),
                (instruction_lines, ("instructions",)),
            ),
        ),
    )


REGIONS: dict[str, tuple[Region, ...]] = {
    "100x70": _regions((69.5, 31.0), (95.0, 47.0), address_lines=2, instruction_lines=3),
    "80x50": _regions((56.0, 23.0), (76.0, 38.0), address_lines=1, instruction_lines=2),
}


# A printed QR module of fewer than 3 printer dots did not survive: 2.6 dots at 203 dpi read
# in no 1-bit poppler rendering (issue 12). The module is a whole number of dots so that every
# module prints the same width, and the symbol starts on a dot boundary.
MIN_MODULE_DOTS = 3


def dot_mm(dpi: int) -> float:
    """One printer dot in millimetres."""
    return 25.4 / dpi


def module_mm(modules: int, box_mm: float, dpi: int) -> float:
    """The module of a ``modules``-wide symbol (quiet zone included) in a ``box_mm`` square:
    the most whole printer dots that fit, at least ``MIN_MODULE_DOTS``. A symbol too large
    for that (a format-1 payload on a small label) fills the box with whatever module fits."""
    dots = math.floor(box_mm / (modules * dot_mm(dpi)) + 1e-9)
    return dots * dot_mm(dpi) if dots >= MIN_MODULE_DOTS else box_mm / modules


def on_dot_grid(mm: float, dpi: int) -> float:
    """``mm`` (from the page's top or left edge) moved to the nearest printer dot boundary."""
    return round(round(mm / dot_mm(dpi)) * dot_mm(dpi), 4)


def line_mm(pt: float) -> float:
    return round(pt * LINE_HEIGHT * PT_MM, 3)


def qr_block_bottom(size: LabelSize) -> float:
    """Bottom of the QR code plus the version and serial lines under it (mm)."""
    return size.padding + size.qr_mm + 0.3 + 2 * line_mm(size.font_pt)


def region_tops(name: str) -> tuple[float, ...]:
    """Top (mm) of each region: beside the QR code, then the full-width ones in turn."""
    size = LABEL_SIZES[name]
    line = line_mm(size.font_pt)
    regions = REGIONS[name]
    first = round(size.padding + size.title_pt * PT_MM + 1.2, 3)
    tops = [first]
    y = max(first + sum(n for n, _ in regions[0].rows) * line, qr_block_bottom(size)) + 0.4
    for region in regions[1:]:
        tops.append(round(y, 3))
        y += sum(n for n, _ in region.rows) * line
    return tuple(tops)


def _boxes(name: str) -> dict[str, Box]:
    size = LABEL_SIZES[name]
    out: dict[str, Box] = {}
    for region, top in zip(REGIONS[name], region_tops(name), strict=True):
        y = top
        for lines, fields in region.rows:
            if len(fields) == 1:
                out[fields[0]] = Box(size.padding, round(y, 3), region.width, lines, size.font_pt)
            else:
                first, second = fields
                out[first] = Box(size.padding, round(y, 3), region.tab - 1, lines, size.font_pt)
                out[second] = Box(
                    size.padding + region.tab,
                    round(y, 3),
                    region.width - region.tab,
                    lines,
                    size.font_pt,
                )
            y += lines * line_mm(size.font_pt)
    return out


# A4 8-up: 2 × 100 mm leaves 10 mm of the 210 mm width: a 4 mm gutter between the columns and
# 3 mm side margins; 4 × 70 mm leaves 17 mm of 297 mm: three 3 mm gutters and 4 mm top and
# bottom margins. The gutters hold the cut marks, so each label gets marks at all four corners
# outside its own area. Print at "actual size" (100 %), not "fit to page".
A4_MARGIN_X, A4_MARGIN_Y, A4_GAP_X, A4_GAP_Y = 3.0, 4.0, 4.0, 3.0
_A4_POSITIONS = tuple(
    (A4_MARGIN_X + col * (100 + A4_GAP_X), A4_MARGIN_Y + row * (70 + A4_GAP_Y))
    for row in range(4)
    for col in range(2)
)
# Mark geometry: a short line continuing each label edge, starting this far from the corner.
CUT_MARK_OFFSET, CUT_MARK_WIDTH = 0.5, 0.15

LAYOUTS: dict[str, Layout] = {
    "single_100x70": Layout(
        "single_100x70", "单张 100×70 mm（标签打印机）", "100x70", 100, 70, ((0, 0),), False
    ),
    "single_80x50": Layout(
        "single_80x50", "单张 80×50 mm（标签打印机）", "80x50", 80, 50, ((0, 0),), False
    ),
    "a4_8up": Layout("a4_8up", "A4 每页 8 张（带裁切线）", "100x70", 210, 297, _A4_POSITIONS, True),
}
LAYOUT_NAMES = tuple(LAYOUTS)
# FIELD_BOXES[layout][field] -> Box (x, y from the label's corner; width, lines, font size). The
# labels package's overflow preview (labels.rules.FIELD_BOXES) uses the same widths, lines and
# sizes. A field's y is where it starts when every field above fills its lines; shorter fields
# let the rest move up, a longer one pushes it down (the preview flags that before printing).
FIELD_BOXES: dict[str, dict[str, Box]] = {
    name: _boxes(layout.label) for name, layout in LAYOUTS.items()
}


def cut_mark_segments(layout: Layout) -> list[tuple[float, float, float, float]]:
    """Line segments (x1, y1, x2, y2 in mm) of the cut marks: at each label corner, two short
    lines continuing the label's edges outward, half the gutter long, never inside a label."""
    if not layout.cut_marks:
        return []
    size = LABEL_SIZES[layout.label]
    reach_x = min(A4_GAP_X / 2, A4_MARGIN_X) - CUT_MARK_OFFSET
    reach_y = min(A4_GAP_Y / 2, A4_MARGIN_Y) - CUT_MARK_OFFSET
    out = []
    for left, top in layout.positions:
        right, bottom = left + size.width, top + size.height
        for x, y, dx, dy in ((left, top, -1, -1), (right, top, 1, -1), (left, bottom, -1, 1),
                             (right, bottom, 1, 1)):  # fmt: skip
            x0 = x + dx * CUT_MARK_OFFSET
            out.append((x0, y, x0 + dx * reach_x, y))
            y0 = y + dy * CUT_MARK_OFFSET
            out.append((x, y0, x, y0 + dy * reach_y))
    return out
