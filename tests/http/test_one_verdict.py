"""One verdict everywhere (issue 14 item 8): after a licence is revoked, a lot recalled, a
certificate revoked or a label voided by the station, the operator's and the officials' lot
pages, label tables, label page and print preview say what the public check says (无效 and
why), and the holder is notified."""

from __future__ import annotations

import itertools
from datetime import timedelta

import httpx
import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser
from tests.http.lotkit import ok
from tests.label_support import make_chain, sql, today

_hosts = itertools.count(1)


@pytest.fixture(scope="module")
def alice(server, personas) -> Browser:
    b = Browser(server)
    b.login(personas["alice"].username)
    return b


@pytest.fixture(scope="module")
def station(server, personas) -> Browser:
    b = Browser(server)
    b.login(personas["station"].username)
    return b


def labelled_lot(chain) -> tuple[dict, list[dict]]:
    """A ready lot with two labels issued."""
    lot = chain.ready_lot(quantity=100)
    done = ok(
        chain.alice.post(
            f"/api/labels/lots/{lot['id']}/issues", json={"count": 2, "quantity_each": 5}
        ),
        201,
    )
    labels = ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))["items"]
    return lot, labels


def public_word(server: str, serial: str) -> tuple[str, str]:
    """The public page's first word, and why it is not 有效 (the JSON's verdict label)."""
    n = next(_hosts)
    headers = {"X-Forwarded-For": f"198.{n // 250}.{n % 250}.7"}
    page = httpx.get(f"{server}/v/{serial}", headers=headers, timeout=60)
    state = BeautifulSoup(page.text, "html.parser").select_one(".verify-state .state")
    data = httpx.get(f"{server}/api/public/labels/{serial}", headers=headers, timeout=60).json()
    return state.get_text(strip=True), "" if data["ok"] else data["verdict_label"]


# The state badge of each page (the first one on it: the lot's or the label's own).
LOT_STATE = "section.card p > span.status"
LABEL_STATE = "section.card p > span.status"


def badge(html: str, where: str) -> tuple[str, str]:
    """(word, reason) of the verdict badge found by ``where``."""
    soup = BeautifulSoup(html, "html.parser")
    found = soup.select_one(where)
    if found is None:
        return "（无）", ""
    reason = found.find_next_sibling("span", class_="sub")
    return found.get_text(strip=True), reason.get_text(strip=True) if reason else ""


def signed_in_pages(browser: Browser, lot: dict, label: dict) -> dict[str, tuple[str, str]]:
    """Every signed-in page's verdict on the lot or the label."""
    pages = {
        "lot": (f"/lots/{lot['id']}", LOT_STATE),
        "lot labels": (f"/labels/lots/{lot['id']}", "#readiness p > span.status"),
        "label table": (f"/labels/lots/{lot['id']}", "td > span.status"),
        "issue table": (f"/labels/issues/{label['issue_id']}", "td > span.status"),
        "label": (f"/labels/items/{label['id']}", LABEL_STATE),
        "preview": (
            f"/labels/issues/{label['issue_id']}/preview?label={label['id']}",
            LABEL_STATE,
        ),
    }
    out = {}
    for name, (path, where) in pages.items():
        r = browser.get(path)
        assert r.status_code == 200, (name, r.status_code)
        out[name] = badge(r.text, where)
    listed = browser.get("/lots?species=" + lot["species"])
    soup = BeautifulSoup(listed.text, "html.parser")
    link = soup.select_one(f"a[href='/lots/{lot['id']}'] span.status")
    out["lot list"] = (link.get_text(strip=True) if link else "（无）", "")
    return out


def assert_one_verdict(server, browsers, lot, label, word: str, reason: str) -> None:
    assert public_word(server, label["serial"]) == (word, reason)
    for browser in browsers:
        seen = signed_in_pages(browser, lot, label)
        assert seen == {name: (word, "" if name == "lot list" else reason) for name in seen}


def notifications(org_id: int, fragment: str) -> list[dict]:
    return sql(
        "SELECT n.title, n.body, n.link FROM notification n JOIN account a ON a.id = n.user "
        "WHERE a.organisation = {} AND n.title LIKE {}",
        org_id,
        f"%{fragment}%",
    )


