"""备案 filings (种子法 Art. 38 ¶1) through the JSON API of the live server, as each role uses it:
the three kinds, the licence each rests on checked with licensing, the shared intake's one-time
补正 notice, the record with its numbered receipt verifiable in public, and who may do what."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest

from seedreg.core import clock
from tests.fixtures import every_page
from tests.http.test_licensing_api import granted, licence, ok, refused
from tests.pdfread import pdf_text, qr_texts, squash

FILINGS = "/api/filings"


@pytest.fixture
def c(api, personas) -> SimpleNamespace:
    return SimpleNamespace(
        alice=api("alice"),
        bob=api("bob"),
        wlht=api("officer_wlht"),
        kyqq=api("officer_kyqq"),
        league=api("officer_league"),
        anon=api(),
    )


def alice_licence_number(c) -> str:
    """A licence granted to alice today (valid area: 乌兰浩特市, 152201)."""
    app = granted(c)
    return licence(c.alice, app["licence_id"])["number"]


def act(client, filing_id: int, step: str, payload: dict | None = None) -> dict:
    return ok(client.post(f"{FILINGS}/{filing_id}/{step}", json=payload))


def test_a_packaged_seed_filing_is_sent_back_once_then_recorded_with_a_receipt(c):
    number = alice_licence_number(c)
    details = {"kind": "packaged_seller", "licence_number": number, "varieties": ["樟子松"]}
    filing = ok(c.bob.post(FILINGS, json={"details": details}), 201)
    assert (filing["status"], filing["kind_label"]) == ("draft", "经营不再分装的包装种子备案")
    assert filing["allowed_actions"] == ["submit"]
    filing = act(c.bob, filing["id"], "submit")
    assert filing["status_label"] == "已提交，待备案"
    # bob's banner (科右前旗) handles it; the officer sees what he may do
    seen = ok(c.kyqq.get(f"{FILINGS}/{filing['id']}"))
    assert set(seen["allowed_actions"]) == {"record", "reject_intake", "request_supplement"}
    # one notice naming everything missing at once (一次性告知)
    sent_back = act(
        c.kyqq,
        filing["id"],
        "supplement",
        {"items": ["F04", "F01"], "notes": {"F04": "复印件不清晰"}},
    )
    assert sent_back["status"] == "supplement_requested"
    assert sent_back["supplement_items"] == ["F01", "F04"]
    (notice,) = sent_back["notices"]
    assert notice["kind_label"] == "补正材料通知书"
    assert "备补" in notice["number"]
    # a second notice may not name an item the first did not (Art. 32 ¶1(四))
    act(c.bob, filing["id"], "resubmit")
    refused(
        c.kyqq.post(f"{FILINGS}/{filing['id']}/supplement", json={"items": ["F02"]}),
        422,
        "一次性告知",
    )
    done = act(c.kyqq, filing["id"], "record")
    assert (done["status"], done["status_label"]) == ("filed", "已备案")
    assert done["decided_on"] == clock.today().isoformat()
    assert done["allowed_actions"] == []
    receipt = done["notices"][-1]
    assert receipt["kind_label"] == "林木种子生产经营备案回执"
    assert "备〔" in receipt["number"]
    # the receipt's public check (the notices' verification page)
    page = c.anon.get(f"/verify/notices/{receipt['public_id']}")
    assert page.status_code == 200
    assert receipt["number"] in page.text
    assert "林木种子生产经营备案回执" in page.text
    # the receipt on paper: number, kind, filer, what was filed, date, authority, QR
    pdf = c.bob.get(f"{FILINGS}/notices/{receipt['id']}/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"].startswith("application/pdf")
    text = squash(pdf_text(pdf.content))
    today = clock.today()
    for expected in (
        "林木种子生产经营备案回执",
        receipt["number"],
        "经营不再分装的包装种子备案",
        "bob林木种苗有限公司",
        number,
        "樟子松",
        f"{today.year}年{today.month}月{today.day}日",
        "种子法》第三十八条第一款",
        "本机关予以备案",
    ):
        assert squash(expected) in text, expected
    [url] = qr_texts(pdf.content)
    assert url.endswith(f"/verify/notices/{receipt['public_id']}")
    # nobody else's paper: alice gets nothing
    assert c.alice.get(f"{FILINGS}/notices/{receipt['id']}/pdf").status_code == 404
    # the 补正 notice on paper names every item at once, with its QR
    paper = c.bob.get(f"{FILINGS}/notices/{notice['id']}/pdf")
    assert paper.status_code == 200
    text = squash(pdf_text(paper.content))
    for expected in (
        "补正材料通知书",
        "林木种子生产经营备案",
        "F01",
        "F04",
        "复印件不清晰",
        "一次性",
    ):
        assert squash(expected) in text, expected
    [url] = qr_texts(paper.content)
    assert url.endswith(f"/verify/notices/{notice['public_id']}")
    # the filing is in the shared applications, with bob's list
    assert filing["id"] in [f["id"] for f in every_page(c.bob, FILINGS)]
    assert filing["id"] not in [f["id"] for f in every_page(c.alice, FILINGS)]


def test_a_branch_must_lie_inside_its_company_licence_area(c):
    number = alice_licence_number(c)
    branch = {
        "kind": "branch",
        "licence_number": number,
        "branch_name": "alice林木种苗有限公司城南分公司",
        "address": "乌兰浩特市城南街道5号",
        "person_in_charge": "李四",
    }
    filing = ok(c.alice.post(FILINGS, json={"details": branch}), 201)
    assert filing["details"]["branch_name"] == branch["branch_name"]
    # bob is in 科右前旗, outside the licence's valid area (乌兰浩特市)
    refused(c.bob.post(FILINGS, json={"details": branch}), 422, "有效区域")
    # a number no licence carries
    refused(
        c.alice.post(FILINGS, json={"details": branch | {"licence_number": "15220119990001"}}),
        422,
        "不存在或不在有效期内",
    )
    # fields missing or malformed: the structured error, not a stack trace
    r = c.alice.post(FILINGS, json={"details": branch | {"licence_number": "12"}})
    assert r.status_code == 422, r.text
    assert "licence_number" in str(r.json()["error"]), r.text


def test_a_commission_must_be_running_and_only_officers_record(c):
    number = alice_licence_number(c)
    today = clock.today()
    commission = {
        "kind": "commissioned",
        "licence_number": number,
        "commission_from": (today - timedelta(days=30)).isoformat(),
        "commission_to": (today - timedelta(days=1)).isoformat(),
        "scope": "代销樟子松苗木",
    }
    refused(c.bob.post(FILINGS, json={"details": commission}), 422, "委托期限已届满")
    commission["commission_to"] = (today + timedelta(days=365)).isoformat()
    filing = ok(c.bob.post(FILINGS, json={"details": commission}), 201)
    act(c.bob, filing["id"], "submit")
    refused(c.bob.post(f"{FILINGS}/{filing['id']}/record"), 403, "备案机关")
    # another banner's officer and another operator see nothing of it
    assert c.wlht.get(f"{FILINGS}/{filing['id']}").status_code == 404
    assert c.alice.get(f"{FILINGS}/{filing['id']}").status_code == 404
    out = act(c.kyqq, filing["id"], "reject", {"reasons": "该单位实际从事种子分装，应申请许可证"})
    assert out["status_label"] == "不予备案"
    refusal = out["notices"][-1]
    assert refusal["kind_label"] == "不予备案通知书"
    # 不予备案 on paper in 备案 wording: the reasons, the article, the rights; its QR verifies it
    paper = c.bob.get(refusal["pdf_url"])
    assert paper.status_code == 200
    text = squash(pdf_text(paper.content))
    for expected in (
        "不予备案通知书",
        refusal["number"],
        "林木种子生产经营备案（受托生产、代销备案",
        "种子法》第三十八条第一款",
        "本机关决定不予备案",
        "该单位实际从事种子分装，应申请许可证",
        "行政复议",
        "行政诉讼",
    ):
        assert squash(expected) in text, expected
    [url] = qr_texts(paper.content)
    assert url.endswith(f"/verify/notices/{refusal['public_id']}")
    verified = c.anon.get(f"/verify/notices/{refusal['public_id']}")
    assert verified.status_code == 200
    assert "不予备案通知书真实有效" in verified.text
    assert c.alice.get(refusal["pdf_url"]).status_code == 404
    # decided stays decided
    refused(c.kyqq.post(f"{FILINGS}/{filing['id']}/record"), 409, "不能执行此操作")
