"""Gap-free number sequences: concurrent callers, rollbacks, and separate worker processes."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys

import pytest

from seedreg.core.db import transaction
from seedreg.core.sequences import next_value
from seedreg.core.tables import NumberSequence
from tests.fixtures import ROOT, unique


class Boom(Exception):
    """Raised on purpose inside a transaction."""


async def _value(name: str) -> int | None:
    row = await NumberSequence.select().where(NumberSequence.name == name).first()
    return None if row is None else row["value"]


async def _take(name: str, hold: float = 0.0) -> int:
    async with transaction():
        value = await next_value(name)
        await asyncio.sleep(hold)  # keep the row locked a moment, so the others queue
        return value


async def test_concurrent_callers_get_one_to_n_without_gaps_or_repeats(database):
    name = unique("seq-concurrent-")
    values = await asyncio.gather(*(_take(name, hold=0.005) for _ in range(25)))
    assert sorted(values) == list(range(1, 26))
    assert await _value(name) == 25


async def test_names_are_independent(database):
    first, second = unique("seq-a-"), unique("seq-b-")
    assert [await _take(first) for _ in range(3)] == [1, 2, 3]
    assert await _take(second) == 1
    assert await _take(first) == 4


async def test_a_rolled_back_caller_gives_its_number_back(database):
    name = unique("seq-rollback-")
    assert await _take(name) == 1

    taken_then_lost = []

    async def take_then_fail() -> None:
        async with transaction():
            taken_then_lost.append(await next_value(name))
            raise Boom

    with pytest.raises(Boom):
        await take_then_fail()
    assert taken_then_lost == [2]
    assert await _value(name) == 1

    assert await _take(name) == 2
    assert await _take(name) == 3


async def test_a_rolled_back_first_caller_leaves_no_row(database):
    name = unique("seq-rollback-first-")
    taken = []

    async def take_then_fail() -> None:
        async with transaction():
            taken.append(await next_value(name))
            raise Boom

    with pytest.raises(Boom):
        await take_then_fail()
    assert taken == [1]
    assert await _value(name) is None
    assert await _take(name) == 1


WORKER = """
import asyncio, json, sys, time

import seedreg  # sets PICCOLO_CONF
from seedreg.core.db import transaction
from seedreg.core.sequences import next_value


async def main(name, count):
    started, got = time.time(), []
    for _ in range(count):
        async with transaction():
            got.append(await next_value(name))
            await asyncio.sleep(0.01)  # hold the lock so the other processes must wait
    print(json.dumps({"got": got, "started": started, "ended": time.time()}))


print("ready", flush=True)
sys.stdin.readline()  # start together, once every process has imported seedreg
asyncio.run(main(sys.argv[1], int(sys.argv[2])))
"""


def test_separate_worker_processes_share_one_gap_free_sequence(database):
    name = unique("seq-processes-")
    processes, calls = 4, 10
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, name, str(calls)],
            cwd=ROOT,
            env=dict(os.environ),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    results = []
    try:
        for worker in workers:
            assert worker.stdout.readline().strip() == "ready", worker.stderr.read()
        for worker in workers:
            worker.stdin.write("go\n")
            worker.stdin.flush()
        for worker in workers:
            out, err = worker.communicate(timeout=120)
            assert worker.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
    finally:
        for worker in workers:  # only the processes this test started
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    # The processes really ran at the same time (the last to start began before the first
    # to finish had finished), so they competed for the sequence row.
    assert max(r["started"] for r in results) < min(r["ended"] for r in results)
    for r in results:
        assert len(r["got"]) == calls
        assert r["got"] == sorted(r["got"]), "each process sees its own numbers increase"
    union = sorted(v for r in results for v in r["got"])
    assert union == list(range(1, processes * calls + 1))
    row = NumberSequence.select().where(NumberSequence.name == name).first().run_sync()
    assert row["value"] == processes * calls
