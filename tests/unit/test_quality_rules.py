"""Pure quality rules (seedreg.quality.rules): 苗龄 notation (GB 6000-1999 §3), seed grading
(GB 7908-1999) and seedling grading (GB 6000-1999) with the 红皮云杉 row public copies show
(fixtures/reference/grading_seedlings.csv, facts §14).

Every row marked FICTIONAL below is invented for the tests: its numbers come from no standard.
"""

from __future__ import annotations

import dataclasses

import pytest

from seedreg.quality.ages import AGE_FORMAT_HINT, parse_age
from seedreg.quality.grading_public import read_public_rows
from seedreg.quality.rules import SeedThreshold, grade_seed
from seedreg.quality.seedling_rules import (
    SeedlingGrade,
    SeedlingThreshold,
    combine_seedling_grades,
    grade_seedling,
    lot_passes,
    share_of_I_II,
)

# ---------------------------------------------------------------------------------------------
# 苗龄
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "normalised", "parts", "total", "transplants", "root_years"),
    [
        ("1-0", "1-0", (1, 0), 1, 0, 1),
        ("2-0", "2-0", (2, 0), 2, 0, 2),
        ("2-2", "2-2", (2, 2), 4, 1, 4),
        ("2-1-1", "2-1-1", (2, 1, 1), 4, 2, 4),
        ("2-2-2", "2-2-2", (2, 2, 2), 6, 2, 6),
        ("0.5-0", "0.5-0", (0.5, 0), 0.5, 0, 0.5),
        ("0.2-0.8", "0.2-0.8", (0.2, 0.8), 1, 1, 1),
        ("1-1", "1-1", (1, 1), 2, 1, 2),
        # GB 6000-1999: "1(2)-0 表示一年干二年根未经移植的插条苗"; "1(2)-1 表示2年干3年根移植一次".
        ("1(2)-0", "1(2)-0", (1, 0), 1, 0, 2),
        ("1(2)-1", "1(2)-1", (1, 1), 2, 1, 3),
        # Full-width and typographic separators, spaces.
        ("２－２", "2-2", (2, 2), 4, 1, 4),
        ("2—1—1", "2-1-1", (2, 1, 1), 4, 2, 4),
        ("2–2", "2-2", (2, 2), 4, 1, 4),
        ("1−0", "1-0", (1, 0), 1, 0, 1),
        ("1——0", "1-0", (1, 0), 1, 0, 1),
        ("1（2）－0", "1(2)-0", (1, 0), 1, 0, 2),
        (" 2 - 2 ", "2-2", (2, 2), 4, 1, 4),
        # 芽苗移栽 written "0-1" by some provincial standards: accepted.
        ("0-1", "0-1", (0, 1), 1, 1, 1),
    ],
)
def test_valid_age_codes(code, normalised, parts, total, transplants, root_years):
    age = parse_age(code)
    assert age.code == normalised
    assert age.parts == pytest.approx(parts)
    assert age.total_years == pytest.approx(total)
    assert age.transplants == transplants
    assert age.is_transplant is (transplants > 0)
    assert age.root_years == pytest.approx(root_years)
    assert age.has_root_age is ("(" in normalised)


@pytest.mark.parametrize(
    "code",
    [
        "",
        "   ",
        "1",
        "1-",
        "-0",
        "a-0",
        "1--0",
        "1-0-0-0",
        "2-1-1-1",
        "-1-0",
        "1.25.5-0",
        "0-0",
        "0-0-0",
        "0.0-0",
        "1.5-0",  # a decimal is part of one growing season: between 0 and 1
        "2-0.5.1",
        "2-0-1",  # a third part means a second transplant: both later parts > 0
        "2-1-0",
        "1(0)-0",
        "1-0(2)",
        "1(2)",
        "1 (2)-0x",
        "1/0",
        "1_0",
        "一-0",
    ],
)
def test_invalid_age_codes_raise_a_chinese_message(code):
    with pytest.raises(ValueError, match=AGE_FORMAT_HINT):
        parse_age(code)


