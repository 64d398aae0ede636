"""The e-licence outbox: licence versions are queued once with a well-formed identifier built
from the settings' codes (nothing while codes are missing), sent to the library adapter with a
signed request, retried while it is down, given up when it refuses, and a new version queued
again. The library is an httpx mock: no network."""

from __future__ import annotations

import json
import random
import secrets
from datetime import timedelta

import httpx
import pytest

from seedreg.core import clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit.services import history
from seedreg.core.regionhttp import signature
from seedreg.elicences import rules, services
from seedreg.elicences.library import HttpLibrary
from seedreg.elicences.tables import ElicenceOutbox
from seedreg.licensing.tables import Licence
from seedreg.organisations.rules import make_uscc
from tests.factories import admin_actor, make_organisation

TYPE_CODE = make_uscc("11100000MB0000003") + "007"


def _division() -> str:
    return f"15{random.randint(3000, 9999)}"  # a division of this test's own


async def _licence(division: str) -> dict:
    org = await make_organisation("152201")
    today = clock.today()
    row = Licence(
        number=f"{division}{today.year}{random.randint(0, 9999):04d}",
        public_id=secrets.token_urlsafe(12),
        organisation=org.id,
        holder_name=org.name,
        legal_representative="张三",
        registered_address="乌兰浩特市兴安南大路1号",
        species=["樟子松"],
        scope=["seedling"],
        valid_area=["152200"],
        valid_from=today,
        valid_to=today + timedelta(days=5 * 365),
        issued_on=today,
        issuing_division=division,
        issuing_authority="测试林业和草原局",
        division_code="152201",
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    await row.save()
    return {"id": row.id, "number": row.number, "org": org}


@pytest.fixture
async def codes(personas):
    """Sets the type code and one issuer code for a division of the test's own; restores."""
    admin = await admin_actor()
    division = _division()
    issuer = make_uscc(f"11{division}MB0000007")
    try:
        await rs.set_value(admin, "elicences.type_code", TYPE_CODE)
        await rs.set_value(admin, "elicences.issuer_codes", f"{division}:{issuer}")
        yield division, issuer
    finally:
        await rs.reset(admin, "elicences.type_code")
        await rs.reset(admin, "elicences.issuer_codes")


async def rows_of(licence_id: int) -> list[dict]:
    return (
        await ElicenceOutbox.select()
        .where(ElicenceOutbox.licence_id == licence_id)
        .order_by(ElicenceOutbox.licence_version)
    )


def library(answers: dict[str, httpx.Response], seen: list[httpx.Request]) -> HttpLibrary:
    """A library that gives this test's identifiers the answers given, and takes the rest (other
    tests' rows that are due get drained by the same call)."""

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        ident = json.loads(request.content)["certificateIdentifier"]
        return answers.get(ident) or httpx.Response(200, json={"receipt": "R-x"})

    return HttpLibrary(
        "https://elicence.example.invalid/api/push",
        key="k",
        secret="s3",
        transport=httpx.MockTransport(answer),
    )


async def test_nothing_is_queued_while_codes_are_missing(personas):
    licence = await _licence(_division())
    result = await services.queue_new_versions()
    assert await rows_of(licence["id"]) == []
    assert any("颁发机构" in p for p in result["problems"])


async def test_a_licence_is_queued_once_sent_signed_and_retried(codes):
    division, issuer = codes
    licence = await _licence(division)
    await services.queue_new_versions()
    await services.queue_new_versions()  # a second round queues nothing new
    (row,) = await rows_of(licence["id"])
    ident = row["identifier"]
    assert rules.identifier_problems(ident, "1.2.156.3005.2") == []
    assert ident.split(".")[-5:-1] == [TYPE_CODE, issuer, licence["number"], "001"]
    payload = json.loads(row["payload"]) if isinstance(row["payload"], str) else row["payload"]
    assert payload["certificateIdentifier"] == ident
    assert payload["certificateHolderCode"] == licence["org"].uscc
    assert payload["certificateNumber"] == licence["number"]

    seen: list[httpx.Request] = []
    down = library({ident: httpx.Response(503, text="busy")}, seen)
    now = clock.now()
    await services.drain(down, batch=1000, now=now)
    (row,) = await rows_of(licence["id"])
    assert (row["sent_at"], row["attempts"]) == (None, 1)
    assert "503" in row["last_error"]
    assert row["claimed_until"] > now  # waits before the next try
    await services.drain(down, batch=1000, now=now)
    assert [json.loads(r.content)["certificateIdentifier"] for r in seen].count(ident) == 1

    later = now + services.retry_pause(1) + timedelta(seconds=1)
    up = library({}, seen)
    await services.drain(up, batch=1000, now=later)
    (row,) = await rows_of(licence["id"])
    assert row["sent_at"] is not None
    assert (row["receipt"], row["attempts"]) == ("R-x", 2)
    request = next(
        r for r in reversed(seen) if json.loads(r.content)["certificateIdentifier"] == ident
    )
    stamp = request.headers["X-Timestamp"]
    assert request.headers["X-Signature"] == signature("s3", stamp, request.content)
    actions = [e["action"] for e in await history("licence", licence["id"])]
    assert actions[-2:] == ["elicence:queue", "elicence:send"]


async def test_a_refusal_is_final_and_a_new_version_is_queued_again(codes):
    division, _ = codes
    licence = await _licence(division)
    await services.queue_new_versions()
    seen: list[httpx.Request] = []
    (queued,) = await rows_of(licence["id"])
    refusal = {queued["identifier"]: httpx.Response(400, text="bad")}
    await services.drain(library(refusal, seen), batch=1000)
    (row,) = await rows_of(licence["id"])
    assert row["failed_at"] is not None
    await Licence.update({Licence.version: 2}).where(Licence.id == licence["id"])
    await services.queue_new_versions()
    first, second = await rows_of(licence["id"])
    assert second["licence_version"] == 2
    assert second["identifier"].split(".")[-2] == "002"
    assert second["identifier"] != first["identifier"]
    shown = await services.of_licence(licence["id"])
    assert [r["licence_version"] for r in shown] == [2, 1]
