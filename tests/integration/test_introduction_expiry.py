"""An approved introduction used after its period, or before it starts, is refused with the
reason; on its last day it is still good (services against the test database)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from seedreg.core import clock
from seedreg.core.errors import RuleViolation
from seedreg.introductions import approvals, decide, services
from seedreg.introductions.schemas import DrawIn, GrantIn, IntroductionCreate
from tests.factories import actor_named as actor
from tests.http.introkit import OTHER_CITY, details


@pytest.fixture
async def approval(personas) -> dict:
    alice, league = await actor("alice"), await actor("officer_league")
    end = clock.today() + timedelta(days=30)
    row = await services.create(
        alice, IntroductionCreate.model_validate({"details": details(valid_to=end.isoformat())})
    )
    await services.submit(alice, row["id"])
    await services.accept(league, row["id"])
    await decide.grant(league, row["id"], GrantIn(conditions=""))
    found = await approvals.for_application(row["id"])
    assert found is not None
    return found


def one(quantity: str = "10") -> DrawIn:
    return DrawIn(
        quantity=Decimal(quantity),
        unit="株",
        site_code="152221",
        variety="樟子松（普通）",
        origin_code=OTHER_CITY,
    )


async def test_after_its_period_a_draw_is_refused_with_the_reason(approval):
    alice = await actor("alice")
    after = approval["valid_to"] + timedelta(days=1)
    with pytest.raises(RuleViolation, match=r"批准有效期已于.*届满"):
        await approvals.draw(alice, approval["id"], one(), on=after)
    before = approval["valid_from"] - timedelta(days=1)
    with pytest.raises(RuleViolation, match="尚未开始"):
        await approvals.draw(alice, approval["id"], one(), on=before)
    last_day = await approvals.draw(alice, approval["id"], one(), on=approval["valid_to"])
    assert last_day.remaining == Decimal(990)
