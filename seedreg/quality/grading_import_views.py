"""The xlsx import of seedling grading rows: the core importer's pages mounted for the 种苗站 and
the league admin."""

from __future__ import annotations

from seedreg.accounts.web import CurrentActor
from seedreg.core.web import importing
from seedreg.quality import grading
from seedreg.quality.grading_import import SEEDLING_ROWS

HOME = "/admin/quality/grading"
BASE = f"{HOME}/import"


HANDLERS = importing.mount(
    SEEDLING_ROWS,
    base=BASE,
    home=HOME,
    ensure=grading.ensure_grading,
    filename="grading-seedling-template.xlsx",
    actor_type=CurrentActor,
    done=importing.counts_url(HOME, "#seedling"),
)
