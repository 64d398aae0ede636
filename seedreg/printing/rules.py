"""Pure printing rules: the states of a print job. No I/O."""

from __future__ import annotations

from enum import StrEnum


class JobStatus(StrEnum):
    """A print job's state as stored; the worker moves it queued → running → done / failed
    (a running job whose worker went silent goes back to queued)."""

    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return {"queued": "排队中", "running": "生成中", "done": "已完成", "failed": "失败"}[
            self.value
        ]

    @property
    def pending(self) -> bool:
        """Still to be rendered: its page refreshes itself."""
        return self in (JobStatus.QUEUED, JobStatus.RUNNING)
