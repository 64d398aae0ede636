"""The data migration that gives each existing licence its first term (the dates it has now),
on the real database (SQLite and PostgreSQL). Set-up empties ``terms`` directly: the shape a
licence had before terms were kept."""

from __future__ import annotations

import importlib
from datetime import date

from seedreg.core import clock
from seedreg.licensing import applications, intake, review
from seedreg.licensing.rules import ApplicationKind
from seedreg.licensing.schemas import ApplicationCreate, ApplicationDetails
from seedreg.licensing.tables import Licence
from tests.factories import SEEDLING_DETAILS
from tests.factories import actor_named as actor

MIGRATION = importlib.import_module(
    "seedreg.licensing.piccolo_migrations.licensing_2026_12_07t03_20_01_000000"
)


async def _licence_row(licence_id: int) -> dict:
    return await Licence.select().where(Licence.id == licence_id).first().output(load_json=True)


async def test_existing_licences_get_their_first_term(personas):
    alice, officer = await actor("alice"), await actor("officer_wlht")
    app = await applications.create(
        alice,
        ApplicationCreate(
            kind=ApplicationKind.ISSUE, details=ApplicationDetails(**SEEDLING_DETAILS)
        ),
    )
    await applications.submit(alice, app.id)
    await intake.accept(officer, app.id)
    granted = await review.grant(officer, app.id)
    assert granted is not None
    lid = granted.licence_id
    old = date(2021, 3, 1)
    await Licence.update(
        {Licence.terms: [], Licence.valid_from: old, Licence.issued_on: old}
    ).where(Licence.id == lid)
    before = await _licence_row(lid)

    assert await MIGRATION.backfill() >= 1
    row = await _licence_row(lid)
    assert row["terms"] == [
        {
            "kind": "issue",
            "valid_from": "2021-03-01",
            "valid_to": before["valid_to"].isoformat(),
            "issued_on": "2021-03-01",
        }
    ]
    # Again: a licence with terms is left alone.
    await MIGRATION.backfill()
    assert (await _licence_row(lid))["terms"] == row["terms"]
    assert row["valid_to"] > clock.today()
