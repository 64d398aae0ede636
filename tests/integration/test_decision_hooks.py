"""The shared review and forwarding on the real database: the matter's decision hooks run in
the decision's transaction (a hook that refuses leaves nothing decided, no notice, no licence),
a hook adds its facts to the decision notice, and the region's decision is recorded as the
officer copied it (number, date, outcome, reasons) on the shared application."""

from __future__ import annotations

import pytest

from seedreg.core import clock
from seedreg.core.errors import RuleViolation
from seedreg.licensing import forwarding, intake, review
from seedreg.licensing.rules import Status
from seedreg.licensing.schemas import ForwardIn, RegionRefusalIn
from seedreg.licensing.tables import Licence
from seedreg.matters import decisions
from seedreg.matters.decisions import Decision, Effect, Outcome
from seedreg.matters.tables import Application, Notice
from tests.factories import actor_named as actor
from tests.integration.test_licensing_clocks import submitted
from tests.integration.test_licensing_forwarding import accepted_with_varieties


@pytest.fixture
async def alice(personas):
    return await actor("alice")


@pytest.fixture
async def officer(personas):
    return await actor("officer_wlht")


@pytest.fixture
def extra_hook(monkeypatch):
    """Register one more hook for licensing's grant for this test only."""
    hooks = {k: list(v) for k, v in decisions._HOOKS.items()}
    monkeypatch.setattr(decisions, "_HOOKS", hooks)

    def add(hook) -> None:
        decisions.register("licensing", Outcome.GRANT, hook)

    return add


async def test_a_hook_that_refuses_leaves_nothing_decided(alice, officer, extra_hook):
    app_id = await submitted(alice)
    await intake.accept(officer, app_id)
    licences_before = await Licence.count()

    async def refuses(actor, decision: Decision) -> Effect:
        raise RuleViolation("演示：本事项的登记簿拒绝了该决定")

    extra_hook(refuses)
    with pytest.raises(RuleViolation, match="登记簿拒绝"):
        await review.grant(officer, app_id)

    row = await Application.select().where(Application.id == app_id).first()
    assert (row["status"], row["decided_on"]) == (Status.ACCEPTED, None)
    assert await Licence.count() == licences_before  # the licence hook's write rolled back
    kinds = [
        n["kind"] for n in await Notice.select(Notice.kind).where(Notice.application == app_id)
    ]
    assert "grant" not in kinds


async def test_a_hook_adds_its_facts_to_the_decision_notice(alice, officer, extra_hook):
    app_id = await submitted(alice)
    await intake.accept(officer, app_id)
    seen: list[Decision] = []

    async def notes(actor, decision: Decision) -> Effect:
        seen.append(decision)
        return Effect(notice={"register_note": "已登记"})

    extra_hook(notes)
    out = await review.grant(officer, app_id)

    assert out is not None
    assert out.status is Status.GRANTED
    [decision] = seen
    assert (decision.outcome, decision.on, decision.deemed) == (Outcome.GRANT, clock.today(), False)
    grant = (
        await Notice.select()
        .where((Notice.application == app_id) & (Notice.kind == "grant"))
        .first()
        .output(load_json=True)
    )
    # licensing's own facts and the extra hook's, side by side
    assert grant["content"]["register_note"] == "已登记"
    assert grant["content"]["licence_id"] == out.licence_id
    assert grant["content"]["licence_number"]


async def test_the_regions_refusal_is_recorded_with_its_number(alice, officer):
    app_id = await accepted_with_varieties(alice, officer)
    with pytest.raises(RuleViolation, match="报送"):
        await review.grant(officer, app_id)  # the region decides 良种
    await forwarding.forward(officer, app_id, ForwardIn(opinion="经审核，同意核发"))
    refusal = RegionRefusalIn(
        decided_on=clock.today(),
        decision_number="内林草许不准〔2026〕3号",
        reasons="繁殖材料来源证明不足",
    )
    out = await forwarding.record_region_refusal(officer, app_id, refusal)

    assert out.status is Status.REFUSED
    assert out.reasons == "繁殖材料来源证明不足"
    assert out.region_decision == {
        "number": "内林草许不准〔2026〕3号",
        "decided_on": clock.today().isoformat(),
        "outcome": "refuse",
        "reasons": "繁殖材料来源证明不足",
        "scan": None,
    }
    assert out.licence_id is None
