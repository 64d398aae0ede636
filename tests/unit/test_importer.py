"""The core xlsx importer's reading (seedreg.core.importer): a declared sheet is read back with
each problem a Chinese message naming the sheet's row and the column's header; files that are
not a bounded xlsx are refused before anything is parsed. No database."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from pydantic import BaseModel, Field

from seedreg.core.errors import RuleViolation
from seedreg.core.importer import Column, Importer, integer, number, template_xlsx, text
from seedreg.core.importer.reading import read_rows
from seedreg.core.validation import parse


class TreeIn(BaseModel):  # a FICTIONAL domain's input model
    name: str = Field(min_length=2)
    age: str
    height: float = Field(ge=0, le=100)
    count: int | None = None


async def _save(actor: Any, model: Any) -> int:
    return 1


TREES = Importer(
    name="trees",
    title="树木",
    columns=(
        Column("名称", "name", True, text, "两个字以上"),
        Column("苗龄", "age", True, text),
        Column("高度（cm）", "height", True, number),
        Column("株数", "count", False, integer),
    ),
    build=lambda values: parse(TreeIn, values),
    save=_save,
    max_bytes=50_000,
    max_rows=5,
)
HEADER = ["名称", "苗龄", "高度（cm）", "株数"]


def xlsx(*rows: list[Any], header: list[str] = HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def texts(rows: list[Any]) -> list[str]:
    return [e.text for r in rows for e in r.errors]


def test_good_rows_become_models_and_blank_rows_are_skipped():
    content = xlsx(
        ["樟子松", "2-2", 18, 3], [None, None, None, None], ["落叶松", "1-0", "12.5", ""]
    )
    headers, rows = read_rows(TREES, content, "苗木.xlsx")
    assert headers == HEADER
    assert [r.row for r in rows] == [2, 4]  # the sheet's own row numbers
    assert all(r.ok for r in rows)
    assert rows[0].model == TreeIn(name="樟子松", age="2-2", height=18, count=3)
    assert rows[1].model.height == 12.5
    assert rows[1].model.count is None
    assert rows[1].cells["高度（cm）"] == "12.5"


def test_each_error_names_the_row_and_the_column_in_chinese():
    content = xlsx(
        ["樟子松", "2-2", "很高", 3],  # not a number
        ["落", "2-2", 18, 2.5],  # too short (the model), not a whole number (the parser)
        ["", "1-0", 500, None],  # required blank; the model's bound never reached
        ["云杉", date(2026, 2, 2), 10, None],  # Excel made "2-2" a date
        ["白桦", "1-0", 101, None],  # the model's bound
    )
    _, rows = read_rows(TREES, content, "a.xlsx")
    assert texts(rows) == [
        "第2行“高度（cm）”列：应为数字",
        "第3行“株数”列：应为整数",
        "第4行“名称”列：必填",
        "第5行“苗龄”列：被 Excel 转成了日期：请把该列设为“文本”格式后重新输入",
        "第6行“高度（cm）”列：不能大于100.0",
    ]
    assert not any(r.ok for r in rows)


def test_headers_match_in_any_order_with_a_required_mark_and_missing_ones_refuse_the_file():
    content = xlsx([18, "樟子松", "2-2"], header=["高度（cm）*", "名称*", " 苗龄 "])
    _, rows = read_rows(TREES, content, "a.xlsx")
    assert rows[0].model == TreeIn(name="樟子松", age="2-2", height=18)
    with pytest.raises(RuleViolation, match="缺少必填列：“苗龄”、“高度（cm）”"):
        read_rows(TREES, xlsx(["樟子松"], header=["名称"]), "a.xlsx")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"%PDF-1.7 not a workbook", "a.xlsx", "只能导入 Excel 工作簿（.xlsx）"),
        (xlsx(["樟子松", "2-2", 1]), "a.csv", "只能导入 Excel 工作簿（.xlsx）"),
        (b"PK\x03\x04 broken zip", "a.xlsx", "只能导入 Excel 工作簿（.xlsx）"),
        (b"PK\x03\x04" + b"0" * 50_000, "a.xlsx", "文件太大：最大 50 KB"),
        (xlsx(*[["樟子松", "2-2", 1]] * 6), "a.xlsx", "一次最多导入 5 行"),
        (xlsx(), "a.xlsx", "没有数据行"),
    ],
)
def test_files_that_are_not_a_bounded_xlsx_are_refused(content, name, message):
    with pytest.raises(RuleViolation, match=message) as refused:
        read_rows(TREES, content, name)
    assert refused.value.field == "file"


def test_a_workbook_that_unpacks_to_far_more_than_its_size_is_refused_unread():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", "0" * 3_000_000)  # 2 MB → a few KB
    assert len(out.getvalue()) < TREES.max_bytes
    with pytest.raises(RuleViolation, match="解压后太大"):
        read_rows(TREES, out.getvalue(), "bomb.xlsx")


def test_the_template_is_the_declaration_and_reads_back_once_filled():
    book = load_workbook(io.BytesIO(template_xlsx(TREES)))
    sheet, notes = book.worksheets
    assert [c.value for c in sheet[1]] == ["名称*", "苗龄*", "高度（cm）*", "株数"]
    # text columns stay text ("2-2" is no date): the whole column's style, so every new cell
    formats = {
        n: d.number_format
        for d in sheet.column_dimensions.values()
        for n in range(d.min, d.max + 1)
    }
    assert formats[1] == formats[2] == "@"
    assert formats[3] == "General"
    assert ["名称", "是", "两个字以上"] in [[c.value for c in r][:3] for r in notes.iter_rows()]
    sheet.append(["樟子松", "2-2", 18, 4])
    out = io.BytesIO()
    book.save(out)
    _, rows = read_rows(TREES, out.getvalue(), "filled.xlsx")
    assert rows[0].model == TreeIn(name="樟子松", age="2-2", height=18, count=4)


def test_a_list_entrys_error_is_named_by_its_lists_column():
    spec = Importer(
        name="t",
        title="t",
        columns=(Column("生产地点", "sites"),),
        build=lambda values: values,
        field_headers={"details.production_sites": "生产地点", "details": "其他", "_": "日期"},
    )
    assert spec.header_for("sites") == "生产地点"
    assert spec.header_for("details.production_sites.1.village") == "生产地点"
    assert spec.header_for("details.scope") == "其他"  # the nearest named prefix
    assert spec.header_for("_") == "日期"
    assert spec.header_for("unknown.field") == ""
