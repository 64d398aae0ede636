"""Reading an uploaded workbook: bounded (size, uncompressed size, rows), xlsx only, the header
row matched to the declared columns, each cell parsed and each row built into the domain's
input model, every problem a Chinese RowError naming the row and the column."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from python_calamine import CalamineWorkbook

from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.importer.declaration import Column, Importer, ParsedRow, RowError
from seedreg.core.importer.formulas import formula_cells
from seedreg.core.validation import InvalidInput

NOT_XLSX = "只能导入 Excel 工作簿（.xlsx）：请下载模板，填写后上传"
# A workbook is a zip: a small upload may unpack to gigabytes (a "zip bomb"); refuse before
# calamine reads it.
MAX_UNPACKED = 40
MISSING = "必填"
FORMULA = "是公式：请复制后“选择性粘贴 → 数值”，再导入"
MERGED = "是合并单元格：请取消合并，每个单元格填写自己的值"
MAX_MERGED = 10_000  # rows of one merged range reported; enough to show where it is


class Sheet:
    """The first sheet of an upload: calamine's rows (fast: Rust), the cells holding a formula
    (scanned from the XML, see ``formulas``) and the merged cells (calamine reads those)."""

    def __init__(self, content: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            self.formulas = formula_cells(archive)
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        self.sheet = book.get_sheet_by_index(0)
        self.merged: dict[int, set[int]] = {}
        for (top, left), (bottom, right) in self.sheet.merged_cell_ranges or []:
            for row in range(top + 1, min(bottom, top + MAX_MERGED) + 2):
                self.merged.setdefault(row, set()).update(range(left, right + 1))

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number as Excel shows it, the row's cells from column A). Calamine's range
        starts at the first cell with a value; its row iterator pads the rows above it but not
        the columns to its left (0.9), so rows are numbered from the first one with a value,
        which is the range's top row either way, and the columns are padded here."""
        start = self.sheet.start
        if start is None:
            return
        top, left = start
        pad: list[Any] = [None] * left if left else []
        number = 0
        for cells in self.sheet.iter_rows():
            if not number:
                if _blank(cells):
                    continue  # a padding row above the range
                number = top + 1
            else:
                number += 1
            yield number, pad + cells if pad and len(cells) == self.sheet.width else cells


def _open(importer: Importer, content: bytes, filename: str) -> Sheet:
    if len(content) > importer.max_bytes:
        limit = importer.max_bytes // 1000
        raise RuleViolation(f"文件太大：最大 {limit} KB", field="file")
    if not filename.lower().endswith(".xlsx") or not content.startswith(b"PK\x03\x04"):
        raise RuleViolation(NOT_XLSX, field="file")
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(i.file_size for i in archive.infolist())
        if unpacked > importer.max_bytes * MAX_UNPACKED:
            raise RuleViolation("文件解压后太大，不能导入", field="file")
        return Sheet(content)
    except DomainError:
        raise
    except Exception:  # any unreadable zip or workbook: the user's answer is the same
        raise RuleViolation(NOT_XLSX, field="file") from None


def _header(cell: Any) -> str:
    return str(cell).strip().rstrip("*＊").strip() if cell is not None else ""


def _columns(importer: Importer, header_row: tuple[Any, ...]) -> dict[int, Column]:
    """Sheet position → declared column; a missing required column refuses the file."""
    by_header = {c.header: c for c in importer.columns}
    found = {i: by_header[h] for i, h in enumerate(map(_header, header_row)) if h in by_header}
    missing = [c.header for c in importer.columns if c.required and c not in found.values()]
    if missing:
        raise RuleViolation(
            "第1行应为表头，缺少必填列：" + "、".join(f"“{h}”" for h in missing), field="file"
        )
    return found


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _build(importer: Importer, parsed: ParsedRow) -> None:
    try:
        parsed.model = importer.build(parsed.values)
    except InvalidInput as exc:
        details = exc.details if isinstance(exc.details, dict) else {}
        for key, message in (details or {"": exc.message}).items():
            parsed.errors.append(RowError(parsed.row, importer.header_for(key), message))
    except DomainError as exc:
        add_domain_error(importer, parsed, exc)


