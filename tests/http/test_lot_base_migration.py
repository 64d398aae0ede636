"""The data migration that links lots' typed 苗圃基地 to the register (issue 18): matched by exact
or normalised name within the same organisation; anything else kept, typed text untouched."""

from __future__ import annotations

import asyncio
import importlib

from tests.fixtures import unique
from tests.http.lotkit import make_lot, ok, record_licence
from tests.http.nurserykit import base_body

MIGRATION = importlib.import_module(
    "seedreg.lots.piccolo_migrations.lots_2026_12_07t09_10_01_000000"
)


def test_normalised_names_read_alike():
    assert MIGRATION.normalise("红星 苗圃（基地）") == MIGRATION.normalise("红星苗圃基地") == "红星"
    assert MIGRATION.normalise("ＡＢ苗圃") == "AB"
    assert MIGRATION.normalise("苗圃") == ""


def test_typed_bases_are_linked_where_they_match_and_kept_where_not(api, personas):
    alice, bob = api("alice"), api("bob")
    licence = record_licence(
        api("officer_league"), personas["alice"].organisation_id, species=["樟子松"]
    )
    stem = unique("红星")
    exact = ok(alice.post("/api/nurseries", json=base_body(name=f"{stem}苗圃基地")), 201)
    twin = unique("双子")
    for _ in range(2):  # two bases of one normalised name: which one is meant is not known
        ok(alice.post("/api/nurseries", json=base_body(name=f"{twin}苗圃")), 201)
    bobs = ok(
        bob.post(
            "/api/nurseries",
            json=base_body(name=unique("鲍勃苗圃"), division_code="152221", lat=46.1, lon=121.9),
        ),
        201,
    )

    typed = {
        "exact": f"{stem}苗圃基地",
        "normalised": f" {stem} 苗圃（基地）",
        "ambiguous": f"{twin}苗圃基地",
        "other_org": bobs["name"],
        "unknown": unique("无名苗圃"),
    }
    lots = {key: make_lot(alice, licence, nursery_base=text) for key, text in typed.items()}
    assert all(lot["base_id"] is None for lot in lots.values())

    result = asyncio.run(MIGRATION.match_lots())
    assert result["linked"] >= 2

    after = {key: ok(alice.get(f"/api/lots/{lot['id']}"))["lot"] for key, lot in lots.items()}
    assert after["exact"]["base_id"] == exact["id"]
    assert after["normalised"]["base_id"] == exact["id"]
    for key in ("ambiguous", "other_org", "unknown"):
        assert after[key]["base_id"] is None, key
        assert after[key]["base_unresolved"], key
    # nothing typed is lost: every lot keeps its text as it was stored
    for key, lot in lots.items():
        assert after[key]["nursery_base"] == lot["nursery_base"], key
    assert asyncio.run(MIGRATION.match_lots())["linked"] == 0  # re-running changes nothing
    assert ok(alice.get(f"/api/lots/{lots['exact']['id']}"))["lot"]["base_id"] == exact["id"]
