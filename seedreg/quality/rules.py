"""Pure quality rules: 苗龄 notation, seed grading (GB 7908-1999) and seedling grading
(GB 6000-1999, DB15/T 374-2023). No I/O.

The threshold rows are data an administrator maintains from the purchased standards
(facts §4.2, §4.3, §12 item 5, §14): this module ships only one clearly marked sample row.
Grades are the strings "I", "II", "III"; ``None`` means 不合格 (below the lowest grade).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
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
_UNITS = {
    "root_collar_cm": " cm",
    "height_cm": " cm",
    "root_length_cm": " cm",
    "lateral_roots": " 条",
    "root_spread_cm": " cm",
}

AGE_FORMAT_HINT = "苗龄格式应为“1-0”“2-2”“2-1-1”等"


def grade_label(grade: str | None) -> str:
    """Display text of a grade: "I级" … or "不合格"."""
    return f"{grade}级" if grade else "不合格"


def _fmt(value: float) -> str:
    return f"{value:g}"


def _lowest(grades: Iterable[str | None]) -> str | None:
    """The lowest of several grades; ``None`` (不合格) if any is ``None``."""
    result = "I"
    for grade in grades:
        if grade is None:
            return None
        if _RANK[grade] > _RANK[result]:
            result = grade
    return result


# ---------------------------------------------------------------------------------------------
# 苗龄 notation (GB 6000-1999 §3, facts §4.3)
# ---------------------------------------------------------------------------------------------

_NUM = r"\d{1,2}(?:\.\d{1,2})?"
_AGE = re.compile(rf"^({_NUM})(?:\(({_NUM})\))?((?:-{_NUM}){{1,2}})$")
# NFKC already maps "－" (U+FF0D), full-width digits and brackets; these dashes it leaves alone.
_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−﹣", "-"))


@dataclass(frozen=True)
class SeedlingAge:
    """A parsed 苗龄 code.

    ``parts`` are the numbers outside brackets: years in the original bed, then years after the
    first and the second transplant. ``total_years`` is their sum. ``transplants`` counts the
    parts after the first that are greater than 0 (1-0 → 0, 2-2 → 1, 2-1-1 → 2); a 3-part code
    must have both later parts > 0, so this equals "number of parts after the first" except for
    an untransplanted "x-0". For the cutting form "1(2)-0" the bracket holds ``root_years`` of
    the root in the original bed; otherwise ``root_years`` equals ``total_years``.
    """

    code: str
    parts: tuple[float, ...]
    total_years: float
    transplants: int
    is_transplant: bool
    root_years: float
    has_root_age: bool = False


def _age_error(detail: str = "") -> ValueError:
    return ValueError(f"{AGE_FORMAT_HINT}{('：' + detail) if detail else ''}")


def _age_number(text: str) -> float:
    value = float(text)
    if value != int(value) and not 0 < value < 1:
        raise _age_error(f"小数只用于不足一个生长周期的部分（0 与 1 之间），不能为“{text}”")
    return value


def parse_age(code: str) -> SeedlingAge:
    """Parse a 苗龄 code (GB 6000-1999 §3): "1-0", "2-2", "2-1-1", "0.5-0", "0.2-0.8", "1(2)-0".

    The first number is years in the original bed (sown or vegetative), the second years after
    the first transplant, the third years after the second; the age is their sum. A decimal
    marks part of a growing season and must lie between 0 and 1. In "1(2)-0" the number in
    brackets is the age of the root of a cutting, root sucker or graft (GB 6000-1999:
    "1(2)-0 表示一年干二年根未经移植的插条苗、插根或嫁接苗", secondary copy at
    http://wxtsgy.com/newsinfo-124.html; facts §4.3 has root and stem the other way round, its
    excerpt was cut there); ``total_years`` stays the sum of
    the numbers outside brackets (1 for "1(2)-0", 2 for "1(2)-1").
    Full-width digits, brackets and dashes ("－", "—", "——", "–", "−") are normalised to "-".
    """
    if not isinstance(code, str):
        raise _age_error()
    # "——" is the Chinese dash (破折号) as typed with an input method: one separator.
    text = unicodedata.normalize("NFKC", code).replace("——", "—").translate(_DASHES)
    text = "".join(text.split())
    match = _AGE.match(text)
    if not match:
        raise _age_error(f"“{code}”无法识别" if text else "不能为空")
    first = _age_number(match.group(1))
    later = tuple(_age_number(p) for p in match.group(3)[1:].split("-"))
    parts = (first, *later)
    total = round(sum(parts), 6)
    if total <= 0:
        raise _age_error("苗龄不能为 0")
    if len(later) == 2 and 0 in later:
        raise _age_error("三段式苗龄表示移植两次，移植后的年数都应大于 0")
    root_text = match.group(2)
    if root_text is not None:
        root_bed = _age_number(root_text)
        if root_bed <= 0:
            raise _age_error("括号内根的年龄应大于 0")
        root_years = round(root_bed + sum(later), 6)
    else:
        root_years = total
    transplants = sum(1 for p in later if p > 0)
    return SeedlingAge(
        code=text,
        parts=parts,
        total_years=total,
        transplants=transplants,
        is_transplant=transplants > 0,
        root_years=root_years,
        has_root_age=root_text is not None,
    )


# ---------------------------------------------------------------------------------------------
# Seed grading (GB 7908-1999; DB15/T 281-2024 has the same structure; facts §4.2, §14)
# ---------------------------------------------------------------------------------------------


def _finite(value: object, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{what}应为数值")
    return float(value)


def _percent(value: object, what: str) -> float:
    number = _finite(value, what)
    if not 0 <= number <= 100:
        raise ValueError(f"{what}应在 0–100% 之间，不能为 {_fmt(number)}")
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
                _percent(value, f"{g}级{SEED_INDICATORS[key]}下限")
        for key in ("purity", *second):
            mins = [self.grade_min[g][key] for g in SEED_GRADES]
            if not mins[0] >= mins[1] >= mins[2]:
                raise ValueError(f"{SEED_INDICATORS[key]}下限应为 I级 ≥ II级 ≥ III级")
        _percent(self.max_moisture, "含水量上限")

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


def _required(measured: Mapping[str, object], key: str, names: Mapping[str, str]) -> object:
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
        key: _percent(_required(measured, key, SEED_INDICATORS), SEED_INDICATORS[key])
        for key in keys
    }
    reasons: list[str] = []
    by_indicator: dict[str, str | None] = {}
    for key in row.indicators:
        name, value = SEED_INDICATORS[key], values[key]
        grade = next((g for g in SEED_GRADES if value >= row.grade_min[g][key]), None)
        by_indicator[key] = grade
        if grade:
            need = _fmt(row.grade_min[grade][key])
            reasons.append(f"{name} {_fmt(value)}%：{grade}级（{grade}级要求 ≥ {need}%）")
        else:
            need = _fmt(row.grade_min["III"][key])
            reasons.append(f"{name} {_fmt(value)}%：低于 III级要求（≥ {need}%），不合格")
    moisture = values["moisture"]
    moisture_ok = moisture <= row.max_moisture
    if moisture_ok:
        reasons.append(f"含水量 {_fmt(moisture)}%：不高于上限 {_fmt(row.max_moisture)}%")
    else:
        reasons.append(
            f"含水量 {_fmt(moisture)}%：高于上限 {_fmt(row.max_moisture)}%，不论其他指标均不合格"
        )
    lowest = _lowest(by_indicator.values())
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
            low = _finite(self.grade_II[key], f"II级{name}")
            high = _finite(self.grade_I[key], f"I级{name}")
            if low < 0 or high < low:
                raise ValueError(f"{name}下限应为 I级 ≥ II级 ≥ 0")
        share = _percent(self.min_share_I_II, "I、II级苗百分率")
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
        value = _finite(_required(measured, key, SEEDLING_INDICATORS), SEEDLING_INDICATORS[key])
        if value < 0:
            raise ValueError(f"{SEEDLING_INDICATORS[key]}不能为负数")
        values[key] = value
    grades = {key: _seedling_indicator_grade(values[key], key, row) for key in keys}
    reasons: list[str] = []
    for key in keys:
        name, unit, grade = SEEDLING_INDICATORS[key], _UNITS[key], grades[key]
        shown = f"{name} {_fmt(values[key])}{unit}"
        if grade:
            need = _fmt((row.grade_I if grade == "I" else row.grade_II)[key])
            reasons.append(f"{shown}：{grade}级（{grade}级要求 ≥ {need}{unit}）")
        else:
            need = _fmt(row.grade_II[key])
            reasons.append(f"{shown}：低于 II级要求（≥ {need}{unit}）")
    root_grade = _lowest(grades[k] for k in row.root_indicators)
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
    return _percent(share_I_II, "I、II级苗百分率") >= row.min_share_I_II


# ---------------------------------------------------------------------------------------------
# Sample rows. Real thresholds are entered by an administrator from the purchased standards.
# ---------------------------------------------------------------------------------------------

# GB 7908 rows for the league's species were not found (facts §4.2, §12 item 5): none shipped.
SAMPLE_SEED_ROWS: list[SeedThreshold] = []

# facts §14: GB 6000-1999 row for 红皮云杉 (Picea koraiensis), from a garbled copy, low–medium
# confidence. A SAMPLE: check against the official text before relying on it.
SAMPLE_SEEDLING_ROWS: list[SeedlingThreshold] = [
    SeedlingThreshold(
        species="红皮云杉",
        standard="GB 6000-1999（样例，低—中可信度，须以正式文本核对）",
        seedling_type="移植苗",
        age_code="2-2",
        grade_I={
            "root_collar_cm": 0.40,
            "height_cm": 18,
            "root_length_cm": 20,
            "lateral_roots": 15,
        },
        grade_II={
            "root_collar_cm": 0.30,
            "height_cm": 12,
            "root_length_cm": 20,
            "lateral_roots": 10,
        },
        min_share_I_II=85,
        overall="顶芽饱满，无损伤",
        region="内蒙古",
    ),
]


# ---------------------------------------------------------------------------------------------
# Indicators as printed on a 质量检验合格证 and on labels
# ---------------------------------------------------------------------------------------------

# Keys of a certificate's ``indicators`` beyond the graded ones.
THOUSAND_SEED_WEIGHT = "thousand_seed_weight_g"  # 千粒重 (g), reported, not graded
AGE_CODE = "age_code"  # 苗龄
SEEDLING_TYPE = "seedling_type"  # 苗木种类
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
                parts.append(f"{SEEDLING_INDICATORS[key]}{_fmt(float(indicators[key]))} cm")
        return " ".join(parts)
    parts.append(f"{roman_grade(grade)}级")
    for key in ("purity", *SECOND_SEED_INDICATORS, "moisture"):
        if indicators.get(key) is not None:
            parts.append(f"{SEED_INDICATORS[key]}{_fmt(float(indicators[key]))}%")
    if indicators.get(THOUSAND_SEED_WEIGHT) is not None:
        parts.append(f"千粒重{_fmt(float(indicators[THOUSAND_SEED_WEIGHT]))} g")
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------
# 质量检验合格证: number and state
# ---------------------------------------------------------------------------------------------

NO_THRESHOLDS = {
    "seed": "该树种尚无分级标准数据，无法评定等级；请管理员录入 DB15/T 281-2024 / GB 7908 数据",
    "seedling": "该树种尚无分级标准数据，无法评定等级；请管理员录入 DB15/T 374-2023 / GB 6000 数据",
}
SAMPLE_BADGE = "样例数据，须以正式标准文本核对"
CERTIFICATE_STATES = {"valid": "有效", "expired": "已过期", "revoked": "已撤销"}


def certificate_number(year: int, division_code: str, sequence: int) -> str:
    """ "ZJ2026-152200-0001": ZJ + year + issuing division + a 4-digit sequence per division and
    year (18 characters)."""
    if not 0 < sequence < 10**4:
        raise ValueError("合格证序号超出范围")
    if not re.fullmatch(r"\d{6}", division_code):
        raise ValueError("发证机关区划代码应为6位数字")
    return f"ZJ{year:04d}-{division_code}-{sequence:04d}"


def certificate_state(stored: str, valid_to: date, on: date) -> str:
    """valid / expired / revoked on a day: a revoked certificate stays revoked."""
    if stored == "revoked":
        return "revoked"
    return "expired" if on > valid_to else "valid"


def indicator_lines(material: str, indicators: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Every recorded indicator as (name, value with unit), in the order paper prints them."""
    lines: list[tuple[str, str]] = []

    def add(key: str, name: str, unit: str) -> None:
        value = indicators.get(key)
        if value is None or value == "":
            return
        shown = _fmt(float(value)) if isinstance(value, int | float) else str(value)
        lines.append((name, f"{shown}{unit}"))

    if material == "seedling":
        add(SEEDLING_TYPE, "苗木种类", "")
        add(AGE_CODE, "苗龄", "")
        for key, name in SEEDLING_INDICATORS.items():
            add(key, name, _UNITS[key])
        add(SHARE_I, "I级苗百分率", "%")
        add(SHARE_II, "II级苗百分率", "%")
        if "meets_overall" in indicators:
            lines.append(("综合控制指标", "符合" if indicators["meets_overall"] else "不符合"))
    else:
        for key in ("purity", *SECOND_SEED_INDICATORS, "moisture"):
            add(key, SEED_INDICATORS[key], "%")
        add(THOUSAND_SEED_WEIGHT, "千粒重", " g")
    return lines
