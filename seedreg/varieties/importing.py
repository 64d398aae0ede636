"""The 良种 register from an xlsx sheet, through the shared importer (template, preview with
each row's errors naming row and column, all-or-nothing or valid rows only), and the list's
export as xlsx with the same columns, so an export can be corrected and imported elsewhere."""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from seedreg.accounts.rules import Actor
from seedreg.core.importer import Column, Importer, integer, text
from seedreg.core.validation import parse
from seedreg.varieties import rules, services
from seedreg.varieties.schemas import VarietyIn

KINDS = {"审定": rules.Kind.APPROVAL, "认定": rules.Kind.RECOGNITION}


def kind(value: Any) -> str:
    word = text(value)
    if word and word not in KINDS:
        raise ValueError("应为“审定”或“认定”")
    return KINDS[word].value if word else ""


def body(value: Any) -> str:
    word = text(value)
    code = rules.body_code_of(word) if word else ""
    if code is None:
        raise ValueError("应为“国家”或省级行政区名称，如 内蒙古自治区")
    return code


def day(value: Any) -> date | None:
    """A date cell, or text 2026-12-31 / 2026年12月31日 (blank = None)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    word = str(value).strip().replace("年", "-").replace("月", "-").rstrip("日")
    try:
        return date.fromisoformat("-".join(p.zfill(2) for p in word.split("-")))
    except ValueError:
        raise ValueError("日期格式应为 2026-12-31") from None


COLUMNS = (
    Column("类别", "kind", True, kind, "审定 或 认定"),
    Column("编号", "number", True, text, "审定（认定）编号，如 国S-SV-CC-031-2008"),
    Column("树种", "species_name", True, text, "如 樟子松"),
    Column("品种名称", "variety_name", True, text, "公告中的品种（良种）名称"),
    Column("学名", "latin_name", False, text, "可留空"),
    Column("选育人（单位）", "breeder", False, text, "可留空"),
    Column("审定（认定）机关", "body_code", True, body, "国家，或省级行政区，如 内蒙古自治区"),
    Column("年份", "year", True, integer, "审定（认定）年份，如 2019"),
    Column("适宜种植区域代码", "zone_codes", True, text, "6位行政区划代码，多个用逗号分隔"),
    Column("适宜种植区域", "zone_text", False, text, "公告中的文字"),
    Column("认定有效期至", "valid_until", False, day, "仅认定良种；留空按本地设定推定"),
    Column("备注", "note", False, text, "可留空"),
)


def build(values: dict[str, Any]) -> VarietyIn:
    return parse(VarietyIn, values)


async def check(data: VarietyIn) -> None:
    await services.check(data)


async def save(actor: Actor, data: VarietyIn) -> int:
    return int((await services.create(actor, data))["id"])


VARIETIES = Importer(
    name="improved_variety",
    title="林木良种名录",
    columns=COLUMNS,
    build=build,
    check=check,
    save=save,
)

EXTRA = ("状态", "停止推广日期", "停止推广文号", "停止推广理由", "编号提示")


def _cells(row: dict[str, Any]) -> list[Any]:
    return [
        row["kind_label"],
        row["number"],
        row["species_name"],
        row["variety_name"],
        row["latin_name"],
        row["breeder"],
        row["body_name"],
        row["year"],
        ",".join(row["zone_codes"]),
        row["zone_text"],
        row["valid_until"],
        row["note"],
        row["status_label"],
        row["stopped_on"],
        row["stop_document"],
        row["stop_reason"],
        "；".join(row["number_warnings"]),
    ]


def export_xlsx(rows: list[dict[str, Any]]) -> bytes:
    """The list as shown (its filters applied) in the import's columns plus the status."""
    book = Workbook()
    sheet = book.active
    sheet.title = VARIETIES.title
    sheet.append([c.header for c in COLUMNS] + list(EXTRA))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(_cells(row))
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
