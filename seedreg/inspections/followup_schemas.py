"""Inputs and outputs of follow-ups (复查), the 检查码 page and the statistics (issue 23)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input
from seedreg.inspections.followup_rules import Rating


class FollowUpIn(Input):
    """The re-inspection's result: 已整改 closes the finding, 未整改 escalates it to a case."""

    state: Literal["rectified", "escalated"] = Field(
        description="rectified 已整改 / escalated 未整改"
    )
    note: str = Field(default="", max_length=2000, description="复查情况：整改证据或未整改的事实")
    evidence_ref: str = Field(default="", max_length=200, description="照片或文书编号（可选）")


class FollowUpOut(BaseModel):
    id: int
    finding_id: int
    check_id: int
    check_number: str
    target_name: str
    code: str
    item_name: str
    text: str
    division_code: str
    due_on: date
    state: str
    state_label: str
    band: str = Field(description="待复查的颜色分级（同办件箱）；已复查为空")
    overdue: bool
    note: str
    evidence_ref: str
    case_link: str | None = Field(description="未整改移送立案时：立案页面地址")


class RatingIn(Input):
    rating: Rating = Field(description="satisfied 满意 / fair 基本满意 / dissatisfied 不满意")
    comment: str = Field(default="", max_length=500)


def follow_up_out(row: dict[str, Any]) -> FollowUpOut:
    """From followups' shaped row."""
    return FollowUpOut.model_validate(
        {
            **row,
            "finding_id": row["finding"],
            "check_id": row["field_check"],
            "check_number": row["number"],
            "case_link": row["case_link"] if row["escalated"] else None,
        }
    )
