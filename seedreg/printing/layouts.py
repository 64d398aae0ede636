"""Label layouts: label contents -> one PDF (single labels for label printers, 8-up A4 sheets).

Every field has a width, a number of lines and a font size (``FIELD_BOXES``, mirrored by the
labels package's overflow preview). WeasyPrint's time is per box and per line, so a label is
seven absolutely positioned boxes from one static stylesheet per layout: the title, the QR code,
the version and serial under it, and three text blocks whose rows end in line breaks, two short
fields sharing a row at a tab stop. No tables, no per-label CSS, one font face (performance.md).

A batch is rendered in chunks of ``CHUNK_LABELS`` labels, one WeasyPrint document each
(``gc.collect()`` after each, in ``seedreg.core.pdf``), or two when the chunk's labels share
faces (``render_chunk``: the labels' own parts, then each lot's face once, placed over its
labels by ``seedreg.printing.overlay``), and the chunk PDFs are concatenated by
``seedreg.printing.concat`` (each chunk keeps its own font subset). ``render_labels_async`` and
``render_to_stream`` send the chunks to the worker-process pool (``seedreg.printing.pool``) so
both cores render and the event loop stays free. A print job streams: its contents arrive in
pages fetched as the pool has room, and its PDF is written chunk by chunk to a file.
"""

from __future__ import annotations

import base64
import io
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterator,
    Sequence,
)
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, BinaryIO

import anyio.to_thread

from seedreg.core.pdf import html_to_pdf
from seedreg.core.qr import qr_png_uri
from seedreg.core.web.templating import jinja_env
from seedreg.labels.content import MANDATORY_FIELDS, LabelContent
from seedreg.printing.overlay import overlay_faces

if TYPE_CHECKING:  # the render processes never concatenate: pypdf costs each ~13 MB
    from seedreg.printing.concat import Concatenator

