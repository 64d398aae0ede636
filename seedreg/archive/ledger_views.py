"""The 生产经营档案 import's pages (the core importer's), for the operator whose archive it is."""

from __future__ import annotations

from seedreg.accounts.web import CurrentActor
from seedreg.archive import ledger
from seedreg.core.web import importing

HANDLERS = importing.mount(
    ledger.ENTRIES,
    base="/archive/import",
    home="/archive",
    ensure=ledger.ensure_recorder,
    filename="archive-template.xlsx",
    actor_type=CurrentActor,
)
