"""Which cells of a workbook's first sheet hold a formula. Calamine reads a formula's cached
value (or nothing, when the file was written by a program that did not compute it), so a
formula where a value belongs would pass unseen. The sheet's XML is scanned as a stream for
``<f`` (cheap: no parse); only a sheet that has formulas is parsed, incrementally, to name them."""

from __future__ import annotations

import re
import zipfile
from typing import IO
from xml.etree.ElementTree import iterparse

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
CHUNK = 1 << 20
MAX_REPORTED = 1000  # enough to name them; a sheet of formulas needs one message, not a million
_REF = re.compile(r"^([A-Z]+)(\d+)$")
_TAG = re.compile(rb"<(?:\w+:)?f[ >/]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The path of the workbook's first sheet (the one calamine reads as index 0)."""
    book = archive.read("xl/workbook.xml")
    rels = archive.read("xl/_rels/workbook.xml.rels")
    first = re.search(rb"<(?:\w+:)?sheet\b[^>]*?\br:id=\"([^\"]+)\"", book)
    if first is None:
        return "xl/worksheets/sheet1.xml"
    for rel in re.finditer(rb"<Relationship\b[^>]*>", rels):
        tag = rel.group(0)
        if b'Id="' + first.group(1) + b'"' in tag:
            target = re.search(rb'Target="([^"]+)"', tag)
            if target:
                path = target.group(1).decode()
                return path.lstrip("/") if path.startswith("/") else "xl/" + path
    return "xl/worksheets/sheet1.xml"


def _has_formula(stream: IO[bytes]) -> bool:
    """Whether the sheet has a formula; a sheet declaring a DTD (never in a real workbook: the
    door to entity expansion attacks) is refused before any XML parser sees it."""
    tail, found = b"", False
    while chunk := stream.read(CHUNK):
        window = tail + chunk
        if _DTD.search(window):
            raise ValueError("a worksheet with a DTD")
        found = found or bool(_TAG.search(window))
        tail = chunk[-16:]
    return found


def column_index(letters: str) -> int:
    """A → 0, B → 1, AA → 26."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def formula_cells(archive: zipfile.ZipFile) -> dict[int, set[int]]:
    """Sheet row number (1-based, as Excel shows) → column indexes (0-based) holding a formula."""
    path = _first_sheet(archive)
    with archive.open(path) as stream:
        if not _has_formula(stream):
            return {}
    found: dict[int, set[int]] = {}
    count = 0
    with archive.open(path) as stream:
        # no DTD (checked above), so no entity expansion: the stdlib parser is safe here
        for _event, element in iterparse(stream, events=("end",)):  # noqa: S314
            if element.tag != MAIN + "c":
                if element.tag == MAIN + "row":
                    element.clear()
                continue
            if element.find(MAIN + "f") is not None:
                match = _REF.match(element.get("r", ""))
                if match:
                    row = int(match.group(2))
                    found.setdefault(row, set()).add(column_index(match.group(1)))
                    count += 1
                    if count >= MAX_REPORTED:
                        break
    return found
