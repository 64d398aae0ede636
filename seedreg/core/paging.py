"""One page of a list and how many rows match: the one place a list's limit, offset and count
are written, so every paged list (page and API) pages alike and an absurd page number gives an
empty page rather than a server error.

``offset`` is pure (unit-tested); ``page_of`` reads one page of a Piccolo table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, Field

if TYPE_CHECKING:  # schemas import Page, and schemas import no piccolo (style §4.1)
    from piccolo.columns import Column
    from piccolo.table import Table

T = TypeVar("T")

# The highest page number a list answers (routes refuse more with 400, see core.web.bounds):
# 10⁶ pages of 20 is past any list this system holds, and offsets stay small integers.
MAX_PAGE = 1_000_000


class Page(BaseModel, Generic[T]):
    """One page of a list as the JSON API returns it; each list names its own subclass
    (``class FilingPage(Page[FilingOut])``) so the OpenAPI schema has a plain name."""

    items: list[T]
    total: int = Field(description="符合条件的记录总数")
    page: int = Field(description="页码，从1开始")
    page_size: int = Field(description="每页条数")


def page_number(page: int) -> int:
    """The page asked for, within 1..MAX_PAGE (0 or less is the first page; past MAX_PAGE the
    last one answered, which is empty)."""
    return min(max(page, 1), MAX_PAGE)


def offset(page: int, per_page: int) -> int:
    """Rows to skip to reach ``page`` (from 1) of ``per_page`` rows a page."""
    return (page_number(page) - 1) * max(per_page, 1)


async def page_of(
    table: type[Table],
    clauses: Sequence[Any],
    *,
    page: int,
    per_page: int,
    order_by: Sequence[Column | tuple[Column, bool]] | None = None,
    ascending: bool = False,
    columns: Sequence[Any] = (),
) -> tuple[list[dict[str, Any]], int]:
    """One page of the rows of ``table`` matching every clause (JSON columns decoded), ordered
    by ``order_by`` (default: the id, newest first; a ``(column, ascending)`` pair orders that
    column its own way), and how many rows match in all.

    ``columns`` selects joined values too (``Table.organisation.name.as_alias(...)``); the
    default is every column of the table."""
    query = table.select(*(columns or table.all_columns()))
    count = table.count()
    for clause in clauses:
        query, count = query.where(clause), count.where(clause)
    for item in order_by or (table._meta.primary_key,):
        column, up = item if isinstance(item, tuple) else (item, ascending)
        query = query.order_by(column, ascending=up)
    rows = await query.limit(max(per_page, 1)).offset(offset(page, per_page)).output(load_json=True)
    return rows, await count
