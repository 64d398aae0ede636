"""引种 pages as people use them: the route page leads to the form with the route shown; bad
input is named beside its field with what was typed kept; the applicant submits from the
detail; the league sees the automatic checks with their sources, grants after the confirmation
step, and the decision is downloadable. Chinese only."""

from __future__ import annotations

import re
from datetime import timedelta

from seedreg.core import clock
from tests.http.test_licensing_pages import (
    CONFIRMED,
    field_error,
    redirected,
    signed_in,
    text_of,
)
from tests.pagetext import english_in_html

PATH = re.compile(r"^/introductions/(\d+)$")


def form(**changes: str) -> dict[str, str]:
    today = clock.today()
    typed = {
        "applicant_kind": "person",
        "species": "樟子松",
        "variety": "樟子松（普通）",
        "native": "yes",
        "origin": "150400",
        "supplier": "赤峰市林木种苗有限公司",
        "supplier_licence": "15040020260001",
        "quantity": "500",
        "unit": "株",
        "purpose": "production",
        "site1_code": "152201",
        "site1_place": "义勒力特镇红星村",
        "valid_from": today.isoformat(),
        "valid_to": (today + timedelta(days=90)).isoformat(),
        "quarantine": "起运前实施检疫并出具植物检疫证书",
    }
    return {**typed, **changes}


def test_an_introduction_from_the_route_to_the_decision(server, personas):
    alice = signed_in(server, "alice")
    league = signed_in(server, "officer_league")
    route = alice.get("/introductions/route", params={"origin": "150400"})
    assert "填写引种申请" in text_of(route)
    assert 'href="/introductions/new?origin=150400"' in route.text
    new = alice.get("/introductions/new", params={"origin": "150400"})
    assert new.status_code == 200
    assert "兴安盟林业和草原局" in text_of(new)  # the route shown before submitting
    assert not english_in_html(new.text, frozenset({"alice"}))
    wrong = alice.post_form(
        "/introductions/new", form(quantity="0"), form_page="/introductions/new"
    )
    assert wrong.status_code == 422
    assert "大于0" in field_error(wrong, "quantity")
    assert "义勒力特镇红星村" in wrong.text  # what was typed is kept
    outside = alice.post_form(
        "/introductions/new", form(origin="810000"), form_page="/introductions/new"
    )
    assert "不在本系统受理范围" in field_error(outside, "origin")
    done = alice.post_form("/introductions/new", form(), form_page="/introductions/new")
    path = redirected(done, PATH)
    detail = alice.get(path)
    assert "提交引种申请" in text_of(detail)
    assert "自动审查" not in text_of(detail)
    redirected(alice.post_form(f"{path}/submit", {}, form_page=path), path)
    redirected(league.post_form(f"{path}/accept", {}, form_page=path), path)
    seen = league.get(path)
    words = text_of(seen)
    for expected in ("自动审查", "推荐树种", "依据：", "准予引种", "不予批准"):
        assert expected in words, expected
    assert "初审并报送自治区" not in words  # not this route's step
    # nav, name, and the officials' user names the site check offers
    names = frozenset({"officer", "league", "API", "alice", "admin", "quarantine", "station"})
    assert not english_in_html(seen.text, names)
    ask = league.post_form(f"{path}/grant", {"conditions": "仅限本地繁殖"}, form_page=path)
    assert ask.status_code == 200
    assert "确认准予引种" in text_of(ask)
    redirected(
        league.post_form(
            f"{path}/grant", {"conditions": "仅限本地繁殖"} | CONFIRMED, form_page=path
        ),
        path,
    )
    final = text_of(alice.get(path))
    for expected in ("准予引种", "引种批准", "剩余数量", "仅限本地繁殖", "准予引种决定书"):
        assert expected in final, expected
    link = re.search(r'href="(/api/introductions/notices/\d+/pdf)"', alice.get(path).text)
    assert link
    assert alice.get(link.group(1)).content.startswith(b"%PDF")
