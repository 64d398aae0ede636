"""Label layouts: label contents -> one PDF (single labels for label printers, 8-up A4 sheets).

Where everything sits comes from ``seedreg.printing.geometry``; the HTML and stylesheet are
built in ``seedreg.printing.sheets``. WeasyPrint's time is per box and per line, so a label is
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

import io
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Sequence,
)
from typing import TYPE_CHECKING, BinaryIO

import anyio.to_thread

from seedreg.core.pdf import html_to_pdf
from seedreg.core.qr import qr_vector
from seedreg.labels.content import LabelContent, version_caption
from seedreg.printing.geometry import (
    LABEL_SIZES,
    module_mm,
    on_dot_grid,
)
from seedreg.printing.overlay import Faces, PlacedCode, finish
from seedreg.printing.sheets import (
    TITLE,
    Part,
    default_colours,
    face_key,
    label_html,
    layout_spec,
    printer_dpi,
    sheets_of,
)

__all__ = [  # TITLE and version_caption are built in sheets: named here too
    "CHUNK_LABELS",
    "LABELS_PER_FACE",
    "TITLE",
    "chunk_size",
    "chunks",
    "merge_pdfs",
    "placed_codes",
    "render_chunk",
    "render_labels",
    "render_labels_async",
    "render_to_stream",
    "version_caption",
]

if TYPE_CHECKING:  # the render processes never concatenate: pypdf costs each ~13 MB
    from seedreg.printing.concat import Concatenator

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


def placed_codes(contents: Sequence[LabelContent], layout: str, dpi: int) -> list[list[PlacedCode]]:
    """Per page, each label's QR code in its square at the label's top right: the module a
    whole number of printer dots (``geometry.module_mm``), the corner on a printer dot of the
    page, so that every module prints the same number of dots."""
    spec = layout_spec(layout)
    size = LABEL_SIZES[spec.label]
    qr_left = size.width - size.padding - size.qr_mm
    pages: list[list[PlacedCode]] = []
    for sheet in sheets_of(contents, spec.per_page):
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
    spec = layout_spec(layout)
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
        layout_spec(layout)
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
    layout_spec(layout)
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
