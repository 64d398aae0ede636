"""The 生产经营者台账 import's pages (the core importer's), for registrars: licensing officers
for their jurisdiction, the league admin for all."""

from __future__ import annotations

from seedreg.accounts.web import CurrentActor
from seedreg.core.web import importing
from seedreg.organisations import ledger, services

HANDLERS = importing.mount(
    ledger.ORGANISATIONS,
    base="/organisations/import",
    home="/organisations",
    ensure=services.ensure_registrar,
    filename="organisations-template.xlsx",
    actor_type=CurrentActor,
)
