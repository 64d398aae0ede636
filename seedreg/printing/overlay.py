"""Finish a rendered label PDF with pikepdf: draw each label's QR code as vector modules, and
place shared label faces over their labels as PDF form XObjects.

QR codes: a printer fills vector modules crisply at its own resolution, where the code drawn as
an image was resampled, came out grey at a 203-dpi thermal printer and was dithered to noise
(issue 12). Each module is a whole number of printer dots and the symbol starts on a dot
(``seedreg.printing.geometry.module_mm``, ``on_dot_grid``). The modules go straight into the
page as rectangles: WeasyPrint drew the same code from an SVG at ~50 ms a label, this costs a
fraction of a millisecond.

Faces: a lot's labels differ only in quantity, serial, version and QR code. WeasyPrint's time
is per line of text, so a chunk is rendered as two PDFs (``seedreg.printing.layouts.render_chunk``):
the sheets with each label's own parts, and one page per distinct face (title and shared rows
on a transparent label). Each face page becomes one form XObject, drawn at every label that
has it: the same drawing as a one-pass rendering, with the shared text laid out once.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import pikepdf

from seedreg.core.qr import VectorCode

PT_PER_MM = 72 / 25.4
XOBJECT = pikepdf.Name.XObject


@dataclass(frozen=True)
class PlacedCode:
    """A QR code on a page: its top-left corner (quiet zone included) in mm from the page's
    top-left corner, and its module in mm."""

    left: float
    top: float
    module: float
    code: VectorCode

    def drawing(self, page_height_mm: float) -> bytes:
        """PDF operators: a white square (the quiet zone) and the dark modules over it."""
        m = self.module * PT_PER_MM
        x, y = self.left * PT_PER_MM, (page_height_mm - self.top) * PT_PER_MM
        n = self.code.modules
        return b"q %.6f 0 0 %.6f %.4f %.4f cm 1 g 0 0 %d %d re f 0 g\n%sf Q\n" % (
            m,
            -m,
            x,
            y,
            n,
            n,
            self.code.pdf_path(),
        )


@dataclass(frozen=True)
class Faces:
    """What ``finish`` places over the labels: page ``face_of[k]`` of the ``pages`` PDF over
    the k-th label; labels fill the sheets in order, ``len(slots)`` per page, a slot being
    (left, top, width, height) in mm from the page's top-left corner."""

    pages: bytes
    face_of: Sequence[int]
    slots: Sequence[tuple[float, float, float, float]]


def finish(
    sheets: bytes,
    codes: Sequence[Sequence[PlacedCode]],
    page_height_mm: float,
    faces: Faces | None = None,
) -> bytes:
    """``sheets`` with the faces (if any) over their labels and ``codes[p]`` drawn on page p."""
    with pikepdf.open(io.BytesIO(sheets)) as out:
        drawings = [[c.drawing(page_height_mm) for c in on_page] for on_page in codes]
        if faces is not None:
            with pikepdf.open(io.BytesIO(faces.pages)) as source:
                _place_faces(out, source, faces, page_height_mm, drawings)
        for page, drawing in zip(out.pages, drawings, strict=False):
            if drawing:
                # One save/restore around the sheet's own drawing, then every addition: a q
                # per addition would nest the graphics state eight deep.
                page.contents_add(b"q\n", prepend=True)
                page.contents_add(b"Q\n" + b"".join(drawing))
        buffer = io.BytesIO()
        out.save(
            buffer,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            deterministic_id=True,
        )
    return buffer.getvalue()


def _place_faces(
    out: pikepdf.Pdf,
    source: pikepdf.Pdf,
    faces: Faces,
    page_height_mm: float,
    drawings: list[list[bytes]],
) -> None:
    """Add each page's face placements to the front of its ``drawings`` (faces first, as
    the codes do not overlap them either way)."""
    forms = [out.copy_foreign(page.as_form_xobject()) for page in source.pages]
    per_page = len(faces.slots)
    # Fixed names (WeasyPrint's own are /x… and /i…): the same labels give the same bytes.
    names = [pikepdf.Name(f"/Face{index}") for index in range(len(forms))]
    while len(drawings) < len(out.pages):
        drawings.append([])
    for number, page in enumerate(out.pages):
        on_page = faces.face_of[number * per_page : (number + 1) * per_page]
        placements = []
        for face, slot in zip(on_page, faces.slots, strict=False):
            page.add_resource(forms[face], XOBJECT, names[face])
            placements.append(_placement(page, forms[face], names[face], slot, page_height_mm))
        drawings[number][:0] = placements


def _placement(
    page: pikepdf.Page,
    form: pikepdf.Object,
    name: pikepdf.Name,
    slot: tuple[float, float, float, float],
    page_height_mm: float,
) -> bytes:
    left, top, width, height = (value * PT_PER_MM for value in slot)
    bottom = page_height_mm * PT_PER_MM - top - height
    rect = pikepdf.Rectangle(left, bottom, left + width, bottom + height)
    return page.calc_form_xobject_placement(form, name, rect) + b"\n"
