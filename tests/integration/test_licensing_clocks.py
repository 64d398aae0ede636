"""The daily duties on the real database: deemed acceptance (行政许可法 Art. 32), deemed renewal
(Art. 50 ¶2) and expiry reminders, through the services, the job and the CLI.

Set-up moves dates into the past with direct updates (received_on, submitted_at, valid_to): the
only way to let five working days or five years pass in a test. Everything else is the services.
"""

from __future__ import annotations

import asyncio
import re
import sys
from asyncio.subprocess import PIPE
from datetime import date, datetime, time, timedelta

import pytest

import seedreg.app  # noqa: F401  (every matter registers its deemed acceptance, as in the CLI)
from seedreg.accounts.rules import Actor
from seedreg.core import calendar, clock
from seedreg.core.audit.services import history
from seedreg.licensing import applications, intake, jobs, review, rules
from seedreg.licensing.common import with_licence
from seedreg.licensing.rules import ApplicationKind, Status
from seedreg.licensing.schemas import ApplicationCreate, ApplicationDetails
from seedreg.licensing.tables import ExpiryReminder, Licence
from seedreg.matters.tables import Application, Notice
from seedreg.notifications.tables import Notification
from tests.factories import SEEDLING_DETAILS
from tests.factories import actor_named as actor
from tests.fixtures import ROOT, run_cli

DETAILS = SEEDLING_DETAILS


@pytest.fixture
async def alice(personas) -> Actor:
    return await actor("alice")


@pytest.fixture
async def officer(personas) -> Actor:
    return await actor("officer_wlht")


async def submitted(alice: Actor) -> int:
    app = await applications.create(
        alice,
        ApplicationCreate(kind=ApplicationKind.ISSUE, details=ApplicationDetails(**DETAILS)),
    )
    out = await applications.submit(alice, app.id)
    assert out.status is Status.SUBMITTED
    return app.id


async def issued_licence(alice: Actor, officer: Actor) -> dict:
    app_id = await submitted(alice)
    await intake.accept(officer, app_id)
    out = await review.grant(officer, app_id)
    assert out is not None
    return await licence_row(out.licence_id)


async def licence_row(licence_id: int) -> dict:
    return await Licence.select().where(Licence.id == licence_id).first().output(load_json=True)


async def application_row(app_id: int) -> dict:
    """The shared row as licensing reads it (with its licence and deemed renewal)."""
    rows = await Application.select().where(Application.id == app_id).output(load_json=True)
    return (await with_licence(rows))[0]


async def notices_of(app_id: int) -> list[dict]:
    return (
        await Notice.select()
        .where(Notice.application == app_id)
        .order_by(Notice.id)
        .output(load_json=True)
    )


async def notifications_of(user_id: int) -> list[dict]:
    return await Notification.select().where(Notification.user == user_id).order_by(Notification.id)


async def set_valid_to(licence_id: int, valid_to: date) -> None:
    await Licence.update({Licence.valid_to: valid_to}).where(Licence.id == licence_id)


# --- deemed acceptance ---------------------------------------------------------------------------


