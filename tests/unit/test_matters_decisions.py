"""The decision hook registry (``matters.decisions``): a matter's hooks run in order for their
outcome only, their effects merged; a matter without hooks decides with no effect; the region
decides only where the matter registered a predicate that says so."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from seedreg.core.audit.services import SYSTEM, ActorLike
from seedreg.matters import decisions
from seedreg.matters.decisions import Decision, Effect, Outcome, RegionDecision

DAY = date(2026, 12, 7)


@pytest.fixture
def clean_registry(monkeypatch):
    monkeypatch.setattr(decisions, "_HOOKS", {})
    monkeypatch.setattr(decisions, "_FORWARDS", {})


def decision(matter: str, outcome: Outcome = Outcome.GRANT) -> Decision:
    return Decision(outcome, {"matter": matter, "id": 1}, DAY)


async def test_it_runs_the_matters_hooks_in_order_and_merges_their_effects(clean_registry):
    calls: list[str] = []

    async def first(actor: ActorLike, d: Decision) -> Effect:
        calls.append("first")
        return Effect(changes={"licence": 7, "x": 1}, notice={"licence_number": "A"})

    async def second(actor: ActorLike, d: Decision) -> Effect:
        calls.append("second")
        return Effect(changes={"x": 2}, message="已准予")

    decisions.register("m", Outcome.GRANT, first)
    decisions.register("m", Outcome.GRANT, second)
    decisions.register("m", Outcome.GRANT, first)  # imported twice: still once

    effect = await decisions.run(SYSTEM, decision("m"))

    assert calls == ["first", "second"]
    assert effect == Effect({"licence": 7, "x": 2}, {"licence_number": "A"}, "已准予")


async def test_it_runs_nothing_for_another_outcome_or_matter(clean_registry):
    async def boom(actor: ActorLike, d: Decision) -> Effect:
        raise AssertionError("must not run")

    decisions.register("m", Outcome.GRANT, boom)

    assert await decisions.run(SYSTEM, decision("m", Outcome.REFUSE)) == Effect()
    assert await decisions.run(SYSTEM, decision("other")) == Effect()


async def test_a_hook_that_returns_nothing_adds_nothing(clean_registry):
    async def quiet(actor: ActorLike, d: Decision) -> None:
        return None

    decisions.register("m", Outcome.REFUSE, quiet)
    assert await decisions.run(SYSTEM, decision("m", Outcome.REFUSE)) == Effect()


async def test_the_region_decides_only_where_the_matter_says_so(clean_registry):
    async def only_improved(row: Mapping[str, Any]) -> bool:
        return bool(row.get("improved"))

    decisions.forwards("m", only_improved)

    assert await decisions.region_decides({"matter": "m", "improved": True})
    assert not await decisions.region_decides({"matter": "m", "improved": False})
    assert not await decisions.region_decides({"matter": "unregistered", "improved": True})


def test_the_regions_decision_is_stored_as_it_was_recorded():
    region = RegionDecision(
        DAY, Outcome.REFUSE, number="内林草许〔2026〕9号", reasons="不符合条件", scan=3
    )
    assert region.record() == {
        "number": "内林草许〔2026〕9号",
        "decided_on": "2026-12-07",
        "outcome": "refuse",
        "reasons": "不符合条件",
        "scan": 3,
    }


def test_licensing_registers_its_grant_hook_and_its_forwarding():
    from seedreg.licensing import decisions as licensing_hooks

    assert licensing_hooks.on_grant in decisions.registered("licensing", Outcome.GRANT)
    assert decisions.registered("licensing", Outcome.REFUSE) == ()
    assert "licensing" in decisions._FORWARDS
