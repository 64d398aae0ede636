"""Piccolo configuration: the engine comes from SEEDREG_DATABASE_URL."""

from piccolo.conf.apps import AppRegistry

from seedreg.core.db import engine_from_url
from seedreg.settings import get_settings

DB = engine_from_url(get_settings().database_url)

APP_REGISTRY = AppRegistry(
    apps=[
        "seedreg.core.piccolo_app",
        "seedreg.core.audit.piccolo_app",
        "seedreg.reference.piccolo_app",
        "seedreg.varieties.piccolo_app",
        "seedreg.organisations.piccolo_app",
        "seedreg.accounts.piccolo_app",
        "seedreg.notifications.piccolo_app",
        "seedreg.matters.piccolo_app",
        "seedreg.licensing.piccolo_app",
        "seedreg.introductions.piccolo_app",
        "seedreg.nurseries.piccolo_app",
        "seedreg.lots.piccolo_app",
        "seedreg.quality.piccolo_app",
        "seedreg.quarantine.piccolo_app",
        "seedreg.labels.piccolo_app",
        "seedreg.printing.piccolo_app",
        "seedreg.inspections.piccolo_app",
        "seedreg.archive.piccolo_app",
        "seedreg.afforestation.piccolo_app",
        "seedreg.servicedesk.piccolo_app",
        "seedreg.elicences.piccolo_app",
        "seedreg.leads.piccolo_app",
        "seedreg.cases.piccolo_app",
        "seedreg.reports.piccolo_app",
    ]
)
