"""Licence numbers under load: many grants at once for one issuing division get distinct,
consecutive numbers that continue the division's sequence, in one process and across processes
(test process, worker processes and the live server); a grant that fails gives its number back.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
import time

import httpx
import pytest

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.audit.services import SYSTEM
from seedreg.core.errors import Conflict, RuleViolation
from seedreg.core.tables import NumberSequence
from seedreg.licensing import applications, common, intake, review
from seedreg.licensing.rules import ApplicationKind, Status
from seedreg.licensing.schemas import ApplicationCreate, ApplicationDetails
from seedreg.licensing.tables import ApplicationLicence, Licence
from tests.factories import SEEDLING_DETAILS
from tests.factories import actor_named as actor
from tests.fixtures import ROOT, token_for

DIVISION = "152201"  # alice's banner, decided by officer_wlht
DETAILS = SEEDLING_DETAILS


@pytest.fixture
async def alice(personas) -> Actor:
    return await actor("alice")


@pytest.fixture
async def officer(personas) -> Actor:
    return await actor("officer_wlht")


def sequence_name() -> str:
    return f"licence:{DIVISION}:{clock.today().year}"


async def last_issued() -> int:
    """The division's sequence as it stands (0 before its first licence this year)."""
    row = await NumberSequence.select().where(NumberSequence.name == sequence_name()).first()
    return 0 if row is None else row["value"]


async def accepted(alice: Actor, officer: Actor, **details: object) -> int:
    app = await applications.create(
        alice,
        ApplicationCreate(
            kind=ApplicationKind.ISSUE, details=ApplicationDetails(**(DETAILS | details))
        ),
    )
    await applications.submit(alice, app.id)
    out = await intake.accept(officer, app.id)
    assert out.status is Status.ACCEPTED
    return app.id


async def accepted_many(alice: Actor, officer: Actor, count: int) -> list[int]:
    return [await accepted(alice, officer) for _ in range(count)]


async def numbers_of(app_ids: list[int]) -> dict[int, str]:
    """Application id → the number of the licence it was granted."""
    app = ApplicationLicence.application
    rows = await ApplicationLicence.select(
        app.id.as_alias("id"), app.status.as_alias("status"), ApplicationLicence.licence.number
    ).where(app.id.is_in(app_ids))
    assert {r["status"] for r in rows} == {Status.GRANTED}, rows
    return {r["id"]: r["licence.number"] for r in rows}


def assert_continues(numbers: list[str], after: int) -> None:
    """The numbers are this year's, for the division, and exactly after+1 … after+len."""
    prefix = f"{DIVISION}{clock.today().year}"
    assert all(n.startswith(prefix) and len(n) == 14 for n in numbers), numbers
    assert len(set(numbers)) == len(numbers), "a number was issued twice"
    assert sorted(int(n[-4:]) for n in numbers) == list(range(after + 1, after + len(numbers) + 1))


async def test_twenty_grants_at_once_get_consecutive_numbers(alice, officer):
    app_ids = await accepted_many(alice, officer, 20)
    before = await last_issued()
    licences_before = await Licence.count()

    outs = await asyncio.gather(*(review.grant(officer, app_id) for app_id in app_ids))

    assert [o.status for o in outs] == [Status.GRANTED] * 20
    assert len({o.licence_id for o in outs}) == 20
    numbers = await numbers_of(app_ids)
    assert_continues(list(numbers.values()), before)
    assert await last_issued() == before + 20
    assert await Licence.count() == licences_before + 20


def _grant_over_http(server: str, token: str, app_ids: list[int], go: threading.Event, out: dict):
    with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {token}"}) as http:
        assert http.get("/api/me").status_code == 200  # connected and signed in before the start
        go.wait(timeout=120)
        out["started"] = time.time()
        out["statuses"] = [
            http.post(f"/api/licensing/applications/{i}/grant", timeout=120).status_code
            for i in app_ids
        ]
        out["ended"] = time.time()


WORKER = """
import asyncio, json, sys, time

import seedreg  # sets PICCOLO_CONF
from seedreg.accounts.services import actor_from_row
from seedreg.accounts.tables import User
from seedreg.licensing import review


async def main(ids):
    row = await User.select().where(User.username == "officer_wlht").first()
    officer = actor_from_row(row)
    print("ready", flush=True)
    sys.stdin.readline()  # start together, when every worker is ready
    started, statuses = time.time(), []
    for i in ids:
        statuses.append((await review.grant(officer, i)).status.value)
    print(json.dumps({"statuses": statuses, "started": started, "ended": time.time()}))


asyncio.run(main(json.loads(sys.argv[1])))
"""


