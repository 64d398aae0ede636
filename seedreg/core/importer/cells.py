"""How a typed cell becomes a value, normalised where its meaning is certain and reported (a
Chinese ValueError) where it is not: full-width digits and letters become half-width (the
same characters to anyone), spaces around a value go, spaces inside a code go (a code has
none), spaces inside a name are reported (两个字 or two names?), dates typed as text are read
when the order of year, month and day is certain. No I/O."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

# U+FF10–FF19, FF21–FF3A, FF41–FF5A: full-width 0-9, A-Z, a-z; U+3000: the ideographic space.
_WIDE = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B) if chr(code - 0xFEE0).isalnum()}
_WIDE |= {0x3000: 0x20, 0xFF0D: 0x2D, 0xFF0E: 0x2E}  # space, hyphen-minus, full stop
_SPACE_BETWEEN_HAN = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")
_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
NOT_DATE = "日期应为日期格式或 2026-12-31 / 2026年12月31日；无法确定年月日的顺序"


def half_width(value: str) -> str:
    """Full-width digits, letters, space, hyphen and full stop as their ASCII forms."""
    return value.translate(_WIDE)


def plain(value: Any) -> str:
    """A text cell with full-width alphanumerics made half-width and outer spaces removed."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        raise ValueError("被 Excel 转成了日期：请把该列设为“文本”格式后重新输入")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(half_width(str(value)).split(" ")).strip()


def code(value: Any) -> str:
    """An identifier (信用代码, 许可证编号…): no spaces belong inside one, letters upper case."""
    return "".join(plain(value).split()).upper()


def name(value: Any) -> str:
    """A name: a space between two Chinese characters is not certain to be a typo — reported."""
    word = " ".join(plain(value).split())
    if _SPACE_BETWEEN_HAN.search(word):
        raise ValueError("汉字之间有空格：请确认后删除空格（或确认名称确实如此）")
    return word


def day(value: Any) -> date | None:
    """A date cell, or a date typed as text when its order is certain: 2026-12-31, 2026/12/31,
    2026.12.31, 2026年12月31日, 20261231. 12/31/2026 or 31.12.26 are reported, not guessed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    word = half_width(str(value)).strip()
    if isinstance(value, float) and value.is_integer():
        word = str(int(value))
    match = _YMD.match(word) or _COMPACT.match(word)
    if match is None:
        raise ValueError(NOT_DATE)
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise ValueError("不是有效的日期") from None
