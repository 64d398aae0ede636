"""The two-stage 审核/核发 path through the services: every step one guarded, audited
transition, the licence recorded as the region issued it (令第40号 Art. 12; 种子法 Art. 31 ¶2)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from seedreg.accounts.rules import Actor
from seedreg.core import calendar, clock
from seedreg.core.audit.services import history
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.licensing import applications, forwarding, intake, ratings, rules
from seedreg.licensing.rules import ApplicationKind, Status
from seedreg.licensing.schemas import (
    ApplicationCreate,
    ApplicationDetails,
    ForwardIn,
    ReasonIn,
    RegionGrantIn,
)
from seedreg.licensing.tables import Licence
from seedreg.matters.tables import Application
from tests.factories import SEEDLING_DETAILS
from tests.factories import actor_named as actor

VARIETY = {
    "species": "樟子松",
    "variety": "樟子松种子园种子",
    "approval_number": "国S-CSO-PS-001-2010",
}


@pytest.fixture
async def alice(personas) -> Actor:
    return await actor("alice")


@pytest.fixture
async def officer(personas) -> Actor:
    return await actor("officer_wlht")


async def accepted_with_varieties(alice: Actor, officer: Actor) -> int:
    details = ApplicationDetails(
        **{**SEEDLING_DETAILS, "scope": ["seed", "seedling"], "varieties": [VARIETY]}
    )
    app = await applications.create(
        alice, ApplicationCreate(kind=ApplicationKind.ISSUE, details=details)
    )
    await applications.submit(alice, app.id)
    await intake.accept(officer, app.id)
    return app.id


def _action_events(events: list[dict]) -> list[tuple[str, str | None, str | None]]:
    return [
        (e["action"], (e["before"] or {}).get("status"), (e["after"] or {}).get("status"))
        for e in events
        if e["action"].startswith("application:")
    ]


async def test_each_step_of_the_region_stage_is_one_audited_transition(alice, officer):
    app_id = await accepted_with_varieties(alice, officer)
    today = clock.today()
    cal = await calendar.work_calendar()

    out = await forwarding.forward(officer, app_id, ForwardIn(opinion="经审核，同意核发"))
    assert out.issuing_due == rules.issuing_due(today, cal)
    with pytest.raises(Conflict):  # only once
        await forwarding.forward(officer, app_id, ForwardIn(opinion="经审核，同意核发"))
    out = await forwarding.extend_issuing(officer, app_id, ReasonIn(reasons="专家评审需要"))
    assert out.issuing_due == rules.issuing_due(today, cal, extended=True)
    with pytest.raises(RuleViolation):
        await forwarding.extend_issuing(officer, app_id, ReasonIn(reasons="专家评审需要"))
    number = f"1500002024{app_id % 10000:04d}"
    grant = RegionGrantIn(
        decided_on=today,
        number=number,
        valid_from=today,
        valid_to=today + timedelta(days=365 * 5),
    )
    out = await forwarding.record_region_grant(officer, app_id, grant)

    assert out.status is Status.GRANTED
    events = await history("licence_application", app_id)
    assert _action_events(events)[-3:] == [
        ("application:forward", "accepted", "forwarded"),
        ("application:extend_issuing", "forwarded", "forwarded"),
        ("application:region_grant", "forwarded", "granted"),
    ]
    assert all(e["actor_id"] == officer.user_id for e in events[-3:])
    [recorded] = [
        e
        for e in await history("licence", out.licence_id)
        if e["action"] == "licence:record_region"
    ]
    assert recorded["after"]["number"] == number
    row = await Licence.select().where(Licence.id == out.licence_id).first()
    assert (row["recorded_only"], row["issuing_division"], row["issued_on"]) == (
        True,
        "150000",
        today,
    )
    app = await Application.select().where(Application.id == app_id).first()
    assert (app["due_on"], app["forwarded_on"]) == (None, today)


async def test_the_bureau_is_timed_until_it_forwards_not_until_the_region_decides(alice, officer):
    app_id = await accepted_with_varieties(alice, officer)
    before = await _bureau_row(officer)
    await forwarding.forward(officer, app_id, ForwardIn(opinion="经审核，同意核发"))
    after = await _bureau_row(officer)
    # Forwarding within the review period counts as done on time for the bureau.
    assert after["decided"] == before["decided"] + 1
    assert after["on_time"] == before["on_time"] + 1


async def _bureau_row(officer: Actor) -> dict:
    return next(r for r in await ratings.compliance(officer) if r["division_code"] == "152201")
