"""The 许可证台账 import's pages (the core importer's), for licensing officers (their
jurisdiction's holders) and the league admin."""

from __future__ import annotations

from seedreg.accounts.web import CurrentActor
from seedreg.core.web import importing
from seedreg.licensing import ledger

HANDLERS = importing.mount(
    ledger.LICENCES,
    base="/licensing/licences/import",
    home="/licensing",
    ensure=ledger.ensure_importer,
    filename="licences-template.xlsx",
    actor_type=CurrentActor,
)