def test_age_hint_is_the_documented_message():
    assert AGE_FORMAT_HINT == "苗龄格式应为“1-0”“2-2”“2-1-1”等"


# ---------------------------------------------------------------------------------------------
# Seed grading (GB 7908-1999)
# ---------------------------------------------------------------------------------------------

# FICTIONAL row: invented numbers, no species' real GB 7908 values.
FICTIONAL_SEED = SeedThreshold(
    species="虚构树种甲（测试用）",
    standard="FICTIONAL 测试数据，非标准值",
    grade_min={
        "I": {"purity": 95, "germination": 80},
        "II": {"purity": 90, "germination": 65},
        "III": {"purity": 85, "germination": 50},
    },
    max_moisture=10,
)
# FICTIONAL row graded by 生活力.
FICTIONAL_SEED_VIABILITY = SeedThreshold(
    species="虚构树种乙（测试用）",
    standard="FICTIONAL 测试数据，非标准值",
    grade_min={
        "I": {"purity": 90, "viability": 85},
        "II": {"purity": 85, "viability": 75},
        "III": {"purity": 80, "viability": 60},
    },
    max_moisture=12,
)


@pytest.mark.parametrize(
    ("purity", "germination", "purity_grade", "germination_grade"),
    [
        (95, 80, "I", "I"),  # exactly on the minimum counts (≥)
        (99.9, 100, "I", "I"),
        (94.9, 80, "II", "I"),
        (90, 79.9, "II", "II"),
        (89.99, 65, "III", "II"),
        (85, 64, "III", "III"),
        (84.9, 50, None, "III"),
        (95, 49.9, "I", None),
        (0, 0, None, None),
    ],
)
def test_each_seed_indicator_takes_the_best_grade_whose_minimum_it_meets(
    purity, germination, purity_grade, germination_grade
):
    result = grade_seed(
        {"purity": purity, "germination": germination, "moisture": 8}, FICTIONAL_SEED
    )
    assert result.by_indicator == {"purity": purity_grade, "germination": germination_grade}


@pytest.mark.parametrize(
    ("purity", "germination", "grade"),
    [
        (96, 85, "I"),
        (96, 70, "II"),  # lowest indicator sets the grade
        (91, 85, "II"),
        (86, 85, "III"),
        (96, 55, "III"),
        (91, 55, "III"),
        (84, 85, None),  # one indicator below III → 不合格
        (96, 40, None),
    ],
)
def test_the_lowest_indicator_grade_sets_the_seed_grade(purity, germination, grade):
    result = grade_seed(
        {"purity": purity, "germination": germination, "moisture": 9}, FICTIONAL_SEED
    )
    assert result.grade == grade
    assert result.passed is (grade is not None)
    assert result.moisture_ok
    assert result.reasons[-1].startswith("结论：")
    assert ("不合格" if grade is None else f"{grade}级") in result.reasons[-1]


def test_lowest_indicator_rule_is_explained():
    result = grade_seed({"purity": 96, "germination": 70, "moisture": 9}, FICTIONAL_SEED)
    assert result.label == "II级"
    assert "以最低的 II级 定级" in result.reasons[-1]
    assert result.reasons[0] == "净度 96%：I级（I级要求 ≥ 95%）"
    assert result.reasons[1] == "发芽率 70%：II级（II级要求 ≥ 65%）"


@pytest.mark.parametrize(
    ("moisture", "grade", "ok"),
    [(0, "I", True), (9.9, "I", True), (10, "I", True), (10.01, None, False), (40, None, False)],
)
def test_moisture_above_the_maximum_fails_whatever_the_other_indicators(moisture, grade, ok):
    result = grade_seed({"purity": 99, "germination": 99, "moisture": moisture}, FICTIONAL_SEED)
    assert result.grade == grade
    assert result.moisture_ok is ok
    assert result.by_indicator == {"purity": "I", "germination": "I"}
    if not ok:
        assert any("高于上限 10%" in r for r in result.reasons)
        assert result.label == "不合格"


