"""Place rendered label faces over the labels of a sheet PDF, as PDF form XObjects (pikepdf).

A lot's labels differ only in quantity, serial, version and QR code. WeasyPrint's time is per
line of text, so a chunk is rendered as two PDFs (``seedreg.printing.layouts.render_chunk``):
the sheets with each label's own parts, and one page per distinct face (title and shared rows
on a transparent label). Each face page becomes one form XObject, drawn at every label that
has it: the same drawing as a one-pass rendering, with the shared text laid out once.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

import pikepdf

PT_PER_MM = 72 / 25.4
XOBJECT = pikepdf.Name.XObject


def overlay_faces(
    sheets: bytes,
    faces: bytes,
    face_of: Sequence[int],
    slots: Sequence[tuple[float, float, float, float]],
    page_height_mm: float,
) -> bytes:
    """``sheets`` with page ``face_of[k]`` of ``faces`` drawn over its k-th label.

    Labels fill the sheets in order, ``len(slots)`` per page; a slot is (left, top, width,
    height) in mm from the page's top-left corner, and a face page is the label's size.
    """
    with pikepdf.open(io.BytesIO(sheets)) as out, pikepdf.open(io.BytesIO(faces)) as source:
        forms = [out.copy_foreign(page.as_form_xobject()) for page in source.pages]
        per_page = len(slots)
        # Fixed names (WeasyPrint's own are /x… and /i…): the same labels give the same bytes.
        names = [pikepdf.Name(f"/Face{index}") for index in range(len(forms))]
        for number, page in enumerate(out.pages):
            on_page = face_of[number * per_page : (number + 1) * per_page]
            placements = []
            for face, slot in zip(on_page, slots, strict=False):
                page.add_resource(forms[face], XOBJECT, names[face])
                placements.append(_placement(page, forms[face], names[face], slot, page_height_mm))
            if placements:
                # One save/restore around the sheet's own drawing, then every face: a q per
                # face would nest the graphics state eight deep.
                page.contents_add(b"q\n", prepend=True)
                page.contents_add(b"Q\n" + b"".join(placements))
        buffer = io.BytesIO()
        out.save(
            buffer,
            object_stream_mode=pikepdf.ObjectStreamMode.disable,
            deterministic_id=True,
        )
    return buffer.getvalue()


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