def add_domain_error(importer: Importer, parsed: ParsedRow, exc: DomainError) -> None:
    header = importer.header_for(exc.field) if exc.field else ""
    parsed.errors.append(RowError(parsed.row, header, exc.message))


MEMO_SIZE = 5000  # distinct values a column remembers the reading of (bases, species, grades…)


class _Memo:
    """A column's cell readings by value: a ledger repeats its bases, species and grades on
    every row, and a parser is a pure function of the cell (declaration.Column), so each
    distinct value is parsed once (profiled: the age-code parser alone was a third of an
    import's time). Bounded: a column of all-different values stops being remembered."""

    def __init__(self) -> None:
        self.found: dict[tuple[type, Any], tuple[Any, str | None, str]] = {}

    def read(self, parser: Any, value: Any) -> tuple[Any, str | None, str]:
        """(result, the ValueError's message or None, the cell as shown)."""
        key = (type(value), value)
        known = self.found.get(key)
        if known is not None:
            return known
        try:
            reading: tuple[Any, str | None, str] = (parser(value), None, _shown(value))
        except ValueError as exc:
            reading = (None, str(exc), _shown(value))
        if len(self.found) < MEMO_SIZE:
            self.found[key] = reading
        return reading


def _parse_row(
    importer: Importer,
    number: int,
    cells: dict[int, Column],
    row: list[Any],
    sheet: Sheet,
    memos: dict[int, _Memo],
) -> ParsedRow:
    parsed = ParsedRow(row=number, cells={}, values={})
    formulas, merged = sheet.formulas.get(number, ()), sheet.merged.get(number, ())
    for index, column in cells.items():
        value = row[index] if index < len(row) else None
        result, problem, parsed.cells[column.header] = memos[index].read(column.parser, value)
        if index in formulas or index in merged:
            reason = FORMULA if index in formulas else MERGED
            parsed.errors.append(RowError(number, column.header, reason))
            continue
        if problem is not None:
            parsed.errors.append(RowError(number, column.header, problem))
            continue
        if result in (None, ""):
            if column.required:
                parsed.errors.append(RowError(number, column.header, MISSING))
            continue
        parsed.values[column.field] = result
    if not parsed.errors:
        _build(importer, parsed)
    return parsed


def _blank(row: list[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def iter_rows(
    importer: Importer, content: bytes, filename: str
) -> tuple[list[str], Iterator[ParsedRow]]:
    """(headers in the sheet's order, the parsed rows one by one: never all in memory). Blank
    rows are skipped; more than ``max_rows`` data rows refuses the file (while iterating)."""
    sheet = _open(importer, content, filename)
    rows = sheet.rows()
    first = next(rows, None)
    if first is None:
        raise RuleViolation("工作表是空的：第1行应为表头", field="file")
    cells = _columns(importer, tuple(first[1]))
    width = max(cells, default=0) + 1
    memos = {index: _Memo() for index in cells}

    def parsed() -> Iterator[ParsedRow]:
        count = 0
        for number, row in rows:
            row = row[:width]
            if _blank(row) and number not in sheet.formulas and number not in sheet.merged:
                continue
            count += 1
            if count > importer.max_rows:
                raise RuleViolation(
                    f"行数太多：一次最多导入 {importer.max_rows} 行，请分成几个文件", field="file"
                )
            yield _parse_row(importer, number, cells, row, sheet, memos)
        if not count:
            raise RuleViolation("文件中没有数据行：请在表头下面逐行填写", field="file")

    return [c.header for c in cells.values()], parsed()


def read_rows(
    importer: Importer, content: bytes, filename: str
) -> tuple[list[str], list[ParsedRow]]:
    """(headers, every parsed row): for small sheets and tests; imports stream ``iter_rows``."""
    headers, rows = iter_rows(importer, content, filename)
    return headers, list(rows)
