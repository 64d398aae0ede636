"""The one base class of every input model (JSON bodies and forms) and the limits it enforces.

- Text holds no invisible format characters: a right-to-left override (U+202E) or a zero-width
  space makes a holder's name display as something it is not, on screen and on paper. Nor control
  characters but tab and line breaks: nobody types them, and PostgreSQL cannot store NUL at all
  (found by schemathesis: a 500 instead of a refusal).
- Integers fit PostgreSQL's integer (every id, count and quantity column): larger ones cannot be
  stored and would end as server errors.
- Dates lie between DATE_MIN and DATE_MAX: validity periods and working-day deadlines add to
  them, and near year 9999 that overflows.
- Text is bounded even where a field sets no length; floats are finite.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo, field_validator

INT_MIN, INT_MAX = -(2**31), 2**31 - 1  # PostgreSQL integer (Piccolo's Serial and Integer)
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2199, 12, 31)
MAX_TEXT = 10_000  # characters, for a text field that sets no max_length of its own

_NAMES = {
    0x202A: "从左到右嵌入符",
    0x202B: "从右到左嵌入符",
    0x202C: "方向格式结束符",
    0x202D: "从左到右强制符",
    0x202E: "从右到左强制符",
    0x2066: "从左到右隔离符",
    0x2067: "从右到左隔离符",
    0x2068: "方向隔离符",
    0x2069: "方向隔离结束符",
    0x200E: "从左到右标记",
    0x200F: "从右到左标记",
    0x061C: "阿拉伯字母标记",
    0x200B: "零宽空格",
    0x200C: "零宽不连字",
    0x200D: "零宽连字",
    0x2060: "零宽不折行空格",
    0xFEFF: "字节顺序标记",
    0x00AD: "软连字符",
}


_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # C0 and DEL, but \t \n \r


def control_char(text: str) -> str | None:
    """The first C0 control character (or DEL) of ``text`` other than tab and line breaks."""
    found = _CONTROLS.search(text)
    return found.group() if found else None


def invisible_char(text: str) -> str | None:
    """The first invisible control of ``text``: a C0 control character but tab and line breaks,
    a format character (Unicode Cf: bidi controls, zero-width characters, BOM, soft hyphen,
    tags…) or a C1 control character; else None."""
    if control := control_char(text):
        return control
    if text.isascii():
        return None  # the common case, and ASCII has no format characters
    for i, ch in enumerate(text):
        if "\x80" <= ch <= "\x9f" or (
            unicodedata.category(ch) == "Cf" and not _joins_mongolian(text, i)
        ):
            return ch
    return None


# Traditional Mongolian script (used beside Chinese in Inner Mongolia) shapes its letters with
# the vowel separator and the zero-width (non-)joiner: between Mongolian letters they are part
# of the spelling, not a disguise.
_MONGOLIAN_JOINERS = frozenset("\u180e\u200c\u200d")


def _is_mongolian(ch: str) -> bool:
    return "\u1800" <= ch <= "\u18af"


def _joins_mongolian(text: str, i: int) -> bool:
    if text[i] not in _MONGOLIAN_JOINERS:
        return False
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    return _is_mongolian(before) or _is_mongolian(after)


def invisible_message(ch: str, label: str = "") -> str:
    name = _NAMES.get(ord(ch), "控制字符" if ch <= "\x9f" else "不可见格式字符")
    return (
        f"{label or '此项'}含有看不见的字符 U+{ord(ch):04X}（{name}），"
        "会使显示的内容与实际不同，请删除后重新输入"
    )


def date_problem(value: date) -> str | None:
    """The Chinese message for a date outside DATE_MIN..DATE_MAX, else None."""
    if value < DATE_MIN:
        return f"日期不能早于{DATE_MIN.year}年"
    if value > DATE_MAX:
        return f"日期不能晚于{DATE_MAX.year}年"
    return None


def int_problem(value: int, low: int = INT_MIN, high: int = INT_MAX) -> str | None:
    if value < low:
        return f"不能小于{low}"
    if value > high:
        return f"不能大于{high}"
    return None


def _problem(value: Any, label: str) -> str | None:
    """What is wrong with a validated field value, looking into lists and mappings."""
    if isinstance(value, str):
        ch = invisible_char(value)
        return invisible_message(ch, label) if ch else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int_problem(value)
    if isinstance(value, datetime):
        return date_problem(value.date())
    if isinstance(value, date):
        return date_problem(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return next((p for v in value if (p := _problem(v, label))), None)
    if isinstance(value, dict):
        items = (*value.keys(), *value.values())
        return next((p for v in items if (p := _problem(v, label))), None)
    return None  # nested models are Inputs themselves and checked their own fields


def _label(model: type[BaseModel], name: str) -> str:
    """The field's Chinese name (its title, or its description's first words), else 此项: the
    message stands beside the field on a page and under the field's key in the API."""
    field = model.model_fields.get(name)
    text = (field.title or field.description or "") if field else ""
    for stop in "（(，,：:；;、 ":
        text = text.split(stop, 1)[0]
    chinese = any("\u4e00" <= c <= "\u9fff" for c in text)
    return f"「{text}」" if chinese and not text.startswith("如") else "此项"


class Input(BaseModel):
    """Base of every input model: unknown fields refused, text stripped and checked."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, str_max_length=MAX_TEXT, allow_inf_nan=False
    )

    @field_validator("*", mode="after")
    @classmethod
    def _refuse_hostile(cls, value: Any, info: ValidationInfo) -> Any:
        problem = _problem(value, _label(cls, info.field_name or ""))
        if problem:
            raise ValueError(problem)
        return value


def _visible(text: str) -> str:
    ch = invisible_char(text)
    if ch:
        raise ValueError(invisible_message(ch))
    return text


# For a text field of a model that cannot derive from Input.
VisibleText = Annotated[str, AfterValidator(_visible)]
