"""The reviewer's automatic checks read the 良种 register and the species list (the facts are
FICTIONAL test data registered here)."""

from __future__ import annotations

from datetime import date

import pytest

from seedreg.introductions.check_rules import Outcome
from seedreg.introductions.review import Facts, automatic_checks
from seedreg.varieties import services
from seedreg.varieties.schemas import StopIn, VarietyIn
from tests.factories import actor_named as actor
from tests.fixtures import unique

DAY = date(2026, 12, 7)


def outcomes(checks) -> dict[str, Outcome]:
    return {c.key: c.outcome for c in checks}


@pytest.fixture
async def variety(personas) -> dict:
    admin = await actor("admin")
    code = int(unique("n")[1:8], 16)
    initials = "".join(chr(65 + (code // 26**i) % 26) for i in range(4))
    data = VarietyIn(
        kind="approval",
        number=f"吉S-SC-{initials}-{code % 1000:03d}-2015",
        species_name="樟子松",
        variety_name="测试品种",
        body_code="220000",
        year=2015,
        zone_codes=["220000"],
    )
    return await services.create(admin, data)


async def test_a_registered_variety_from_another_province_is_checked(variety):
    facts = Facts(
        species="樟子松",
        origin_code="220100",
        site_codes=("152221",),
        variety_number=variety["number"],
        native=True,
    )
    found = outcomes(await automatic_checks(facts, DAY))
    assert found["species"] is Outcome.PASSED
    assert found["variety_species"] is Outcome.PASSED
    assert found["zone"] is Outcome.FAILED  # approved for 吉林 only
    assert found["filing"] is Outcome.FAILED  # Art. 19 ¶1: no 备案 yet
    assert found["requirement"] is Outcome.FAILED
    filed = Facts(
        **{
            **facts.__dict__,
            "filing_number": "备-1",
            "filing_zone_codes": ("152200",),
            "requirement_number": "要求书-1",
        }
    )
    assert set(outcomes(await automatic_checks(filed, DAY)).values()) <= {
        Outcome.PASSED,
        Outcome.NOT_APPLICABLE,
    }


async def test_a_stop_order_in_the_register_fails_the_check(variety):
    admin = await actor("admin")
    await services.stop(
        admin, variety["id"], StopIn(stopped_on=DAY, document="文号9", reason="测试理由")
    )
    facts = Facts(
        species="樟子松",
        origin_code="150700",
        site_codes=("152221",),
        variety_number=variety["number"],
    )
    assert outcomes(await automatic_checks(facts, DAY))["stopped"] is Outcome.FAILED


async def test_an_unknown_number_and_an_unlisted_species(personas):
    facts = Facts(
        species=unique("树"),
        origin_code="150700",
        site_codes=("152221",),
        variety_number="国S-SV-XX-001-2000",
    )
    checks = await automatic_checks(facts, DAY)
    found = outcomes(checks)
    assert found["registered"] is Outcome.FAILED
    assert found["species"] is Outcome.WARNING
    assert found["zone"] is Outcome.NOT_APPLICABLE
    assert [c.key for c in checks][:2] == ["species", "registered"]