def test_a_valid_lot_is_valid_on_every_page(api, server, alice, station):
    chain = make_chain(api)
    lot, labels = labelled_lot(chain)
    assert_one_verdict(server, [alice, station], lot, labels[0], "有效", "")


def test_a_revoked_licence_is_invalid_on_every_page_and_the_holder_is_told(
    api, server, alice, station
):
    chain = make_chain(api)  # a licence of its own: revoking it touches no other test's lots
    lot, labels = labelled_lot(chain)
    decided = (today() - timedelta(days=1)).isoformat()
    ok(
        api("officer_league").post(
            f"/api/licensing/licences/{chain.licence['id']}/end",
            json={
                "kind": "revoked",
                "reasons": "违法生产经营，依法吊销",
                "penalty_decision_number": "兴林罚决字〔2026〕9号",
                "penalty_decided_on": decided,
            },
        )
    )
    assert_one_verdict(server, [alice, station], lot, labels[0], "无效", "许可证已吊销")
    told = notifications(chain.alice_org, chain.licence["number"])
    assert len(told) == 1
    assert "已吊销" in told[0]["title"]
    assert "违法生产经营，依法吊销" in told[0]["body"]
    assert told[0]["link"] == f"/licensing/licences/{chain.licence['id']}"


def test_a_lot_recalled_by_the_station_is_invalid_on_every_page_and_the_holder_is_told(
    api, server, alice, station
):
    chain = make_chain(api)
    lot, labels = labelled_lot(chain)
    ok(chain.station.post(f"/api/lots/{lot['id']}/recall", json={"reason": "抽检发现病害"}))
    assert_one_verdict(server, [alice, station], lot, labels[1], "无效", "批次已召回")
    told = notifications(chain.alice_org, f"批次 {lot['number']} 已召回")
    assert len(told) == 1
    assert "抽检发现病害" in told[0]["body"]


@pytest.mark.parametrize("certificate", ["quality", "quarantine"])
def test_a_revoked_certificate_is_invalid_on_every_page_and_the_holder_is_told(
    api, server, alice, station, certificate
):
    chain = make_chain(api)
    lot, labels = labelled_lot(chain)
    if certificate == "quality":
        cert = lot["quality_certificate"]
        url = f"/api/quality/certificates/{cert['id']}/revoke"
        ok(chain.station.post(url, json={"reason": "复检不合格"}))
        reason = "质量检验合格证已撤销"
    else:
        cert = lot["site_quarantine"]
        url = f"/api/quarantine/site-certificates/{cert['id']}/revoke"
        ok(chain.quarantine.post(url, json={"reason": "复检发现检疫对象"}))
        reason = "检疫证书已撤销"
    assert_one_verdict(server, [alice, station], lot, labels[0], "无效", reason)
    told = notifications(chain.alice_org, cert["number"])
    assert len(told) == 1
    assert "已撤销" in told[0]["title"]


def test_a_label_voided_by_the_station_is_invalid_and_the_holder_is_told(
    api, server, alice, station
):
    chain = make_chain(api)
    lot, labels = labelled_lot(chain)
    label = labels[0]
    ok(chain.station.post(f"/api/labels/items/{label['id']}/void", json={"reason": "标签破损"}))
    assert public_word(server, label["serial"]) == ("无效", "已作废")
    for browser in (alice, station):
        r = browser.get(f"/labels/items/{label['id']}")
        assert badge(r.text, LABEL_STATE) == ("无效", "已作废")
        # the lot itself is still valid: its other label is
        r = browser.get(f"/lots/{lot['id']}")
        assert badge(r.text, LOT_STATE) == ("有效", "")
    assert public_word(server, labels[1]["serial"]) == ("有效", "")
    told = notifications(chain.alice_org, label["serial"])
    assert len(told) == 1
    assert "标签破损" in told[0]["body"]
    # the holder voiding its own label needs no notice
    ok(chain.alice.post(f"/api/labels/items/{labels[1]['id']}/void", json={"reason": "重复"}))
    assert notifications(chain.alice_org, labels[1]["serial"]) == []
