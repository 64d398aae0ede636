"""Introductions (引种) through the JSON API of the live server: applying (bad input refused with
a Chinese message and nothing written), routing fixed at application, the league's grant with
the approval record and its PDF read back, the refusal with reasons and appeal rights, the
forward to the region and its decision recorded, and who sees what."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.http.introkit import (
    API,
    OTHER_PROVINCE,
    accepted,
    apply,
    details,
    qr_on_last_page,
    step,
    variety,
)
from tests.http.test_licensing_api import ok, refused
from tests.pdfread import pdf_text, squash


@pytest.fixture
def c(api, personas) -> SimpleNamespace:
    return SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        league=api("officer_league"),
        wlht=api("officer_wlht"),
        kyqq=api("officer_kyqq"),
        admin=api("admin"),
        anon=api(),
    )


def count(client) -> int:
    return ok(client.get(API))["total"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"quantity": "0"}, "max_quantity", "大于0"),
        ({"quantity": "-5"}, "max_quantity", "大于0"),
        ({"quantity": "99999999999"}, "max_quantity", "过大"),
        ({"valid_to": "2020-01-01", "valid_from": "2020-06-01"}, "valid_to", "不能早于"),
        ({"valid_from": "2020-01-01", "valid_to": "2020-02-01"}, "valid_to", "已过"),
        (
            {"sites": [{"division_code": "150402", "place": "红山区某村"}]},
            "site_codes",
            "不在兴安盟",
        ),
        ({"origin_country": "US", "origin_code": ""}, "origin_code", "境外"),
        ({"origin_code": "152222"}, "origin_code", "无需审批"),
        ({"origin_code": "999999"}, "origin_code", "不是有效的行政区划代码"),
        ({"improved": True}, "variety_number", "审定（认定）编号"),
    ],
)
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(c, changes, field, words):
    before = count(c.alice)
    response = c.alice.post(API, json={"details": details(**changes)})
    message = refused(response, 422, words)
    assert message
    assert field in str(response.json()["error"].get("details", {}))
    assert count(c.alice) == before


def test_a_number_of_another_species_is_refused(c):
    larch = variety(c.admin, species="兴安落叶松")
    response = c.alice.post(
        API, json={"details": details(improved=True, variety_number=larch["number"])}
    )
    refused(response, 422, "兴安落叶松", "不是樟子松")


def test_from_another_league_city_the_league_grants_and_the_approval_is_printed(c):
    app = apply(c.alice)
    assert (app["route"], app["status"], app["allowed_actions"]) == (
        "other_city",
        "draft",
        ["submit"],
    )
    step(c.alice, app["id"], "submit")
    app = step(c.league, app["id"], "accept")
    assert set(app["allowed_actions"]) == {"grant", "refuse"}
    checks = ok(c.league.get(f"{API}/{app['id']}/checks"))
    assert {k["key"] for k in checks} >= {"species", "zone", "requirement", "trial"}
    assert all(k["source"] for k in checks)
    done = step(c.league, app["id"], "grant", {"conditions": "仅限造林使用，不得转售"})
    assert done["status"] == "granted"
    approval = done["approval"]
    assert (approval["max_quantity"], approval["remaining"], approval["unit"]) == (
        "1000",
        "1000",
        "株",
    )
    notice = done["notices"][-1]
    assert notice["kind"] == "introduction_grant"
    assert approval["number"] == notice["number"]
    pdf = c.alice.get(notice["pdf_url"])
    assert pdf.status_code == 200
    text = squash(pdf_text(pdf.content))
    for words in (
        "准予引种决定书",
        approval["number"],
        "樟子松",
        "赤峰市林木种苗有限公司",
        "1000株",
        "仅限造林使用",
        "兴署发〔2021〕6号",
    ):
        assert squash(words) in text, words
    [url] = qr_on_last_page(pdf.content)
    assert url.endswith(f"/verify/notices/{notice['public_id']}")
    page = c.anon.get(f"/verify/notices/{notice['public_id']}")
    assert page.status_code == 200
    assert "准予引种决定书" in page.text


def test_a_refusal_states_reasons_and_appeal_rights_on_paper(c):
    app = accepted(c.alice, c.league)
    done = step(c.league, app["id"], "refuse", {"reasons": "供种单位许可证已过期"})
    assert done["status"] == "refused"
    assert done["approval"] is None
    notice = done["notices"][-1]
    text = squash(pdf_text(c.alice.get(notice["pdf_url"]).content))
    for words in ("不予批准引种决定书", "供种单位许可证已过期", "行政复议", "行政诉讼"):
        assert squash(words) in text, words


def test_a_failing_check_blocks_the_grant_with_its_source(c):
    app = accepted(c.alice, c.league, native=False)
    response = c.league.post(f"{API}/{app['id']}/grant", json={})
    refused(response, 422, "引种试验", "种子法第十九条第二款")
    assert ok(c.league.get(f"{API}/{app['id']}"))["status"] == "accepted"


def test_from_another_province_it_is_forwarded_and_the_regions_decision_recorded(c):
    app = accepted(c.alice, c.league, origin_code=OTHER_PROVINCE, requirement_number="黑检要2026-1")
    assert app["route"] == "other_province"
    assert set(app["allowed_actions"]) == {"forward"}
    refused(c.league.post(f"{API}/{app['id']}/grant", json={}), 409, "报送自治区")
    app = step(c.league, app["id"], "forward", {"opinion": "材料齐全，同意报送"})
    assert app["status"] == "forwarded"
    assert app["notices"][-1]["kind"] == "introduction_forward"
    text = squash(pdf_text(c.alice.get(app["notices"][-1]["pdf_url"]).content))
    assert squash("内蒙古自治区林业和草原局") in text
    decision = {
        "outcome": "granted",
        "number": "内林草引字〔2026〕8号",
        "decided_on": app["notices"][-1]["issued_on"],
    }
    done = step(c.league, app["id"], "region-decision", decision)
    assert done["status"] == "granted"
    assert done["approval"]["number"] == "内林草引字〔2026〕8号"
    assert done["approval"]["decided_by"] == "内蒙古自治区林业和草原局"
    assert done["details"]["region_decision"]["number"] == "内林草引字〔2026〕8号"


def test_the_region_refusal_needs_its_reasons(c):
    app = accepted(c.alice, c.league, origin_code=OTHER_PROVINCE, requirement_number="黑检要2026-2")
    app = step(c.league, app["id"], "forward", {"opinion": "材料齐全，同意报送"})
    day = app["notices"][-1]["issued_on"]
    bad = {"outcome": "refused", "number": "内林草引字〔2026〕9号", "decided_on": day}
    refused(c.league.post(f"{API}/{app['id']}/region-decision", json=bad), 422, "理由")
    no_scan = {**bad, "reasons": "不符合适地适树要求", "scan_material_id": 2_000_000_000}
    url = f"{API}/{app['id']}/region-decision"
    refused(c.league.post(url, json=no_scan), 422, "扫描件")
    done = step(c.league, app["id"], "region-decision", {**bad, "reasons": "不符合适地适树要求"})
    assert (done["status"], done["reasons"]) == ("refused", "不符合适地适树要求")


def test_access_applicant_own_banner_by_site_league_all(c):
    app = apply(c.alice, sites=[{"division_code": "152221", "place": "科尔沁镇"}])
    url = f"{API}/{app['id']}"
    assert ok(c.alice.get(url))["id"] == app["id"]
    assert c.bob.get(url).status_code == 404  # another applicant
    assert ok(c.kyqq.get(url))["allowed_actions"] == []  # its banner has the site: reads only
    assert c.wlht.get(url).status_code == 404  # no site in 乌兰浩特市
    assert ok(c.league.get(url))["id"] == app["id"]
    step(c.alice, app["id"], "submit")
    refused(c.kyqq.post(f"{url}/accept"), 403, "盟林草局")
    assert c.anon.get(url).status_code in (401, 403)
