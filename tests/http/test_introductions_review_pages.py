"""The shared review on the introduction pages (issue 16): while under review the league
officer records the 现场核查 (two officers or more, named on the page), pauses the clock on one
of Art. 45's grounds and resumes it, and extends it once — the pause and the extension asking
first (each issues a written notice); bad input is named beside its field. The same services
as the API: what the page did, the API reads back."""

from __future__ import annotations

import re

from seedreg.core import clock
from tests.http.introkit import API
from tests.http.test_introductions_pages import form
from tests.http.test_licensing_pages import (
    CONFIRMED,
    field_error,
    post,
    redirected,
    signed_in,
    soup_of,
    text_of,
)
from tests.pagetext import english_in_html

PATH = re.compile(r"^/introductions/(\d+)$")


def under_review(alice, league) -> str:
    path = redirected(
        alice.post_form("/introductions/new", form(), form_page="/introductions/new"), PATH
    )
    redirected(alice.post_form(f"{path}/submit", {}, form_page=path), path)
    redirected(league.post_form(f"{path}/accept", {}, form_page=path), path)
    return path


def test_the_review_forms_on_an_introduction(server, personas, api):
    alice = signed_in(server, "alice")
    league = signed_in(server, "officer_league")
    path = under_review(alice, league)
    app_id = int(PATH.match(path).group(1))
    assert "现场核查" not in text_of(alice.get(path))  # the applicant sees no review forms
    page = soup_of(league.get(path))
    words = page.get_text(" ", strip=True)
    for expected in (
        "审查",
        "现场核查",
        "中止计算审查期限",
        "延长审查期限十个工作日",
        "法定办结期限",
    ):
        assert expected in words, expected
    officers = [box["value"] for box in page.select("input[name=officer_ids]")]
    assert len(officers) >= 2, officers
    check = {"checked_on": clock.today().isoformat(), "findings": "造林地与申请一致，苗木待检"}
    one = post(league, f"{path}/site-check", {**check, "officer_ids": officers[:1]})
    assert field_error(one, "officer_ids")
    assert "造林地与申请一致" in one.text  # what was typed is kept
    redirected(post(league, f"{path}/site-check", {**check, "officer_ids": officers[:2]}), path)
    seen = api("officer_league").get(f"{API}/{app_id}").json()
    assert seen["site_check"]["findings"] == "造林地与申请一致，苗木待检"

    no_ground = post(league, f"{path}/pause", {"reason": "送检苗木病虫害"})
    assert field_error(no_ground, "ground")
    pause = {"ground": "inspection", "reason": "苗木送自治区林木种苗质检站检验"}
    ask = post(league, f"{path}/pause", pause)
    assert ask.status_code == 200
    assert "确认中止" in text_of(ask)
    assert api("officer_league").get(f"{API}/{app_id}").json()["paused"] is False
    redirected(post(league, f"{path}/pause", pause | CONFIRMED), path)
    paused = text_of(league.get(path))
    assert "审查期限中止中" in paused
    assert "恢复计算审查期限" in paused
    assert api("alice").get(f"{API}/{app_id}").json()["paused"] is True
    redirected(post(league, f"{path}/resume", {}), path)
    assert api("officer_league").get(f"{API}/{app_id}").json()["paused"] is False

    short = post(league, f"{path}/extend", {"reasons": "短"} | CONFIRMED)
    assert field_error(short, "reasons")
    reasons = {"reasons": "需等待检疫结果，经负责人批准延期"}
    assert "确认延期" in text_of(post(league, f"{path}/extend", reasons))
    redirected(post(league, f"{path}/extend", reasons | CONFIRMED), path)
    final = league.get(path)
    shown = text_of(final)
    assert "已延长十个工作日" in shown
    assert "延长审查期限十个工作日" not in shown  # only once (行政许可法第四十二条第一款)
    kinds = {n["kind"] for n in api("alice").get(f"{API}/{app_id}").json()["notices"]}
    assert {"pause", "extension"} <= kinds
    assert not english_in_html(
        final.text,
        frozenset({"officer", "league", "API", "alice", "PDF", "admin", "quarantine", "station"}),
    )
