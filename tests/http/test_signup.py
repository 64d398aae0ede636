"""A new nursery signs up by itself (issue 13 item 1): codes normalised and checked, confirmed
by SMS (and e-mail), consent, honeypot and rate limits; applications at once, decisions only
after 实名核验; two sign-ups for one code give one account; a code works once."""

from __future__ import annotations

import asyncio
import threading

import httpx
from bs4 import BeautifulSoup

from seedreg.accounts.tables import User
from seedreg.organisations.tables import Organisation
from tests.factories import new_uscc
from tests.fixtures import inbox_page_with, unique
from tests.http.signupkit import (
    FULL_WIDTH,
    PASSWORD,
    anon,
    browser,
    code_mailed_to,
    code_sent_to,
    form,
    new_id_number,
    page_form,
    sign_ups_named,
    signed_up,
    sms_to,
    started,
)

APPS = "/api/licensing/applications"


def field_error(response: httpx.Response, name: str) -> str:
    soup = BeautifulSoup(response.text, "html.parser")
    control = soup.find(attrs={"name": name})
    err = control.find_parent("div", class_="field").find(class_="err")
    return err.get_text(strip=True) if err else ""


def typed_value(response: httpx.Response, name: str) -> str:
    soup = BeautifulSoup(response.text, "html.parser")
    return soup.find("input", attrs={"name": name}).get("value", "")


def token_of(server: str, username: str, password: str = PASSWORD) -> httpx.Client:
    r = httpx.post(f"{server}/api/auth/token", json={"username": username, "password": password})
    assert r.status_code == 201, r.text
    return httpx.Client(
        base_url=server, headers={"Authorization": f"Bearer {r.json()['token']}"}, timeout=60
    )


def organisations_with(uscc: str) -> list[dict]:
    return asyncio.run(Organisation.select().where(Organisation.uscc == uscc).run())


def accounts_of(org_id: int) -> list[dict]:
    return asyncio.run(User.select(User.username).where(User.organisation == org_id).run())


def test_a_nursery_signs_up_on_the_pages_with_a_code_typed_as_people_type_it(server, personas):
    b = browser(server)
    assert "新的生产经营者注册" in b.get("/login").text
    uscc = new_uscc("152201")
    # lower case, spaces between the groups, full-width digits: all forgiven
    typed = f"{uscc[:6]} {uscc[6:12]} {uscc[12:]}".lower().translate(FULL_WIDTH)
    email = f"{unique('nursery')}@example.test"
    data = page_form(uscc=typed, email=email)
    r = b.post_form("/signup", data)
    assert r.status_code == 303, r.text[:2000]
    status_page = r.headers["location"]
    shown = b.get(status_page).text
    assert data["phone"][-4:] in shown
    assert data["phone"] not in shown  # masked

    r = b.post_form(
        f"{status_page}/confirm",
        {"phone_code": code_sent_to(data["phone"]), "email_code": code_mailed_to(email)},
        form_page=status_page,
    )
    assert r.status_code == 303
    done = b.get(status_page).text
    assert "账号已开通" in done

    operator = token_of(server, data["username"])
    me = operator.get("/api/me").json()
    org = operator.get(f"/api/organisations/{me['organisation_id']}").json()
    assert org["uscc"] == uscc
    assert org["registered_via"] == "signup"
    assert org["identity_verified_at"] is None
    assert org["legal_representative"] == "赵六"


def test_invalid_codes_are_refused_beside_the_field_with_what_was_typed_kept(server, personas):
    b = browser(server)
    uscc = new_uscc("152201")
    wrong_check = uscc[:-1] + ("0" if uscc[-1] != "0" else "1")
    r = b.post_form("/signup", page_form(uscc=wrong_check))
    assert r.status_code == 422
    assert "校验位不符" in field_error(r, "uscc")
    assert typed_value(r, "uscc") == wrong_check
    assert typed_value(r, "password") == ""
    r = b.post_form("/signup", page_form(uscc="91152201ABC"))
    assert r.status_code == 422
    assert "18位" in field_error(r, "uscc")
    r = b.post_form(
        "/signup", page_form(kind="individual", uscc="", id_number="152201199001011234")
    )
    assert r.status_code == 422
    assert "校验位不符" in field_error(r, "id_number")
    # a failing early code goes through with a reason (the counter's override rule)
    r = b.post_form(
        "/signup", page_form(uscc=wrong_check, uscc_override_reason="早期赋码，营业执照如此")
    )
    assert r.status_code == 303


def test_an_individual_signs_up_by_id_number_through_the_api(server, personas):
    number = new_id_number()
    data = form(kind="individual", uscc=None, id_number=f" {number.lower()} ", name="孙八")
    state = signed_up(anon(server), data)
    assert state["account_open"] is True
    operator = token_of(server, data["username"])
    org = operator.get(f"/api/organisations/{operator.get('/api/me').json()['organisation_id']}")
    assert org.json()["id_number"] == number.upper()
    assert org.json()["kind"] == "individual"


