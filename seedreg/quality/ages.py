"""苗龄 notation (GB 6000-1999 §3, facts §4.3): "1-0", "2-2", "2(0.5)-1", "2-1-1". Pure, no I/O."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

AGE_FORMAT_HINT = "苗龄格式应为“1-0”“2-2”“2-1-1”等"

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
