"""The fine range of each rule kind at, just below and just above every threshold; 货值 0 and
unknown; the 48 → 74 escalation; the catalogue fixture read through the same function."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from seedreg.inspections.catalogue import FIXTURE, _fixture_rows
from seedreg.inspections.penalties import (
    FineKind,
    FineRule,
    check_rule,
    penalty_range,
    rule_from_row,
    rule_words,
)

ART76 = FineRule(
    FineKind.VALUE_THRESHOLD, "种子法第七十六条", 3000, 30000, 10000, Decimal(3), Decimal(5)
)
ART74 = FineRule(
    FineKind.VALUE_THRESHOLD, "种子法第七十四条", 20000, 200000, 20000, Decimal(10), Decimal(20)
)
ART75 = FineRule(
    FineKind.VALUE_THRESHOLD, "种子法第七十五条", 10000, 100000, 20000, Decimal(5), Decimal(10)
)
ART72 = FineRule(
    FineKind.VALUE_THRESHOLD, "种子法第七十二条", 10000, 250000, 50000, Decimal(5), Decimal(10)
)
ART79 = FineRule(FineKind.FIXED, "种子法第七十九条", 2000, 20000)
ART82 = FineRule(
    FineKind.VALUE_MULTIPLE,
    "种子法第八十二条",
    multiple_min=Decimal(2),
    multiple_max=Decimal(5),
    value_basis="所采种子货值金额",
)
NO_FINE = FineRule(FineKind.NONE, "植物检疫条例第十八条")


def bounds(rule: FineRule, value: object) -> tuple[int | None, int | None]:
    found = penalty_range(rule, value)  # type: ignore[arg-type]
    return found.min_yuan, found.max_yuan


@pytest.mark.parametrize(
    ("rule", "value", "expected"),
    [
        # Art. 76: below ¥10,000 the fixed range; at and above, 3–5 × 货值
        (ART76, 0, (3000, 30000)),
        (ART76, Decimal("9999.99"), (3000, 30000)),
        (ART76, 10000, (30000, 50000)),
        (ART76, Decimal("10000.01"), (30000, 50000)),  # 30000.03 rounds to 30000
        (ART76, 10001, (30003, 50005)),
        # Art. 74 (fake seed): threshold ¥20,000, 10–20 ×
        (ART74, 0, (20000, 200000)),
        (ART74, 19999, (20000, 200000)),
        (ART74, 20000, (200000, 400000)),
        (ART74, 20001, (200010, 400020)),
        # Art. 75 (inferior seed): threshold ¥20,000, 5–10 ×
        (ART75, 19999, (10000, 100000)),
        (ART75, 20000, (100000, 200000)),
        (ART75, 20001, (100005, 200010)),
        # Art. 72 (variety rights): threshold ¥50,000, 5–10 ×
        (ART72, 49999, (10000, 250000)),
        (ART72, 50000, (250000, 500000)),
        (ART72, 50001, (250005, 500010)),
        # fixed: the value does not matter
        (ART79, 0, (2000, 20000)),
        (ART79, 10**7, (2000, 20000)),
        (ART79, None, (2000, 20000)),
        # Art. 82: a multiple with no threshold; value 0 gives 0
        (ART82, 0, (0, 0)),
        (ART82, 1000, (2000, 5000)),
        (ART82, Decimal("333.33"), (667, 1667)),  # 666.66 / 1666.65, rounded half up
        (NO_FINE, 5000, (None, None)),
    ],
)
def test_the_range_at_and_around_each_threshold(rule, value, expected):
    assert bounds(rule, value) == expected


def test_the_threshold_itself_takes_the_multiple_and_the_words_say_which_part_applied():
    below = penalty_range(ART76, 9999)
    at = penalty_range(ART76, 10000)
    assert "不足10,000元" in below.applied
    assert "达到10,000元以上" in at.applied
    assert "3倍以上5倍以下" in at.applied
    assert at.article == "种子法第七十六条"
    assert below.words == at.words == rule_words(ART76)
    assert "货值金额不足10,000元的，处3,000元以上30,000元以下罚款" in at.words


def test_unknown_value_gives_no_number_unless_the_rule_gives_one():
    unknown = penalty_range(ART74, None)
    assert (unknown.min_yuan, unknown.max_yuan) == (None, None)
    assert not unknown.determined
    assert "请先核定货值金额" in unknown.applied
    assert bounds(ART82, None) == (None, None)
    with_fallback = FineRule(
        FineKind.VALUE_THRESHOLD,
        "某条",
        3000,
        30000,
        10000,
        Decimal(3),
        Decimal(5),
        unknown_min_yuan=5000,
        unknown_max_yuan=50000,
    )
    found = penalty_range(with_fallback, None)
    assert (found.min_yuan, found.max_yuan) == (5000, 50000)
    assert "货值金额无法计算" in found.applied
    assert "货值金额无法计算的，处5,000元以上50,000元以下罚款" in found.words


def test_a_minimum_lifts_a_small_multiple():
    floor = FineRule(
        FineKind.VALUE_MULTIPLE,
        "某条",
        multiple_min=Decimal(2),
        multiple_max=Decimal(5),
        minimum_yuan=1000,
    )
    assert bounds(floor, 100) == (1000, 1000)  # 200–500 lifted to the floor
    assert bounds(floor, 400) == (1000, 2000)
    assert bounds(floor, 1000) == (2000, 5000)
    assert "罚款不低于1,000元" in rule_words(floor)


def test_a_negative_value_is_refused():
    with pytest.raises(ValueError, match="负数"):
        penalty_range(ART76, -1)


# --- the catalogue ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> dict[str, dict]:
    return {row["code"]: row for row in _fixture_rows(FIXTURE)}


def test_a_missing_label_is_a_fake_seed_case_under_article_74(catalogue):
    no_label = rule_from_row(catalogue["V3-1"], catalogue)
    fake = rule_from_row(catalogue["V2-1"], catalogue)
    assert no_label.article == "种子法第七十四条"
    assert "第七十九条" not in no_label.article
    assert no_label.escalation.startswith("按“生产经营假种苗”论处")
    assert "第四十八条" in no_label.escalation
    for value in (0, 19999, 20000, 20001, None):
        a, b = penalty_range(no_label, value), penalty_range(fake, value)
        assert (a.min_yuan, a.max_yuan) == (b.min_yuan, b.max_yuan)
    assert bounds(no_label, 20000) == (200000, 400000)
    # not the label article's 2,000–20,000
    assert bounds(no_label, 1000) == (20000, 200000)
    assert "按“生产经营假种苗”论处" in penalty_range(no_label, 1).words


def test_an_escalation_to_a_missing_or_chained_item_is_refused(catalogue):
    broken = {**catalogue["V3-1"], "treated_as": "V9-9"}
    with pytest.raises(ValueError, match="V9-9"):
        rule_from_row(broken, catalogue)
    chained = {**catalogue, "V2-1": {**catalogue["V2-1"], "treated_as": "V3-1"}}
    with pytest.raises(ValueError, match="V2-1"):
        rule_from_row(catalogue["V3-1"], chained)


def test_every_catalogue_row_is_a_sound_rule(catalogue):
    for code, row in catalogue.items():
        rule = rule_from_row(row, catalogue)
        assert check_rule(rule) is None, code
        assert rule.article, code


def test_the_catalogue_has_what_the_issue_asks_for(catalogue):
    names = {row["name"]: code for code, row in catalogue.items()}
    assert "假冒授权品种" in names
    assert any("阻挠" in n for n in names)
    assert catalogue["V7-1"]["penalty_article"] == "种子法第八十六条"
    assert catalogue["V1-7"]["penalty_article"] == "种子法第七十九条第（五）项"
    assert "第三十八条" in catalogue["V1-7"]["breached_article"]
    items_76 = {
        row["penalty_article"] for row in catalogue.values() if "七十六条" in row["penalty_article"]
    }
    assert {f"种子法第七十六条第（{n}）项" for n in "一三四五六"} <= items_76
    # V1-2: 撤销 under 行政许可法 Art. 69, not 吊销
    assert catalogue["V1-2"]["licence_effect"] == "annul"
    assert "行政许可法第六十九条" in catalogue["V1-2"]["penalty_article"]
    # no temporary suspension anywhere
    with FIXTURE.open(encoding="utf-8") as fh:
        effects = {row["licence_effect"] for row in csv.DictReader(fh)}
    assert effects <= {"none", "may_revoke", "revoke_if_serious", "revoke", "annul"}


def test_check_rule_names_what_is_missing():
    assert check_rule(FineRule(FineKind.FIXED, "x", 100, None)) == "请填写罚款幅度的下限和上限"
    assert check_rule(FineRule(FineKind.FIXED, "x", 200, 100)) == "罚款下限不能大于上限"
    assert check_rule(FineRule(FineKind.VALUE_THRESHOLD, "x", 1, 2)) == "请填写货值起点"
    assert check_rule(FineRule(FineKind.VALUE_MULTIPLE, "x")) == "请填写倍数的下限和上限"
    assert check_rule(ART76) is None
