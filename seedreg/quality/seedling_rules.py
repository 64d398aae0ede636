"""Seedling grading (GB 6000-1999; DB15/T 374-2023 adds 根幅; facts §4.3, §14). Pure, no I/O;
the shared indicator names and helpers are in rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from seedreg.quality.ages import SeedlingAge, parse_age
from seedreg.quality.rules import (
    ROOT_INDICATORS,
    SEEDLING_INDICATORS,
    UNITS,
    finite,
    fmt,
    grade_label,
    lowest_grade,
    percent,
    required,
)

# ---------------------------------------------------------------------------------------------
# Seedling grading (GB 6000-1999; DB15/T 374-2023 adds 根幅; facts §4.3, §14)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SeedlingThreshold:
    """One GB 6000 appendix row (or DB15/T 374 row): minima for I级 and II级 seedlings.

    ``grade_I`` / ``grade_II`` map indicator keys ("root_collar_cm", "height_cm",
    "root_length_cm", "lateral_roots", optional "root_spread_cm") to a minimum (≥). Both must
    name the same keys, including 地径, 苗高 and at least one root indicator.
    ``min_share_I_II`` is the lot's I、II级苗百分率 minimum in %.
    """

    species: str
    standard: str
    seedling_type: str
    age_code: str
    grade_I: dict[str, float]
    grade_II: dict[str, float]
    min_share_I_II: float
    overall: str
    region: str
    age: SeedlingAge = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for value, what in (
            (self.species, "树种"),
            (self.standard, "标准名称"),
            (self.seedling_type, "苗木种类"),
        ):
            if not value.strip():
                raise ValueError(f"{what}不能为空")
        object.__setattr__(self, "age", parse_age(self.age_code))
        keys = set(self.grade_I)
        if keys != set(self.grade_II):
            raise ValueError("I级苗和 II级苗应给出相同的指标")
        unknown = keys - set(SEEDLING_INDICATORS)
        if unknown:
            raise ValueError(f"未知的苗木指标：{'、'.join(sorted(unknown))}")
        if not {"root_collar_cm", "height_cm"} <= keys:
            raise ValueError("苗木分级表应给出地径和苗高")
        if not keys & set(ROOT_INDICATORS):
            raise ValueError("苗木分级表应至少给出一项根系指标")
        for key in keys:
            name = SEEDLING_INDICATORS[key]
            low = finite(self.grade_II[key], f"II级{name}")
            high = finite(self.grade_I[key], f"I级{name}")
            if low < 0 or high < low:
                raise ValueError(f"{name}下限应为 I级 ≥ II级 ≥ 0")
        share = percent(self.min_share_I_II, "I、II级苗百分率")
        if share <= 0:
            raise ValueError("I、II级苗百分率应大于 0")

    @property
    def root_indicators(self) -> tuple[str, ...]:
        return tuple(k for k in ROOT_INDICATORS if k in self.grade_I)


@dataclass(frozen=True)
class SeedlingGrade:
    """Result of :func:`grade_seedling`. ``grade`` None = 不合格 (等外苗)."""

    grade: str | None
    root_grade: str | None
    collar_grade: str | None
    height_grade: str | None
    reasons: list[str]

    @property
    def passed(self) -> bool:
        """I级 + II级 = 合格苗 (GB 6000-1999)."""
        return self.grade is not None

    @property
    def label(self) -> str:
        return grade_label(self.grade)


def _seedling_indicator_grade(value: float, key: str, row: SeedlingThreshold) -> str | None:
    if value >= row.grade_I[key]:
        return "I"
    if value >= row.grade_II[key]:
        return "II"
    return None


def combine_seedling_grades(
    root_grade: str | None, collar_grade: str | None, height_grade: str | None
) -> str | None:
    """The seedling's grade from its 根系, 地径 and 苗高 grades (GB 6000-1999 分级规则).

    Source (facts §4.3, a secondary summary of GB 6000-1999, http://qdkdhl.com/post/54251.html):
    "根系、地径和苗高不属同一等级，
    以根系级别为准；地径和苗高不属同一等级，以地径所属级别为准。" Implemented literally:

    1. Any of the three below its II级 minimum → 不合格 (None). II级 is the lowest grade and
       等外 is not a grade, so "地径 governs" does not lift a seedling whose 苗高 is below II.
    2. 地径/苗高 outcome = the 地径 grade (if they agree it is the same grade).
    3. The 根系 grade governs as a ceiling: a seedling is never graded above its roots, and
       roots alone never lift it above its 地径 (root I + 地径 II → II; root II + 地径 I → II).

    Step 3 is the regulator's reading of "以根系级别为准" (the standard's own wording, as far as it
    was found: "如根系达Ⅰ级…可为Ⅰ级或Ⅱ级；如根系只达Ⅱ级…最高也只为Ⅱ级"); the literal
    alternative, "the root grade replaces the 地径 grade", would certify a seedling grade I on
    its roots with a grade-II stem, the riskier mistake for a regulator.
    """
    if root_grade is None or collar_grade is None or height_grade is None:
        return None
    size_grade = collar_grade  # 地径 governs when 地径 and 苗高 disagree
    return "II" if "II" in (root_grade, size_grade) else "I"


def grade_seedling(
    measured: Mapping[str, float], row: SeedlingThreshold, *, meets_overall: bool
) -> SeedlingGrade:
    """Grade one seedling against a GB 6000-1999 / DB15/T 374-2023 row.

    Only seedlings meeting the row's 综合控制指标 are graded (GB 6000-1999); the others are
    不合格. The 根系 grade is the lowest grade over every root indicator the row lists (根系长度,
    >5 cm 一级侧根数, 根幅); 地径 and 苗高 are graded separately; the precedence is in
    :func:`combine_seedling_grades`. Every indicator the row lists is required (≥ 0).
    """
    if not meets_overall:
        return SeedlingGrade(
            grade=None,
            root_grade=None,
            collar_grade=None,
            height_grade=None,
            reasons=[f"不符合综合控制指标（{row.overall}），不参加分级，不合格"],
        )
    keys = ("root_collar_cm", "height_cm", *row.root_indicators)
    values: dict[str, float] = {}
    for key in keys:
        value = finite(required(measured, key, SEEDLING_INDICATORS), SEEDLING_INDICATORS[key])
        if value < 0:
            raise ValueError(f"{SEEDLING_INDICATORS[key]}不能为负数")
        values[key] = value
    grades = {key: _seedling_indicator_grade(values[key], key, row) for key in keys}
    reasons: list[str] = []
    for key in keys:
        name, unit, grade = SEEDLING_INDICATORS[key], UNITS[key], grades[key]
        shown = f"{name} {fmt(values[key])}{unit}"
        if grade:
            need = fmt((row.grade_I if grade == "I" else row.grade_II)[key])
            reasons.append(f"{shown}：{grade}级（{grade}级要求 ≥ {need}{unit}）")
        else:
            need = fmt(row.grade_II[key])
            reasons.append(f"{shown}：低于 II级要求（≥ {need}{unit}）")
    root_grade = lowest_grade(grades[k] for k in row.root_indicators)
    collar_grade, height_grade = grades["root_collar_cm"], grades["height_cm"]
    grade = combine_seedling_grades(root_grade, collar_grade, height_grade)
    if grade is None:
        failed = "、".join(SEEDLING_INDICATORS[k] for k in keys if grades[k] is None)
        reasons.append(f"结论：{failed}达不到 II级苗要求，不合格")
    else:
        if collar_grade != height_grade:
            reasons.append("地径和苗高不属同一等级，以地径所属级别为准")
        if root_grade != collar_grade:
            reasons.append("根系与地径、苗高不属同一等级，以根系级别为准")
        reasons.append(f"结论：{grade}级苗（合格苗）")
    return SeedlingGrade(
        grade=grade,
        root_grade=root_grade,
        collar_grade=collar_grade,
        height_grade=height_grade,
        reasons=reasons,
    )


def share_of_I_II(grades: Iterable[SeedlingGrade]) -> float:
    """I、II级苗百分率 (%) of a sample of graded seedlings."""
    items = list(grades)
    if not items:
        raise ValueError("没有可统计的苗木")
    return 100 * sum(1 for g in items if g.passed) / len(items)


def lot_passes(share_I_II: float, row: SeedlingThreshold) -> bool:
    """Whether a seedling lot's I、II级苗百分率 (%) reaches the row's minimum (GB 6000-1999)."""
    return percent(share_I_II, "I、II级苗百分率") >= row.min_share_I_II
