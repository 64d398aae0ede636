"""Writing xlsx workbooks, streamed: xlsxwriter in constant-memory mode flushes each row to a
temporary file as it is written, so a list of 100,000 rows never sits in memory as cells.
Strings are written as strings, never as formulas (a name beginning with "=" stays a name)."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

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


def _write_row(sheet: Worksheet, row: int, values: Sequence[Any], formats: dict[str, Any]) -> None:
    for col, raw in enumerate(values):
        kind = type(raw)  # the commonest cells first, without _cell's chain of checks
        if kind is str:
            if raw:
                sheet.write_string(row, col, raw)
            continue
        if kind is int or kind is float:
            sheet.write_number(row, col, raw)
            continue
        value = _cell(raw)
        if value is None or value == "":
            continue
        if isinstance(value, str):
            sheet.write_string(row, col, value)
        elif isinstance(value, bool):
            sheet.write_string(row, col, "是" if value else "否")
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value)
        elif isinstance(value, datetime):
            sheet.write_datetime(row, col, value, formats["datetime"])
        elif isinstance(value, date):
            sheet.write_datetime(row, col, value, formats["date"])
        else:
            sheet.write_string(row, col, str(value))


def _sheet(book: Any, spec: SheetSpec, formats: dict[str, Any]) -> int:
    sheet = book.add_worksheet(spec.title[:31])
    for index, header in enumerate(spec.headers):
        width = spec.widths[index] if index < len(spec.widths) else max(10, len(header) * 2 + 4)
        text = formats["text"] if index in spec.text_columns else None
        sheet.set_column(index, index, width, text)
    sheet.write_row(0, 0, list(spec.headers), formats["bold"])
    sheet.freeze_panes(1, 0)
    count = 0
    for count, values in enumerate(spec.rows, start=1):
        _write_row(sheet, count, values, formats)
    return count


def workbook(*sheets: SheetSpec) -> bytes:
    """The workbook's bytes; every sheet's rows are streamed (constant memory)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"constant_memory": True, "strings_to_formulas": False})
    formats = {
        "bold": book.add_format({"bold": True}),
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "datetime": book.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    for spec in sheets:
        _sheet(book, spec, formats)
    book.close()
    return out.getvalue()
