"""The xlsx import of seedling grading rows through the API: the same core importer and
services as the pages (upload → preview with each row's errors → commit in a chosen mode)."""

from __future__ import annotations

from seedreg.accounts.web import CurrentActor
from seedreg.core.web import importing
from seedreg.quality import grading
from seedreg.quality.grading_import import SEEDLING_ROWS

HANDLERS = importing.mount_api(
    SEEDLING_ROWS,
    base="/api/quality/grading/seedling/import",
    noun="苗木分级数据",
    tags=["分级标准数据"],
    ensure=grading.ensure_grading,
    filename="grading-seedling-template.xlsx",
    actor_type=CurrentActor,
)
