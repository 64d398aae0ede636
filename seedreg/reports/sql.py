"""Names and expressions for the reports' grouped queries, from the owners' table classes, in
each engine's dialect."""

from __future__ import annotations

from typing import Any

from piccolo.columns import Column
from piccolo.table import Table

from seedreg.core.db import is_sqlite
from seedreg.reports.rules import Metric, Row


def t(table: type[Table]) -> str:
    return table._meta.tablename


def c(column: Column, alias: str = "") -> str:
    name = column._meta.db_column_name
    return f"{alias}.{name}" if alias else name


def month_of_instant(expr: str) -> str:
    """YYYY-MM of a timestamp in 兴安盟's time (UTC+8, no daylight saving)."""
    if is_sqlite():
        return f"strftime('%Y-%m', {expr}, '+8 hours')"
    return f"to_char({expr} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')"


def month_of_day(expr: str) -> str:
    return f"substr({expr}, 1, 7)" if is_sqlite() else f"to_char({expr}, 'YYYY-MM')"


def rows(metric: Metric, found: list[dict[str, Any]]) -> list[Row]:
    return [
        Row(metric, r["division"] or "", r.get("period") or "", str(r["k"] or ""), int(r["n"]))
        for r in found
    ]


def day_of_instant(expr: str) -> str:
    """The calendar day (YYYY-MM-DD text on SQLite, a date on PostgreSQL) of a timestamp in
    兴安盟's time, to compare with a Date column."""
    if is_sqlite():
        return f"date({expr}, '+8 hours')"
    return f"CAST({expr} AT TIME ZONE 'Asia/Shanghai' AS DATE)"


def json_text(expr: str, key: str) -> str:
    """The text of a JSON object column's top-level ``key`` (a constant: never user input)."""
    if is_sqlite():
        return f"json_extract({expr}, '$.{key}')"
    return f"({expr}->>'{key}')"
