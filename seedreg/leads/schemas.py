"""Inputs and outputs of leads (线索)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input
from seedreg.leads.rules import LeadKind


class LeadIn(Input):
    """A lead as a source offers it (the daily gathering or a source's push)."""

    kind: LeadKind
    source_key: str = Field(max_length=80)
    source_url: str = Field(default="", max_length=200)
    division_code: str = Field(max_length=6)
    title: str = Field(max_length=120)
    detail: str = ""
    target_kind: str = ""
    target_id: int | None = None
    target_name: str = ""


class LeadOut(BaseModel):
    id: int
    kind: str
    kind_label: str
    source_key: str
    source_url: str
    division_code: str
    title: str
    detail: str
    target_kind: str
    target_id: int | None
    target_name: str
    received_at: datetime
    state: str
    state_label: str
    reason: str
    may_decide: bool = Field(description="这名执法人员可以派查或不予立查")


class DispatchIn(Input):
    target: str = Field(
        default="",
        max_length=40,
        description="线索未指明对象时：organisation:ID 或 nursery_base:ID",
    )


class DismissIn(Input):
    reason: str = Field(default="", max_length=1000, description="不予立查的理由")