def test_a_row_graded_by_viability_needs_viability_not_germination():
    measured = {"purity": 88, "viability": 90, "germination": 10, "moisture": 11}
    result = grade_seed(measured, FICTIONAL_SEED_VIABILITY)
    assert result.by_indicator == {"purity": "II", "viability": "I"}
    assert result.grade == "II"
    with pytest.raises(ValueError, match="缺少生活力的检测值"):
        grade_seed({"purity": 88, "germination": 90, "moisture": 11}, FICTIONAL_SEED_VIABILITY)


@pytest.mark.parametrize(
    ("missing", "name"), [("purity", "净度"), ("germination", "发芽率"), ("moisture", "含水量")]
)
def test_a_missing_required_indicator_is_named(missing, name):
    measured = {"purity": 96, "germination": 85, "moisture": 8}
    del measured[missing]
    with pytest.raises(ValueError, match=f"缺少{name}的检测值"):
        grade_seed(measured, FICTIONAL_SEED)
    measured[missing] = None
    with pytest.raises(ValueError, match=f"缺少{name}的检测值"):
        grade_seed(measured, FICTIONAL_SEED)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("purity", 100.1),
        ("purity", -1),
        ("germination", 101),
        ("moisture", -0.5),
        ("moisture", float("nan")),
        ("purity", "95"),
        ("purity", True),
    ],
)
def test_seed_indicators_must_be_percentages(key, value):
    measured = {"purity": 96, "germination": 85, "moisture": 8, key: value}
    with pytest.raises(ValueError, match=r"应在 0–100% 之间|应为数值"):
        grade_seed(measured, FICTIONAL_SEED)


def test_extra_measurements_are_ignored():
    measured = {"purity": 96, "germination": 85, "moisture": 8, "thousand_seed_weight_g": 250}
    assert grade_seed(measured, FICTIONAL_SEED).grade == "I"


@pytest.mark.parametrize(
    ("grade_min", "max_moisture", "message"),
    [
        ({"I": {"purity": 95, "germination": 80}}, 10, "三个等级"),
        (
            {
                "I": {"purity": 95, "germination": 80},
                "II": {"purity": 90, "viability": 65},
                "III": {"purity": 85, "germination": 50},
            },
            10,
            "中的一项",
        ),
        (
            {
                "I": {"purity": 95},
                "II": {"purity": 90, "germination": 65},
                "III": {"purity": 85, "germination": 50},
            },
            10,
            "同时给出",
        ),
        (
            {
                "I": {"purity": 90, "germination": 80},
                "II": {"purity": 95, "germination": 65},
                "III": {"purity": 85, "germination": 50},
            },
            10,
            "I级 ≥ II级 ≥ III级",
        ),
        (
            {
                "I": {"purity": 95, "germination": 80},
                "II": {"purity": 90, "germination": 65},
                "III": {"purity": 85, "germination": 50},
            },
            120,
            "含水量上限",
        ),
    ],
)
def test_malformed_seed_rows_are_refused(grade_min, max_moisture, message):
    with pytest.raises(ValueError, match=message):
        SeedThreshold(
            species="虚构", standard="FICTIONAL", grade_min=grade_min, max_moisture=max_moisture
        )


# ---------------------------------------------------------------------------------------------
# Seedling grading (GB 6000-1999)
# ---------------------------------------------------------------------------------------------

PUBLIC_ROWS = read_public_rows()
_SPRUCE_ROW = next(r for r in PUBLIC_ROWS if r["species"] == "红皮云杉")
THRESHOLD_KEYS = (
    *("species", "standard", "seedling_type", "age_code"),
    *("grade_I", "grade_II", "min_share_I_II", "overall", "region"),
)
SPRUCE = SeedlingThreshold(**{k: _SPRUCE_ROW[k] for k in THRESHOLD_KEYS})

