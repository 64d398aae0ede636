"""Writing xlsx workbooks, streamed: rvgsrust-xlsxwriter (Python binding of the Rust
rust_xlsxwriter, the xlsxwriter author's own port) with each sheet in constant-memory mode,
which flushes each row to a temporary file as it is written, so a list of 100,000 rows never
sits in memory as cells. Chosen over Python xlsxwriter by measurement (issue 20,
tests/benchmarks/bench_excel.py): about 3x its rows per second on the same rows, flat memory.
Strings are written as strings, never as formulas (a name beginning with "=" stays a name)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from rvgsrust_xlsxwriter import Workbook

from seedreg.core.clock import CHINA


@dataclass(frozen=True)
class SheetSpec:
    """One sheet: its title, header row, rows (any iterable, consumed once), the columns to
    format as text (so Excel keeps "2-2" and leading zeros as typed) and their widths."""

    title: str
    headers: Sequence[str]
    rows: Iterable[Sequence[Any]] = ()
    text_columns: Sequence[int] = ()
    widths: Sequence[int] = field(default_factory=tuple)


@dataclass(frozen=True)
class ExportColumn:
    """A column of an export: its Chinese header and the row's attribute or key (or a
    function of the row) that fills it."""

    header: str
    value: str | Callable[[Any], Any]
    text: bool = False  # keep as text in Excel (codes, numbers with leading zeros)

    def of(self, row: Any) -> Any:
        if callable(self.value):
            return self.value(row)
        if isinstance(row, dict):
            return row.get(self.value)
        return getattr(row, self.value, None)


def _cell(value: Any) -> Any:
    if isinstance(value, Enum):
        return getattr(value, "label", value.value)
    if isinstance(value, datetime):
        local = value.astimezone(CHINA) if value.tzinfo else value
        return local.replace(tzinfo=None)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list | tuple | set):
        return "、".join(str(v) for v in value)
    return value


def _write_row(sheet: Any, row: int, values: Sequence[Any], formats: dict[str, Any]) -> None:
    """One row in one call to the writer (a blank or None leaves the cell empty; a string is
    written as a string, never a formula); dates after it, each with its format."""
    cells: list[Any] = []
    dated: list[tuple[int, date]] = []
    for col, raw in enumerate(values):
        kind = type(raw)  # the commonest cells first, without _cell's chain of checks
        if kind is str or kind is int or kind is float:
            cells.append(raw)
            continue
        value = _cell(raw)
        if isinstance(value, date):  # a datetime is a date too
            dated.append((col, value))
            value = None
        elif isinstance(value, bool):
            value = "是" if value else "否"
        elif not (value is None or isinstance(value, str | int | float)):
            value = str(value)
        cells.append(value)
    sheet.write_row(row, 0, cells)
    for col, day in dated:
        if isinstance(day, datetime):
            sheet.write_datetime_py(row, col, day, formats["datetime"])
        else:
            sheet.write_date_py(row, col, day, formats["date"])


def _open_sheet(book: Any, spec: SheetSpec, formats: dict[str, Any]) -> Any:
    """A sheet with its bold frozen header row, widths and text columns; no rows yet."""
    sheet = book.add_worksheet(spec.title[:31], constant_memory=True)
    for index, header in enumerate(spec.headers):
        width = spec.widths[index] if index < len(spec.widths) else max(10, len(header) * 2 + 4)
        sheet.set_column_width(index, width)
        if index in spec.text_columns:
            sheet.set_column_format(index, formats["text"])
    sheet.write_row(0, 0, list(spec.headers), formats["bold"])
    sheet.freeze_panes(1, 0)
    return sheet


def _formats(book: Any) -> dict[str, Any]:
    return {
        "bold": book.add_format().set_bold(),
        "text": book.add_format().set_num_format("@"),
        "date": book.add_format().set_num_format("yyyy-mm-dd"),
        "datetime": book.add_format().set_num_format("yyyy-mm-dd hh:mm"),
    }


class SheetStream:
    """A one-sheet workbook written a page of rows at a time: each page is flushed by the
    writer as it is written and can be dropped, so an export of a long list holds one page
    of records in memory, never the whole list (issue 20: memory not growing with the file)."""

    def __init__(self, spec: SheetSpec) -> None:
        self._book = Workbook()
        self._formats = _formats(self._book)
        self._sheet = _open_sheet(self._book, spec, self._formats)
        self.rows = 0
        self.write(spec.rows)

    def write(self, rows: Iterable[Sequence[Any]]) -> None:
        for values in rows:
            self.rows += 1
            _write_row(self._sheet, self.rows, values, self._formats)

    def save(self) -> bytes:
        return bytes(self._book.save_to_buffer())


def workbook(*sheets: SheetSpec) -> bytes:
    """The workbook's bytes; every sheet's rows are streamed (constant memory)."""
    book = Workbook()
    formats = _formats(book)
    for spec in sheets:
        sheet = _open_sheet(book, spec, formats)
        for row, values in enumerate(spec.rows, start=1):
            _write_row(sheet, row, values, formats)
    return bytes(book.save_to_buffer())
