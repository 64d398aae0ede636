"""Licensing through the pages, as people use them: forms without JavaScript, post/redirect/get,
422 with the Chinese message beside the field, and 404 for records out of reach.

The lifecycle test drives one application from alice's draft to the public register using only
the pages; the other tests build what they need through the JSON API and check one page each.
"""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from types import SimpleNamespace

import httpx
import pytest
from bs4 import BeautifulSoup

from seedreg.core import clock
from seedreg.licensing.forms import parse_site_lines, parse_variety_lines
from seedreg.matters.tables import Application
from tests.factories import SEEDLING_DETAILS
from tests.fixtures import Browser, inbox_page_with, unique
from tests.http.confirmkit import asks_first

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
ALICE_ORG_NAME = "alice林木种苗有限公司"
SITE = "乌兰浩特市,义勒力特镇,红星村,3号地块"
BAND = re.compile(r"\bband-(overdue|red|amber|green)\b")
APP_PATH = re.compile(r"^/licensing/applications/(\d+)$")
# The confirmation step's field (irreversible actions ask first, issue 14 item 6).
CONFIRMED = {"confirm": "1"}


def soup_of(response: httpx.Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def text_of(response: httpx.Response) -> str:
    return soup_of(response).get_text(" ", strip=True)


def redirected(response: httpx.Response, to: str | re.Pattern[str] | None = None) -> str:
    """The 303 of post/redirect/get, and where it leads."""
    assert response.status_code == 303, f"{response.status_code}: {text_of(response)[:600]}"
    location = response.headers["location"]
    if isinstance(to, str):
        assert location.split("#")[0] == to
    elif to is not None:
        assert to.match(location.split("#")[0]), location
    return location


def field_error(response: httpx.Response, name: str) -> str:
    """The message shown beside the control called ``name`` on a re-rendered (422) form."""
    assert response.status_code == 422, f"{response.status_code}: {text_of(response)[:600]}"
    soup = soup_of(response)
    control = soup.find(attrs={"name": name})
    assert control is not None, f"no control named {name}"
    box = control.find_parent(class_="field")
    assert box is not None, f"{name} is not in a field"
    assert "invalid" in box["class"], f"{name} is not marked invalid"
    err = box.find(class_="err")
    assert err is not None, f"no message beside {name}"
    assert "Traceback" not in response.text
    return err.get_text(strip=True)


@pytest.fixture(autouse=True)
def _people(personas) -> None:
    """alice, bob and the officials exist before any page is visited."""


def signed_in(server: str, name: str) -> Browser:
    browser = Browser(server)
    browser.login(name)
    return browser


def details_form(**changes: object) -> dict[str, object]:
    form: dict[str, object] = {
        "legal_representative": "张三",
        "registered_address": "乌兰浩特市兴安南大路1号",
        "scope": ["seedling"],
        "species": "樟子松\n兴安落叶松",
        "production_sites": SITE,
        "varieties": "",
        "valid_area": ["152201"],
        "then": "save",
    }
    return form | changes


def post(browser: Browser, path: str, data: dict[str, object]) -> httpx.Response:
    """Post a form from the page it is on (one level up from the action)."""
    return browser.post_form(path, data, form_page=path.rsplit("/", 1)[0])


def upload(browser: Browser, app_id: int, item: str, name: str, content: bytes) -> httpx.Response:
    """A multipart form post, as a browser sends it: the file, the item and the CSRF field."""
    path = f"/licensing/applications/{app_id}"
    token = browser.csrf(path)
    return browser.http.post(
        f"{path}/materials",
        data={"item_code": item, "_csrf_token": token},
        files={"file": (name, content, "application/pdf")},
    )


def submit_confirming(browser: Browser, path: str, form: dict[str, object]) -> None:
    """提交 with materials missing: the page names them (issue 14 item 5), then 仍然提交."""
    step = post(browser, f"{path}/details", form)
    assert step.status_code == 200, f"{step.status_code}: {text_of(step)[:600]}"
    assert soup_of(step).select("#missing-materials li")
    then = {"then": form["then"], "confirm": "1"}
    redirected(browser.post_form(f"{path}/submit", then, form_page=path), path)


def status_of(browser: Browser, app_id: int) -> str:
    page = soup_of(browser.get(f"/licensing/applications/{app_id}"))
    return page.select_one(".app-head .status").get_text(strip=True)


def new_draft(browser: Browser) -> int:
    r = browser.post_form("/licensing/applications", {"kind": "issue"}, form_page="/licensing")
    return int(APP_PATH.match(redirected(r, APP_PATH).split("#")[0]).group(1))


# --- the API builds what single-page tests need ------------------------------------------------


def ok(response: httpx.Response, status: int = 200) -> dict:
    assert response.status_code == status, f"{response.status_code}: {response.text[:600]}"
    return response.json()


API_DETAILS = SEEDLING_DETAILS


def granted_via_api(api) -> SimpleNamespace:
    """alice's issue application with one material, accepted and granted by officer_wlht."""
    alice, wlht = api("alice"), api("officer_wlht")
    base = "/api/licensing/applications"
    app = ok(alice.post(base, json={"kind": "issue", "details": API_DETAILS}), 201)
    material = ok(
        alice.post(
            f"{base}/{app['id']}/materials",
            data={"item_code": "A01"},
            files={"file": ("申请表.pdf", PDF, "application/pdf")},
        ),
        201,
    )
    ok(alice.post(f"{base}/{app['id']}/submit"))
    ok(wlht.post(f"{base}/{app['id']}/accept"))
    done = ok(wlht.post(f"{base}/{app['id']}/grant"))
    licence = ok(wlht.get(f"/api/licensing/licences/{done['licence_id']}"))
    return SimpleNamespace(
        app_id=app["id"],
        material_id=material["id"],
        licence_id=licence["id"],
        licence=licence,
        notice_ids=[n["id"] for n in done["notices"]],
    )


@pytest.fixture(scope="module")
def granted(api) -> SimpleNamespace:
    return granted_via_api(api)


# --- the whole life, through the pages only ------------------------------------------------------


def test_it_takes_an_application_from_draft_to_the_public_register(server):
    alice = signed_in(server, "alice")
    home = alice.get("/licensing")
    assert home.status_code == 200
    assert soup_of(home).select_one("#form-create form")["action"] == "/licensing/applications"

    app_id = new_draft(alice)
    path = f"/licensing/applications/{app_id}"
    page = soup_of(alice.get(path))
    assert page.select_one("input[name=legal_representative]")["value"] == "张三"
    assert page.select_one("input[name=valid_area][value='152201']").has_attr("checked")

    # A site line with too few parts comes back with the typed text and the line named.
    bad = post(alice, f"{path}/details", details_form(production_sites="乌兰浩特市"))
    message = field_error(bad, "production_sites")
    assert "第1行" in message
    assert "至少填写旗县市和苏木乡镇" in message
    assert soup_of(bad).select_one("textarea[name=production_sites]").get_text() == "乌兰浩特市"
    assert soup_of(bad).select_one("input[name=scope][value=seedling]").has_attr("checked")

    redirected(post(alice, f"{path}/details", details_form()), path)
    page = soup_of(alice.get(path))
    assert page.select_one("textarea[name=species]").get_text().split() == ["樟子松", "兴安落叶松"]
    assert SITE in page.select_one("textarea[name=production_sites]").get_text()

    # A small real PDF, uploaded as a browser does, and downloaded again as an attachment.
    redirected(upload(alice, app_id, "A01", "申请表.pdf", PDF), path)
    link = soup_of(alice.get(path)).find("a", string="申请表.pdf")
    assert link is not None
    download = alice.get(link["href"])
    assert download.status_code == 200
    assert download.content == PDF
    assert download.headers["content-disposition"].startswith("attachment;")

    submit_confirming(alice, path, details_form(then="submit"))
    assert status_of(alice, app_id) == "已提交，待受理"

    # The officer's inbox shows it with its colour band; 补正 names two items at once.
    wlht = signed_in(server, "officer_wlht")
    inbox = BeautifulSoup(inbox_page_with(wlht, path), "html.parser")
    row = inbox.find("a", href=path).find_parent("li")
    assert BAND.search(" ".join(row["class"])), row["class"]
    assert row.select_one(".band") is not None
    assert ALICE_ORG_NAME in row.get_text()
    r = post(
        wlht,
        f"{path}/supplement",
        {
            "items": ["A04", "A05"],
            "note_A04": "土地租赁合同已过期",
            "note_A05": "缺少种子库照片",
            "deadline_workdays": "10",
        },
    )
    redirected(r, path)
    assert status_of(wlht, app_id) == "待补正"
    notice = soup_of(wlht.get(path)).find("a", href=re.compile(r"^/licensing/notices/\d+\.pdf$"))
    assert "补正材料通知书" in notice.get_text()
    pdf = wlht.get(notice["href"])
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")

    # alice hands in the missing material and resubmits.
    page = soup_of(alice.get(path))
    assert "需补正" in page.select_one("#materials").get_text()
    redirected(upload(alice, app_id, "A04", "租赁合同.pdf", PDF), path)
    submit_confirming(alice, path, details_form(then="resubmit"))
    assert status_of(alice, app_id) == "已提交，待受理"

    # 受理 asks first, naming the application and the applicant (issue 14 item 6).
    step = asks_first(wlht.post_form(f"{path}/accept", {}, form_page=path), "受理", ALICE_ORG_NAME)
    reference = soup_of(wlht.get(path)).select_one(".app-head .code").get_text(strip=True)
    assert reference in step.select_one(".confirm-question").get_text()
    assert status_of(wlht, app_id) == "已提交，待受理"
    redirected(wlht.post_form(f"{path}/accept", CONFIRMED, form_page=path), path)
    assert status_of(wlht, app_id) == "已受理，审查中"

    # Site check by two officers, chosen from the officials of the jurisdiction.
    page = soup_of(wlht.get(path))
    officers = {
        box.find_parent("label").get_text(strip=True): box["value"]
        for box in page.select("input[name=officer_ids]")
    }
    chosen = [
        v for label, v in officers.items() if label.startswith(("officer_wlht", "officer_league"))
    ]
    assert len(chosen) == 2, officers
    assert not any(label.startswith("officer_kyqq") for label in officers)
    site_check = {"checked_on": clock.today().isoformat(), "findings": "苗圃与申请一致，设施齐全"}
    one = post(wlht, f"{path}/site-check", {**site_check, "officer_ids": chosen[:1]})
    assert field_error(one, "officer_ids")
    r = post(wlht, f"{path}/site-check", {**site_check, "officer_ids": chosen})
    redirected(r, path)
    assert "苗圃与申请一致" in text_of(wlht.get(path))

    asks_first(wlht.post_form(f"{path}/grant", {}, form_page=path), "确认准予", reference)
    assert status_of(wlht, app_id) == "已受理，审查中"
    redirected(wlht.post_form(f"{path}/grant", CONFIRMED, form_page=path), path)
    assert status_of(wlht, app_id) == "准予许可"

    # alice sees her licence and opens the 正本.
    page = soup_of(alice.get(path))
    licence_path = page.find("a", href=re.compile(r"^/licensing/licences/\d+$"))["href"]
    licence_page = soup_of(alice.get(licence_path))
    number = licence_page.select_one("h1.code").get_text(strip=True)
    assert re.fullmatch(r"152201\d{4}\d{4}", number)
    mine = soup_of(alice.get("/licensing"))
    assert mine.find("a", href=licence_path) is not None
    for copy in ("original", "duplicate"):
        pdf = alice.get(f"{licence_path}/{copy}.pdf")
        assert pdf.status_code == 200, copy
        assert pdf.content.startswith(b"%PDF")
    verify_path = licence_page.find("a", string="公开核验页")["href"]

    # 好差评: a 差评, then the bureau's answer.
    r = post(alice, f"{path}/rating", {"score": "2", "comment": "窗口排队时间较长"})
    redirected(r, path)
    r = post(wlht, f"{path}/rating-answer", {"answer": "已增加窗口人员，并电话回访"})
    redirected(r, path)
    assert "已增加窗口人员" in text_of(alice.get(path))

    # Every step told alice; reading the list marks it read.
    notes = soup_of(alice.get("/notifications"))
    titles = [t.get_text(strip=True) for t in notes.select(".cards strong")]
    assert {"申请已提交", "请补正材料", "申请已受理", "准予许可"} <= set(titles)
    assert not soup_of(alice.get("/notifications")).select(".unread")

    # Anyone finds it on the register, by holder and by number, and the QR page says 有效.
    public = Browser(server)
    by_holder = soup_of(public.get("/licensing/register", params={"holder": "alice林木种苗"}))
    assert number in [c.get_text(strip=True) for c in by_holder.select(".cards .code")]
    by_number = soup_of(public.get("/licensing/register", params={"number": number}))
    cards = by_number.select(".cards a")
    assert len(cards) == 1
    assert cards[0]["href"] == verify_path
    verify = public.get(verify_path)
    assert verify.status_code == 200
    state = soup_of(verify).select_one(".verify-state")
    assert "ok" in state["class"]
    assert state.select_one(".state").get_text(strip=True) == "有效"
    assert number in state.get_text()


# --- forms refuse bad input beside the field ---------------------------------------------------


def test_it_names_the_bad_field_on_the_details_form(server):
    alice = signed_in(server, "alice")
    app_id = new_draft(alice)
    path = f"/licensing/applications/{app_id}/details"
    r = post(alice, path, details_form(production_sites="乌兰浩特市,义勒力特镇"))
    assert "嘎查村" in field_error(r, "production_sites")
    r = post(alice, path, details_form(production_sites="北京市,某镇,某村"))
    assert "不是兴安盟的旗县市" in field_error(r, "production_sites")
    r = post(alice, path, details_form(varieties="樟子松,种子园种子"))
    assert "三项" in field_error(r, "varieties")
    r = post(alice, path, details_form(scope=[], valid_area=[]))
    assert field_error(r, "scope")
    assert field_error(r, "valid_area")
    # Submitting with the form works in one step; a missing field stops it, typed text kept.
    r = post(alice, path, details_form(species="", then="submit"))
    assert field_error(r, "species")
    assert status_of(alice, app_id) == "草稿"


def test_it_refuses_a_file_that_is_not_a_pdf_or_image(server):
    alice = signed_in(server, "alice")
    app_id = new_draft(alice)
    r = upload(alice, app_id, "A01", "申请表.pdf", b"not really a pdf, just text")
    assert "只接受PDF、JPEG、PNG" in field_error(r, "file")
    r = upload(alice, app_id, "Z99", "申请表.pdf", PDF)
    assert "材料清单" in field_error(r, "item_code")


def test_it_asks_the_counter_officer_to_choose_the_applicant(server, personas):
    wlht = signed_in(server, "officer_wlht")
    r = wlht.post_form("/licensing/applications", {"kind": "issue"}, form_page="/licensing/inbox")
    assert "窗口代办须选择申请人" in field_error(r, "organisation_id")
    page = soup_of(wlht.get("/licensing/inbox", params={"org_q": ALICE_ORG_NAME}))
    options = {o.get_text(strip=True): o["value"] for o in page.select("#c-organisation_id option")}
    org_id = next(v for k, v in options.items() if k.startswith(ALICE_ORG_NAME))
    assert org_id == str(personas["alice"].organisation_id)
    r = post(wlht, "/licensing/applications", {"kind": "issue", "organisation_id": org_id})
    path = redirected(r, APP_PATH)
    page = soup_of(wlht.get(path))
    assert "窗口代办" in page.select_one(".app-head").get_text()
    assert page.select_one("#form-details form") is not None  # the officer fills it in


def test_it_refuses_catch_all_checklist_items_beside_the_name(server):
    admin = signed_in(server, "admin")
    page = "/admin/licensing/checklist"
    item = {
        "code": unique("T")[:12],
        "name": "其他材料",
        "legal_basis": "《种子法》第三十二条",
        "kinds": ["issue"],
        "form": "复印件",
        "copies": "1",
    }
    r = admin.post_form(page, item, form_page=page)
    assert "兜底" in field_error(r, "name")
    assert soup_of(r).select_one("input[name=legal_basis]")["value"] == item["legal_basis"]
    r = admin.post_form(page, {**item, "name": "有关部门批准文件"}, form_page=page)
    assert "第十六条第二项" in field_error(r, "name")
    r = admin.post_form(page, {**item, "legal_basis": ""}, form_page=page)
    assert field_error(r, "legal_basis")
    # A proper item is saved (inactive, so other tests' checklists stay as they are).
    r = admin.post_form(page, {**item, "name": "苗圃平面示意图"}, form_page=page)
    assert redirected(r).startswith(f"{page}?saved=")
    edit = soup_of(admin.get(page, params={"code": item["code"]}))
    assert edit.select_one("input[name=name]")["value"] == "苗圃平面示意图"
    # Officers read the checklist but may not change it.
    wlht = signed_in(server, "officer_wlht")
    assert soup_of(wlht.get(page)).select_one("#form-item") is None
    r = wlht.post_form(page, {**item, "name": "苗圃平面示意图"}, form_page="/licensing")
    assert r.status_code == 403  # the page re-renders, keeping the refusal's meaning
    assert "只有盟林草局管理员可以维护材料清单" in text_of(r)


def test_it_reports_an_officer_decision_refused_by_the_rules_on_the_page(server, granted):
    wlht = signed_in(server, "officer_wlht")
    path = f"/licensing/applications/{granted.app_id}"
    r = wlht.post_form(f"{path}/accept", {}, form_page=path)
    assert r.status_code == 409  # a decided application stays decided
    assert "不能执行此操作" in soup_of(r).select_one(".alert").get_text()
    assert "Traceback" not in r.text


# --- who may reach what ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["officer_kyqq", "bob"])
def test_it_hides_alice_records_from_outsiders_with_404(server, granted, name):
    browser = signed_in(server, name)
    paths = [
        f"/licensing/applications/{granted.app_id}",
        f"/licensing/licences/{granted.licence_id}",
        f"/licensing/licences/{granted.licence_id}/original.pdf",
        f"/licensing/materials/{granted.material_id}",
        f"/licensing/notices/{granted.notice_ids[0]}.pdf",
    ]
    for path in paths:
        r = browser.get(path)
        assert r.status_code == 404, path
        assert ALICE_ORG_NAME not in r.text, path
    r = browser.post_form(
        f"/licensing/applications/{granted.app_id}/rating", {"score": "5"}, form_page="/licensing"
    )
    assert r.status_code == 404
    listing = browser.get("/licensing").text + browser.get("/licensing/inbox").text
    assert f'/licensing/applications/{granted.app_id}"' not in listing


def test_it_shows_alice_records_to_the_league_officer(server, granted):
    league = signed_in(server, "officer_league")
    assert league.get(f"/licensing/applications/{granted.app_id}").status_code == 200
    assert league.get(f"/licensing/licences/{granted.licence_id}").status_code == 200


# --- public pages ------------------------------------------------------------------------------


def test_it_publishes_every_element_of_the_service_guide(server):
    r = httpx.get(f"{server}/licensing/guide")
    assert r.status_code == 200
    soup = soup_of(r)
    headings = {h.get_text(strip=True) for h in soup.select("h1, h2, dt")}
    required = [
        "事项名称",
        "子项",
        "事项类型",
        "受理条件",
        "实施主体",
        "法定办结时限",
        "承诺办结时限",
        "收费",
        "所需材料",
        "办理流程",
        "办理形式",
        "办理地点",
        "办理结果",
        "咨询方式",
        "监督投诉方式",
    ]
    assert [h for h in required if h not in headings] == []
    assert "不收费" in soup.get_text()
    assert "行政许可法》第五十八条" in soup.get_text()
    columns = [th.get_text(strip=True) for th in soup.select("table thead th")]
    for column in ("材料名称", "材料形式", "份数", "电子版", "是否必需", "设定依据", "备注"):
        assert column in columns
    first = soup.select_one("table tbody tr")
    assert "林木种子生产经营许可证申请表" in first.get_text()
    assert len(soup.select("ol.steps li")) >= 5


def test_it_verifies_a_revoked_licence_in_red_with_the_reason(server, api):
    licence = granted_via_api(api).licence
    wlht = signed_in(server, "officer_wlht")
    path = f"/licensing/licences/{licence['id']}"
    r = post(wlht, f"{path}/end", {"kind": "revoked", "reasons": "短"})
    assert field_error(r, "reasons")
    reasons = "生产经营假种子，依种子法第七十五条吊销"
    # 吊销 is a penalty: its 行政处罚决定书's number and date are required, beside their fields.
    r = post(wlht, f"{path}/end", {"kind": "revoked", "reasons": reasons})
    assert "行政处罚决定书文号" in field_error(r, "penalty_decision_number")
    assert soup_of(r).select_one("#end-reasons").get_text() == reasons  # typed text kept
    number = "兴林罚决字〔2026〕5号"
    r = post(
        wlht,
        f"{path}/end",
        {"kind": "revoked", "reasons": reasons, "penalty_decision_number": number},
    )
    assert "日期" in field_error(r, "penalty_decided_on")
    assert "已吊销" not in text_of(wlht.get(path))
    decided = clock.today() - timedelta(days=2)
    penalty = {"penalty_decision_number": number, "penalty_decided_on": decided.isoformat()}
    end = {"kind": "revoked", "reasons": reasons, **penalty}
    step = asks_first(post(wlht, f"{path}/end", end), f"吊销 许可证 {licence['number']}")
    assert number in step.select_one("#confirm").get_text()  # the decision, repeated
    assert "已吊销" not in text_of(wlht.get(path))
    end |= CONFIRMED
    redirected(post(wlht, f"{path}/end", end), path)
    page = soup_of(wlht.get(path))
    day = f"{decided.year}年{decided.month}月{decided.day}日"
    assert f"行政处罚决定书 {number}（{day}）" in page.select_one("#penalty").get_text()
    history = page.select_one("#history").get_text(" ", strip=True)
    assert number in history
    assert reasons in history
    verify = httpx.get(f"{server}/verify/licences/{licence['public_id']}")
    assert verify.status_code == 200
    state = soup_of(verify).select_one(".verify-state")
    assert "bad" in state["class"]
    assert state.select_one(".state").get_text(strip=True) == "已吊销"
    assert reasons in state.get_text()


def test_it_warns_that_an_unknown_licence_may_be_forged(server):
    r = httpx.get(f"{server}/verify/licences/{unique('nope')}")
    assert r.status_code == 404
    state = soup_of(r).select_one(".verify-state")
    assert "bad" in state["class"]
    assert "伪造" in state.get_text()


def test_it_verifies_notices(server, granted):
    from seedreg.matters.tables import Notice

    async def public_id() -> str:
        row = (
            await Notice.select(Notice.public_id).where(Notice.id == granted.notice_ids[0]).first()
        )
        return row["public_id"]

    r = httpx.get(f"{server}/verify/notices/{asyncio.run(public_id())}")
    assert r.status_code == 200
    assert "受理通知书" in soup_of(r).select_one("h1").get_text()
    r = httpx.get(f"{server}/verify/notices/{unique('nope')}")
    assert r.status_code == 404
    assert "伪造" in text_of(r)


def test_it_pages_and_filters_the_public_register(server, granted):
    r = httpx.get(f"{server}/licensing/register", params={"division": "152221", "page_no": "0"})
    assert r.status_code == 200
    assert granted.licence["number"] not in r.text
    r = httpx.get(f"{server}/licensing/register", params={"species": "樟子松"})
    assert r.status_code == 200
    assert soup_of(r).select(".cards a")


def test_it_shows_deadline_compliance_to_officials_only(server, granted):
    wlht = signed_in(server, "officer_wlht")
    r = wlht.get("/licensing/compliance")
    assert r.status_code == 200
    assert "乌兰浩特市" in soup_of(r).select_one("table tbody").get_text()
    assert signed_in(server, "alice").get("/licensing/compliance").status_code == 403


# --- the form parsers (pure) -------------------------------------------------------------------

DIVISIONS = {"152201": "152201", "乌兰浩特市": "152201", "科尔沁右翼前旗": "152221"}


def test_it_reads_site_lines_by_name_or_code_with_either_comma():
    sites, problems = parse_site_lines(
        "乌兰浩特市，义勒力特镇，红星村，3号地块\n\n152201,葛根庙镇\n科尔沁右翼前旗,居力很镇,,东侧,二号",
        DIVISIONS,
    )
    assert problems == []
    assert sites == [
        {
            "division_code": "152201",
            "township": "义勒力特镇",
            "village": "红星村",
            "detail": "3号地块",
        },
        {"division_code": "152201", "township": "葛根庙镇", "village": "", "detail": ""},
        {"division_code": "152221", "township": "居力很镇", "village": "", "detail": "东侧，二号"},
    ]


def test_it_names_each_bad_site_line():
    sites, problems = parse_site_lines("乌兰浩特市\n北京市,某镇\n,某镇", DIVISIONS)
    assert sites == []
    assert problems[0].startswith("第1行：至少填写")
    assert problems[1].startswith("第2行：“北京市”不是兴安盟")
    assert problems[2].startswith("第3行：至少填写")


def test_it_reads_variety_lines():
    varieties, problems = parse_variety_lines("樟子松,种子园种子,国S-CSO-PS-001-2010\n樟子松,x")
    assert varieties == [
        {"species": "樟子松", "variety": "种子园种子", "approval_number": "国S-CSO-PS-001-2010"}
    ]
    assert problems == ["第2行：应为“树种,品种,审定编号”三项，用逗号分隔"]


# --- filing at the counter, and the region's 核发 stage ------------------------------------------


def _option_values(page: BeautifulSoup, select_id: str) -> dict[str, str]:
    return {o.get_text(strip=True): o["value"] for o in page.select(f"#{select_id} option")}


@pytest.mark.parametrize(("kind", "label"), [("renewal", "延续"), ("change", "变更")])
def test_an_officer_files_for_a_licence_at_the_counter_from_the_inbox(
    server, api, personas, kind, label
):
    lic = granted_via_api(api).licence
    wlht = signed_in(server, "officer_wlht")
    inbox = soup_of(wlht.get("/licensing/inbox", params={"org_q": ALICE_ORG_NAME}))
    kinds = {box["value"] for box in inbox.select("#form-create input[name=kind]")}
    assert kinds == {"issue", "renewal", "change", "cancellation"}
    licences = _option_values(inbox, "c-licence_id")
    licence_value = next(v for k, v in licences.items() if k.startswith(lic["number"]))
    assert licence_value == str(lic["id"])

    # The applicant is chosen, and the licence; a licence of someone else is refused.
    form = {"kind": kind, "licence_id": licence_value}
    bob_org = str(personas["bob"].organisation_id)
    r = post(wlht, "/licensing/applications", {**form, "organisation_id": bob_org})
    assert r.status_code == 422
    assert "未找到该生产经营者" in soup_of(r).select_one("#form-create .alert").get_text()
    alice_org = str(personas["alice"].organisation_id)
    path = redirected(
        post(wlht, "/licensing/applications", {**form, "organisation_id": alice_org}), APP_PATH
    )
    page = soup_of(wlht.get(path))
    head = page.select_one(".app-head").get_text()
    assert f"{label}申请" in head
    assert "窗口代办" in head
    assert ALICE_ORG_NAME in head
    # The officer fills in and submits for the applicant; the details start from the licence.
    assert page.select_one("textarea[name=species]").get_text().split() == ["樟子松"]
    extra = {"change_summary": "新增生产地点", "change_occurred_on": clock.today().isoformat()}
    submit = details_form(species="樟子松", then="submit", **(extra if kind == "change" else {}))
    submit_confirming(wlht, path, submit)
    assert status_of(wlht, int(APP_PATH.match(path).group(1))) == "已提交，待受理"
    # alice sees it among her applications.
    assert soup_of(signed_in(server, "alice").get("/licensing")).find("a", href=path) is not None


def test_cancellation_at_the_counter_needs_only_the_licence(server, api):
    lic = granted_via_api(api).licence
    wlht = signed_in(server, "officer_wlht")
    r = post(wlht, "/licensing/applications", {"kind": "cancellation", "licence_id": lic["id"]})
    path = redirected(r, APP_PATH)
    page = soup_of(wlht.get(path))
    assert "注销申请" in page.select_one(".app-head").get_text()
    assert page.select_one("textarea[name=cancellation_reason]") is not None


def test_another_banner_officer_cannot_file_for_alice_at_the_counter(server, api, personas):
    lic = granted_via_api(api).licence
    kyqq = signed_in(server, "officer_kyqq")
    inbox = soup_of(kyqq.get("/licensing/inbox", params={"org_q": ALICE_ORG_NAME}))
    alice_org = str(personas["alice"].organisation_id)
    assert alice_org not in _option_values(inbox, "c-organisation_id").values()
    assert str(lic["id"]) not in _option_values(inbox, "c-licence_id").values()
    for form in (
        {"kind": "renewal", "licence_id": str(lic["id"]), "organisation_id": alice_org},
        {"kind": "cancellation", "licence_id": str(lic["id"])},
        {"kind": "issue", "organisation_id": alice_org},
    ):
        r = post(kyqq, "/licensing/applications", form)
        assert r.status_code == 422, form
        assert "未找到该生产经营者" in soup_of(r).select_one("#form-create .alert").get_text()
        assert lic["number"] not in soup_of(r).select_one("#form-create").get_text()


def _forwarded_via_api(api) -> int:
    alice, wlht = api("alice"), api("officer_wlht")
    base = "/api/licensing/applications"
    varieties = [
        {
            "species": "樟子松",
            "variety": "樟子松种子园种子",
            "approval_number": "国S-CSO-PS-001-2010",
        }
    ]
    details = {**API_DETAILS, "scope": ["seed", "seedling"], "varieties": varieties}
    app = ok(alice.post(base, json={"kind": "issue", "details": details}), 201)
    ok(alice.post(f"{base}/{app['id']}/submit"))
    ok(wlht.post(f"{base}/{app['id']}/accept"))
    return app["id"]


def test_an_improved_variety_application_is_forwarded_and_the_region_decision_recorded(server, api):
    app_id = _forwarded_via_api(api)
    path = f"/licensing/applications/{app_id}"
    wlht = signed_in(server, "officer_wlht")
    page = soup_of(wlht.get(path))
    # The bureau reviews and forwards: no grant or refusal of its own.
    assert page.select_one("#form-forward form") is not None
    assert page.select_one("#form-grant") is None
    assert page.select_one("#form-refuse") is None
    assert "审核期限" in page.select_one(".app-head").get_text()
    r = post(wlht, f"{path}/forward", {"opinion": "同"})
    assert field_error(r, "opinion")
    r = post(wlht, f"{path}/forward", {"opinion": "经审核，符合条件，同意核发"})
    redirected(r, path)
    assert status_of(wlht, app_id) == "已报送核发机关，待核发"

    # The inbox keeps it, banded by the region's deadline; alice sees both dates and the notice.
    inbox = BeautifulSoup(inbox_page_with(wlht, path), "html.parser")
    row = inbox.find("a", href=path).find_parent("li")
    assert BAND.search(" ".join(row["class"])), row["class"]
    assert "前核发" in row.get_text()
    alice = signed_in(server, "alice")
    head = soup_of(alice.get(path)).select_one(".app-head")
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True)
        for dt in head.select("dt")
    }
    assert "报送内蒙古自治区林业和草原局核发" in facts["报送核发"]
    assert "年" in facts["核发期限"]
    assert "band-" in " ".join(head["class"])
    links = soup_of(alice.get(path)).select("#notices a")
    [notice] = [a for a in links if "报送核发告知书" in a.get_text()]
    assert alice.get(notice["href"]).content.startswith(b"%PDF")

    # The region's decision, as written: a bad number stays beside its field.
    page = soup_of(wlht.get(path))
    assert page.select_one("#form-region-grant form") is not None
    today = clock.today().isoformat()
    grant = {"decided_on": today, "valid_from": today, "valid_to": "2031-12-31"}
    r = post(wlht, f"{path}/region-grant", {**grant, "number": "15220120260001"})
    assert field_error(r, "number")
    number = f"1500002025{app_id % 10000:04d}"  # a year no other test numbers in
    redirected(post(wlht, f"{path}/region-grant", {**grant, "number": number, **CONFIRMED}), path)
    assert status_of(alice, app_id) == "准予许可"
    licence_link = soup_of(alice.get(path)).find("a", href=re.compile(r"^/licensing/licences/\d+$"))
    licence_page = soup_of(alice.get(licence_link["href"]))
    assert licence_page.select_one("h1.code").get_text(strip=True) == number
    assert "内蒙古自治区林业和草原局" in licence_page.get_text()


