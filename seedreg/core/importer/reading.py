"""Reading an uploaded workbook: bounded (size, uncompressed size, rows), xlsx only, the header
row matched to the declared columns, each cell parsed and each row built into the domain's
input model, every problem a Chinese RowError naming the row and the column."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from openpyxl import load_workbook

from seedreg.core.errors import DomainError, RuleViolation
from seedreg.core.importer.declaration import Column, Importer, ParsedRow, RowError
from seedreg.core.validation import InvalidInput

NOT_XLSX = "只能导入 Excel 工作簿（.xlsx）：请下载模板，填写后上传"
# A workbook is a zip: a small upload may unpack to gigabytes (a "zip bomb"); refuse before
# openpyxl reads it.
MAX_UNPACKED = 40
MISSING = "必填"


def _open(importer: Importer, content: bytes, filename: str) -> Any:
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
        return load_workbook(io.BytesIO(content), read_only=True, data_only=True)
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


def _parse_row(
    importer: Importer, number: int, cells: dict[int, Column], row: tuple[Any, ...]
) -> ParsedRow:
    parsed = ParsedRow(row=number, cells={}, values={})
    for index, column in cells.items():
        value = row[index] if index < len(row) else None
        parsed.cells[column.header] = _shown(value)
        try:
            result = column.parser(value)
        except ValueError as exc:
            parsed.errors.append(RowError(number, column.header, str(exc)))
            continue
        if result in (None, ""):
            if column.required:
                parsed.errors.append(RowError(number, column.header, MISSING))
            continue
        parsed.values[column.field] = result
    if not parsed.errors:
        _build(importer, parsed)
    return parsed


def read_rows(
    importer: Importer, content: bytes, filename: str
) -> tuple[list[str], list[ParsedRow]]:
    """(headers in the sheet's order, parsed rows). Blank rows are skipped; more than
    ``max_rows`` data rows refuses the file."""
    book = _open(importer, content, filename)
    try:
        sheet = book.worksheets[0]
        rows = sheet.iter_rows(values_only=True, max_col=len(importer.columns) + 20)
        header_row = next(rows, None)
        if header_row is None:
            raise RuleViolation("工作表是空的：第1行应为表头", field="file")
        cells = _columns(importer, header_row)
        parsed: list[ParsedRow] = []
        for number, row in enumerate(rows, start=2):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            if len(parsed) >= importer.max_rows:
                raise RuleViolation(
                    f"行数太多：一次最多导入 {importer.max_rows} 行，请分成几个文件", field="file"
                )
            parsed.append(_parse_row(importer, number, cells, row))
        if not parsed:
            raise RuleViolation("文件中没有数据行：请在表头下面逐行填写", field="file")
        return [c.header for c in cells.values()], parsed
    finally:
        book.close()