# Measurements that put every indicator of the public 红皮云杉 row in a known grade.
# I: 地径 ≥ 0.40, 苗高 ≥ 18, 根长 ≥ 20, 侧根 ≥ 15; II: 0.30 / 12 / 20 / 10.
COLLAR = {"I": 0.45, "II": 0.35, None: 0.25}
HEIGHT = {"I": 20, "II": 15, None: 10}
ROOTS = {
    "I": {"root_length_cm": 22, "lateral_roots": 16},
    "II": {"root_length_cm": 22, "lateral_roots": 12},
    None: {"root_length_cm": 22, "lateral_roots": 8},
}


def spruce(root, collar, height):
    return {"root_collar_cm": COLLAR[collar], "height_cm": HEIGHT[height], **ROOTS[root]}


def test_the_public_rows_merge_their_grade_lines_and_keep_source_and_confidence():
    # Three rows from six CSV lines (I级 and II级 each); the cut-off ones stay incomplete.
    assert [(r["species"], r["confidence"]) for r in PUBLIC_ROWS] == [
        ("红皮云杉", "medium"),
        ("侧柏", "low"),
        ("油松", "low"),
    ]
    assert all(r["source"].startswith("https://") and not r["table_ref"] for r in PUBLIC_ROWS)
    assert _SPRUCE_ROW["row_ref"] == "红皮云杉 移植苗 2-2"
    assert not any("样例" in str(v) for r in PUBLIC_ROWS for v in r.values())
    cut_off = next(r for r in PUBLIC_ROWS if r["species"] == "油松")
    assert cut_off["grade_II"] == {"root_collar_cm": 0.30}
    assert cut_off["min_share_I_II"] == 0
    # cut off (and "1.5-0" is no 苗龄 the age rules read): a draft that cannot grade yet
    with pytest.raises(ValueError, match="苗龄格式"):
        SeedlingThreshold(**{k: cut_off[k] for k in THRESHOLD_KEYS})
    assert SPRUCE.species == "红皮云杉"
    assert SPRUCE.standard == "GB 6000-1999"
    assert SPRUCE.seedling_type == "移植苗"
    assert SPRUCE.age_code == "2-2"
    assert SPRUCE.age.total_years == 4
    assert SPRUCE.age.transplants == 1
    assert SPRUCE.grade_I == {
        "root_collar_cm": 0.40,
        "height_cm": 18,
        "root_length_cm": 20,
        "lateral_roots": 15,
    }
    assert SPRUCE.grade_II == {
        "root_collar_cm": 0.30,
        "height_cm": 12,
        "root_length_cm": 20,
        "lateral_roots": 10,
    }
    assert SPRUCE.min_share_I_II == 85
    assert SPRUCE.overall == "顶芽饱满，无损伤"
    assert SPRUCE.region == "辽宁、吉林、黑龙江、内蒙古"
    assert SPRUCE.root_indicators == ("root_length_cm", "lateral_roots")


@pytest.mark.parametrize(
    ("root", "collar", "height", "expected"),
    [
        # All agree.
        ("I", "I", "I", "I"),
        ("II", "II", "II", "II"),
        # 地径 and 苗高 disagree → 地径 governs (root agrees with 地径).
        ("I", "I", "II", "I"),
        ("II", "II", "I", "II"),
        # 根系 is a ceiling: never above the roots, never lifted above 地径 by the roots.
        ("II", "I", "I", "II"),
        ("I", "II", "II", "II"),
        ("II", "I", "II", "II"),
        ("I", "II", "I", "II"),
        # Any indicator below II → 不合格.
        (None, "I", "I", None),
        ("I", None, "I", None),
        ("I", "I", None, None),
        (None, None, None, None),
    ],
)
def test_seedling_precedence_root_then_collar(root, collar, height, expected):
    assert combine_seedling_grades(root, collar, height) == expected
    result = grade_seedling(spruce(root, collar, height), SPRUCE, meets_overall=True)
    assert (result.root_grade, result.collar_grade, result.height_grade) == (root, collar, height)
    assert result.grade == expected
    assert result.passed is (expected is not None)