def test_the_pause_form_offers_only_the_grounds_of_article_45(server, api):
    """行政许可法 Art. 45's closed list; a site check (Art. 34) is recorded, not a pause."""
    alice, wlht_api = api("alice"), api("officer_wlht")
    base = "/api/licensing/applications"
    app = ok(alice.post(base, json={"kind": "issue", "details": API_DETAILS}), 201)
    ok(alice.post(f"{base}/{app['id']}/submit"))
    accepted = ok(wlht_api.post(f"{base}/{app['id']}/accept"))
    wlht = signed_in(server, "officer_wlht")
    path = f"/licensing/applications/{app['id']}"
    page = soup_of(wlht.get(path))
    form = page.select_one("#form-pause form")
    grounds = {
        o["value"]: o.get_text(strip=True) for o in form.select("select[name=ground] option")
    }
    assert grounds == {
        "": "请选择",
        "hearing": "听证",
        "tender": "招标",
        "auction": "拍卖",
        "inspection": "检验",
        "testing": "检测",
        "quarantine": "检疫",
        "appraisal": "鉴定",
        "expert_review": "专家评审",
    }
    assert "现场核查" not in "".join(grounds.values())
    assert "现场核查不在其列" in form.get_text()

    # Without a ground: refused beside the field, the explanation typed is kept.
    r = post(wlht, f"{path}/pause", {"ground": "", "reason": "等待苗圃现场核查"})
    assert field_error(r, "ground")
    assert (
        soup_of(r).select_one("#form-pause textarea[name=reason]").get_text() == "等待苗圃现场核查"
    )

    # The site check is recorded and the deadline stays.
    officers = [b["value"] for b in page.select("input[name=officer_ids]")][:2]
    check = {"checked_on": clock.today().isoformat(), "findings": "苗圃与申请一致"}
    redirected(post(wlht, f"{path}/site-check", {**check, "officer_ids": officers}), path)
    after = ok(wlht_api.get(f"{base}/{app['id']}"))
    assert (after["paused"], after["statutory_due"]) == (False, accepted["statutory_due"])
    assert "现场核查在审查期限内进行" in text_of(wlht.get(path))

    redirected(post(wlht, f"{path}/pause", {"ground": "testing", "reason": "送检种子发芽率"}), path)
    assert "审查期限中止中" in text_of(wlht.get(path))


