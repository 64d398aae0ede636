"""The stored states of labels and clone flags (the verdict a buyer sees is ``verdicts``)."""

from __future__ import annotations

from enum import StrEnum


class LabelStatus(StrEnum):
    """A label row's own state (its lot's and certificates' are in the verdict)."""

    VALID = "valid"
    VOID = "void"  # 作废, also by a 补发 (superseded_by names the reprint) or a recall


class FlagStatus(StrEnum):
    """A clone flag as the 种苗站 handled it."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        return {"open": "待处理", "confirmed": "已确认仿冒", "dismissed": "已排除"}[self.value]
