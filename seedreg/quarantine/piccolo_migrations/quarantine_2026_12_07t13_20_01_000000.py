"""What each 产地检疫合格证 lot already gave to exchanged 植物检疫证书 (not revoked): the start
of the ``consigned`` count the exchange's conditional UPDATE keeps from here on."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder

ID = "2026-12-07T13:20:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "quarantine: count what each site certificate's lots already consigned"

FILL = """
UPDATE site_quarantine_lot SET consigned = (
  SELECT COALESCE(SUM(i.quantity), 0) FROM consignment_item i
  JOIN quarantine_certificate c ON c.id = i.certificate
  WHERE c.exchanged_from = site_quarantine_lot.certificate
    AND i.lot = site_quarantine_lot.lot AND c.status = 'valid'
)
"""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="quarantine", description=DESCRIPTION)

    async def run():
        await engine_finder().run_ddl(FILL)

    manager.add_raw(run)
    return manager
