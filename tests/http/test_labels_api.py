"""Labels through the live server: 两证一签 (licence, 质量检验合格证, quarantine certificate)
gates issuing; every missing or ended link is named; labels carry the records' Art. 40 items;
quantities balance; 补发 and 作废; who may do what.

The chain is built through the lots, quality and quarantine APIs (tests/label_support.py); only
states that take months (expiry) or another package's decision are set on the rows directly.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from seedreg.labels import rules
from seedreg.quality.rules import describe_indicators
from tests.http.lotkit import ok, refused
from tests.label_support import PHONE, expire, make_chain, restore, set_status, sql, today


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


def issue(client, lot: dict, count: int, each, status: int = 201) -> dict:
    body = {"count": count, "quantity_each": each}
    return ok(client.post(f"/api/labels/lots/{lot['id']}/issues", json=body), status)


def readiness(client, lot: dict) -> dict:
    return ok(client.get(f"/api/labels/lots/{lot['id']}/readiness"))


def test_it_issues_labels_only_when_the_chain_is_complete(chain):
    lot = chain.lot(quantity=5000)
    state = readiness(chain.alice, lot)
    assert not state["complete"]
    assert "没有有效的质量检验合格证" in state["problems"]
    assert "没有有效的检疫证书" in state["problems"]
    body = {"count": 3, "quantity_each": 100}
    url = f"/api/labels/lots/{lot['id']}/issues"
    refused(chain.alice.post(url, json=body), 422, "两证一签", "质量检验合格证", "检疫证书")

    quality = chain.quality(lot)
    state = readiness(chain.alice, lot)
    assert state["problems"] == ["没有有效的检疫证书"]
    assert state["quality_certificate"]["number"] == quality["number"]
    message = refused(chain.alice.post(url, json=body), 422, "检疫证书")
    assert "质量检验合格证" not in message

    site = chain.site_quarantine(lot)
    state = readiness(chain.alice, lot)
    assert state["complete"]
    assert state["problems"] == []
    assert state["quarantine_certificate"]["number"] == site["number"]
    assert state["licence_number"] == chain.licence["number"]

    done = issue(chain.alice, lot, 3, 100)
    assert (done["count"], done["quantity_each"], done["first_sequence"]) == (3, 100, 1)
    assert done["labelled"] == "300 株"
    assert done["remaining"] == "4700 株"
    content = done["content"]
    expected = {
        "licence_number": chain.licence["number"],
        "quality_certificate_number": quality["number"],
        "quarantine_number": site["number"],
        "producer": "alice林木种苗有限公司",
        "registered_address": chain.licence["registered_address"],
        "phone": PHONE,
        "species": chain.species,
        "latin_name": chain.latin_name,
        "category": "普通种",
        "lot_number": lot["number"],
        "origin": lot["origin"],
        "suitable_area": lot["suitable_area"],
        "suitable_season": lot["suitable_season"],
        "produced_on": lot["produced_on"],
        "quality": describe_indicators("seedling", quality["indicators"], quality["grade"]),
    }
    assert {k: content[k] for k in expected} == expected

    labels = ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))
    assert labels["total"] == 3
    assert [x["sequence"] for x in labels["items"]] == [1, 2, 3]
    assert len({x["serial"] for x in labels["items"]}) == 3
    assert all(
        len(x["serial"]) == rules.SERIAL_LENGTH == 11 and x["status"] == "valid"
        for x in labels["items"]
    )
    # The next issue continues the lot's sequence.
    again = issue(chain.alice, lot, 2, 50)
    assert again["first_sequence"] == 4
    assert again["last_sequence"] == 5
    assert readiness(chain.alice, lot)["labelled"] == "400 株"
    stored = sql("SELECT labelled_quantity FROM lot WHERE id = {}", lot["id"])
    assert stored[0]["labelled_quantity"] == 400


@pytest.mark.parametrize(
    ("link", "change", "fragment"),
    [
        ("licence", "expired", "生产经营许可证已过期"),
        ("licence", "revoked", "生产经营许可证已吊销"),
        ("licence", "annulled", "生产经营许可证已撤销"),
        ("licence", "cancelled", "生产经营许可证已注销"),
        ("quality", "expired", "质量检验合格证已过期"),
        ("quality", "revoked", "质量检验合格证已撤销"),
        ("quarantine", "expired", "检疫证书已过期"),
        ("quarantine", "revoked", "检疫证书已撤销"),
        ("lot", "recalled", "批次已召回"),
    ],
)
def test_each_ended_link_blocks_labels_and_is_named(chain, link, change, fragment):
    lot = chain.ready_lot()
    assert readiness(chain.alice, lot)["complete"]
    table, row_id, valid_to = {
        "licence": ("licence", chain.licence["id"], chain.licence["valid_to"]),
        "quality": ("quality_certificate", lot["quality_certificate"]["id"], None),
        "quarantine": ("site_quarantine_certificate", lot["site_quarantine"]["id"], None),
        "lot": ("lot", lot["id"], None),
    }[link]
    try:
        if change == "expired":
            expire(table, row_id)
        elif link == "lot":
            ok(chain.alice.post(f"/api/lots/{lot['id']}/recall", json={"reason": "抽检不合格召回"}))
        else:
            set_status(table, row_id, change)
        state = readiness(chain.alice, lot)
        assert not state["complete"]
        assert any(p.startswith(fragment) for p in state["problems"]), state["problems"]
        url = f"/api/labels/lots/{lot['id']}/issues"
        refused(chain.alice.post(url, json={"count": 1, "quantity_each": 10}), 422, fragment)
        assert sql("SELECT COUNT(*) AS n FROM label WHERE lot = {}", lot["id"])[0]["n"] == 0
    finally:
        if link == "licence":
            restore("licence", row_id, valid_to)


def test_labels_never_exceed_the_lot(chain):
    lot = chain.ready_lot("seed", "25.5")
    done = issue(chain.alice, lot, 2, "0.5")
    assert (done["quantity_each"], done["quantity_each_display"]) == (500, "0.5 kg")
    assert done["remaining"] == "24.5 kg"
    url = f"/api/labels/lots/{lot['id']}/issues"
    refused(
        chain.alice.post(url, json={"count": 50, "quantity_each": "0.5"}),
        409,
        "超出批次剩余数量（剩余 24.5 kg）",
        field="count",
    )
    refused(chain.alice.post(url, json={"count": 1, "quantity_each": "0.0001"}), 422, "0.001 kg")
    refused(chain.alice.post(url, json={"count": 0, "quantity_each": 1}), 422)
    issue(chain.alice, lot, 49, "0.5")  # exactly what is left
    state = readiness(chain.alice, lot)
    assert state["remaining"] == "0 kg"
    assert "批次已全部贴签，没有剩余数量" in state["problems"]
    refused(chain.alice.post(url, json={"count": 1, "quantity_each": 1}), 409, "剩余 0 kg")
    seedlings = chain.ready_lot(quantity=10)
    url = f"/api/labels/lots/{seedlings['id']}/issues"
    refused(chain.alice.post(url, json={"count": 1, "quantity_each": "1.5"}), 422, "整数")


def test_a_reissue_gets_a_new_serial_and_voids_the_old_one(chain):
    lot = chain.ready_lot(quantity=100)
    done = issue(chain.alice, lot, 2, 10)
    first = ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))["items"][0]
    new = ok(chain.alice.post(f"/api/labels/items/{first['id']}/reissue"), 201)
    assert new["serial"] != first["serial"]
    assert (new["version"], new["sequence"], new["quantity"]) == (2, first["sequence"], 10)
    old = ok(chain.alice.get(f"/api/labels/items/{first['id']}"))
    assert (old["status"], old["superseded_by"]) == ("void", new["serial"])
    assert readiness(chain.alice, lot)["labelled"] == "20 株"  # a reprint adds nothing
    refused(chain.alice.post(f"/api/labels/items/{first['id']}/reissue"), 409, "已作废")

    voided = ok(chain.alice.post(f"/api/labels/items/{new['id']}/void", json={"reason": "破损"}))
    assert voided["status"] == "void"
    assert voided["void_reason"] == "破损"
    assert readiness(chain.alice, lot)["labelled"] == "10 株"  # its quantity went back
    refused(chain.alice.post(f"/api/labels/items/{new['id']}/void", json={"reason": "再次"}), 409)
    actions = sql(
        "SELECT action FROM audit_event WHERE subject_type = 'label' AND subject_id IN ({}, {})",
        str(first["id"]),
        str(new["id"]),
    )
    assert sorted(a["action"] for a in actions) == ["label:reissue", "label:void"]
    issued = sql(
        "SELECT action FROM audit_event WHERE subject_type = 'label_issue' AND subject_id = {}",
        str(done["id"]),
    )
    assert [a["action"] for a in issued] == ["label:issue"]


def test_who_may_see_issue_reissue_and_void(chain, api):
    lot = chain.ready_lot(quantity=100)
    done = issue(chain.alice, lot, 1, 10)
    label = ok(chain.alice.get(f"/api/labels/issues/{done['id']}/labels"))["items"][0]
    paths = [
        f"/api/labels/lots/{lot['id']}/readiness",
        f"/api/labels/lots/{lot['id']}/issues",
        f"/api/labels/issues/{done['id']}",
        f"/api/labels/items/{label['id']}",
    ]
    for outsider in ("bob", "officer_kyqq"):
        client = api(outsider)
        for path in paths:
            assert client.get(path).status_code == 404, (outsider, path)
        r = client.post(f"/api/labels/items/{label['id']}/void", json={"reason": "试图作废"})
        assert r.status_code in (403, 404)
        assert lot["number"] not in r.text
    for reader in ("officer_wlht", "officer_league", "station", "admin"):
        for path in paths:
            assert api(reader).get(path).status_code == 200, (reader, path)
    body = {"count": 1, "quantity_each": 1}
    refused(api("officer_wlht").post(f"/api/labels/lots/{lot['id']}/issues", json=body), 403)
    refused(api("station").post(f"/api/labels/items/{label['id']}/reissue"), 403)
    refused(
        api("inspector").post(f"/api/labels/items/{label['id']}/void", json={"reason": "检查"}),
        403,
    )
    # The 种苗站 covering the lot may void a label (e.g. found on a fake batch).
    ok(api("station").post(f"/api/labels/items/{label['id']}/void", json={"reason": "抽查发现"}))


def test_valid_dates_in_the_future_or_past_are_checked_on_the_day(chain):
    lot = chain.ready_lot(quantity=100)
    cert = lot["quality_certificate"]
    # A certificate that will be valid only from tomorrow does not count today.
    sql(
        "UPDATE quality_certificate SET issued_on = {} WHERE id = {}",
        today() + timedelta(days=1),
        cert["id"],
    )
    state = readiness(chain.alice, lot)
    assert any("质量检验合格证" in p for p in state["problems"]), state["problems"]
