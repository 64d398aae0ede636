"""The clone-check backlog: scanned serials wait oldest first, and a flood of distinct serials
drops the oldest waiting ones instead of growing without end (the checks take 500 every 2 s)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest

from seedreg.labels import scans

AT = datetime(2026, 11, 27, 8, 0, tzinfo=UTC)


@pytest.fixture
def backlog(monkeypatch):
    buffer = scans._Buffer()
    monkeypatch.setattr(scans, "_buffer", buffer)
    monkeypatch.setattr(scans, "MAX_PENDING", 5)
    return buffer


def scan(serial: str, *, label: int | None = 1, located: bool = False) -> scans.Scan:
    position = (46.08, 122.05) if located else (None, None)
    return scans.Scan(serial, label, 1, "10.0.0.1", AT, "valid", *position)


def test_serials_wait_oldest_first_once_each(backlog):
    scans._wait_for_check([scan("A"), scan("B"), scan("A"), scan("X", label=None)])
    assert list(backlog.pending) == ["A", "B"]  # unknown serials have nothing to check


def test_a_flood_drops_the_oldest_waiting_serials_and_says_so(backlog, caplog):
    scans._wait_for_check([scan("S1", located=True), scan("S2", located=True)])
    with caplog.at_level(logging.WARNING, logger="seedreg.labels.scans"):
        scans._wait_for_check([scan(f"T{i}") for i in range(4)])
    assert list(backlog.pending) == ["S2", "T0", "T1", "T2", "T3"]
    assert backlog.located == {"S2"}
    assert "1 scanned serials dropped" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="seedreg.labels.scans"):
        scans._wait_for_check([scan("U0")])  # dropped again, but warned a moment ago
    assert list(backlog.pending) == ["T0", "T1", "T2", "T3", "U0"]
    assert caplog.text == ""
    assert backlog.dropped == 1


async def test_a_check_takes_the_oldest_serials(backlog, monkeypatch):
    checked: list[tuple[list[str], set[str]]] = []

    async def check_serials(serials, located):
        checked.append((serials, located))
        return 0

    monkeypatch.setattr(scans, "check_serials", check_serials)
    monkeypatch.setattr(scans, "MAX_SERIALS_PER_CHECK", 2)
    scans._wait_for_check([scan("A", located=True), scan("B"), scan("C", located=True)])
    await scans.flush()
    assert checked == [(["A", "B"], {"A"})]
    assert list(backlog.pending) == ["C"]
    assert backlog.located == {"C"}