async def test_an_application_left_five_working_days_is_deemed_accepted(alice):
    on = clock.today()
    cal = await calendar.work_calendar()
    # The latest receipt day whose fifth working day is already over, and the day after it,
    # whose fifth working day is today or later.
    received = on - timedelta(days=1)
    while not rules.is_deemed_accepted(received, on, cal):
        received -= timedelta(days=1)
    not_yet = received + timedelta(days=1)
    assert cal.add_workdays(received, 5) < on <= cal.add_workdays(not_yet, 5)

    deemed_id, waiting_id = await submitted(alice), await submitted(alice)
    for app_id, day in ((deemed_id, received), (waiting_id, not_yet)):
        await Application.update({Application.received_on: day}).where(Application.id == app_id)
    seen = len(await notifications_of(alice.user_id))

    result = await jobs.run_daily(on)

    assert deemed_id in result["deemed_accepted"]
    assert waiting_id not in result["deemed_accepted"]
    row = await application_row(deemed_id)
    assert row["status"] == Status.ACCEPTED
    assert row["acceptance_deemed"] is True
    assert row["accepted_on"] == received  # accepted from the day it was received
    assert row["statutory_due"] == rules.decision_due(received, cal)
    assert row["due_on"] == row["statutory_due"]
    [notice] = await notices_of(deemed_id)
    assert notice["kind"] == "acceptance"
    assert notice["issued_by"] is None
    assert notice["content"]["deemed"] is True
    assert notice["content"]["accepted_on"] == received.isoformat()
    assert notice["content"]["statutory_due"] == row["statutory_due"].isoformat()
    events = await history("licence_application", deemed_id)
    [deemed_event] = [e for e in events if e["action"] == "application:deem_accepted"]
    assert deemed_event["actor_label"] == "系统"
    assert deemed_event["actor_id"] is None
    assert deemed_event["before"] == {"status": "submitted"}
    assert deemed_event["after"]["acceptance_deemed"] is True
    notes = (await notifications_of(alice.user_id))[seen:]
    assert [n["title"] for n in notes] == ["申请依法视为受理"]
    assert notes[0]["link"] == f"/licensing/applications/{deemed_id}"

    waiting = await application_row(waiting_id)
    assert (waiting["status"], waiting["acceptance_deemed"]) == (Status.SUBMITTED, False)
    assert await notices_of(waiting_id) == []

    # Again the same day: nothing changes, nothing is issued or told twice.
    again = await jobs.run_daily(on)
    assert deemed_id not in again["deemed_accepted"]
    assert waiting_id not in again["deemed_accepted"]
    assert await application_row(deemed_id) == row
    assert len(await notices_of(deemed_id)) == 1
    assert len(await history("licence_application", deemed_id)) == len(events)
    assert len(await notifications_of(alice.user_id)) == seen + 1


async def test_an_accepted_or_supplemented_application_is_never_deemed(alice, officer):
    on = clock.today()
    long_ago = on - timedelta(days=60)
    accepted_id, supplement_id = await submitted(alice), await submitted(alice)
    await intake.accept(officer, accepted_id)
    from seedreg.licensing.schemas import SupplementIn

    await intake.request_supplement(officer, supplement_id, SupplementIn(items=["A04"]))
    for app_id in (accepted_id, supplement_id):
        await Application.update({Application.received_on: long_ago}).where(
            Application.id == app_id
        )
    before = [await application_row(i) for i in (accepted_id, supplement_id)]

    result = await jobs.run_daily(on)

    assert accepted_id not in result["deemed_accepted"]
    assert supplement_id not in result["deemed_accepted"]
    assert [await application_row(i) for i in (accepted_id, supplement_id)] == before


# --- deemed renewal ------------------------------------------------------------------------------


async def _renewal_under_review(alice: Actor, officer: Actor) -> tuple[dict, int]:
    lic = await issued_licence(alice, officer)
    app = await applications.create(
        alice, ApplicationCreate(kind=ApplicationKind.RENEWAL, licence_id=lic["id"])
    )
    await applications.submit(alice, app.id)
    await intake.accept(officer, app.id)
    return lic, app.id


def _china(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=clock.CHINA)


