"""What a domain declares for its import, and what reading a sheet yields. No I/O."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from seedreg.core.importer.cells import half_width, plain

Parser = Callable[[Any], Any]


def text(value: Any) -> str:
    """A cell as text (full-width digits made half-width, outer spaces removed). Excel turns
    "2-2" into a date when the column is not text: say so."""
    return plain(value)


def number(value: Any) -> float | None:
    """A decimal number (blank = None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool | datetime | date):
        raise ValueError("应为数字")
    try:
        word = "".join(half_width(value).split()) if isinstance(value, str) else ""
        result = float(word) if isinstance(value, str) else float(value)
    except ValueError:
        raise ValueError("应为数字") from None
    if not math.isfinite(result):
        raise ValueError("应为数字")
    return result


def integer(value: Any) -> int | None:
    """A whole number (blank = None)."""
    result = number(value)
    if result is None:
        return None
    if not result.is_integer():
        raise ValueError("应为整数")
    return int(result)


@dataclass(frozen=True)
class Column:
    """One column of the sheet: its Chinese header, the field it fills, whether a row must
    have it, how a cell is read (raises ValueError with a Chinese reason), a hint and an
    example value (shown on the template's 填写说明 sheet, never in the sheet to fill).
    The parser is a pure function of the cell: each distinct value is read once per import
    and its result shared by the rows holding it (so a result is never mutated)."""

    header: str
    field: str
    required: bool = False
    parser: Parser = text
    hint: str = ""
    sample: Any = ""


@dataclass(frozen=True)
class Importer:
    """A domain's import. ``build`` turns a row's fields into the domain's input model (raising
    the app's InvalidInput or a DomainError with a field); ``check`` runs the domain's own
    rules for the preview; ``save`` stores one row (auditing it) inside the import's
    transaction. ``field_headers`` names the column(s) for fields no single column fills.

    For long files: ``prepare(actor)`` loads once per pass what every row is checked against
    (the actor's bases, the divisions, the codes already registered: no query per row), and
    ``check_in(prepared, model)`` checks a row against it (a mutable ``prepared`` also finds
    duplicates within the file); ``save_batch(actor, prepared, models)`` stores a batch of
    valid rows at once (instead of ``save`` row by row)."""

    name: str
    title: str
    columns: tuple[Column, ...]
    build: Callable[[dict[str, Any]], Any]
    save: Callable[[Any, Any], Awaitable[Any]] | None = None
    check: Callable[[Any], Awaitable[None]] | None = None
    field_headers: dict[str, str] = field(default_factory=dict)
    prepare: Callable[[Any], Awaitable[Any]] | None = None
    check_in: Callable[[Any, Any], Awaitable[None]] | None = None
    save_batch: Callable[[Any, Any, list[Any]], Awaitable[list[Any]]] | None = None
    max_bytes: int = 1_000_000
    max_rows: int = 1000

    def header_for(self, field_name: str) -> str:
        """The column of a field: its own, else the longest named prefix of its path (a
        list's entry "details.production_sites.1.village" is its list's column)."""
        root = field_name.split(".")[0]
        for column in self.columns:
            if column.field in (field_name, root):
                return column.header
        parts = field_name.split(".")
        for end in range(len(parts), 0, -1):
            if found := self.field_headers.get(".".join(parts[:end])):
                return found
        return ""


class Mode(StrEnum):
    """All rows or none, or only the rows without errors (the user chooses)."""

    ALL_OR_NOTHING = "all"
    VALID_ONLY = "valid"

    @property
    def label(self) -> str:
        return MODE_LABELS[self]


MODE_LABELS = {
    Mode.ALL_OR_NOTHING: "全部导入（任何一行有错误则都不导入）",
    Mode.VALID_ONLY: "只导入无错误的行（有错误的行跳过）",
}


@dataclass(frozen=True)
class RowError:
    row: int  # the sheet's row number, as Excel shows it
    header: str  # the column's header, or "" for the row as a whole
    message: str

    @property
    def text(self) -> str:
        where = f"第{self.row}行" + (f"“{self.header}”列" if self.header else "")
        return f"{where}：{self.message}"


@dataclass
class ParsedRow:
    row: int
    cells: dict[str, str]  # header → the cell as shown in the preview
    values: dict[str, Any]
    errors: list[RowError] = field(default_factory=list)
    model: Any = None

    @property
    def ok(self) -> bool:
        return not self.errors and self.model is not None


SHOWN_ROWS = 1000  # rows a preview keeps to show; a longer file is counted, not held
SHOWN_ERRORS = 1000


@dataclass
class Preview:
    """What an upload holds: counts of every row, the first SHOWN_ROWS rows and SHOWN_ERRORS
    errors to show (memory does not grow with the file)."""

    token: str
    filename: str
    headers: list[str]
    rows: list[ParsedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    total: int = 0
    valid_count: int = 0
    error_count: int = 0

    @property
    def bad_count(self) -> int:
        return self.total - self.valid_count

    def add(self, row: ParsedRow) -> None:
        self.total += 1
        self.valid_count += row.ok
        self.error_count += len(row.errors)
        if len(self.rows) < SHOWN_ROWS:
            self.rows.append(row)
        if len(self.errors) < SHOWN_ERRORS:
            self.errors.extend(row.errors[: SHOWN_ERRORS - len(self.errors)])
