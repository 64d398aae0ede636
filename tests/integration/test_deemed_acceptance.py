"""Deemed acceptance (行政许可法第三十二条) as the matters' one daily job over every licence in
the catalogue: an introduction left five working days without a notice counts as accepted from
the day it was received — its 受理通知书 marked deemed, the audit by the system, the applicant
told — while one made as a 备案 (the league's step set to filing) is not a licence and waits
for the officer. Set-up moves received_on into the past with a direct update (the only way to
let five working days pass in a test); everything else is the services and the job."""

from __future__ import annotations

from datetime import timedelta

import pytest

from seedreg.accounts.rules import Actor
from seedreg.core import calendar, clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit.services import history
from seedreg.introductions import services
from seedreg.introductions.schemas import IntroductionCreate, IntroductionDetails
from seedreg.licensing import jobs
from seedreg.matters import clocks, deemed
from seedreg.matters.inbox import audit_subject
from seedreg.matters.tables import Application, Notice
from seedreg.notifications.tables import Notification
from tests.factories import actor_named as actor
from tests.http.introkit import details

KEY = "introductions.league_step"


@pytest.fixture
async def alice(personas) -> Actor:
    return await actor("alice")


async def submitted(alice: Actor) -> int:
    data = IntroductionCreate(details=IntroductionDetails(**details()))
    row = await services.create(alice, data)
    await services.submit(alice, row["id"])
    return row["id"]


async def received_long_ago(app_id: int) -> None:
    on, cal = clock.today(), await calendar.work_calendar()
    received = on - timedelta(days=1)
    while not clocks.is_deemed_accepted(received, on, cal):
        received -= timedelta(days=1)
    await Application.update({Application.received_on: received}).where(Application.id == app_id)


async def test_the_catalogue_licences_are_deemed_by_one_job(personas):
    codes = {m["code"] for m in await deemed.licence_matters()}
    assert {"licensing", "introduction"} <= codes
    assert "filing" not in codes  # a 备案 is not a licence (种子法第三十八条)


async def test_an_introduction_left_five_working_days_is_deemed_accepted(alice):
    app_id = await submitted(alice)
    await received_long_ago(app_id)
    admin = await actor("admin")
    try:
        await rs.set_value(admin, KEY, "filing", reason="测试：备案方式")
        filed_id = await submitted(alice)
    finally:
        await rs.reset(admin, KEY)
    await received_long_ago(filed_id)
    waiting_id = await submitted(alice)  # received today: not yet
    seen = await Notification.count().where(Notification.user == alice.user_id)

    result = await jobs.run_daily(clock.today())

    assert app_id in result["deemed_accepted"]
    assert filed_id not in result["deemed_accepted"]
    assert waiting_id not in result["deemed_accepted"]
    row = await Application.select().where(Application.id == app_id).first()
    assert (row["status"], row["acceptance_deemed"]) == ("accepted", True)
    assert row["accepted_on"] == row["received_on"]  # accepted from the day it was received
    assert row["statutory_due"] is not None
    [notice] = await Notice.select().where(Notice.application == app_id).output(load_json=True)
    assert (notice["kind"], notice["issued_by"]) == ("acceptance", None)
    assert notice["content"]["deemed"] is True
    assert "引受" in notice["number"]  # the introduction's own notice numbers
    events = await history(audit_subject("introduction"), app_id)
    [event] = [e for e in events if e["action"] == "application:deem_accepted"]
    assert event["actor_label"] == "系统"
    assert await Notification.count().where(Notification.user == alice.user_id) > seen
    for other in (filed_id, waiting_id):
        status = await Application.select(Application.status).where(Application.id == other)
        assert status[0]["status"] == "submitted"
    again = await jobs.run_daily(clock.today())
    assert app_id not in again["deemed_accepted"]
