"""Building a lot whose 两证一签 is complete, through the real APIs: a licence recorded by an
officer, a lot registered by the operator, a station inspection and 质量检验合格证, a
产地检疫合格证 from the full-time 检疫员; plus direct row changes to move a record into a
state (expired, revoked) that would otherwise take months."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from seedreg.core import clock
from seedreg.core.db import fetch
from tests.fixtures import unique
from tests.http.lotkit import (
    confirmed_row,
    make_lot,
    ok,
    record_licence,
    seed_measures,
    seed_row,
    seedling_measures,
    seedling_row,
)

SITES = "/api/quarantine/site-certificates"
PHONE = "0482-8123456"


def today() -> date:
    return clock.today()


def sql(query: str, *args: Any) -> list[dict[str, Any]]:
    """Run one statement against the test database (to set a state directly)."""
    return asyncio.run(fetch(query, *args))


@dataclass
class Chain:
    """One species of its own with grading rows, and alice's licence for it."""

    species: str
    latin_name: str
    licence: dict
    alice: Any
    station: Any
    quarantine: Any
    alice_org: int

    def lot(self, material: str = "seedling", quantity: Any = 5000, **changes: Any) -> dict:
        """A lot alice registers (no certificates yet)."""
        return make_lot(
            self.alice,
            self.licence,
            species=self.species,
            material=material,
            quantity=quantity,
            **changes,
        )

    def quality(self, lot: dict) -> dict:
        """A station inspection that passes, and its 质量检验合格证."""
        measures = (
            seedling_measures(root_spread_cm=20)
            if lot["material"] == "seedling"
            else seed_measures()
        )
        found = ok(self.station.post(f"/api/lots/{lot['id']}/inspections", json=measures), 201)
        return ok(self.station.post(f"/api/quality/inspections/{found['id']}/certificate"), 201)

    def site_quarantine(self, lot: dict) -> dict:
        body = {
            "organisation_id": self.alice_org,
            "production_site": "乌兰浩特市义勒力特镇红星村苗圃3号地块",
            "inspected_on": today().isoformat(),
            "findings": "经产地检疫，未发现检疫对象",
            "lot_ids": [lot["id"]],
        }
        return ok(self.quarantine.post(SITES, json=body), 201)

    def ready_lot(self, material: str = "seedling", quantity: Any = 5000, **changes: Any) -> dict:
        """A lot with 两证一签 complete; returns the lot with its certificates attached."""
        lot = self.lot(material, quantity, **changes)
        lot["quality_certificate"] = self.quality(lot)
        lot["site_quarantine"] = self.site_quarantine(lot)
        return lot


def make_chain(api, *, latin_confirmed: bool = True) -> Chain:
    admin, league = api("admin"), api("officer_league")
    alice = api("alice")
    species = unique("标签树")
    latin = "Pinus sylvestris var. mongolica"
    ok(
        admin.post(
            "/api/reference/species",
            json={
                "name_zh": species,
                "category": "乡土树种",
                "latin_name": latin,
                "latin_confirmed": latin_confirmed,  # labels print only confirmed Latin names
            },
        ),
        201,
    )
    station = api("station")
    confirmed_row(admin, station, "seedling", seedling_row(species))
    confirmed_row(admin, station, "seed", seed_row(species))
    me = ok(alice.get("/api/me"))
    org_id = me["organisation_id"]
    ok(alice.patch(f"/api/organisations/{org_id}", json={"phone": PHONE}))
    licence = record_licence(league, org_id, species=[species])
    return Chain(species, latin, licence, alice, station, api("quarantine"), org_id)


# --- moving records into a state ------------------------------------------------------------


def expire(table: str, row_id: int) -> None:
    """A certificate or licence that ended yesterday."""
    sql(f"UPDATE {table} SET valid_to = {{}} WHERE id = {{}}", today() - timedelta(days=1), row_id)  # noqa: S608


def set_status(table: str, row_id: int, status: str) -> None:
    sql(f"UPDATE {table} SET status = {{}} WHERE id = {{}}", status, row_id)  # noqa: S608


def restore(table: str, row_id: int, valid_to: date | str) -> None:
    if isinstance(valid_to, str):
        valid_to = date.fromisoformat(valid_to)
    sql(
        f"UPDATE {table} SET status = 'valid', valid_to = {{}} WHERE id = {{}}",  # noqa: S608
        valid_to,
        row_id,
    )
