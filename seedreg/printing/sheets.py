"""The HTML and stylesheet of a document of labels (a chunk, or one layer of it): six absolutely
positioned boxes per label from one static stylesheet per layout (``seedreg.printing.geometry``
says where everything sits). ``layouts`` renders them to PDF."""

from __future__ import annotations

import base64
from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import cache

from seedreg.core.web.templating import jinja_env
from seedreg.labels.content import LabelContent, printed, version_caption
from seedreg.printing.geometry import (
    CUT_MARK_WIDTH,
    FIELD_BOXES,
    LABEL_SIZES,
    LAYOUT_NAMES,
    LAYOUTS,
    REGIONS,
    Layout,
    Region,
    cut_mark_segments,
    line_mm,
    region_tops,
)

TITLE = "林木种苗标签"
# Noto CJK lacks most of CJK Extensions B–H; names may hold them. HanaMin (A–F complete) and
# BabelStone Han (part of G–H) draw what Noto cannot; Pango falls back per character.
FONT = "'Noto Sans CJK SC','HanaMinA','HanaMinB','BabelStone Han'"


def _instruction_box(size: str) -> tuple[float, float, int]:
    box = FIELD_BOXES[f"single_{size}"]["instructions"]
    return box.width, box.font_pt, box.lines


INSTRUCTION_BOXES = {size: _instruction_box(size) for size in LABEL_SIZES}


@cache
def _cut_marks_uri(name: str) -> str:
    layout = LAYOUTS[name]
    path = "".join(
        f"M{x1:.2f} {y1:.2f}L{x2:.2f} {y2:.2f}" for x1, y1, x2, y2 in cut_mark_segments(layout)
    )
    # One path element: WeasyPrint's SVG drawing costs per element.
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{layout.page_width}mm" '
        f'height="{layout.page_height}mm" viewBox="0 0 {layout.page_width} {layout.page_height}">'
        f'<path d="{path}" stroke="#000" stroke-width="{CUT_MARK_WIDTH}" fill="none"/></svg>'
    )
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")


def _css(name: str, colours: tuple[str, str]) -> str:
    layout = LAYOUTS[name]
    size = LABEL_SIZES[layout.label]
    line = line_mm(size.font_pt)
    qr_left = size.width - size.padding - size.qr_mm
    rules = [
        f"@page{{size:{layout.page_width}mm {layout.page_height}mm;margin:0}}",
        f"html{{font-family:{FONT};font-size:{size.font_pt}pt;line-height:{line}mm;color:#000}}",
        "body{margin:0}",
        f".s{{position:relative;width:{layout.page_width}mm;height:{layout.page_height}mm;"
        "break-after:page;overflow:hidden}",
        ".s:last-child{break-after:auto}",
        f".l{{position:absolute;width:{size.width}mm;height:{size.height}mm;"
        f"background:{colours[0]}}}",
        f".l.i{{background:{colours[1]}}}",
        ".l.f{background:none}",
        ".l div{position:absolute;overflow:hidden;white-space:pre-wrap}",
        # Every box has its width: one without makes WeasyPrint measure its text once more
        # (shrink-to-fit), about 5 % of a label's rendering.
        f".t{{left:{size.padding}mm;top:{size.padding}mm;width:{qr_left - 2 * size.padding}mm;"
        f"font-size:{size.title_pt}pt;line-height:1}}",
        f".n{{left:{qr_left}mm;top:{size.padding + size.qr_mm + 0.3}mm;width:{size.qr_mm}mm;"
        f"height:{2 * line}mm;text-align:center}}",
    ]
    regions = REGIONS[layout.label]
    for i, (region, top) in enumerate(zip(regions, region_tops(layout.label), strict=True)):
        lines = sum(n for n, _ in region.rows)
        rules.append(
            f".r{i}{{left:{size.padding}mm;top:{top}mm;width:{region.width}mm;"
            f"height:{lines * line:.3f}mm;tab-size:{region.tab}mm}}"
        )
    if layout.cut_marks:
        rules.append(f".s{{background:url({_cut_marks_uri(name)}) no-repeat}}")
    for i, (left, top) in enumerate(layout.positions):
        rules.append(f".p{i}{{left:{left}mm;top:{top}mm}}")
    return "\n".join(rules)


@cache
def stylesheet(name: str, colours: tuple[str, str]) -> str:
    """The one stylesheet of a layout (cached: built once per process)."""
    return _css(name, colours)


def region_text(content: LabelContent, region: Region, size: str) -> str:
    box = INSTRUCTION_BOXES[size]
    return "\n".join(
        "\t".join(printed(content, name, box) for name in fields) for _, fields in region.rows
    )


class Part(StrEnum):
    """What a rendering draws of each label: all of it, or one layer of a layered chunk."""

    WHOLE = "whole"
    OWN = "own"  # background, QR code, version and serial under it, the own rows
    FACE = "face"  # title and shared rows on a transparent label, drawn over OWN


def face_key(content: LabelContent, size: str) -> tuple[str, ...]:
    """What the FACE layer draws of a label: labels with equal keys share one face."""
    return tuple(region_text(content, r, size) for r in REGIONS[size] if not r.own)


def _label_view(content: LabelContent, size: str, part: Part) -> dict[str, object]:
    view: dict[str, object] = {
        "improved": content.improved,
        "face": part is Part.FACE,
        "title": part is not Part.OWN,
        "regions": [
            (index, region_text(content, region, size))
            for index, region in enumerate(REGIONS[size])
            if part is Part.WHOLE or region.own == (part is Part.OWN)
        ],
    }
    own = part is not Part.FACE
    view["under_qr"] = f"{version_caption(content.version)}\n{content.serial}" if own else None
    return view


def sheets_of(contents: Sequence[LabelContent], per_page: int) -> Iterator[list[LabelContent]]:
    for start in range(0, len(contents), per_page):
        yield list(contents[start : start + per_page])


def label_html(
    contents: Sequence[LabelContent],
    layout: str,
    colours: tuple[str, str],
    part: Part = Part.WHOLE,
) -> str:
    """The HTML of one document (one chunk, or one layer of it) of labels."""
    spec = layout_spec(layout)
    sheets = [
        [_label_view(c, spec.label, part) for c in sheet]
        for sheet in sheets_of(contents, spec.per_page)
    ]
    return (
        jinja_env()
        .get_template("pdf/labels.html")
        .render(css=stylesheet(layout, colours), sheets=sheets, title=TITLE)
    )


def layout_spec(name: str) -> Layout:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise ValueError(f"未知的标签版式：{name}（可选：{'、'.join(LAYOUT_NAMES)}）") from None


def default_colours() -> tuple[str, str]:
    """(普通, 良种) label background colours from the settings."""
    from seedreg.settings import get_settings

    settings = get_settings()
    return settings.label_colour_ordinary, settings.label_colour_improved


def printer_dpi() -> int:
    """The label printers' resolution from the settings (read in the rendering process)."""
    from seedreg.settings import get_settings

    return get_settings().label_printer_dpi
