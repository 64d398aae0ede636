"""The xlsx writer (seedreg.core.xlsx, rvgsrust-xlsxwriter underneath): what every export and
template relies on, read back with openpyxl — Chinese headers in bold and frozen, widths, text
columns kept as text, dates as dates with their formats (a time in China's time), a string
beginning with "=" kept a string (never a formula), lists joined, yes/no in Chinese, blanks
left empty, several sheets. Pure (no server)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from seedreg.core.xlsx import SheetSpec, workbook


def test_cells_headers_and_formats_read_back_as_written():
    rows = [
        ["0012", "=1+2", date(2026, 11, 27), datetime(2026, 11, 27, 0, 30, tzinfo=UTC), 5, True],
        ["", None, None, None, 2.5, False],
        [7, ["樟子松", "云杉"], None, None, None, None],
    ]
    first = SheetSpec("存苗台账", ["编号", "名称", "日期", "时间", "数量", "是否"], rows, [0], [20])
    second = SheetSpec("第二页", ["说明"], [["第二页的行"]])
    book = load_workbook(io.BytesIO(workbook(first, second)))
    sheet = book.worksheets[0]
    assert book.sheetnames == ["存苗台账", "第二页"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["编号", "名称", "日期", "时间", "数量", "是否"]
    day = datetime(2026, 11, 27, tzinfo=UTC).replace(tzinfo=None)
    time = datetime(2026, 11, 27, 8, 30, tzinfo=UTC).replace(tzinfo=None)  # China's time
    assert values[1] == ["0012", "=1+2", day, time, 5, "是"]  # Excel's dates are naive
    assert values[2] == [None, None, None, None, 2.5, "否"]
    assert values[3] == [7, "樟子松、云杉", None, None, None, None]
    assert sheet["B2"].data_type == "s"  # a string, not a formula
    assert sheet["A2"].number_format == "@"
    assert (sheet["C2"].number_format, sheet["D2"].number_format) == (
        "yyyy-mm-dd",
        "yyyy-mm-dd hh:mm",
    )
    assert sheet["A1"].font.b
    assert sheet.freeze_panes == "A2"
    assert 20 <= sheet.column_dimensions["A"].width < 21
    assert [[c.value for c in r] for r in book.worksheets[1].iter_rows()] == [
        ["说明"],
        ["第二页的行"],
    ]


def test_a_paged_export_writes_every_page_once_and_stops_at_the_row_limit(monkeypatch):
    import asyncio

    from seedreg.core.web import exporting
    from seedreg.core.xlsx import ExportColumn

    asked: list[int] = []

    async def fetch(page: int) -> tuple[list[dict], int]:
        asked.append(page)
        first = (page - 1) * 50
        return [{"n": f"第{i}行"} for i in range(first, min(first + 50, 120))], 120

    def export() -> list[list]:
        response = asyncio.run(
            exporting.xlsx_paged("清单", [ExportColumn("行", "n")], fetch, "x.xlsx")
        )
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        return [[c.value for c in row] for row in sheet.iter_rows()]

    rows = export()
    assert rows[0] == ["行"]
    assert [r[0] for r in rows[1:]] == [f"第{i}行" for i in range(120)]
    assert asked == [1, 2, 3]
    monkeypatch.setattr(exporting, "MAX_ROWS", 70)
    asked.clear()
    assert [r[0] for r in export()[1:]] == [f"第{i}行" for i in range(70)]
    assert asked == [1, 2]
