"""Table-driven tests for seedreg.organisations.rules (USCC and ID number rules)."""

from datetime import date

import pytest

from seedreg.organisations.rules import (
    CREDIT_CODE_CHARSET,
    IdCheck,
    check_id_number,
    check_uscc,
    id_number_check_char,
    make_id_number,
    make_uscc,
    mask_id_number,
    mask_person_name,
    mask_phone,
    mask_uscc,
    normalise_id_number,
    normalise_uscc,
    uscc_check_char,
)

TODAY = date(2025, 6, 15)
USCC_FORMAT_MSG = "统一社会信用代码应为18位，由数字和大写字母（不含I、O、Z、S、V）组成"


# --- 统一社会信用代码 -------------------------------------------------------


def test_charset_has_31_symbols_without_ambiguous_letters():
    assert len(CREDIT_CODE_CHARSET) == 31
    assert not set("IOZSV") & set(CREDIT_CODE_CHARSET)


@pytest.mark.parametrize(
    ("first17", "expected"),
    [
        ("91350100M000100Y4", "3"),
        ("91110000600037341", "L"),
        ("91350100M0001TGQX", "1"),  # published code ends in M: an early legitimate mismatch
        ("91350211M0000XUF4", "R"),  # published code ends in 6
    ],
)
def test_uscc_check_char(first17, expected):
    assert uscc_check_char(first17) == expected


@pytest.mark.parametrize("bad", ["", "91350100M000100Y", "91350100M000100Y43", "91350100I000100Y4"])
def test_uscc_check_char_rejects_bad_input(bad):
    with pytest.raises(ValueError, match="17 characters"):
        uscc_check_char(bad)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y43",
        "91110000600037341L",
        " 91110000600037341l ",  # whitespace and lowercase are normalised
        "91350100m000100y43",
    ],
)
def test_check_uscc_valid(code):
    assert check_uscc(code) == IdCheck(ok=True, overridable=False, message="")


@pytest.mark.parametrize(
    ("code", "expected_char"),
    [
        ("91350100M0001TGQXM", "1"),
        ("91350211M0000XUF46", "R"),
        ("91350100M000100Y44", "3"),
        ("91110000600037341M", "L"),
    ],
)
def test_check_uscc_wrong_check_char_is_overridable(code, expected_char):
    result = check_uscc(code)
    assert result.ok is False
    assert result.overridable is True
    assert result.message == (
        f"统一社会信用代码校验位不符（应为{expected_char}）："
        "部分早期赋码可能如此，如确认无误请填写理由后保存"
    )


@pytest.mark.parametrize(
    "code",
    [
        "",
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y431",  # 19 characters
        "91350100I000100Y43",  # I forbidden
        "91350100O000100Y43",  # O forbidden
        "91350100Z000100Y43",  # Z forbidden
        "91350100S000100Y43",  # S forbidden
        "91350100V000100Y43",  # V forbidden
        "9135010OM000100Y43",  # letter in the 6-digit division code
        "91350100M000100Y4-",
        "91 350100M000100Y4",
        "９1350100M000100Y43",  # full-width digit
    ],
)
def test_check_uscc_bad_shape_is_hard_error(code):
    assert check_uscc(code) == IdCheck(ok=False, overridable=False, message=USCC_FORMAT_MSG)


@pytest.mark.parametrize(
    "body17",
    ["91152201MA0N1234X", "92152201MA0N00010", "93152223MA0Q9RT1U", "12152200011112222"],
)
def test_make_uscc_round_trip(body17):
    code = make_uscc(body17)
    assert len(code) == 18
    assert code[:17] == body17
    assert check_uscc(code).ok is True


def test_normalise_uscc():
    assert normalise_uscc("  91110000600037341l\n") == "91110000600037341L"


# --- 居民身份证号码 ---------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",
        "11010519491231002x",  # lowercase x accepted
        " 11010519491231002X ",
        make_id_number("15220119800101001"),
        make_id_number("15220120250615002"),  # born today
    ],
)
def test_check_id_number_valid(number):
    assert check_id_number(number, today=TODAY) == IdCheck(ok=True, overridable=False, message="")


