"""What the core importer makes of cells people type in Excel: formulas and merged cells named
by row and column, full-width digits and stray spaces normalised where the meaning is certain
and reported where not, dates typed as text read only when the order is certain. No database."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from openpyxl import Workbook
from pydantic import BaseModel

from seedreg.core.errors import RuleViolation
from seedreg.core.importer import Column, Importer, integer
from seedreg.core.importer.cells import code, day, name
from seedreg.core.importer.reading import read_rows
from seedreg.core.validation import parse


class PlotIn(BaseModel):  # a FICTIONAL domain's input model
    code: str
    name: str
    sown: date
    count: int


async def _save(actor: Any, model: Any) -> int:
    return 1


PLOTS = Importer(
    name="plots",
    title="地块",
    columns=(
        Column("编码", "code", True, code),
        Column("名称", "name", True, name),
        Column("播种日期", "sown", True, day),
        Column("株数", "count", True, integer),
    ),
    build=lambda values: parse(PlotIn, values),
    save=_save,
)


def sheet(*rows: list[Any], merge: str = "", at: bool = False) -> bytes:
    book = Workbook()
    ws = book.active
    if at:  # the table starts at B3, as people paste it
        for _ in range(2):
            ws.append([])
    for row in [["编码", "名称", "播种日期", "株数"], *rows]:
        ws.append(([None] if at else []) + row)
    if merge:
        ws.merge_cells(merge)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def errors(content: bytes) -> list[str]:
    _, rows = read_rows(PLOTS, content, "地块.xlsx")
    return [e.text for r in rows for e in r.errors]


def test_full_width_digits_and_spaces_inside_a_code_are_normalised():
    _, rows = read_rows(
        PLOTS, sheet([" ＡＢ １２３ ", "  樟子松苗圃 ", "２０２６年３月５日", "１２０"]), "a.xlsx"
    )
    assert rows[0].errors == []
    assert rows[0].model == PlotIn(
        code="AB123", name="樟子松苗圃", sown=date(2026, 3, 5), count=120
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2026-3-5", date(2026, 3, 5)),
        ("2026/03/05", date(2026, 3, 5)),
        ("20260305", date(2026, 3, 5)),
    ],
)
def test_a_date_typed_as_text_is_read_when_its_order_is_certain(typed, expected):
    assert day(typed) == expected


def test_each_uncertain_cell_is_reported_by_row_and_column():
    found = errors(
        sheet(
            [
                "A1",
                "张 三",
                "3/5/26",
                1,
            ],  # space between two Chinese characters; date order unknown
            ["A2", "苗圃", "2026-02-30", "十"],  # no such day; not a number
        )
    )
    assert found == [
        "第2行“名称”列：汉字之间有空格：请确认后删除空格（或确认名称确实如此）",
        "第2行“播种日期”列：日期应为日期格式或 2026-12-31 / 2026年12月31日；无法确定年月日的顺序",
        "第3行“播种日期”列：不是有效的日期",
        "第3行“株数”列：应为数字",
    ]


def test_a_formula_where_a_value_belongs_is_named_by_row_and_column():
    found = errors(sheet(["A1", "苗圃", "2026-03-05", "=2*60"], ["A2", "苗圃", "2026-03-05", 5]))
    assert found == ["第2行“株数”列：是公式：请复制后“选择性粘贴 → 数值”，再导入"]


def test_merged_cells_are_named_on_every_row_they_cover():
    found = errors(
        sheet(["A1", "苗圃", "2026-03-05", 1], ["A2", None, "2026-03-05", 2], merge="B2:B3")
    )
    merged = "是合并单元格：请取消合并，每个单元格填写自己的值"
    assert found == [f"第2行“名称”列：{merged}", f"第3行“名称”列：{merged}"]


def test_row_numbers_are_the_sheets_own_when_the_table_starts_lower_and_further_right():
    found = errors(sheet(["A1", "苗圃", "2026-03-05", "x"], at=True))
    assert found == ["第4行“株数”列：应为数字"]


def test_a_worksheet_declaring_entities_is_refused_unparsed():
    content = sheet(["A1", "苗圃", "2026-03-05", 1])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa">]>' + data.split(b"?>", 1)[-1]
            dst.writestr(item, data)
    with pytest.raises(RuleViolation, match="只能导入 Excel 工作簿"):
        read_rows(PLOTS, out.getvalue(), "a.xlsx")
