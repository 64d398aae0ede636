"""Label layouts: label contents -> one PDF (single labels for label printers, 8-up A4 sheets).

Where everything sits comes from ``seedreg.printing.geometry``. WeasyPrint's time is per box
and per line, so a label is
six absolutely positioned boxes from one static stylesheet per layout: the title, the version
and serial under the QR code, and three text blocks whose rows end in line breaks, two short
fields sharing a row at a tab stop. No tables, no per-label CSS, one font face (performance.md).

A batch is rendered in chunks of ``CHUNK_LABELS`` labels, one WeasyPrint document each
(``gc.collect()`` after each, in ``seedreg.core.pdf``), or two when the chunk's labels share
faces (``render_chunk``: the labels' own parts, then each lot's face once, placed over its
labels by ``seedreg.printing.overlay``); either way ``overlay.finish`` draws the QR codes as
vector modules of whole printer dots (``placed_codes``, issue 12). The chunk PDFs are
concatenated by ``seedreg.printing.concat`` (each chunk keeps its own font subset).
``render_labels_async`` and ``render_to_stream`` send the chunks to the worker-process pool
(``seedreg.printing.pool``) so both cores render and the event loop stays free. A print job
streams: its contents arrive in pages fetched as the pool has room, and its PDF is written
chunk by chunk to a file.
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
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, BinaryIO

import anyio.to_thread

from seedreg.core.pdf import html_to_pdf
from seedreg.core.qr import qr_vector
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
    module_mm,
    on_dot_grid,
    region_tops,
)
from seedreg.printing.overlay import Faces, PlacedCode, finish

if TYPE_CHECKING:  # the render processes never concatenate: pypdf costs each ~13 MB
    from seedreg.printing.concat import Concatenator

TITLE = "林木种苗标签"
# Noto CJK lacks most of CJK Extensions B–H; names may hold them. HanaMin (A–F complete) and
# BabelStone Han (part of G–H) draw what Noto cannot; Pango falls back per character.
FONT = "'Noto Sans CJK SC','HanaMinA','HanaMinB','BabelStone Han'"
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


def _region_text(content: LabelContent, region: Region, size: str) -> str:
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
    return tuple(_region_text(content, r, size) for r in REGIONS[size] if not r.own)


def _label_view(content: LabelContent, size: str, part: Part) -> dict[str, object]:
    view: dict[str, object] = {
        "improved": content.improved,
        "face": part is Part.FACE,
        "title": part is not Part.OWN,
        "regions": [
            (index, _region_text(content, region, size))
            for index, region in enumerate(REGIONS[size])
            if part is Part.WHOLE or region.own == (part is Part.OWN)
        ],
    }
    own = part is not Part.FACE
    view["under_qr"] = f"{version_caption(content.version)}\n{content.serial}" if own else None
    return view


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


def printer_dpi() -> int:
    """The label printers' resolution from the settings (read in the rendering process)."""
    from seedreg.settings import get_settings

    return get_settings().label_printer_dpi


def placed_codes(contents: Sequence[LabelContent], layout: str, dpi: int) -> list[list[PlacedCode]]:
    """Per page, each label's QR code in its square at the label's top right: the module a
    whole number of printer dots (``geometry.module_mm``), the corner on a printer dot of the
    page, so that every module prints the same number of dots."""
    spec = _layout(layout)
    size = LABEL_SIZES[spec.label]
    qr_left = size.width - size.padding - size.qr_mm
    pages: list[list[PlacedCode]] = []
    for sheet in _sheets(contents, spec.per_page):
        on_page = []
        for content, (left, top) in zip(sheet, spec.positions, strict=False):
            code = qr_vector(content.qr_text)
            on_page.append(
                PlacedCode(
                    on_dot_grid(left + qr_left, dpi),
                    on_dot_grid(top + size.padding, dpi),
                    module_mm(code.modules, size.qr_mm, dpi),
                    code,
                )
            )
        pages.append(on_page)
    return pages


def render_chunk(
    contents: Sequence[LabelContent],
    layout: str,
    colours: tuple[str, str] | None = None,
    dpi: int | None = None,
) -> bytes:
    """The PDF of ``contents`` (at most a chunk; runs in a worker process): in two layers when
    its labels share faces, else in one pass; the QR codes drawn for printers of ``dpi``
    (default: the label_printer_dpi setting)."""
    colours = colours or default_colours()
    spec = _layout(layout)
    codes = placed_codes(contents, layout, dpi or printer_dpi())
    keys = [face_key(c, spec.label) for c in contents]
    faces = dict(zip(keys, contents, strict=True))  # face key: a label with that face
    if len(faces) * LABELS_PER_FACE > len(contents):
        return finish(html_to_pdf(label_html(contents, layout, colours)), codes, spec.page_height)
    own = html_to_pdf(label_html(contents, layout, colours, Part.OWN))
    face_layout = f"single_{spec.label}"
    face_pages = html_to_pdf(label_html(list(faces.values()), face_layout, colours, Part.FACE))
    page_of = {key: index for index, key in enumerate(faces)}
    size = LABEL_SIZES[spec.label]
    shared = Faces(
        face_pages,
        [page_of[key] for key in keys],
        [(x, y, size.width, size.height) for x, y in spec.positions],
    )
    return finish(own, codes, spec.page_height, shared)


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
