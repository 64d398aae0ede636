"""The one input base class: numbers, dates and text bounded for every input model."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import Field

from seedreg.core.errors import RuleViolation
from seedreg.core.inputs import Input
from seedreg.core.web.forms import InvalidInput, parse
from seedreg.licensing.materials import safe_display_name


class Sample(Input):
    name: str = Field(default="", description="单位名称（全称）")
    code: str = ""
    count: int = 0
    amount: float = 0
    on: date | None = None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("count", 2**31, "不能大于2147483647"),
        ("count", -(2**31) - 1, "不能小于-2147483648"),
        ("on", "9999-12-30", "日期不能晚于2199年"),
        ("on", "1899-12-31", "日期不能早于1900年"),
    ],
)
def test_numbers_and_dates_out_of_range_are_refused_on_their_field(field, value, message):
    with pytest.raises(InvalidInput) as caught:
        parse(Sample, {field: value})
    assert caught.value.details == {field: message}


@pytest.mark.parametrize("value", ["inf", "-inf", "nan"])
def test_floats_are_finite(value):
    with pytest.raises(InvalidInput) as caught:
        parse(Sample, {"amount": value})
    assert "amount" in caught.value.details


def test_text_without_a_length_of_its_own_is_bounded():
    with pytest.raises(InvalidInput) as caught:
        parse(Sample, {"code": "x" * 10_001})
    assert caught.value.details == {"code": "内容太长（最多10000个字符）"}
    assert parse(Sample, {"code": "x" * 10_000}).code


def test_edges_are_accepted():
    sample = parse(Sample, {"count": 2**31 - 1, "on": "2199-12-31", "amount": "1e300"})
    assert sample.on == date(2199, 12, 31)


def test_a_right_to_left_override_is_refused_naming_the_field_in_chinese():
    with pytest.raises(InvalidInput) as caught:
        parse(Sample, {"name": "兴安\u202e公司", "code": "\u200b"})
    assert caught.value.details == {
        "name": "「单位名称」含有看不见的字符 U+202E（从右到左强制符），"
        "会使显示的内容与实际不同，请删除后重新输入",
        "code": "此项含有看不见的字符 U+200B（零宽空格），"
        "会使显示的内容与实际不同，请删除后重新输入",
    }
    assert "name：「单位名称」含有" in caught.value.message


def test_an_uploaded_file_name_with_a_right_to_left_override_is_refused():
    with pytest.raises(RuleViolation) as caught:
        safe_display_name("营业执照\u202efdp.exe")
    assert caught.value.field == "file"
    assert caught.value.message.startswith("文件名含有看不见的字符 U+202E")
    assert safe_display_name("营业执照.pdf") == "营业执照.pdf"


def test_mongolian_script_keeps_its_joiners_and_nothing_else_does():
    from seedreg.core.inputs import invisible_char

    # ᠪᠠᠶᠠᠷ with a vowel separator (U+180E) and a zero-width joiner between Mongolian letters
    assert invisible_char("ᠮᠣᠩᠭᠣᠯ\u180eᠠ ᠪᠠ\u200dᠶᠠᠷ") is None
    assert invisible_char("包\u200d金花") == "\u200d"  # between Chinese characters: a disguise
    assert invisible_char("ᠮᠣᠩ\u202eᠭᠣᠯ") == "\u202e"  # a bidi override is never part of it