def test_collar_over_height_is_explained():
    result = grade_seedling(spruce("I", "I", "II"), SPRUCE, meets_overall=True)
    assert result.grade == "I"
    assert "地径和苗高不属同一等级，以地径所属级别为准" in result.reasons
    assert result.reasons[-1] == "结论：I级苗（合格苗）"


def test_root_governs_is_explained():
    result = grade_seedling(spruce("II", "I", "I"), SPRUCE, meets_overall=True)
    assert result.grade == "II"
    assert result.label == "II级"
    assert "根系与地径、苗高不属同一等级，以根系级别为准" in result.reasons


def test_root_grade_is_the_lowest_root_indicator():
    # 根长 20 is both the I and II minimum in the sample row: 19.9 cm fails the root system.
    measured = {"root_collar_cm": 0.5, "height_cm": 25, "root_length_cm": 19.9, "lateral_roots": 20}
    result = grade_seedling(measured, SPRUCE, meets_overall=True)
    assert result.root_grade is None
    assert result.grade is None
    assert result.reasons[-1] == "结论：根系长度达不到 II级苗要求，不合格"


@pytest.mark.parametrize(
    ("measured", "grade"),
    [
        # Exactly on the minima (≥).
        ({"root_collar_cm": 0.40, "height_cm": 18, "root_length_cm": 20, "lateral_roots": 15}, "I"),
        (
            {"root_collar_cm": 0.30, "height_cm": 12, "root_length_cm": 20, "lateral_roots": 10},
            "II",
        ),
        (
            {"root_collar_cm": 0.29, "height_cm": 12, "root_length_cm": 20, "lateral_roots": 10},
            None,
        ),
        (
            {"root_collar_cm": 0.30, "height_cm": 11.9, "root_length_cm": 20, "lateral_roots": 10},
            None,
        ),
        ({"root_collar_cm": 0.30, "height_cm": 12, "root_length_cm": 20, "lateral_roots": 9}, None),
    ],
)
def test_spruce_boundaries(measured, grade):
    assert grade_seedling(measured, SPRUCE, meets_overall=True).grade == grade


def test_a_seedling_failing_the_overall_condition_is_not_graded():
    result = grade_seedling(spruce("I", "I", "I"), SPRUCE, meets_overall=False)
    assert result == SeedlingGrade(
        grade=None,
        root_grade=None,
        collar_grade=None,
        height_grade=None,
        reasons=["不符合综合控制指标（顶芽饱满，无损伤），不参加分级，不合格"],
    )
    # Not measured at all is fine when it is not graded.
    assert grade_seedling({}, SPRUCE, meets_overall=False).grade is None


@pytest.mark.parametrize(
    ("missing", "name"),
    [
        ("root_collar_cm", "地径"),
        ("height_cm", "苗高"),
        ("root_length_cm", "根系长度"),
        ("lateral_roots", ">5 cm 一级侧根数"),
    ],
)
def test_a_missing_seedling_indicator_is_named(missing, name):
    measured = spruce("I", "I", "I")
    del measured[missing]
    with pytest.raises(ValueError, match=f"缺少{name}的检测值"):
        grade_seedling(measured, SPRUCE, meets_overall=True)


def test_negative_seedling_measurements_are_refused():
    with pytest.raises(ValueError, match="苗高不能为负数"):
        grade_seedling({**spruce("I", "I", "I"), "height_cm": -1}, SPRUCE, meets_overall=True)


