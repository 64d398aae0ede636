"""Who keeps the grading tables and when a row may be relied on (issue 14 item 12). Pure, no I/O.

The league holds GB 6000-1999, GB 7908-1999, DB15/T 374-2023 and DB15/T 281-2024; the 种苗站 or
the league admin types a row from them (or imports a sheet) and a second person of those roles
confirms it against the text. A 质量检验合格证 is issued only from a confirmed row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from seedreg.accounts.rules import GRADING_ROLES, Actor

# Who enters and confirms rows (GRADING_ROLES): the 种苗站, which runs quality inspection, and
# the league admin, who keeps the reference data.
ENTRY_REFUSAL = "只有种苗站或盟林草局管理员可以录入和确认分级标准数据"
SAME_PERSON = (
    "录入或最后修改该行的人不能自己确认：须由另一位种苗站工作人员或管理员核对标准文本后确认"
)


class RowState(StrEnum):
    """A grading row: typed in (draft) or checked against the standard by a second person."""

    DRAFT = "draft"
    CONFIRMED = "confirmed"

    @property
    def label(self) -> str:
        return ROW_STATE_LABELS[self]


ROW_STATE_LABELS = {RowState.DRAFT: "待确认", RowState.CONFIRMED: "已确认"}
CONFIDENCE_LABELS = {"high": "高", "medium": "中", "low": "低", "": ""}


def may_enter(actor: Actor) -> bool:
    return actor.role in GRADING_ROLES


def may_confirm(actor: Actor, state: str, entered_by: int | None) -> bool:
    """Four eyes: a draft row is confirmed by a grading role other than whoever typed it."""
    return may_enter(actor) and state == RowState.DRAFT and entered_by != actor.user_id


def confirm_refusal(actor: Actor, state: str, entered_by: int | None) -> str | None:
    if not may_enter(actor):
        return ENTRY_REFUSAL
    if state == RowState.CONFIRMED:
        return "该行已确认"
    if entered_by == actor.user_id:
        return SAME_PERSON
    return None


def row_reference(row: Mapping[str, Any]) -> str:
    """What a certificate prints as its basis: "GB 6000-1999 附录A 红皮云杉 移植苗 2-2"."""
    parts = (row.get("standard", ""), row.get("table_ref", ""), row.get("row_ref", ""))
    return " ".join(p for p in parts if p)


def missing_row_text(species: str, seedling_type: str = "", age_code: str = "") -> str:
    what = " ".join(p for p in (species, seedling_type, age_code) if p)
    return (
        f"“{what}”没有已确认的分级标准数据行，不能签发合格证："
        "请种苗站或管理员依据标准文本录入，并由另一人确认后再签发"
    )


# --- the public rows (fixtures/grading_seedlings.csv) ------------------------------------------

_INDICATOR_COLUMNS = {
    "root_collar_cm_min": "root_collar_cm",
    "height_cm_min": "height_cm",
    "taproot_cm_min": "root_length_cm",
    "lateral_roots_min": "lateral_roots",
}
_SHARE = re.compile(r"[ⅠI]、[ⅡI]{1,2}级苗百分率\s*(\d+(?:\.\d+)?)")


def _grade(row: Mapping[str, str]) -> dict[str, float]:
    return {key: float(row[col]) for col, key in _INDICATOR_COLUMNS.items() if row.get(col)}


def _overall(rule: str) -> str:
    """The 综合控制指标 in Chinese (the text before the first ';'), without the copy's notes."""
    first = rule.split(";")[0].split("(")[0].strip()
    return first.replace(",", "，")


def public_seedling_rows(csv_rows: Iterable[Mapping[str, str]]) -> list[dict[str, Any]]:
    """The CSV's I级 and II级 lines merged into one draft row per standard + species + 苗木种类 +
    苗龄, with the source and its confidence. Rows the copies cut off stay incomplete: they cannot
    grade or be confirmed until someone completes them from the standard."""
    merged: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for line in csv_rows:
        key = (line["standard"], line["species"], line["seedling_type"], line["age"])
        row = merged.setdefault(
            key,
            {
                "standard": line["standard"],
                "species": line["species"],
                "seedling_type": line["seedling_type"],
                "age_code": line["age"],
                "grade_I": {},
                "grade_II": {},
                "min_share_I_II": 0.0,
                "overall": "",
                "region": line["region"],
                "table_ref": "",
                "row_ref": f"{line['species']} {line['seedling_type']} {line['age']}",
                "source": line["source"],
                "confidence": line["confidence"],
                "note": "",
            },
        )
        grade = {"I": "grade_I", "II": "grade_II"}.get(line["grade"])
        if grade:
            row[grade] = _grade(line)
        share = _SHARE.search(line["combined_rule"])
        if share:
            row["min_share_I_II"] = float(share.group(1))
        if not row["overall"]:
            row["overall"] = _overall(line["combined_rule"])
        row["note"] = "公开副本，须以标准正文核对：" + line["combined_rule"][:160]
    return list(merged.values())
