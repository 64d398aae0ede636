"""Label print jobs through the live server: the operator queues a job, the server's own worker
renders it, progress is visible (JSON and a page that refreshes itself without JavaScript), and
only the organisation and the officials of its jurisdiction can see and download the PDF."""

from __future__ import annotations

import asyncio
import secrets
import time
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup

from seedreg.core import clock
from seedreg.printing.tables import PrintJob
from tests.pdfread import pdf_text, squash
from tests.printkit import make_issue

TIMEOUT_S = 120


@pytest.fixture(scope="module")
def c(api, personas) -> SimpleNamespace:
    alice_org = personas["alice"].organisation_id
    return SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        wlht=api("officer_wlht"),
        kyqq=api("officer_kyqq"),
        league=api("officer_league"),
        anon=api(),
        alice_org=alice_org,
        issue=asyncio.run(make_issue(alice_org, 12)),
    )


def ok_json(response) -> dict:
    assert response.status_code == 200, response.text[:500]
    return response.json()


def wait_done(client, public_id: str) -> dict:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        job = client.get(f"/api/printing/jobs/{public_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        assert 0 <= job["done"] <= job["total"]
        time.sleep(0.3)
    raise AssertionError(f"job {public_id} not finished in {TIMEOUT_S} s: {job}")


@pytest.fixture(scope="module")
def finished(c) -> dict:
    r = c.alice.post(
        "/api/printing/jobs", json={"layout": "a4_8up", "issue_id": c.issue["issue_id"]}
    )
    assert r.status_code == 201, r.text
    created = r.json()
    # The server's own worker may already have claimed the job when the answer is written.
    assert created["total"] == 12
    assert created["status"] in ("queued", "running")
    return wait_done(c.alice, created["public_id"])


def test_server_worker_renders_the_job(c, finished):
    assert finished["status"] == "done", finished["error"]
    assert (finished["done"], finished["total"], finished["percent"]) == (12, 12, 100)
    r = c.alice.get(finished["download_url"])
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/pdf"
    assert len(r.content) == finished["output_size"]
    text = squash(pdf_text(r.content))
    for serial in c.issue["serials"]:
        assert f"信息代码：{serial}" in text


def test_download_is_for_the_organisation_and_its_officials_only(c, finished):
    url = finished["download_url"]
    status = finished["status_url"]
    for client in (c.alice, c.wlht, c.league):
        assert client.get(status).status_code == 200
        assert client.get(url).status_code == 200
    for client in (c.bob, c.kyqq):  # another organisation; another banner's official
        assert client.get(status).status_code == 404
        assert client.get(url).status_code == 404
    assert c.anon.get(url).status_code == 401
    assert c.bob.get("/api/printing/jobs/not-a-job").status_code == 404
    listed = [j["public_id"] for j in c.alice.get("/api/printing/jobs").json()]
    assert finished["public_id"] in listed
    assert finished["public_id"] not in [
        j["public_id"] for j in c.bob.get("/api/printing/jobs").json()
    ]


def test_only_the_operator_queues_and_mandatory_items_are_checked(c):
    body = {"layout": "a4_8up", "issue_id": c.issue["issue_id"]}
    assert c.bob.post("/api/printing/jobs", json=body).status_code == 404
    r = c.wlht.post("/api/printing/jobs", json=body)
    assert r.status_code == 403
    assert "生产经营者" in r.json()["error"]["message"]
    broken = asyncio.run(make_issue(c.alice_org, 2, suitable_area=""))
    r = c.alice.post(
        "/api/printing/jobs", json={"layout": "a4_8up", "issue_id": broken["issue_id"]}
    )
    assert r.status_code == 422
    assert "适宜种植区域" in r.json()["error"]["message"]
    r = c.alice.post(
        "/api/printing/jobs",
        json={"layout": "a4_8up", "issue_id": c.issue["issue_id"], "lot_id": c.issue["lot_id"]},
    )
    assert r.status_code in (400, 422)
    r = c.alice.post("/api/printing/jobs", json={"layout": "a5", "issue_id": c.issue["issue_id"]})
    assert r.status_code == 422


def test_health_check(c):
    r = c.anon.get("/api/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok"}


async def _running_job(organisation_id: int, issue_id: int) -> str:
    """A job shown mid-way (a worker elsewhere holds it, heartbeat fresh)."""
    public_id = secrets.token_urlsafe(12)
    now = clock.now()
    await PrintJob.insert(
        PrintJob(
            public_id=public_id,
            organisation=organisation_id,
            layout="single_100x70",
            selection={"issue_id": issue_id},
            total=40,
            done=10,
            status="running",
            worker="elsewhere:1:abc",
            created_at=now,
            started_at=now,
            heartbeat_at=now,
        )
    )
    return public_id


def test_progress_page_refreshes_itself_while_running(c, browser):
    public_id = asyncio.run(_running_job(c.alice_org, c.issue["issue_id"]))
    try:
        browser.login("alice")
        r = browser.get(f"/printing/jobs/{public_id}")
        assert r.status_code == 200
        soup = BeautifulSoup(r.text, "html.parser")
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        assert refresh is not None
        assert refresh["content"] == "2"
        bar = soup.find("progress")
        assert (bar["value"], bar["max"]) == ("10", "40")
        assert "25%" in soup.get_text()
        assert soup.find(id="job-download") is None
    finally:
        asyncio.run(_fail(public_id))


async def _fail(public_id: str) -> None:
    await PrintJob.update({PrintJob.status: "failed"}).where(PrintJob.public_id == public_id)


def test_request_page_queues_and_shows_the_download(c, browser):
    browser.login("alice")
    issue_id = str(c.issue["issue_id"])
    form = browser.get(f"/printing/jobs/new?issue_id={issue_id}")
    assert form.status_code == 200
    # The issue is picked by its code (批次号-起始序号), not its internal id (issue 14 item 7).
    lot_number = ok_json(c.alice.get(f"/api/lots/{c.issue['lot_id']}"))["lot"]["number"]
    chosen = BeautifulSoup(form.text, "html.parser").select_one("#f-issue option[selected]")
    code = chosen["value"]
    assert code == f"{lot_number}-1"
    assert "（12张）" in chosen.get_text()
    lots = BeautifulSoup(form.text, "html.parser").select("#f-lot_number option")
    assert lot_number in [o["value"] for o in lots]
    r = browser.post_form(
        "/printing/jobs/new",
        {"layout": "single_80x50", "issue": code},
    )
    assert r.status_code == 303
    location = r.headers["location"]
    public_id = location.rsplit("/", 1)[1]
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        soup = BeautifulSoup(browser.get(location).text, "html.parser")
        status = soup.find(id="job-status").get_text()
        refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
        if status in ("已完成", "失败"):
            assert refresh is None
            break
        assert refresh is not None
        time.sleep(0.3)
    assert status == "已完成", soup.get_text()
    link = soup.find(id="job-download")
    assert link["href"] == f"/printing/jobs/{public_id}/labels.pdf"
    pdf = browser.get(link["href"])
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    # a form with an unknown layout comes back with the error, nothing queued
    bad = browser.post_form("/printing/jobs/new", {"layout": "a5", "issue": code})
    assert bad.status_code == 422
    assert "未知的标签版式" in bad.text
    # codes are resolved with the actor's access: unknown, or another organisation's, is refused
    for wrong in (f"{lot_number}-999", "P000000000-1"):
        bad = browser.post_form("/printing/jobs/new", {"layout": "a4_8up", "issue": wrong})
        assert bad.status_code == 422
        err = BeautifulSoup(bad.text, "html.parser").select_one("#f-issue-err")
        assert "未找到该标签签发记录" in err.get_text()
    by_lot = {"layout": "a4_8up", "lot_number": lot_number, "first": "1", "last": "2"}
    assert browser.post_form("/printing/jobs/new", by_lot).status_code == 303
    bob = type(browser)(browser.http.base_url)
    bob.login("bob")
    bad = bob.post_form("/printing/jobs/new", {"layout": "a4_8up", "issue": code})
    assert (
        "未找到该标签签发记录"
        in BeautifulSoup(bad.text, "html.parser").select_one("#f-issue-err").get_text()
    )


def test_outsiders_get_404_pages(c, browser, finished):
    browser.login("bob")
    assert browser.get(f"/printing/jobs/{finished['public_id']}").status_code == 404
    assert browser.get(f"/printing/jobs/{finished['public_id']}/labels.pdf").status_code == 404