def test_consent_to_the_personal_information_notice_is_required(server, personas):
    b = browser(server)
    r = b.post_form("/signup", page_form(consent=False))
    assert r.status_code == 422
    assert "个人信息处理告知" in field_error(r, "consent")
    notice = b.get("/signup/privacy").text
    assert "敏感个人信息" in notice
    assert "保存" in notice
    assert "30天" in notice
    r = anon(server).post("/api/signup", json=form(consent=False))
    assert r.status_code == 422
    assert r.json()["error"]["field"] == "consent"


def test_the_honeypot_keeps_nothing_and_sends_nothing(server, personas):
    data = form(website="http://spam.example")
    r = anon(server).post("/api/signup", json=data)
    assert r.status_code == 201  # looks the same to a script
    assert sign_ups_named(data["username"]) == []
    assert sms_to(data["phone"]) == []


def test_sign_ups_are_rate_limited_per_code_and_per_client(server, personas):
    uscc = new_uscc("152201")
    statuses = [
        anon(server).post("/api/signup", json=form(uscc=uscc)).status_code for _ in range(4)
    ]
    assert statuses == [201, 201, 201, 429]  # accounts.signups_per_code_day = 3
    one_client = anon(server)
    statuses = [one_client.post("/api/signup", json=form()).status_code for _ in range(11)]
    assert statuses == [201] * 10 + [429]  # accounts.signups_per_client_day = 10


def test_a_confirmation_code_used_twice_is_refused(server, personas):
    client = anon(server)
    data = form()
    token = started(client, data)
    code = code_sent_to(data["phone"])
    results: list[int] = []

    def confirm() -> None:
        r = httpx.post(
            f"{server}/api/signup/{token}/confirm", json={"phone_code": code}, timeout=60
        )
        results.append(r.status_code)

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 422]
    again = client.post(f"/api/signup/{token}/confirm", json={"phone_code": code})
    assert again.status_code == 422
    assert again.json()["error"]["message"] == "验证码不正确或已失效，请重新获取"
    assert len(organisations_with(data["uscc"])) == 1
    assert [a["username"] for a in accounts_of(organisations_with(data["uscc"])[0]["id"])] == [
        data["username"]
    ]


def test_two_concurrent_sign_ups_for_one_code_give_one_account(server, personas):
    uscc = new_uscc("152201")
    first, second = form(uscc=uscc), form(uscc=uscc)
    tokens = [started(anon(server), d) for d in (first, second)]
    codes = [code_sent_to(d["phone"]) for d in (first, second)]
    results: list[dict] = []

    def confirm(token: str, code: str) -> None:
        r = httpx.post(
            f"{server}/api/signup/{token}/confirm", json={"phone_code": code}, timeout=60
        )
        assert r.status_code == 200, r.text
        results.append(r.json())

    threads = [
        threading.Thread(target=confirm, args=pair) for pair in zip(tokens, codes, strict=False)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r["status"] for r in results) == ["claim", "done"]
    orgs = organisations_with(uscc)
    assert len(orgs) == 1
    assert len(accounts_of(orgs[0]["id"])) == 1


def test_an_application_is_submitted_at_once_and_decided_only_after_identity_is_verified(
    server, personas, api
):
    from tests.http.test_licensing_api import issue_details

    data = form()
    assert signed_up(anon(server), data)["account_open"]
    nursery = token_of(server, data["username"])
    org_id = nursery.get("/api/me").json()["organisation_id"]
    app = nursery.post(APPS, json={"kind": "issue", "details": issue_details()})
    assert app.status_code == 201, app.text
    app_id = app.json()["id"]
    assert nursery.post(f"{APPS}/{app_id}/submit").status_code == 200
    officer = api("officer_wlht")
    assert officer.post(f"{APPS}/{app_id}/accept").status_code == 200

    inbox = browser(server)
    inbox.login("officer_wlht")
    listed = inbox_page_with(inbox, f"/licensing/applications/{app_id}")
    soup = BeautifulSoup(listed, "html.parser")
    row = soup.find("a", href=f"/licensing/applications/{app_id}")
    assert row is not None
    assert "待实名核验" in row.get_text()

    for step, payload in (("grant", None), ("refuse", {"reasons": "不符合法定条件的理由"})):
        r = officer.post(f"{APPS}/{app_id}/{step}", json=payload)
        assert r.status_code == 422, r.text
        assert "实名核验" in r.json()["error"]["message"]

    r = api("officer_kyqq").post(
        f"/api/organisations/{org_id}/identity-verification", json={"note": "核对营业执照原件"}
    )
    assert r.status_code == 404  # not in that officer's banner
    r = officer.post(
        f"/api/organisations/{org_id}/identity-verification",
        json={"note": "核对营业执照原件，名称、代码、法定代表人一致"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["identity_verified_at"] is not None
    granted = officer.post(f"{APPS}/{app_id}/grant")
    assert granted.status_code == 200, granted.text
    assert granted.json()["status"] == "granted"
    history = api("admin").get(
        "/api/audit", params={"subject_type": "organisation", "subject_id": org_id}
    )
    assert [e["action"] for e in history.json()] == [
        "organisation:signup",
        "organisation:verify_identity",
    ]