async def test_a_renewal_applied_for_in_time_and_undecided_at_expiry_is_deemed_granted(
    alice, officer
):
    on = clock.today()
    expired_on = on - timedelta(days=1)
    window = rules.renewal_window_opens(expired_on)  # the last day that was in time
    in_time_lic, in_time_id = await _renewal_under_review(alice, officer)
    late_lic, late_id = await _renewal_under_review(alice, officer)
    # Filed late in the evening of the last day in time (China time) …
    in_time_at = _china(window, 23, 30)
    # … and half an hour after midnight of the day after: still the previous day in UTC, so
    # only counting in China's time zone tells the two apart.
    late_at = _china(window + timedelta(days=1), 0, 30)
    for lic, app_id, at in ((in_time_lic, in_time_id, in_time_at), (late_lic, late_id, late_at)):
        await set_valid_to(lic["id"], expired_on)
        await Application.update({Application.submitted_at: at}).where(Application.id == app_id)
    seen = len(await notifications_of(alice.user_id))

    result = await jobs.run_daily(on)

    assert in_time_id in result["deemed_renewed"]
    assert late_id not in result["deemed_renewed"]
    row = await application_row(in_time_id)
    assert row["status"] == Status.GRANTED
    assert row["renewal_deemed"] is True
    assert row["decided_on"] == on
    assert row["licence"] == in_time_lic["id"]
    renewed = await licence_row(in_time_lic["id"])
    # Continues from the day after expiry (today) for five years, less a day.
    assert renewed["valid_to"] == rules.licence_validity(on, 5)
    assert renewed["valid_to"].year == on.year + 5
    assert renewed["number"] == in_time_lic["number"]
    assert renewed["status"] == "valid"
    assert renewed["version"] == in_time_lic["version"] + 1
    grant_notices = [n for n in await notices_of(in_time_id) if n["kind"] == "grant"]
    assert len(grant_notices) == 1
    assert grant_notices[0]["content"]["licence_id"] == in_time_lic["id"]
    assert grant_notices[0]["content"]["deemed"] is True
    assert grant_notices[0]["issued_by"] is None
    [event] = [
        e
        for e in await history("licence_application", in_time_id)
        if e["action"] == "application:grant"
    ]
    assert event["actor_label"] == "系统"
    [licence_event] = [
        e for e in await history("licence", in_time_lic["id"]) if e["action"] == "licence:renewal"
    ]
    assert licence_event["actor_label"] == "系统"
    assert licence_event["after"]["valid_to"] == renewed["valid_to"].isoformat()
    assert [n["title"] for n in (await notifications_of(alice.user_id))[seen:]] == ["准予许可"]

    late = await application_row(late_id)
    assert (late["status"], late["renewal_deemed"]) == (Status.ACCEPTED, False)
    assert (await licence_row(late_lic["id"]))["valid_to"] == expired_on

    # Nothing happens twice.
    again = await jobs.run_daily(on)
    assert in_time_id not in again["deemed_renewed"]
    assert late_id not in again["deemed_renewed"]
    assert await licence_row(in_time_lic["id"]) == renewed
    assert (await application_row(late_id))["status"] == Status.ACCEPTED


async def test_a_renewal_is_not_deemed_before_the_licence_has_expired(alice, officer):
    on = clock.today()
    lic, app_id = await _renewal_under_review(alice, officer)
    await set_valid_to(lic["id"], on)  # the last valid day: the bureau may still decide
    await Application.update(
        {Application.submitted_at: _china(on - timedelta(days=60), 10, 0)}
    ).where(Application.id == app_id)

    result = await jobs.run_daily(on)

    assert app_id not in result["deemed_renewed"]
    assert (await application_row(app_id))["status"] == Status.ACCEPTED
    assert (await licence_row(lic["id"]))["valid_to"] == on


# --- expiry reminders ----------------------------------------------------------------------------


async def _reminders(licence_id: int) -> list[tuple[int, date]]:
    rows = await ExpiryReminder.select().where(ExpiryReminder.licence == licence_id)
    return sorted((r["lead_days"], r["sent_on"]) for r in rows)


async def test_a_licence_expiring_in_85_days_gets_the_90_day_reminder_once(alice, officer):
    on = clock.today()
    lic = await issued_licence(alice, officer)
    await set_valid_to(lic["id"], on + timedelta(days=85))

    async def told() -> list[dict]:  # alice's notifications about this licence
        return [n for n in await notifications_of(alice.user_id) if lic["number"] in n["body"]]

    first = await jobs.run_daily(on)

    assert first["reminders"] >= 1
    assert await _reminders(lic["id"]) == [(90, on)]
    notes = await told()
    assert [n["title"] for n in notes] == ["许可证即将到期"]
    window = rules.renewal_window_opens(on + timedelta(days=85))
    assert window.isoformat() in notes[0]["body"]
    [event] = [
        e for e in await history("licence", lic["id"]) if e["action"] == "licence:expiry_reminder"
    ]
    assert (event["actor_label"], event["after"]) == ("系统", {"lead_days": 90})

    await jobs.run_daily(on)
    assert await _reminders(lic["id"]) == [(90, on)]
    assert len(await told()) == 1

    # Thirty days later (55 days left) the 60-day reminder follows, once.
    later = on + timedelta(days=30)
    await jobs.send_expiry_reminders(later)
    await jobs.send_expiry_reminders(later)
    assert await _reminders(lic["id"]) == [(60, later), (90, on)]
    assert len(await told()) == 2


