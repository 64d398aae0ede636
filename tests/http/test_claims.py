"""A sign-up for a code registered at the counter becomes a claim (issue 13 item 2): the
official or the organisation's existing account holder approves it; nothing the claimant
sees reveals that account's contacts."""

from __future__ import annotations

import asyncio

import httpx
from bs4 import BeautifulSoup

from seedreg.accounts.rules import Role
from tests import factories
from tests.fixtures import PASSWORD as HOLDER_PASSWORD
from tests.fixtures import unique
from tests.http.signupkit import (
    PASSWORD,
    anon,
    browser,
    code_sent_to,
    form,
    new_phone,
    signed_up,
    sms_to,
    started,
)


def registered_with_holder() -> tuple[dict, str, str, str]:
    """An organisation registered at the counter, and its account holder's name and contacts."""
    org = asyncio.run(factories.make_organisation("152201", name=f"窗口登记苗圃{unique('')}"))
    holder, phone, email = unique("holder"), new_phone(), f"{unique('h')}@example.test"
    asyncio.run(
        factories.make_user(holder, Role.OPERATOR, organisation_id=org.id, phone=phone, email=email)
    )
    return org.model_dump(), holder, phone, email


def bearer(server: str, username: str, password: str) -> httpx.Client:
    r = httpx.post(f"{server}/api/auth/token", json={"username": username, "password": password})
    assert r.status_code == 201, r.text
    return httpx.Client(
        base_url=server, headers={"Authorization": f"Bearer {r.json()['token']}"}, timeout=60
    )


def can_sign_in(server: str, username: str) -> bool:
    r = httpx.post(f"{server}/api/auth/token", json={"username": username, "password": PASSWORD})
    return r.status_code == 201


def test_a_claim_reveals_no_contacts_and_the_account_holder_approves_it(server, personas):
    org, holder, holder_phone, holder_email = registered_with_holder()
    claimant = form(uscc=org["uscc"], name=org["name"])
    fresh = form()
    client = anon(server)
    # the first answer is the same for a registered code and a new one
    answers = [client.post("/api/signup", json=d).json() for d in (claimant, fresh)]
    assert [sorted(a) for a in answers] == [sorted(answers[1])] * 2
    assert answers[0]["status"] == answers[1]["status"] == "pending"
    assert answers[0]["message"] == answers[1]["message"]

    token = answers[0]["token"]
    r = client.post(
        f"/api/signup/{token}/confirm", json={"phone_code": code_sent_to(claimant["phone"])}
    )
    assert r.status_code == 200
    assert r.json()["status"] == "claim"
    page = browser(server).get(f"/signup/requests/{token}").text
    for secret in (holder, holder_phone, holder_email, holder_phone[-4:]):
        assert secret not in r.text
        assert secret not in page
    assert "账号认领" in page
    assert not can_sign_in(server, claimant["username"])

    # the holder hears of it on their own phone, and decides
    assert any("账号认领申请" in text for text in sms_to(holder_phone))
    holder_api = bearer(server, holder, HOLDER_PASSWORD)
    pending = holder_api.get("/api/claims").json()
    mine = [c for c in pending if c["username"] == claimant["username"]]
    assert len(mine) == 1
    assert mine[0]["actions"] == ["approve", "refuse"]
    assert claimant["phone"] not in str(mine[0])  # masked for the holder too
    r = holder_api.post(f"/api/claims/{mine[0]['id']}/approve")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "done"
    assert can_sign_in(server, claimant["username"])
    me = bearer(server, claimant["username"], PASSWORD).get("/api/me").json()
    assert me["organisation_id"] == org["id"]
    assert any("已通过" in text for text in sms_to(claimant["phone"]))
    again = holder_api.post(f"/api/claims/{mine[0]['id']}/approve")
    assert again.status_code == 409


def test_the_official_of_the_jurisdiction_refuses_a_claim_on_the_page(server, personas, api):
    org, *_ = registered_with_holder()
    claimant = form(uscc=org["uscc"])
    state = signed_up(anon(server), claimant)
    assert state["status"] == "claim"
    # another banner's officer neither sees nor decides it
    elsewhere = api("officer_kyqq")
    assert claimant["username"] not in elsewhere.get("/api/claims").text
    claim_id = next(
        c["id"]
        for c in api("officer_wlht").get("/api/claims").json()
        if c["username"] == claimant["username"]
    )
    assert elsewhere.post(f"/api/claims/{claim_id}/approve").status_code == 403
    # an unrelated nursery cannot either
    assert api("alice").post(f"/api/claims/{claim_id}/approve").status_code == 403

    officer = browser(server)
    officer.login("officer_wlht")
    listing = officer.get("/claims")
    assert claimant["username"] in listing.text
    r = officer.post_form(f"/claims/{claim_id}/refuse", {"reason": "x"}, form_page="/claims")
    assert r.status_code == 422
    r = officer.post_form(
        f"/claims/{claim_id}/refuse", {"reason": "经电话核实非本单位人员"}, form_page="/claims"
    )
    assert r.status_code == 303
    assert claimant["username"] not in officer.get("/claims").text
    assert not can_sign_in(server, claimant["username"])
    assert any("经电话核实非本单位人员" in t for t in sms_to(claimant["phone"]))
    history = api("admin").get(
        "/api/audit", params={"subject_type": "sign_up", "subject_id": claim_id}
    )
    assert [e["action"] for e in history.json()] == [
        "signup:start",
        "signup:claim",
        "signup:refuse_claim",
    ]


def test_the_claims_page_has_nothing_for_a_nursery_without_claims(server, personas):
    b = browser(server)
    b.login("bob")
    soup = BeautifulSoup(b.get("/claims").text, "html.parser")
    assert "没有待处理的认领申请" in soup.get_text()


def test_a_started_claim_keeps_the_first_answer_even_with_a_wrong_code(server, personas):
    org, *_ = registered_with_holder()
    claimant = form(uscc=org["uscc"])
    token = started(anon(server), claimant)
    code = code_sent_to(claimant["phone"])
    wrong = "000000" if code != "000000" else "111111"
    r = anon(server).post(f"/api/signup/{token}/confirm", json={"phone_code": wrong})
    assert r.status_code == 422
    assert "claim" not in r.text
    assert "认领" not in r.text


def test_each_claim_card_labels_its_own_reason_field(server, personas):
    # two pending claims on one page: each label must point at the input in its own card (the
    # random order found a page where every label pointed at the first card's input)
    for _ in range(2):
        org, *_ = registered_with_holder()
        assert signed_up(anon(server), form(uscc=org["uscc"]))["status"] == "claim"
    officer = browser(server)
    officer.login("officer_wlht")
    soup = BeautifulSoup(officer.get("/claims").text, "html.parser")
    cards = [li for li in soup.select(".cards li") if li.find("form")]
    assert len(cards) >= 2
    ids = []
    for card in cards:
        [label] = [x for x in card.find_all("label") if "拒绝理由" in x.get_text()]
        assert card.find("input", id=label["for"]) is not None
        ids.append(label["for"])
    assert len(set(ids)) == len(ids)