CAPTIONS = dict(MANDATORY_FIELDS) | {"instructions": "使用说明"}
TITLE = "林木种苗标签"
FONT = "Noto Sans CJK SC"
# Line height as a multiple of the font size; FIELD_BOXES heights follow from it.
LINE_HEIGHT = 1.22
PT_MM = 25.4 / 72
# Labels per WeasyPrint document. A multiple of 8 so that only the last A4 sheet of a job is
# partly empty; large enough that the font subset (~220 KB a chunk) stays well under 1 MB per
# 100 labels, small enough that two workers share a 1,000-label job evenly.
CHUNK_LABELS = 200
# A chunk is drawn in two layers when its labels share faces (a lot's labels differ only in
# quantity, serial, version and QR code): WeasyPrint lays out each distinct face once, on a
# page of the label's size, and each label's own parts on the sheets; seedreg.printing.overlay
# places the face page over every label that has it, as one PDF form XObject. The layers cost
# about half of one pass; below this many labels per face one pass is cheaper.
LABELS_PER_FACE = 4


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
        return _line_mm(self.font_pt)

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
_REGIONS: dict[str, tuple[Region, ...]] = {
    "100x70": (
        Region(
            69.5,
            31.0,
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
        Region(95.0, 47.0, ((1, ("quantity", "produced_on")), (1, ("serial", "phone"))), own=True),
        Region(
            95.0,
            47.0,
            (
                (1, ("producer",)),
                (2, ("registered_address",)),
                (1, ("origin",)),
                (1, ("licence_number", "quarantine_number")),
                (3, ("instructions",)),
            ),
        ),
    ),
    "80x50": (
        Region(
            56.0,
            23.0,
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
        Region(76.0, 38.0, ((1, ("quantity", "produced_on")), (1, ("serial", "phone"))), own=True),
        Region(
            76.0,
            38.0,
            (
                (1, ("producer",)),
                (1, ("registered_address",)),
                (1, ("origin",)),
                (1, ("licence_number", "quarantine_number")),
                (2, ("instructions",)),
            ),
        ),
    ),
}


def _line_mm(pt: float) -> float:
    return round(pt * LINE_HEIGHT * PT_MM, 3)


def qr_block_bottom(size: LabelSize) -> float:
    """Bottom of the QR code plus the version and serial lines under it (mm)."""
    return size.padding + size.qr_mm + 0.3 + 2 * _line_mm(size.font_pt)


def region_tops(name: str) -> tuple[float, ...]:
    """Top (mm) of each region: beside the QR code, then the full-width ones in turn."""
    size = LABEL_SIZES[name]
    line = _line_mm(size.font_pt)
    regions = _REGIONS[name]
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
    for region, top in zip(_REGIONS[name], region_tops(name), strict=True):
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
            y += lines * _line_mm(size.font_pt)
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


def version_caption(version: int) -> str:
    """正本 for version 1; the n-th reissue (version n + 1) is 补发 n."""
    return "正本" if version <= 1 else f"补发 {version - 1}"


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
    line_mm = _line_mm(size.font_pt)
    qr_left = size.width - size.padding - size.qr_mm
    rules = [
        f"@page{{size:{layout.page_width}mm {layout.page_height}mm;margin:0}}",
        f"html{{font-family:'{FONT}';font-size:{size.font_pt}pt;line-height:{line_mm}mm;"
        "color:#000}",
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
        f".q{{position:absolute;left:{qr_left}mm;top:{size.padding}mm;width:{size.qr_mm}mm;"
        f"height:{size.qr_mm}mm;image-rendering:pixelated}}",
        f".n{{left:{qr_left}mm;top:{size.padding + size.qr_mm + 0.3}mm;width:{size.qr_mm}mm;"
        f"height:{2 * line_mm}mm;text-align:center}}",
    ]
    regions = _REGIONS[layout.label]
    for i, (region, top) in enumerate(zip(regions, region_tops(layout.label), strict=True)):
        lines = sum(n for n, _ in region.rows)
        rules.append(
            f".r{i}{{left:{size.padding}mm;top:{top}mm;width:{region.width}mm;"
            f"height:{lines * line_mm:.3f}mm;tab-size:{region.tab}mm}}"
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


def _region_text(content: LabelContent, region: Region) -> str:
    return "\n".join(
        "\t".join(f"{CAPTIONS[name]}：{_text(content, name)}" for name in fields)
        for _, fields in region.rows
    )


class Part(StrEnum):
    """What a rendering draws of each label: all of it, or one layer of a layered chunk."""

    WHOLE = "whole"
    OWN = "own"  # background, QR code, version and serial under it, the own rows
    FACE = "face"  # title and shared rows on a transparent label, drawn over OWN


def face_key(content: LabelContent, size: str) -> tuple[str, ...]:
    """What the FACE layer draws of a label: labels with equal keys share one face."""
    return tuple(_region_text(content, r) for r in _REGIONS[size] if not r.own)


def _label_view(content: LabelContent, size: str, part: Part) -> dict[str, object]:
    view: dict[str, object] = {
        "improved": content.improved,
        "face": part is Part.FACE,
        "title": part is not Part.OWN,
        "regions": [
            (index, _region_text(content, region))
            for index, region in enumerate(_REGIONS[size])
            if part is Part.WHOLE or region.own == (part is Part.OWN)
        ],
    }
    own = part is not Part.FACE
    view["qr"] = qr_png_uri(content.qr_text) if own else None
    view["under_qr"] = f"{version_caption(content.version)}\n{content.serial}" if own else None
    return view


def _text(content: LabelContent, name: str) -> str:
    value = getattr(content, name)
    if name == "produced_on":
        return f"{value.year}年{value.month}月{value.day}日"
    if name in ("variety", "approval_number") and not str(value).strip():
        return "—"  # 普通 material: the item does not apply
    return str(value)


def _sheets(contents: Sequence[LabelContent], per_page: int) -> Iterator[list[LabelContent]]:
    for start in range(0, len(contents), per_page):
        yield list(contents[start : start + per_page])


def label_html(
    contents: Sequence[LabelContent],
    layout: str,
    colours: tuple[str, str],
    part: Part = Part.WHOLE,
) -> str:
    """The HTML of one document (one chunk, or one layer of it) of labels."""
    spec = _layout(layout)
    sheets = [
        [_label_view(c, spec.label, part) for c in sheet]
        for sheet in _sheets(contents, spec.per_page)
    ]
    return (
        jinja_env()
        .get_template("pdf/labels.html")
        .render(css=stylesheet(layout, colours), sheets=sheets, title=TITLE)
    )


def _layout(name: str) -> Layout:
    try:
        return LAYOUTS[name]
    except KeyError:
        raise ValueError(f"未知的标签版式：{name}（可选：{'、'.join(LAYOUT_NAMES)}）") from None


def default_colours() -> tuple[str, str]:
    """(普通, 良种) label background colours from the settings."""
    from seedreg.settings import get_settings

    settings = get_settings()
    return settings.label_colour_ordinary, settings.label_colour_improved


def render_chunk(
    contents: Sequence[LabelContent], layout: str, colours: tuple[str, str] | None = None
) -> bytes:
    """The PDF of ``contents`` (at most a chunk; runs in a worker process): in two layers when
    its labels share faces, else in one pass."""
    colours = colours or default_colours()
    spec = _layout(layout)
    keys = [face_key(c, spec.label) for c in contents]
    faces = dict(zip(keys, contents, strict=True))  # face key: its first label
    if len(faces) * LABELS_PER_FACE > len(contents):
        return html_to_pdf(label_html(contents, layout, colours))
    own = html_to_pdf(label_html(contents, layout, colours, Part.OWN))
    face_layout = f"single_{spec.label}"
    face_pages = html_to_pdf(label_html(list(faces.values()), face_layout, colours, Part.FACE))
    page_of = {key: index for index, key in enumerate(faces)}
    size = LABEL_SIZES[spec.label]
    return overlay_faces(
        own,
        face_pages,
        [page_of[key] for key in keys],
        [(x, y, size.width, size.height) for x, y in spec.positions],
        spec.page_height,
    )


def chunk_size(size: int | None = None) -> int:
    """Labels per rendering chunk: ``size`` (default ``CHUNK_LABELS``) rounded up to whole A4
    sheets."""
    return max(8, -(-(size or CHUNK_LABELS) // 8) * 8)


def chunks(contents: Sequence[LabelContent], size: int | None = None) -> list[list[LabelContent]]:
    """Split into rendering chunks of ``chunk_size(size)`` labels."""
    size = chunk_size(size)
    return [list(contents[i : i + size]) for i in range(0, len(contents), size)]


async def _rechunked(
    pages: AsyncIterable[Sequence[LabelContent]],
) -> AsyncIterator[list[LabelContent]]:
    """Pages of any size (a page may come back short: labels voided since the job was
    queued) regrouped into full rendering chunks, each checked for empty mandatory items, so
    that the chunks, and so the sheets, are those of the whole list."""
    size = chunk_size()
    buffer: list[LabelContent] = []
    async for page in pages:
        _check_items(page)
        buffer.extend(page)
        while len(buffer) >= size:
            chunk, buffer = buffer[:size], buffer[size:]
            yield chunk
    if buffer:
        yield buffer


def merge_pdfs(parts: Sequence[bytes]) -> bytes:
    """Concatenate chunk PDFs (each keeps its own font subset)."""
    from seedreg.printing.concat import concat_pdfs

    if len(parts) == 1:
        return parts[0]
    out = io.BytesIO()
    concat_pdfs(parts, out)
    return out.getvalue()


async def render_to_stream(
    contents: Sequence[LabelContent] | AsyncIterable[Sequence[LabelContent]],
    layout: str,
    stream: BinaryIO,
    progress: Callable[[int], Awaitable[None]] | None = None,
) -> int:
    """Render in the worker-process pool and append each chunk to ``stream`` as soon as the
    chunks before it are written, so memory holds a few chunks, not the job. Returns pages.

    ``contents`` is a list, or pages of labels fetched as they are needed (a print job): the
    pool pulls the next page only when a render process has room, so only a few chunks of
    contents exist at any time. Pages are checked as they arrive; a caller that must refuse
    before writing anything checks the whole selection first."""
    from seedreg.printing.concat import Concatenator
    from seedreg.printing.pool import render_parallel

    if isinstance(contents, Sequence):
        _check(contents, layout)
        parts: list[list[LabelContent]] | AsyncIterator[list[LabelContent]] = chunks(contents)
    else:
        _layout(layout)
        parts = _rechunked(contents)
    concatenator = Concatenator(stream)
    waiting: dict[int, bytes] = {}
    written = 0

    async def store(index: int, pdf: bytes) -> None:
        nonlocal written
        waiting[index] = pdf
        while written in waiting:
            await anyio.to_thread.run_sync(_append, concatenator, waiting.pop(written))
            written += 1

    await render_parallel(parts, layout, default_colours(), progress, store)
    if not written:
        raise ValueError("没有要打印的标签")
    return await anyio.to_thread.run_sync(concatenator.finish)


def _append(concatenator: Concatenator, pdf: bytes) -> None:
    from seedreg.printing.pool import trim_heap

    concatenator.add(pdf)
    # Parsing a chunk leaves freed memory in this thread's malloc arena: without handing it
    # back, the server process grew ~30 MB over a 10,000-label job.
    trim_heap()


def _check(contents: Sequence[LabelContent], layout: str) -> None:
    _layout(layout)
    if not contents:
        raise ValueError("没有要打印的标签")
    _check_items(contents)


def _check_items(contents: Sequence[LabelContent]) -> None:
    for content in contents:
        missing = content.missing()
        if missing:
            raise ValueError(f"标签 {content.serial} 缺少必填项：{'、'.join(missing)}")


def render_labels(contents: list[LabelContent], layout: str) -> bytes:
    """PDF of ``contents`` in ``layout`` (``LAYOUT_NAMES``), in order, in this process.

    Raises ValueError (Chinese) for an unknown layout, no labels, or a label with an empty
    mandatory field; PdfUnavailable when fonts or harfbuzz-subset are missing.
    """
    _check(contents, layout)
    colours = default_colours()
    return merge_pdfs([render_chunk(chunk, layout, colours) for chunk in chunks(contents)])


async def render_labels_async(contents: list[LabelContent], layout: str) -> bytes:
    """``render_labels`` without blocking the event loop: one chunk (a preview, a single label)
    renders in a thread; more go to the worker-process pool (both cores), concatenated as
    they arrive."""
    _check(contents, layout)
    parts = chunks(contents)
    if len(parts) == 1:
        return await anyio.to_thread.run_sync(render_chunk, parts[0], layout, default_colours())
    out = io.BytesIO()
    await render_to_stream(contents, layout, out)
    return out.getvalue()