async def test_a_renewed_licence_is_reminded_again_before_its_new_expiry(alice, officer):
    on = clock.today()
    lic = await issued_licence(alice, officer)
    await set_valid_to(lic["id"], on + timedelta(days=85))
    days = [on + timedelta(days=d) for d in (0, 30, 60)]  # 85, 55 and 25 days left
    for day in days:
        await jobs.send_expiry_reminders(day)
    assert await _reminders(lic["id"]) == [(30, days[2]), (60, days[1]), (90, days[0])]

    app = await applications.create(
        alice, ApplicationCreate(kind=ApplicationKind.RENEWAL, licence_id=lic["id"])
    )
    await applications.submit(alice, app.id)
    await intake.accept(officer, app.id)
    await review.grant(officer, app.id)
    new_valid_to = (await licence_row(lic["id"]))["valid_to"]
    assert new_valid_to == rules.licence_validity(on + timedelta(days=86), 5)

    # Five years on, the new term's reminders go out like the first term's did.
    before_new_expiry = new_valid_to - timedelta(days=85)
    assert await jobs.send_expiry_reminders(before_new_expiry) >= 1
    assert (90, before_new_expiry) in await _reminders(lic["id"])
    await jobs.send_expiry_reminders(before_new_expiry)
    assert len(await _reminders(lic["id"])) == 4


async def test_no_reminder_for_an_expired_or_cancelled_licence(alice, officer):
    on = clock.today()
    expired = await issued_licence(alice, officer)
    cancelled = await issued_licence(alice, officer)
    await set_valid_to(expired["id"], on - timedelta(days=1))
    await set_valid_to(cancelled["id"], on + timedelta(days=20))
    await Licence.update({Licence.status: "cancelled"}).where(Licence.id == cancelled["id"])

    await jobs.run_daily(on)

    assert await _reminders(expired["id"]) == []
    assert await _reminders(cancelled["id"]) == []


async def test_the_daily_command_prints_its_summary(alice, officer):
    on = clock.today()
    await jobs.run_daily(on)  # whatever earlier tests left due is done first
    lic = await issued_licence(alice, officer)
    await set_valid_to(lic["id"], on + timedelta(days=59))

    done = run_cli("daily", "--on", on.isoformat())
    assert done.stdout.strip() == f"{on}：视为受理 0 件，视为准予延续 0 件，到期提醒 1 条"
    assert await _reminders(lic["id"]) == [(60, on)]

    again = run_cli("daily", "--on", on.isoformat())
    assert again.stdout.strip() == f"{on}：视为受理 0 件，视为准予延续 0 件，到期提醒 0 条"
    assert await _reminders(lic["id"]) == [(60, on)]

    refused = run_cli("daily", "--on", "2026-13-01", check=False)
    assert refused.returncode != 0


# --- several workers at once, and a chosen day ---------------------------------------------------


def _reminded(notes: list[dict], numbers: list[str]) -> dict[str, int]:
    return {n: sum(n in note["body"] for note in notes) for n in numbers}


