"""Concatenate PDFs into one file while holding only one input in memory at a time.

pypdf's PdfWriter keeps every page of every input until it writes (≈150 MB for 10,000 labels,
growing with the job); a print job's output must not grow the server. This reads each chunk PDF
with pypdf, renumbers its objects after the previous chunk's, writes them out at once, and ends
with a single page tree, catalog and cross-reference table. Each chunk keeps its own embedded
font subset (fonts are not shared across chunks).
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, cast

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
)

HEADER = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
_SKIP_TYPES = {"/ObjStm", "/XRef"}


def _idnum(reference: IndirectObject | None) -> int:
    """The object number of a page read from a file (a read page always has one)."""
    assert reference is not None
    return int(reference.idnum)


class _Ref:
    """An indirect reference written as ``N 0 R`` (no reader behind it)."""

    def __init__(self, idnum: int) -> None:
        self.idnum = idnum

    def write_to_stream(self, stream: BinaryIO, encryption_key: Any = None) -> None:
        stream.write(f"{self.idnum} 0 R".encode())


def _renumber(obj: Any, offset: int) -> Any:
    if isinstance(obj, IndirectObject):
        return _Ref(obj.idnum + offset)
    if isinstance(obj, DictionaryObject):  # streams too: their dictionary
        for key, value in list(obj.items()):
            dict.__setitem__(obj, key, _renumber(value, offset))
        return obj
    if isinstance(obj, ArrayObject):
        for i, value in enumerate(obj):
            list.__setitem__(obj, i, _renumber(value, offset))
        return obj
    return obj


class _Out:
    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.position = 0
        self.offsets: dict[int, int] = {}

    def write(self, data: bytes) -> None:
        self.stream.write(data)
        self.position += len(data)

    def obj(self, idnum: int, obj: Any) -> None:
        self.offsets[idnum] = self.position
        buffer = io.BytesIO()
        buffer.write(f"{idnum} 0 obj\n".encode())
        obj.write_to_stream(buffer)
        buffer.write(b"\nendobj\n")
        self.write(buffer.getvalue())


def _reader(part: bytes | Path) -> PdfReader:
    return PdfReader(io.BytesIO(part) if isinstance(part, bytes | bytearray) else str(part))


class Concatenator:
    """Appends PDFs to ``stream`` one at a time; ``finish()`` writes the page tree and xref."""

    def __init__(self, stream: BinaryIO) -> None:
        self.out = _Out(stream)
        self.out.write(HEADER)
        self.offset = 1  # object 1 is the output's page tree root
        self.kids: list[int] = []

    def add(self, part: bytes | Path) -> int:
        """Append every page of ``part`` (PDF bytes or a file); returns the pages added."""
        reader = _reader(part)
        trailer = reader.trailer
        root = trailer.raw_get("/Root")
        skip = {root.idnum, root.get_object().raw_get("/Pages").idnum}
        if "/Info" in trailer:
            skip.add(trailer.raw_get("/Info").idnum)
        pages = [_idnum(page.indirect_reference) for page in reader.pages]
        page_set = set(pages)
        size = int(cast(int, trailer["/Size"]))
        for idnum in range(1, size):
            if idnum in skip:
                continue
            obj = reader.get_object(idnum)
            if obj is None or (
                isinstance(obj, DictionaryObject) and obj.get("/Type") in _SKIP_TYPES
            ):
                continue
            obj = _renumber(obj, self.offset)
            if idnum in page_set:
                dict.__setitem__(obj, NameObject("/Parent"), _PARENT)
            self.out.obj(idnum + self.offset, obj)
        self.kids += [idnum + self.offset for idnum in pages]
        self.offset += size
        return len(pages)

    def finish(self) -> int:
        """Write the page tree, catalog, cross-reference table and trailer; returns pages."""
        return _finish(self.out, self.offset, self.kids)


def concat_pdfs(parts: Iterable[bytes | Path], stream: BinaryIO) -> int:
    """Write the pages of ``parts`` (PDF bytes or files), in order, as one PDF to ``stream``.
    Returns the number of pages."""
    concatenator = Concatenator(stream)
    for part in parts:
        concatenator.add(part)
    return concatenator.finish()


class _ParentPlaceholder:
    """The page tree root's number is only known at the end; pages point to object 1 of the
    output, which is reserved for it (inputs are renumbered from 2)."""

    def write_to_stream(self, stream: BinaryIO, encryption_key: Any = None) -> None:
        stream.write(b"1 0 R")


_PARENT = _ParentPlaceholder()


def _finish(out: _Out, next_id: int, kids: list[int]) -> int:
    root_pages, catalog = 1, next_id + 1
    out.offsets[root_pages] = out.position
    refs = " ".join(f"{k} 0 R" for k in kids)
    out.write(f"1 0 obj\n<< /Type /Pages /Kids [{refs}] /Count {len(kids)} >>\nendobj\n".encode())
    out.offsets[catalog] = out.position
    out.write(f"{catalog} 0 obj\n<< /Type /Catalog /Pages 1 0 R >>\nendobj\n".encode())
    size = catalog + 1
    xref = out.position
    lines = [f"xref\n0 {size}\n", "0000000000 65535 f \n"]
    for idnum in range(1, size):
        at = out.offsets.get(idnum)
        lines.append(f"{at:010d} 00000 n \n" if at is not None else "0000000000 65535 f \n")
    out.write("".join(lines).encode())
    out.write(
        f"trailer\n<< /Size {size} /Root {catalog} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return len(kids)
