"""Pauses once recorded for site checks (行政许可法 Art. 34 is not on Art. 45's list): the data
migration annuls them, the daily job recomputes the deadline as if they had not been and issues
the 审查期限更正告知书. On the real database (SQLite and PostgreSQL).

Set-up writes the old shape directly (pauses with a free-text reason only, accepted weeks ago):
the only way to have the data the migration was written for.
"""

from __future__ import annotations

import importlib
from datetime import date, timedelta

import pytest

from seedreg.accounts.rules import Actor
from seedreg.core import calendar, clock
from seedreg.core.audit.services import history
from seedreg.licensing import applications, documents, intake, jobs, rules
from seedreg.licensing.rules import ApplicationKind, Pause
from seedreg.licensing.schemas import ApplicationCreate, ApplicationDetails
from seedreg.matters.tables import Application, Notice
from seedreg.notifications.tables import Notification
from tests.factories import SEEDLING_DETAILS
from tests.factories import actor_named as actor
from tests.pdfread import pdf_text, squash

MIGRATION = importlib.import_module(
    "seedreg.licensing.piccolo_migrations.licensing_2026_12_07t03_00_00_000000"
)
SHARED = "matter_application"  # licensing's applications since the move to matters


@pytest.fixture
async def alice(personas) -> Actor:
    return await actor("alice")


@pytest.fixture
async def officer(personas) -> Actor:
    return await actor("officer_wlht")


async def accepted_long_ago(
    alice: Actor, officer: Actor, pauses: list[dict], site_check: dict | None = None
) -> dict:
    """An application accepted 20 working days ago, with old-shape pauses and the deadline the
    old code computed from them (every pause counted)."""
    app = await applications.create(
        alice,
        ApplicationCreate(
            kind=ApplicationKind.ISSUE, details=ApplicationDetails(**SEEDLING_DETAILS)
        ),
    )
    await applications.submit(alice, app.id)
    await intake.accept(officer, app.id)
    cal = await calendar.work_calendar()
    today = clock.today()
    accepted_on = _back(cal, today, 20)
    stored = [{**p, "start": _iso(p["start"]), "end": _iso(p["end"])} for p in pauses]
    old = [Pause(date.fromisoformat(p["start"]), _date(p["end"])) for p in stored]
    due = rules.decision_due(accepted_on, cal, pauses=old, on=today)
    await Application.update(
        {
            Application.accepted_on: accepted_on,
            Application.pauses: stored,
            Application.statutory_due: due,
            Application.due_on: due,
            Application.site_check: site_check,
        }
    ).where(Application.id == app.id)
    return await row_of(app.id)


def _back(cal, day: date, workdays: int) -> date:
    while cal.workdays_between(day, clock.today()) < workdays:
        day -= timedelta(days=1)
    return day


def _iso(value: int | None) -> str | None:
    """Days ago (an int) as an ISO date, None stays None (an open pause)."""
    return None if value is None else (clock.today() - timedelta(days=value)).isoformat()


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


async def row_of(app_id: int) -> dict:
    return await Application.select().where(Application.id == app_id).first().output(load_json=True)


async def notices_of(app_id: int, kind: str) -> list[dict]:
    return (
        await Notice.select()
        .where((Notice.application == app_id) & (Notice.kind == kind))
        .output(load_json=True)
    )


async def test_site_check_pauses_are_annulled_and_the_deadline_corrected(alice, officer):
    cal = await calendar.work_calendar()
    today = clock.today()
    # Closed, reason says 现场核查 (counted 7 days ago … 3 days ago).
    by_reason = await accepted_long_ago(
        alice, officer, [{"start": 7, "end": 3, "reason": "现场核查生产地点和苗圃"}]
    )
    # Still open, no ground named, and the recorded site check falls inside it.
    checked = (today - timedelta(days=2)).isoformat()
    by_record = await accepted_long_ago(
        alice,
        officer,
        [{"start": 4, "end": None, "reason": "等待结果"}],
        {"checked_on": checked, "findings": "一致", "officers": []},
    )
    # Lawful (testing), and mixed (the testing part is lawful): both kept.
    lawful = await accepted_long_ago(
        alice, officer, [{"start": 7, "end": 3, "reason": "等待种子检验结果"}]
    )
    mixed = await accepted_long_ago(
        alice, officer, [{"start": 7, "end": 3, "reason": "现场核查并取样检测"}]
    )
    seen = await Notification.count().where(Notification.user == alice.user_id)

    changed = await MIGRATION.annul_site_check_pauses(table=SHARED)
    assert {by_reason["id"], by_record["id"]} <= set(changed)
    assert not {lawful["id"], mixed["id"]} & set(changed)
    result = await jobs.run_daily(today)
    assert {by_reason["id"], by_record["id"]} <= set(result["pause_corrections"])

    for before in (by_reason, by_record):
        after = await row_of(before["id"])
        [pause] = after["pauses"]
        assert pause["annulled_on"] == today.isoformat()
        assert pause["end"]  # closed
        plain = rules.decision_due(after["accepted_on"], cal)  # as if the pause had not been
        assert after["statutory_due"] == after["due_on"] == plain
        assert plain < before["statutory_due"]
        [notice] = await notices_of(before["id"], "pause_correction")
        assert notice["number"] == pause["correction"]
        assert notice["content"]["old_due"] == before["statutory_due"].isoformat()
        assert notice["content"]["statutory_due"] == plain.isoformat()
        events = await history("licence_application", before["id"])
        assert "application:pause_annulled" in [e["action"] for e in events]
        out = await applications.get(alice, before["id"])
        assert out.paused is False
        assert "审查期限更正告知书" in [n.kind_label for n in out.notices]

    # The applicant was told, once per application.
    told = await Notification.count().where(Notification.user == alice.user_id)
    assert told == seen + 2

    # The corrected notice reads back: the period annulled, the article, the new deadline.
    [notice] = await notices_of(by_reason["id"], "pause_correction")
    text = squash(pdf_text(await documents.notice_pdf(alice, notice["id"], "http://x")))
    for fragment in ("审查期限更正告知书", "第四十五条", "现场核查生产地点和苗圃"):
        assert fragment in text
    assert squash(f"更正为{_cn(notice['content']['statutory_due'])}") in text

    for kept in (lawful, mixed):
        assert await row_of(kept["id"]) == kept
        assert await notices_of(kept["id"], "pause_correction") == []

    # Migrating or running the job again changes nothing more.
    rerun = await MIGRATION.annul_site_check_pauses(table=SHARED)
    assert not {by_reason["id"], by_record["id"]} & set(rerun)
    again = await jobs.run_daily(today)
    assert not {by_reason["id"], by_record["id"]} & set(again["pause_corrections"])
    assert len(await notices_of(by_reason["id"], "pause_correction")) == 1


def _cn(iso: str) -> str:
    d = date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"
