"""Every list page as an xlsx workbook, as shown: the same URL with ``format=xlsx`` runs the
same view with the same filters (so the same service call), and the view answers with the
rows in its column spec instead of the page. A page gets ``export_url`` (its own URL with
``format=xlsx``, the pager's page number dropped: the export holds every matching row) and
shows it with the ``export_link`` macro (templates/_macros/export.html)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any
from urllib.parse import urlencode

from litestar import Request, Response

from seedreg.core.web.responses import xlsx_response
from seedreg.core.xlsx import ExportColumn, SheetSpec, SheetStream, workbook

__all__ = ["ExportColumn", "export_url", "wanted", "xlsx", "xlsx_paged"]

PARAM, VALUE = "format", "xlsx"
PAGING = {"page_no", "page", "qpage", "cpage", PARAM}  # qpage, cpage: a desk's two queues
# Rows one export holds at most: a list's service is asked for this many instead of a page.
MAX_ROWS = 100_000


def wanted(request: Request[Any, Any, Any]) -> bool:
    """Whether the list was asked for as xlsx (the page's 导出电子表格 link)."""
    return request.query_params.get(PARAM) == VALUE


def export_url(request: Request[Any, Any, Any]) -> str:
    """This page's URL asking for xlsx, with its filters and without its page number."""
    query = [(k, v) for k, v in request.query_params.multi_items() if k not in PAGING]
    return f"{request.url.path}?{urlencode([*query, (PARAM, VALUE)])}"


def sheet(title: str, columns: Sequence[ExportColumn], rows: Iterable[Any]) -> SheetSpec:
    """One sheet of rows in a column spec (rows consumed while written)."""
    return SheetSpec(
        title=title,
        headers=[c.header for c in columns],
        rows=([c.of(row) for c in columns] for row in rows),
        text_columns=[i for i, c in enumerate(columns) if c.text],
    )


def xlsx(
    title: str, columns: Sequence[ExportColumn], rows: Iterable[Any], filename: str
) -> Response[bytes]:
    """The rows in the column spec as a workbook to download (streamed while written)."""
    return xlsx_response(workbook(sheet(title, columns, rows)), filename)


def xlsx_sheets(filename: str, *sheets: SheetSpec) -> Response[bytes]:
    """A page of several lists (a desk's queues) as one workbook, a sheet a list."""
    return xlsx_response(workbook(*sheets), filename)


async def xlsx_paged(
    title: str,
    columns: Sequence[ExportColumn],
    fetch: Callable[[int], Awaitable[tuple[Sequence[Any], int]]],
    filename: str,
) -> Response[bytes]:
    """Every row of a paged list (its service's ``page`` argument, unchanged), up to MAX_ROWS,
    written a page at a time: the export holds all rows the filters match, not the page on
    screen, and never the whole list in memory."""
    stream = SheetStream(sheet(title, columns, ()))
    page, total = 1, 1
    while stream.rows < min(total, MAX_ROWS):
        rows, total = await fetch(page)
        if not rows:
            break
        kept = rows[: MAX_ROWS - stream.rows]
        stream.write([c.of(row) for c in columns] for row in kept)
        page += 1
    return xlsx_response(stream.save(), filename)
