"""Seedling grading rows from an xlsx sheet: the first user of the core importer. Each imported
row is a draft entered by the importing person, for a second person to confirm."""

from __future__ import annotations

from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.importer import Column, Importer, number, text
from seedreg.core.validation import parse
from seedreg.quality import grading
from seedreg.quality.rules import SEEDLING_INDICATORS, UNITS
from seedreg.quality.schemas import SeedlingRowIn

_TEXTS = (
    Column("树种", "species", True, text, "树种名录中的名称，如 红皮云杉"),
    Column("标准", "standard", True, text, "如 GB 6000-1999、DB15/T 374-2023"),
    Column("表号", "table_ref", True, text, "该行在标准中的表，如 附录A 表A.1"),
    Column("行", "row_ref", True, text, "该行在表中的位置或名称，如 红皮云杉 移植苗 2-2"),
    Column("苗木种类", "seedling_type", True, text, "播种苗、移植苗、插条苗…"),
    Column("苗龄", "age_code", True, text, "如 1-0、2-2、2-1-1（本列为文本格式）"),
)


def _unit(key: str) -> str:
    return "条" if key == "lateral_roots" else UNITS[key].strip()


def _grade_columns(grade: str) -> tuple[Column, ...]:
    return tuple(
        Column(
            f"{grade}级苗 {name}（{_unit(key)}）",
            f"{grade}_{key}",
            False,
            number,
            f"{grade}级苗的{name}下限（≥）；该标准没有此指标则留空",
        )
        for key, name in SEEDLING_INDICATORS.items()
    )


COLUMNS = (
    *_TEXTS,
    *_grade_columns("I"),
    *_grade_columns("II"),
    Column("I、II级苗百分率（%）", "min_share_I_II", True, number, "该批苗木 I、II级苗百分率下限"),
    Column("综合控制指标", "overall", False, text, "如 顶芽饱满，无损伤"),
    Column("适用范围", "region", False, text, "如 内蒙古"),
    Column("来源", "source", False, text, "留空即标准文本；公开副本请填网址"),
    Column("备注", "note", False, text, "内部备注，不打印"),
)


def build(values: dict[str, Any]) -> SeedlingRowIn:
    """The flat row as ``SeedlingRowIn``: each grade's indicators gathered from its columns."""
    grades: dict[str, dict[str, float]] = {"I": {}, "II": {}}
    for grade, row in grades.items():
        for key in SEEDLING_INDICATORS:
            if values.get(f"{grade}_{key}") is not None:
                row[key] = values[f"{grade}_{key}"]
    plain = {k: v for k, v in values.items() if not k.startswith(("I_", "II_"))}
    return parse(SeedlingRowIn, {**plain, "grade_I": grades["I"], "grade_II": grades["II"]})


async def check(data: SeedlingRowIn) -> None:
    await grading.check_seedling_row(data)


async def save(actor: Actor, data: SeedlingRowIn) -> int:
    return (await grading.save_seedling_row(actor, data)).id


SEEDLING_ROWS = Importer(
    name="grading_seedling",
    title="苗木分级数据",
    columns=COLUMNS,
    build=build,
    check=check,
    save=save,
    field_headers={
        "grade_I": "I级苗各指标",
        "grade_II": "II级苗各指标",
    },
)