def test_the_inbox_flags_and_filters_a_conditional_acceptance_past_its_deadline(server, api):
    """兴署发〔2021〕5号 Art. 16(三): 逾期未补正 → the officer decides 不予批准 with reasons."""
    alice, wlht_api = api("alice"), api("officer_wlht")
    base = "/api/licensing/applications"
    late, fresh = (
        ok(alice.post(base, json={"kind": "issue", "details": API_DETAILS}), 201)["id"]
        for _ in range(2)
    )
    for app_id in (late, fresh):
        ok(alice.post(f"{base}/{app_id}/submit"))
        ok(wlht_api.post(f"{base}/{app_id}/conditional-accept", json={"pending_items": ["A04"]}))

    async def let_the_day_pass() -> None:
        await Application.update(
            {Application.pending_due: clock.today() - timedelta(days=1)}
        ).where(Application.id == late)

    asyncio.run(let_the_day_pass())
    wlht = signed_in(server, "officer_wlht")
    page = soup_of(wlht.get("/licensing/inbox", params={"pending_overdue": "1"}))
    rows = {a["href"]: a.get_text(" ", strip=True) for a in page.select("ul.inbox a")}
    assert "容缺材料逾期未补齐" in rows[f"/licensing/applications/{late}"]
    assert f"/licensing/applications/{fresh}" not in rows
    assert page.select_one("input[name=pending_overdue]").has_attr("checked")
    unfiltered = soup_of(wlht.get("/licensing/inbox")).get_text(" ", strip=True)
    assert "只看容缺材料逾期未补齐" in unfiltered

    detail = soup_of(wlht.get(f"/licensing/applications/{late}"))
    assert "第十六条第三项" in detail.select_one("#actions p.warn").get_text()
    assert detail.select_one("#form-refuse").has_attr("open")
    assert (
        soup_of(wlht.get(f"/licensing/applications/{fresh}")).select_one("#actions p.warn") is None
    )