async def test_two_runs_at_once_send_each_reminder_once(alice, officer):
    on = clock.today()
    await jobs.run_daily(on)  # whatever earlier tests left due is done first
    lics = [await issued_licence(alice, officer) for _ in range(3)]
    for lic, left in zip(lics, (85, 55, 25), strict=True):
        await set_valid_to(lic["id"], on + timedelta(days=left))
    numbers = [lic["number"] for lic in lics]
    seen = len(await notifications_of(alice.user_id))

    # Two workers both find the same three reminders due before either has sent one.
    first, second = await asyncio.gather(
        jobs.send_expiry_reminders(on), jobs.send_expiry_reminders(on)
    )

    assert first + second == 3
    for lic, lead in zip(lics, (90, 60, 30), strict=True):
        assert await _reminders(lic["id"]) == [(lead, on)]
        events = [
            e
            for e in await history("licence", lic["id"])
            if e["action"] == "licence:expiry_reminder"
        ]
        assert len(events) == 1
    notes = (await notifications_of(alice.user_id))[seen:]
    assert _reminded(notes, numbers) == dict.fromkeys(numbers, 1)


async def test_a_reminder_already_claimed_is_skipped_not_failed(alice, officer):
    """The database, not the job's earlier look, decides: a worker whose look is stale finds
    the key taken, sends nothing and carries on."""
    on = clock.today()
    lic = await issued_licence(alice, officer)
    await set_valid_to(lic["id"], on + timedelta(days=40))
    row = await licence_row(lic["id"])
    assert await jobs.send_reminder(row, 60, on) is True
    results = await asyncio.gather(*(jobs.send_reminder(row, 60, on) for _ in range(3)))
    assert results == [False, False, False]
    assert await _reminders(lic["id"]) == [(60, on)]


async def test_two_daily_commands_at_once_send_each_reminder_once(alice, officer):
    on = clock.today()
    await jobs.run_daily(on)
    lics = [await issued_licence(alice, officer) for _ in range(2)]
    for lic in lics:
        await set_valid_to(lic["id"], on + timedelta(days=50))
    command = [sys.executable, "-m", "seedreg", "daily", "--on", on.isoformat()]

    async def worker() -> str:
        proc = await asyncio.create_subprocess_exec(*command, cwd=ROOT, stdout=PIPE, stderr=PIPE)
        out, err = await asyncio.wait_for(proc.communicate(), timeout=120)
        assert proc.returncode == 0, err.decode()[-2000:]
        return out.decode()

    outputs = await asyncio.gather(worker(), worker())
    sent = [int(re.search(r"到期提醒 (\d+) 条", out)[1]) for out in outputs]
    assert sum(sent) == 2, outputs
    for lic in lics:
        assert await _reminders(lic["id"]) == [(60, on)]


async def test_the_daily_command_records_the_day_it_is_run_for(alice, officer):
    """``daily --on`` (catching up a missed day) dates everything it records that day."""
    on = clock.today() - timedelta(days=10)
    cal = await calendar.work_calendar()
    received = on - timedelta(days=1)
    while not rules.is_deemed_accepted(received, on, cal):
        received -= timedelta(days=1)
    deemed_id = await submitted(alice)
    await Application.update({Application.received_on: received}).where(Application.id == deemed_id)
    renewed, renewal_id = await _renewal_under_review(alice, officer)
    await set_valid_to(renewed["id"], on - timedelta(days=1))
    await Application.update(
        {Application.submitted_at: _china(on - timedelta(days=60), 10, 0)}
    ).where(Application.id == renewal_id)
    reminded = await issued_licence(alice, officer)
    await set_valid_to(reminded["id"], on + timedelta(days=59))

    run_cli("daily", "--on", on.isoformat())

    deemed = await application_row(deemed_id)
    assert (deemed["status"], deemed["accepted_on"]) == (Status.ACCEPTED, received)
    [acceptance] = await notices_of(deemed_id)
    assert acceptance["issued_on"] == on
    assert f"〔{on.year}〕" in acceptance["number"]
    renewal = await application_row(renewal_id)
    assert (renewal["status"], renewal["decided_on"]) == (Status.GRANTED, on)
    [grant] = [n for n in await notices_of(renewal_id) if n["kind"] == "grant"]
    assert grant["issued_on"] == on
    assert (await licence_row(renewed["id"]))["valid_to"] == rules.licence_validity(on, 5)
    assert await _reminders(reminded["id"]) == [(60, on)]
