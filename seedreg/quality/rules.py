"""Pure quality rules: indicators, seed grading (GB 7908-1999), how indicators print, and the
质量检验合格证's number and state. No I/O. 苗龄 notation is in ``ages``, seedling grading
(GB 6000-1999, DB15/T 374-2023) in ``seedling_rules``.

The threshold rows are data the 种苗站 or the admin enters from the league's copies of the
standards and a second person confirms (facts §4.2, §4.3, §12 item 5, §14; ``grading_rules``).
Grades are the strings "I", "II", "III"; ``None`` means 不合格 (below the lowest grade).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

SEED_GRADES = ("I", "II", "III")
SEEDLING_GRADES = ("I", "II")
_RANK = {"I": 1, "II": 2, "III": 3}

# GB 7908-1999 indicators (facts §4.2). Keys are what callers pass in ``measured``.
SEED_INDICATORS = {
    "purity": "净度",
    "germination": "发芽率",
    "viability": "生活力",
    "soundness": "优良度",
    "moisture": "含水量",
}
# A row grades 净度 together with exactly one of these.
SECOND_SEED_INDICATORS = ("germination", "viability", "soundness")

# GB 6000-1999 appendix columns; 根幅 added by DB15/T 374-2023 (facts §4.3, §14).
SEEDLING_INDICATORS = {
    "root_collar_cm": "地径",
    "height_cm": "苗高",
    "root_length_cm": "根系长度",
    "lateral_roots": ">5 cm 一级侧根数",
    "root_spread_cm": "根幅",
}
ROOT_INDICATORS = ("root_length_cm", "lateral_roots", "root_spread_cm")
UNITS = {
    "root_collar_cm": " cm",
    "height_cm": " cm",
    "root_length_cm": " cm",
    "lateral_roots": " 条",
    "root_spread_cm": " cm",
}


def grade_label(grade: str | None) -> str:
    """Display text of a grade: "I级" … or "不合格"."""
    return f"{grade}级" if grade else "不合格"


def fmt(value: float) -> str:
    return f"{value:g}"


def lowest_grade(grades: Iterable[str | None]) -> str | None:
    """The lowest of several grades; ``None`` (不合格) if any is ``None``."""
    result = "I"
    for grade in grades:
        if grade is None:
            return None
        if _RANK[grade] > _RANK[result]:
            result = grade
    return result


# ---------------------------------------------------------------------------------------------
# Seed grading (GB 7908-1999; DB15/T 281-2024 has the same structure; facts §4.2, §14)
# ---------------------------------------------------------------------------------------------


def finite(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what}应为数值")
    return float(value)


def percent(value: object, what: str) -> float:
    number = finite(value, what)
    if not 0 <= number <= 100:
        raise ValueError(f"{what}应在 0–100% 之间，不能为 {fmt(number)}")
    return number


@dataclass(frozen=True)
class SeedThreshold:
    """One GB 7908 Table 1 row: per grade the minimum 净度 % and the minimum of one of
    发芽率 / 生活力 / 优良度 %, plus the 含水量 maximum % that applies to all grades.

    ``grade_min`` maps "I", "II", "III" to {"purity": …, <second indicator>: …}.
    """

    species: str
    standard: str
    grade_min: dict[str, dict[str, float]]
    max_moisture: float

    def __post_init__(self) -> None:
        if not self.species.strip():
            raise ValueError("树种不能为空")
        if not self.standard.strip():
            raise ValueError("标准名称不能为空")
        if set(self.grade_min) != set(SEED_GRADES):
            raise ValueError("种子分级表应包含 I、II、III 三个等级")
        second = {k for g in SEED_GRADES for k in self.grade_min[g] if k != "purity"}
        if len(second) != 1 or not second <= set(SECOND_SEED_INDICATORS):
            raise ValueError("种子分级表应以净度和发芽率、生活力、优良度中的一项分级")
        for g in SEED_GRADES:
            if set(self.grade_min[g]) != {"purity", *second}:
                raise ValueError(f"{g}级应同时给出净度和{SEED_INDICATORS[next(iter(second))]}")
            for key, value in self.grade_min[g].items():
                percent(value, f"{g}级{SEED_INDICATORS[key]}下限")
        for key in ("purity", *second):
            mins = [self.grade_min[g][key] for g in SEED_GRADES]
            if not mins[0] >= mins[1] >= mins[2]:
                raise ValueError(f"{SEED_INDICATORS[key]}下限应为 I级 ≥ II级 ≥ III级")
        percent(self.max_moisture, "含水量上限")

    @property
    def second_indicator(self) -> str:
        """ "germination", "viability" or "soundness"."""
        return next(k for k in self.grade_min["I"] if k != "purity")

    @property
    def indicators(self) -> tuple[str, str]:
        return ("purity", self.second_indicator)


@dataclass(frozen=True)
class SeedGrade:
    """Result of :func:`grade_seed`. ``grade`` None = 不合格."""

    grade: str | None
    by_indicator: dict[str, str | None]
    reasons: list[str]
    moisture_ok: bool

    @property
    def passed(self) -> bool:
        return self.grade is not None

    @property
    def label(self) -> str:
        return grade_label(self.grade)


def required(measured: Mapping[str, object], key: str, names: Mapping[str, str]) -> object:
    value = measured.get(key)
    if value is None:
        raise ValueError(f"缺少{names[key]}的检测值")
    return value


def grade_seed(measured: Mapping[str, float], row: SeedThreshold) -> SeedGrade:
    """Grade a seed lot against a GB 7908-1999 row.

    GB 7908-1999: seed is graded by 净度 together with one of 发芽率 / 生活力 / 优良度; each
    indicator takes the best grade whose minimum it meets; when they fall in different grades
    the lowest sets the grade; 含水量 above the row's maximum makes the seed 不合格 whatever
    the other indicators. 净度, the row's second indicator and 含水量 are required (0–100 %);
    other keys in ``measured`` (e.g. 千粒重) are ignored.
    """
    keys = (*row.indicators, "moisture")
    values = {
        key: percent(required(measured, key, SEED_INDICATORS), SEED_INDICATORS[key]) for key in keys
    }
    reasons: list[str] = []
    by_indicator: dict[str, str | None] = {}
    for key in row.indicators:
        name, value = SEED_INDICATORS[key], values[key]
        grade = next((g for g in SEED_GRADES if value >= row.grade_min[g][key]), None)
        by_indicator[key] = grade
        if grade:
            need = fmt(row.grade_min[grade][key])
            reasons.append(f"{name} {fmt(value)}%：{grade}级（{grade}级要求 ≥ {need}%）")
        else:
            need = fmt(row.grade_min["III"][key])
            reasons.append(f"{name} {fmt(value)}%：低于 III级要求（≥ {need}%），不合格")
    moisture = values["moisture"]
    moisture_ok = moisture <= row.max_moisture
    if moisture_ok:
        reasons.append(f"含水量 {fmt(moisture)}%：不高于上限 {fmt(row.max_moisture)}%")
    else:
        reasons.append(
            f"含水量 {fmt(moisture)}%：高于上限 {fmt(row.max_moisture)}%，不论其他指标均不合格"
        )
    lowest = lowest_grade(by_indicator.values())
    grade = lowest if moisture_ok else None
    if grade is None:
        reasons.append("结论：不合格")
    elif len(set(by_indicator.values())) > 1:
        reasons.append(f"结论：各指标等级不同，以最低的 {grade}级 定级（GB 7908-1999）")
    else:
        reasons.append(f"结论：{grade}级")
    return SeedGrade(
        grade=grade, by_indicator=by_indicator, reasons=reasons, moisture_ok=moisture_ok
    )


# ---------------------------------------------------------------------------------------------
# Indicators as printed on a 质量检验合格证 and on labels
# ---------------------------------------------------------------------------------------------

# Keys of a certificate's ``indicators`` beyond the graded ones.
THOUSAND_SEED_WEIGHT = "thousand_seed_weight_g"  # 千粒重 (g), reported, not graded
AGE_CODE = "age_code"  # 苗龄
SEEDLING_TYPE = "seedling_type"  # 苗木种类
# 苗木种类 as GB 6000-1999's appendix tables name them (facts §4: 播种苗, 插条苗, 移植苗 …),
# plus the kinds the league's nurseries record; picked from a list, never typed (issue 14 item 7:
# a typo matched no grading row and left a permanent "无法评定" record).
SEEDLING_TYPES = ("播种苗", "移植苗", "插条苗", "嫁接苗", "留床苗", "容器苗")


def seedling_type_choices(row_types: Iterable[str]) -> list[str]:
    """The 苗木种类 an inspection may name: the standard list, then any other kind a grading row
    of the species uses (rows the station entered from a table)."""
    extra = sorted({t for t in row_types if t and t not in SEEDLING_TYPES})
    return [*SEEDLING_TYPES, *extra]


SHARE_I = "share_I"  # 样品中 I级苗 %
SHARE_II = "share_II"  # 样品中 II级苗 %
_ROMAN = {"I": "Ⅰ", "II": "Ⅱ", "III": "Ⅲ"}


def roman_grade(grade: str) -> str:
    """ "II" → "Ⅱ" (the numeral form printed on certificates and labels)."""
    return _ROMAN.get(grade, grade)


def describe_indicators(material: str, indicators: Mapping[str, Any], grade: str) -> str:
    """The short quality text a label prints, e.g. "Ⅰ级苗 苗龄2-2 地径0.45 cm 苗高20 cm" or
    "Ⅱ级 净度95% 发芽率80% 含水量9% 千粒重6.5 g". Missing indicators are left out."""
    parts: list[str] = []
    if material == "seedling":
        parts.append(f"{roman_grade(grade)}级苗")
        if indicators.get(AGE_CODE):
            parts.append(f"苗龄{indicators[AGE_CODE]}")
        for key in ("root_collar_cm", "height_cm"):
            if indicators.get(key) is not None:
                parts.append(f"{SEEDLING_INDICATORS[key]}{fmt(float(indicators[key]))} cm")
        return " ".join(parts)
    parts.append(f"{roman_grade(grade)}级")
    for key in ("purity", *SECOND_SEED_INDICATORS, "moisture"):
        if indicators.get(key) is not None:
            parts.append(f"{SEED_INDICATORS[key]}{fmt(float(indicators[key]))}%")
    if indicators.get(THOUSAND_SEED_WEIGHT) is not None:
        parts.append(f"千粒重{fmt(float(indicators[THOUSAND_SEED_WEIGHT]))} g")
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------
# 质量检验合格证: number and state
# ---------------------------------------------------------------------------------------------

_ENTER = "该树种尚无分级标准数据，无法评定等级；请种苗站或管理员录入"
NO_THRESHOLDS = {
    "seed": f"{_ENTER} DB15/T 281-2024 / GB 7908 数据",
    "seedling": f"{_ENTER} DB15/T 374-2023 / GB 6000 数据",
}


class CertificateState(StrEnum):
    """A 质量检验合格证 on a given day; only VALID and REVOKED are stored (status column)."""

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return CERTIFICATE_STATES[self]


CERTIFICATE_STATES = {
    CertificateState.VALID: "有效",
    CertificateState.EXPIRED: "已过期",
    CertificateState.REVOKED: "已撤销",
}


def certificate_number(year: int, division_code: str, sequence: int) -> str:
    """ "ZJ2026-152200-0001": ZJ + year + issuing division + a 4-digit sequence per division and
    year (18 characters)."""
    if not 0 < sequence < 10**4:
        raise ValueError("合格证序号超出范围")
    if not re.fullmatch(r"\d{6}", division_code):
        raise ValueError("发证机关区划代码应为6位数字")
    return f"ZJ{year:04d}-{division_code}-{sequence:04d}"


def certificate_state(stored: str, valid_to: date, on: date) -> CertificateState:
    """valid / expired / revoked on a day: a revoked certificate stays revoked."""
    if stored == CertificateState.REVOKED:
        return CertificateState.REVOKED
    return CertificateState.EXPIRED if on > valid_to else CertificateState.VALID


def indicator_lines(material: str, indicators: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every recorded indicator as (name, value with unit), in the order paper prints them."""
    lines: list[tuple[str, str]] = []

    def add(key: str, name: str, unit: str) -> None:
        value = indicators.get(key)
        if value is None or value == "":
            return
        shown = fmt(float(value)) if isinstance(value, int | float) else str(value)
        lines.append((name, f"{shown}{unit}"))

    if material == "seedling":
        add(SEEDLING_TYPE, "苗木种类", "")
        add(AGE_CODE, "苗龄", "")
        for key, name in SEEDLING_INDICATORS.items():
            add(key, name, UNITS[key])
        add(SHARE_I, "I级苗百分率", "%")
        add(SHARE_II, "II级苗百分率", "%")
        if "meets_overall" in indicators:
            lines.append(("综合控制指标", "符合" if indicators["meets_overall"] else "不符合"))
    else:
        for key in ("purity", *SECOND_SEED_INDICATORS, "moisture"):
            add(key, SEED_INDICATORS[key], "%")
        add(THOUSAND_SEED_WEIGHT, "千粒重", " g")
    return lines
