"""Shared setup of the archive and afforestation tests: alice's lots with their 两证一签 and
labels issued, through the real APIs (tests/label_support.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.fixtures import unique
from tests.http.lotkit import make_lot, ok, record_licence
from tests.label_support import Chain, make_chain

APPROVAL = "国S-SP-PS-001-2020"


@dataclass
class World:
    chain: Chain
    improved_licence: dict
    variety: str

    def labelled(self, count: int = 5, each: int = 100, improved: bool = False) -> dict:
        """A lot with 两证一签 complete and ``count`` labels; its labels under "labels"."""
        if improved:
            lot = make_lot(
                self.chain.alice, self.improved_licence, species=self.chain.species,
                quantity=count * each, improved=True, variety=self.variety,
                approval_number=APPROVAL,
            )  # fmt: skip
            lot["quality_certificate"] = self.chain.quality(lot)
            lot["site_quarantine"] = self.chain.site_quarantine(lot)
        else:
            lot = self.chain.ready_lot(quantity=count * each)
        body = {"count": count, "quantity_each": each}
        issue = ok(self.chain.alice.post(f"/api/labels/lots/{lot['id']}/issues", json=body), 201)
        labels = ok(self.chain.alice.get(f"/api/labels/issues/{issue['id']}/labels"))["items"]
        lot["labels"] = sorted(labels, key=lambda x: x["sequence"])
        return lot


def make_world(api: Any) -> World:
    chain = make_chain(api)
    variety = unique("良种")
    licence = record_licence(
        api("officer_league"),
        chain.alice_org,
        species=[chain.species],
        varieties=[{"species": chain.species, "variety": variety, "approval_number": APPROVAL}],
    )
    return World(chain, licence, variety)