# FICTIONAL DB15/T 374-style row with 根幅: invented numbers, not the standard's.
FICTIONAL_PINE = SeedlingThreshold(
    species="虚构松（测试用）",
    standard="FICTIONAL 测试数据，非标准值",
    seedling_type="播种苗",
    age_code="2-0",
    grade_I={
        "root_collar_cm": 0.5,
        "height_cm": 15,
        "root_length_cm": 18,
        "lateral_roots": 8,
        "root_spread_cm": 12,
    },
    grade_II={
        "root_collar_cm": 0.35,
        "height_cm": 10,
        "root_length_cm": 15,
        "lateral_roots": 5,
        "root_spread_cm": 8,
    },
    min_share_I_II=80,
    overall="FICTIONAL：充分木质化，无损伤",
    region="FICTIONAL",
)


@pytest.mark.parametrize(
    ("spread", "root_grade", "grade"),
    [(12, "I", "I"), (9, "II", "II"), (7.9, None, None)],
)
def test_root_spread_counts_when_the_row_has_it(spread, root_grade, grade):
    measured = {
        "root_collar_cm": 0.6,
        "height_cm": 20,
        "root_length_cm": 20,
        "lateral_roots": 10,
        "root_spread_cm": spread,
    }
    result = grade_seedling(measured, FICTIONAL_PINE, meets_overall=True)
    assert (result.root_grade, result.grade) == (root_grade, grade)
    without = {k: v for k, v in measured.items() if k != "root_spread_cm"}
    with pytest.raises(ValueError, match="缺少根幅的检测值"):
        grade_seedling(without, FICTIONAL_PINE, meets_overall=True)


def test_root_spread_is_ignored_when_the_row_lacks_it():
    measured = {**spruce("I", "I", "I"), "root_spread_cm": 0}
    assert grade_seedling(measured, SPRUCE, meets_overall=True).grade == "I"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"age_code": "2--2"}, "苗龄格式"),
        (
            {"grade_II": {"root_collar_cm": 0.3, "height_cm": 12, "root_length_cm": 20}},
            "相同的指标",
        ),
        (
            {
                "grade_I": {"root_collar_cm": 0.4, "height_cm": 18},
                "grade_II": {"root_collar_cm": 0.3, "height_cm": 12},
            },
            "至少给出一项根系指标",
        ),
        (
            {
                "grade_I": {"height_cm": 18, "root_length_cm": 20},
                "grade_II": {"height_cm": 12, "root_length_cm": 20},
            },
            "地径和苗高",
        ),
        (
            {
                "grade_I": {"root_collar_cm": 0.4, "height_cm": 18, "girth": 1},
                "grade_II": {"root_collar_cm": 0.3, "height_cm": 12, "girth": 1},
            },
            "未知的苗木指标",
        ),
        (
            {
                "grade_I": {"root_collar_cm": 0.2, "height_cm": 18, "root_length_cm": 20},
                "grade_II": {"root_collar_cm": 0.3, "height_cm": 12, "root_length_cm": 20},
            },
            "I级 ≥ II级",
        ),
        ({"min_share_I_II": 0}, "大于 0"),
        ({"min_share_I_II": 101}, "0–100%"),
        ({"species": " "}, "树种不能为空"),
    ],
)
def test_malformed_seedling_rows_are_refused(change, message):
    with pytest.raises(ValueError, match=message):
        dataclasses.replace(SPRUCE, **change)


@pytest.mark.parametrize(("share", "passes"), [(85, True), (100, True), (84.9, False), (0, False)])
def test_lot_level_share_of_grade_I_and_II(share, passes):
    assert lot_passes(share, SPRUCE) is passes


@pytest.mark.parametrize("share", [-1, 100.5, float("nan")])
def test_lot_share_must_be_a_percentage(share):
    with pytest.raises(ValueError, match="I、II级苗百分率"):
        lot_passes(share, SPRUCE)


