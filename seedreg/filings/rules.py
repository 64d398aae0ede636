"""Pure checks of a 备案 filing (种子法 Art. 38 ¶1). No I/O: the licence facts are passed in."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

MATTER = "filing"
BASIS = "种子法第三十八条第一款"


class FilingKind(StrEnum):
    """The three who file instead of holding a licence (种子法 Art. 38 ¶1)."""

    BRANCH = "branch"  # 在许可证有效区域内设立的分支机构
    PACKAGED_SELLER = "packaged_seller"  # 专门经营不再分装的包装种子
    COMMISSIONED = "commissioned"  # 受具有许可证的生产经营者书面委托生产、代销

    @property
    def label(self) -> str:
        return {
            "branch": "分支机构备案",
            "packaged_seller": "经营不再分装的包装种子备案",
            "commissioned": "受托生产、代销备案",
        }[self]

    @property
    def licence_label(self) -> str:
        """Whose licence the filing rests on, as the form and the receipt name it."""
        return {
            "branch": "总公司的林木种子生产经营许可证编号",
            "packaged_seller": "所经营包装种子的生产经营者的许可证编号",
            "commissioned": "委托方的林木种子生产经营许可证编号",
        }[self]


def licence_problem(
    kind: FilingKind,
    *,
    found: bool,
    valid_area: Sequence[str],
    division_code: str,
) -> str | None:
    """The licence the filing names must be in force (Art. 38 ¶1: the filer works under it);
    a branch must be set up inside that licence's valid area (有效区域, Art. 38 ¶1(一))."""
    if not found:
        return "所填许可证编号不存在或不在有效期内，请核对（种子法第三十八条第一款）"
    if kind is FilingKind.BRANCH and not _inside(division_code, valid_area):
        return "分支机构应设在总公司许可证载明的有效区域内（种子法第三十八条第一款）"
    return None


def _inside(division_code: str, valid_area: Sequence[str]) -> bool:
    """A division lies inside an area listed by itself or by a parent division code (a league
    or province code covers its banners: 152200 covers 152221)."""
    for code in valid_area:
        prefix = code.rstrip("0")
        if division_code == code or (prefix and division_code.startswith(prefix)):
            return True
    return False


def commission_problem(start: date, end: date, today: date) -> str | None:
    """The written commission must run forward and not be over already."""
    if end < start:
        return "委托期限的截止日期不能早于起始日期"
    if end < today:
        return "委托期限已届满，不能据此备案"
    return None
