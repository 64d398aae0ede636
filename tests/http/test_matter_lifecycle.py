"""One lifecycle for every matter, each step over HTTP as the persona who takes it: apply,
sent back once with everything missing named (一次性告知), resubmit, accept where the matter
accepts, review where it reviews (site check by two officers, an Art. 45 pause and its end, the
one extension: the shared ``matters.review``), decide (licensing grants) or record (备案 files),
the written notices issued and each verifiable in public, and the applicant's 好差评. Licensing,
备案 and 引种 run the same test."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest

from seedreg.matters.tables import Notice
from tests.http import introkit
from tests.http.test_licensing_api import granted, issue_details, licence, ok, refused


@dataclass(frozen=True)
class Matter:
    base: str  # the matter's API for its applications
    create: Callable[[SimpleNamespace], tuple[Any, dict]]  # (applicant client, payload)
    officer: str  # the persona of the handling bureau
    missing: list[str]  # checklist items the one-time notice names
    decide: list[str]  # the steps after resubmission, in order
    review: bool  # whether the matter reviews (matters.review) between acceptance and decision
    final: str
    notices: list[str]  # the notice kinds issued, in order


def licensing_application(c: SimpleNamespace) -> tuple[Any, dict]:
    return c.alice, {"kind": "issue", "details": issue_details()}


def introduction_application(c: SimpleNamespace) -> tuple[Any, dict]:
    return c.alice, {"details": introkit.details()}


def filing_application(c: SimpleNamespace) -> tuple[Any, dict]:
    number = licence(c.alice, granted(c)["licence_id"])["number"]
    details = {"kind": "packaged_seller", "licence_number": number, "varieties": ["樟子松"]}
    return c.bob, {"details": details}


MATTERS = {
    "licensing": Matter(
        "/api/licensing/applications",
        licensing_application,
        "wlht",
        ["A01", "A03"],
        ["accept", "grant"],
        True,
        "granted",
        ["supplement", "acceptance", "pause", "extension", "grant"],
    ),
    "introduction": Matter(
        "/api/introductions",
        introduction_application,
        "league",
        ["I01", "I03"],
        ["accept", "grant"],
        True,
        "granted",
        ["supplement", "acceptance", "pause", "extension", "introduction_grant"],
    ),
    "filing": Matter(
        "/api/filings",
        filing_application,
        "kyqq",
        ["F01", "F04"],
        ["record"],
        False,
        "filed",
        ["supplement", "filing_receipt"],
    ),
}


@pytest.fixture
def c(api) -> SimpleNamespace:
    ns = SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        wlht=api("officer_wlht"),
        kyqq=api("officer_kyqq"),
        league=api("officer_league"),
        station=api("station"),  # a second league-level official for the league's site checks
    )
    ns.ids = {
        name: ok(getattr(ns, name).get("/api/me"))["id"]
        for name in ("wlht", "kyqq", "league", "station")
    }
    return ns


def reviewed(c: SimpleNamespace, matter: Matter, officer: Any, url: str) -> None:
    """The shared review between acceptance and decision, each refusal in Chinese."""
    me = c.ids[matter.officer]
    alone = {"checked_on": "2026-01-05", "officer_ids": [me, me], "findings": "现场与申报一致"}
    refused(officer.post(f"{url}/site-check", json=alone), 422, "两名以上")
    partner = c.ids["station" if matter.officer == "league" else "league"]
    pair = {**alone, "officer_ids": [me, partner]}
    checked = ok(officer.post(f"{url}/site-check", json=pair))
    assert len(checked["site_check"]["officers"]) == 2
    pause = {"ground": "expert_review", "reason": "组织专家评审"}
    assert ok(officer.post(f"{url}/pause", json=pause))["paused"]
    refused(officer.post(f"{url}/grant"), 422, "中止期间")
    assert not ok(officer.post(f"{url}/resume"))["paused"]
    before = ok(officer.get(url))["statutory_due"]
    reasons = {"reasons": "情况复杂，需延长审查期限"}
    extended = ok(officer.post(f"{url}/extend", json=reasons))
    assert extended["extended"]
    assert extended["statutory_due"] > before
    refused(officer.post(f"{url}/extend", json=reasons), 422, "只能延长一次")


def public_ids(application_id: int) -> list[tuple[str, str, str]]:
    """(kind, number, public_id) of the application's notices, oldest first (the API's
    notice shape has no public_id: it is read where the QR code's URL comes from)."""

    async def query() -> list[dict[str, Any]]:
        return await (
            Notice.select(Notice.kind, Notice.number, Notice.public_id)
            .where(Notice.application == application_id)
            .order_by(Notice.id)
        )

    return [(r["kind"], r["number"], r["public_id"]) for r in asyncio.run(query())]


@pytest.mark.parametrize("code", sorted(MATTERS))
def test_a_matter_from_application_to_rating(c, api, code):
    matter = MATTERS[code]
    applicant, payload = matter.create(c)
    officer = getattr(c, matter.officer)
    app = ok(applicant.post(matter.base, json=payload), 201)
    url = f"{matter.base}/{app['id']}"
    assert ok(applicant.post(f"{url}/submit"))["status"] == "submitted"
    # one notice naming every missing item at once
    back = ok(officer.post(f"{url}/supplement", json={"items": matter.missing}))
    assert back["status"] == "supplement_requested"
    assert back["supplement_items"] == matter.missing
    assert ok(applicant.post(f"{url}/resubmit"))["status"] == "submitted"
    for step in matter.decide:
        if step != matter.decide[0] and matter.review:
            reviewed(c, matter, officer, url)
        out = ok(officer.post(f"{url}/{step}"))
    assert out["status"] == matter.final
    assert [n["kind"] for n in out["notices"]] == matter.notices
    # every notice is on record and its public check shows its number
    issued = public_ids(app["id"])
    assert [k for k, _, _ in issued] == matter.notices
    anon = api()
    for _kind, number, public_id in issued:
        page = anon.get(f"/verify/notices/{public_id}")
        assert page.status_code == 200
        assert number in page.text
    # 好差评 once, by the applicant
    rated = ok(applicant.post(f"{url}/rating", json={"score": 5, "comment": "办理快"}), 201)
    assert rated["score"] == 5
    assert applicant.post(f"{url}/rating", json={"score": 4}).status_code == 409