def test_share_of_I_II_over_a_sample():
    sample = [
        grade_seedling(spruce(*combo), SPRUCE, meets_overall=True)
        for combo in [("I", "I", "I")] * 15 + [("II", "II", "II")] * 2 + [(None, "I", "I")] * 3
    ]
    share = share_of_I_II(sample)
    assert share == pytest.approx(85)
    assert lot_passes(share, SPRUCE)
    with pytest.raises(ValueError, match="没有可统计的苗木"):
        share_of_I_II([])


# ---------------------------------------------------------------------------------------------
# What a certificate and a label print
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("material", "indicators", "grade", "text"),
    [
        (
            "seedling",
            {"age_code": "2-2", "root_collar_cm": 0.45, "height_cm": 20, "share_I": 60},
            "I",
            "Ⅰ级苗 苗龄2-2 地径0.45 cm 苗高20 cm",
        ),
        ("seedling", {"age_code": "1-0", "height_cm": 12.5}, "II", "Ⅱ级苗 苗龄1-0 苗高12.5 cm"),
        (
            "seed",
            {"purity": 95, "germination": 80, "moisture": 9, "thousand_seed_weight_g": 6.5},
            "II",
            "Ⅱ级 净度95% 发芽率80% 含水量9% 千粒重6.5 g",
        ),
        (
            "seed",
            {"purity": 98.5, "viability": 85, "moisture": 10},
            "III",
            "Ⅲ级 净度98.5% 生活力85% 含水量10%",
        ),
    ],
)
def test_describe_indicators_is_the_short_text_a_label_prints(material, indicators, grade, text):
    from seedreg.quality.rules import describe_indicators

    assert describe_indicators(material, {**indicators, "standard": "GB 6000"}, grade) == text


def test_indicator_lines_list_every_recorded_indicator_with_its_unit():
    from seedreg.quality.rules import indicator_lines

    lines = indicator_lines(
        "seedling",
        {
            "seedling_type": "移植苗",
            "age_code": "2-2",
            "root_collar_cm": 0.45,
            "height_cm": 20,
            "root_length_cm": 22,
            "lateral_roots": 16,
            "root_spread_cm": 18,
            "share_I": 60,
            "share_II": 30,
            "meets_overall": True,
        },
    )
    assert lines == [
        ("苗木种类", "移植苗"),
        ("苗龄", "2-2"),
        ("地径", "0.45 cm"),
        ("苗高", "20 cm"),
        ("根系长度", "22 cm"),
        (">5 cm 一级侧根数", "16 条"),
        ("根幅", "18 cm"),
        ("I级苗百分率", "60%"),
        ("II级苗百分率", "30%"),
        ("综合控制指标", "符合"),
    ]
    assert indicator_lines("seed", {"purity": 96, "soundness": 70, "moisture": 8}) == [
        ("净度", "96%"),
        ("优良度", "70%"),
        ("含水量", "8%"),
    ]


def test_certificate_numbers_and_states():
    from datetime import date

    from seedreg.quality.rules import certificate_number, certificate_state

    assert certificate_number(2026, "152200", 7) == "ZJ2026-152200-0007"
    assert len(certificate_number(2026, "152201", 9999)) <= 24
    for bad in ((2026, "152200", 0), (2026, "152200", 10_000), (2026, "1522", 1)):
        with pytest.raises(ValueError, match=r"合格证序号|区划代码"):
            certificate_number(*bad)
    end = date(2026, 6, 30)
    assert certificate_state("valid", end, date(2026, 6, 30)) == "valid"
    assert certificate_state("valid", end, date(2026, 7, 1)) == "expired"
    assert certificate_state("revoked", end, date(2026, 1, 1)) == "revoked"


def test_a_certificate_state_is_an_enum_with_its_label():
    from datetime import date

    from seedreg.quality.rules import CertificateState, certificate_state

    end = date(2026, 6, 30)
    state = certificate_state(CertificateState.VALID, end, date(2026, 7, 1))
    assert state is CertificateState.EXPIRED
    assert state.label == "已过期"
    assert certificate_state("revoked", end, end) is CertificateState.REVOKED