def test_id_number_check_char_gb_example():
    assert id_number_check_char("11010519491231002") == "X"


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("110105194912310021", "校验位不符（应为X）"),
        ("110105194912310020", "校验位不符（应为X）"),
        ("1101051949123100X2", "应为18位"),  # X not in last place
        ("11010519491231002", "应为18位"),  # 17 characters
        ("11010519491231002X1", "应为18位"),  # 19 characters
        ("11010519491231002Y", "应为18位"),
        ("", "应为18位"),
        ("1101051949123", "应为18位"),
        ("1101051949123100", "应为18位"),  # 16 digits
        ("152201199902300018", "出生日期（19990230）不是有效日期"),  # 30 February
        ("152201199913010018", "出生日期（19991301）不是有效日期"),  # month 13
        ("152201000001010018", "出生日期（00000101）不是有效日期"),  # year 0
        (make_id_number("15220120250616001"), "出生日期（2025-06-16）晚于今天"),
        (make_id_number("15220121000101001"), "出生日期（2100-01-01）晚于今天"),
        ("152201990230001", "出生日期（19990230）不是有效日期"),  # 15-digit with bad date
    ],
)
def test_check_id_number_hard_errors(number, fragment):
    result = check_id_number(number, today=TODAY)
    assert result.ok is False
    assert result.overridable is False
    assert fragment in result.message


@pytest.mark.parametrize("number", ["152201800101001", " 110105491231002 "])
def test_check_id_number_legacy_15_digits_is_overridable(number):
    result = check_id_number(number, today=TODAY)
    assert result.ok is False
    assert result.overridable is True
    assert "旧版15位" in result.message


def test_check_id_number_today_is_keyword_only():
    with pytest.raises(TypeError):
        check_id_number("11010519491231002X", TODAY)  # type: ignore[misc]


@pytest.mark.parametrize(
    "first17", ["11010519491231002", "15220119800101001", "15220220000229123", "15222319701231999"]
)
def test_make_id_number_round_trip(first17):
    number = make_id_number(first17)
    assert number[:17] == first17
    assert check_id_number(number, today=TODAY).ok is True


@pytest.mark.parametrize("bad", ["1101051949123100", "1101051949123100X", "110105194912310021"])
def test_make_id_number_rejects_bad_input(bad):
    with pytest.raises(ValueError, match="17 digits"):
        make_id_number(bad)


def test_normalise_id_number():
    assert normalise_id_number(" 11010519491231002x\t") == "11010519491231002X"


# --- masking ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("func", "value", "expected"),
    [
        (mask_uscc, "91350100M000100Y43", "913501**********43"),
        (mask_uscc, "152201000000000A1X", "152201**********1X"),
        (mask_uscc, " 91110000600037341l ", "911100**********1L"),
        (mask_uscc, "12345678", "********"),  # too short to reveal anything
        (mask_uscc, "", ""),
        (mask_id_number, "152201198001010013", "152201***********3"),
        (mask_id_number, "11010519491231002x", "110105***********X"),
        (mask_id_number, "152201800101001", "152201********1"),
        (mask_id_number, "1234567", "*******"),
        (mask_person_name, "张三丰", "张**"),
        (mask_person_name, "李四", "李*"),
        (mask_person_name, "王", "王"),
        (mask_person_name, "阿拉坦仓", "阿***"),
        (mask_person_name, " 张三 ", "张*"),
        (mask_person_name, "", ""),
        (mask_phone, "13812345678", "138****5678"),
        (mask_phone, " 13812345678 ", "138****5678"),
        (mask_phone, "0482-8212345", "**********45"),
        (mask_phone, "8212345", "*****45"),
        (mask_phone, "12", "**"),
        (mask_phone, "", ""),
    ],
)
def test_masking(func, value, expected):
    assert func(value) == expected