async def test_grants_from_four_processes_and_the_server_at_once_share_one_sequence(
    alice, officer, server
):
    by_process = [await accepted_many(alice, officer, 5) for _ in range(4)]
    by_thread = [await accepted_many(alice, officer, 5) for _ in range(4)]
    token = token_for(server, "officer_wlht")
    before = await last_issued()

    def run_all() -> list[dict]:
        go = threading.Event()
        workers = [
            subprocess.Popen(
                [sys.executable, "-c", WORKER, json.dumps(ids)],
                cwd=ROOT,
                env=dict(os.environ),
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for ids in by_process
        ]
        results: list[dict] = [{} for _ in by_thread]
        threads = [
            threading.Thread(target=_grant_over_http, args=(server, token, ids, go, out))
            for ids, out in zip(by_thread, results, strict=True)
        ]
        try:
            for t in threads:
                t.start()
            for worker in workers:
                assert worker.stdout.readline().strip() == "ready", worker.stderr.read()[-3000:]
            go.set()
            for worker in workers:
                worker.stdin.write("go\n")
                worker.stdin.flush()
            for worker in workers:
                out, err = worker.communicate(timeout=180)
                assert worker.returncode == 0, err[-3000:]
                results.append(json.loads(out.strip().splitlines()[-1]))
        finally:
            go.set()
            for t in threads:
                t.join(timeout=180)
            for worker in workers:  # only the processes this test started
                if worker.poll() is None:
                    worker.kill()
                    worker.wait()
        return results

    results = await asyncio.to_thread(run_all)

    assert len(results) == 8
    assert [r["statuses"] for r in results[:4]] == [[200] * 5] * 4  # over HTTP
    assert [r["statuses"] for r in results[4:]] == [["granted"] * 5] * 4  # in the workers
    # They really ran at the same time: the last to start began before the first had finished.
    assert max(r["started"] for r in results) < min(r["ended"] for r in results), results
    numbers = await numbers_of([i for ids in by_process + by_thread for i in ids])
    assert len(numbers) == 40
    assert_continues(list(numbers.values()), before)
    assert await last_issued() == before + 40
    # Each worker granted its own applications in order, so its numbers increase.
    for ids in by_process + by_thread:
        own = [numbers[i] for i in ids]
        assert own == sorted(own)


async def test_a_grant_that_fails_gives_its_number_back(alice, officer):
    first, second = await accepted(alice, officer), await accepted(alice, officer)
    stale = await common.load(officer, first)  # read before anyone decided it
    before = await last_issued()
    licences_before = await Licence.count()

    granted = await review.grant(officer, first)
    number = (await Licence.select(Licence.number).where(Licence.id == granted.licence_id))[0]

    # A second decision working from the stale read gets as far as issuing a licence (and
    # taking the next number) before its guarded update finds the application decided.
    with pytest.raises(Conflict):
        await review.grant(SYSTEM, first, row=stale)
    assert await last_issued() == before + 1
    assert await Licence.count() == licences_before + 1

    # A grant refused by the rules (林木良种 by a banner bureau) takes no number either.
    improved = await accepted(
        alice,
        officer,
        varieties=[
            {"species": "樟子松", "variety": "樟子松优良种源", "approval_number": "蒙S-SP-1"}
        ],
    )
    with pytest.raises(RuleViolation, match="自治区"):
        await review.grant(officer, improved)
    assert await last_issued() == before + 1

    out = await review.grant(officer, second)
    numbers = await numbers_of([first, second])
    assert numbers[first] == number["number"]
    assert_continues([numbers[first], numbers[second]], before)
    assert out.licence_id != granted.licence_id
    assert await Licence.count() == licences_before + 2


async def test_two_officers_granting_the_same_application_at_once_issue_one_licence(alice, officer):
    league = await actor("officer_league")
    app_id = await accepted(alice, officer)
    before = await last_issued()
    licences_before = await Licence.count()

    outcomes = await asyncio.gather(
        review.grant(officer, app_id), review.grant(league, app_id), return_exceptions=True
    )

    granted = [o for o in outcomes if not isinstance(o, BaseException)]
    conflicts = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(granted) == 1, outcomes
    assert len(conflicts) == 1, outcomes
    assert await last_issued() == before + 1
    assert await Licence.count() == licences_before + 1
    assert_continues(list((await numbers_of([app_id])).values()), before)
