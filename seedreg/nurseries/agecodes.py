"""苗龄 (seedling age) in the notation of GB 6000-1999 (facts §4.3). Pure.

Numbers joined by hyphens: the first is the years in the original bed, each next one the years
after a transplanting; their sum is the age. "1-0" is a one-year seedling never transplanted,
"2-1" three years, transplanted once; "2-2-2" six years, transplanted twice; "0.2-0.8" one
season, transplanted after 0.2 of it. A number in brackets after the first gives the age of the
other part of a cutting or root-cutting seedling: "1(2)-0" (the facts' excerpt of the standard is
cut there, so the bracket is kept as written and not added to the age)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

# full-width and dash variants people type for "-" "(" ")" "."
_TRANSLATE = str.maketrans(
    {"－": "-", "—": "-", "–": "-", "‐": "-", "（": "(", "）": ")", "．": ".", "。": "."}
)
_NUMBER = r"(?:\d{1,2}(?:\.\d)?)"
_FIRST = re.compile(rf"^({_NUMBER})(?:\(({_NUMBER})\))?$")
_LATER = re.compile(rf"^({_NUMBER})$")
MAX_STAGES = 4  # the original bed and up to three transplantings
MAX_AGE = Decimal(30)


@dataclass(frozen=True)
class AgeCode:
    code: str  # normalised, e.g. "1(2)-0"
    stages: tuple[Decimal, ...]
    bracket: Decimal | None
    age: Decimal  # years
    transplants: int

    @property
    def text(self) -> str:
        """In words: "3年生，移植1次"."""
        age = f"{self.age.normalize():f}"
        moved = f"移植{self.transplants}次" if self.transplants else "未移植"
        return f"{age}年生，{moved}"


def parse_age_code(raw: str) -> AgeCode:
    """The age code typed as "2-1", "1(2)-0", "0.2-0.8" (spaces and full-width signs allowed).

    Raises:
        ValueError: in Chinese, naming what is wrong.
    """
    text = re.sub(r"\s+", "", str(raw)).translate(_TRANSLATE)
    example = "苗龄应写作如 1-0、2-1、2-2-2、0.2-0.8、1(2)-0（GB 6000）"
    if not text:
        raise ValueError("苗龄不能为空；" + example)
    parts = text.split("-")
    if not 2 <= len(parts) <= MAX_STAGES:
        raise ValueError(example)
    first = _FIRST.match(parts[0])
    if first is None or any(_LATER.match(p) is None for p in parts[1:]):
        raise ValueError(example)
    stages = (Decimal(first.group(1)), *(Decimal(p) for p in parts[1:]))
    bracket = Decimal(first.group(2)) if first.group(2) else None
    if stages[0] <= 0:
        raise ValueError("苗龄的第一个数（在原圃地的年数）应大于0；" + example)
    if any(stages[i] == 0 and any(s > 0 for s in stages[i + 1 :]) for i in range(1, len(stages))):
        raise ValueError("苗龄中0表示未再移植，其后不能再有移植年数；" + example)
    if len(stages) > 2 and stages[-1] == 0:
        raise ValueError("苗龄只在未移植时以0结尾，如 2-0；" + example)
    age = sum(stages, Decimal(0))
    if age > MAX_AGE:
        raise ValueError(f"苗龄合计超过{MAX_AGE}年，请检查")
    first_text = f"{stages[0]}" + (f"({bracket})" if bracket is not None else "")
    code = "-".join([first_text, *(str(s) for s in stages[1:])])
    return AgeCode(
        code=code,
        stages=stages,
        bracket=bracket,
        age=age,
        transplants=sum(1 for s in stages[1:] if s > 0),
    )
