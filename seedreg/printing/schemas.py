"""Pydantic models of the printing API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, model_validator

from seedreg.core.inputs import Input
from seedreg.printing.geometry import LAYOUT_NAMES
from seedreg.printing.rules import JobStatus


class PrintJobCreate(Input):
    """Print the labels of one issue (签发记录), the given labels, or a lot's sequence range."""

    layout: str = Field(description="版式：" + " / ".join(LAYOUT_NAMES))
    issue_id: int | None = Field(default=None, description="签发记录编号")
    label_ids: list[int] | None = Field(
        default=None, max_length=100_000, description="标签编号（同一生产经营者）"
    )
    lot_id: int | None = Field(default=None, description="批次编号（与序号范围一起）")
    first: int | None = Field(default=None, ge=1, description="批次内起始序号")
    last: int | None = Field(default=None, ge=1, description="批次内结束序号")

    @model_validator(mode="after")
    def _one_selection(self) -> PrintJobCreate:
        chosen = [
            self.issue_id is not None,
            self.label_ids is not None,
            self.lot_id is not None,
        ]
        if sum(chosen) != 1:
            raise ValueError("请只指定一种打印范围：签发记录、标签编号或批次序号范围")
        if self.lot_id is not None and (self.first is None or self.last is None):
            raise ValueError("按批次打印时须给出起始和结束序号")
        if self.first is not None and self.last is not None and self.first > self.last:
            raise ValueError("起始序号不能大于结束序号")
        return self


class PrintJobOut(BaseModel):
    public_id: str
    layout: str
    layout_title: str
    status: JobStatus
    status_label: str
    finished: bool = Field(description="已完成，可以下载")
    failed: bool
    running: bool = Field(description="生成中（进度见 done / total）")
    pending: bool = Field(description="排队中或生成中")
    total: int
    done: int
    percent: int
    error: str
    output_size: int
    lot_id: int | None
    organisation_id: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    status_url: str
    download_url: str | None
