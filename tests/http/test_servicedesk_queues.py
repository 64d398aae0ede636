"""The desk's two open queues are paged (no open 咨询 or 投诉 hides behind a cap): an official
with more than a page of open items sees page 2 in the API and on the desk page, the item due
latest on the last page, each queue paged on its own, and a bad page number refused.

Each test seeds a page and more of open items of its own in 扎赉特旗 (152223, few other tests
use it) and counts only the difference it made to the queue's total; the item due latest is
given the longest deadline the setting allows (restored in ``finally``).
Every name and text here is FICTIONAL test data."""

from __future__ import annotations

import asyncio
import io
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from seedreg.accounts.rules import Role
from seedreg.servicedesk.complaints import QUEUE_PAGE_SIZE as C_SIZE
from seedreg.servicedesk.consultations import QUEUE_PAGE_SIZE as Q_SIZE
from tests import factories
from tests.fixtures import Api, Browser, every_page, token_for, unique

BASE = "/api/servicedesk"
DESK = "/servicedesk/desk"
COUNTY = "152223"


def ok(r, status: int = 200) -> dict:
    assert r.status_code == status, f"{r.status_code}: {r.text[:600]}"
    return r.json()


@pytest.fixture
def official(server, personas) -> SimpleNamespace:
    """A licensing officer of 扎赉特旗 of this test's own, on the API and the pages."""
    username = unique("desk")
    asyncio.run(factories.make_user(username, Role.LICENSING_OFFICER, jurisdiction=COUNTY))
    pages = Browser(server)
    pages.login(username)
    return SimpleNamespace(api=Api(server, token_for(server, username)), pages=pages)


# The two queues: API path, page size, the deadline setting and its longest value, a new item.
QUEUES = {
    "questions": (
        f"{BASE}/questions/queue",
        Q_SIZE,
        ("servicedesk.answer_workdays", 30),
        lambda text: (f"{BASE}/questions", {"text": text, "division_code": COUNTY}),
    ),
    "complaints": (
        f"{BASE}/complaints/queue",
        C_SIZE,
        ("servicedesk.complaint_workdays", 60),
        lambda text: (
            f"{BASE}/complaints",
            {
                "about": "office",
                "about_text": "服务窗口",
                "phone": "13900000000",
                "division_code": COUNTY,
                "text": text,
            },
        ),
    ),
}


def post(api, path_and_body: tuple[str, dict]):
    path, body = path_and_body
    return api("alice").post(path, json=body)


def seed(api, kind: str, tag: str, count: int) -> tuple[list[dict], dict]:
    """``count`` open items of ``kind`` (alice asks or complains), then one due latest (the
    setting's longest deadline): (the items, the latest)."""
    _, _, (key, longest), body = QUEUES[kind]
    made = [ok(post(api, body(f"{tag}第{n}件")), 201) for n in range(count)]
    ok(api("admin").put(f"/api/settings/{key}", json={"value": longest, "reason": "测试"}))
    try:
        latest = ok(post(api, body(f"{tag}最晚到期")), 201)
    finally:
        api("admin").delete(f"/api/settings/{key}")
    return made, latest


def total_of(client, kind: str) -> int:
    return ok(client.get(QUEUES[kind][0]))["total"]


@pytest.mark.parametrize("kind", ["questions", "complaints"])
def test_the_api_queue_is_paged_by_due_date_with_the_latest_on_the_last_page(official, api, kind):
    path, size, _, _ = QUEUES[kind]
    before = total_of(official.api, kind)
    made, latest = seed(api, kind, unique("分页待办"), size)
    mine = {m["id"] for m in made} | {latest["id"]}

    first = ok(official.api.get(path))
    assert (first["total"], first["page"], first["page_size"]) == (before + size + 1, 1, size)
    assert len(first["items"]) == size
    total = first["total"]
    last_page = (total + size - 1) // size
    assert last_page >= 2
    second = ok(official.api.get(path, params={"page": 2}))
    assert second["page"] == 2
    assert second["items"]
    assert not {i["id"] for i in second["items"]} & {i["id"] for i in first["items"]}

    every = every_page(official.api, path)
    keys = [(i["due_on"], i["id"]) for i in every]
    assert len(every) == total
    assert keys == sorted(set(keys))  # soonest due first, then by id: no item twice
    assert mine <= {i["id"] for i in every}
    last = ok(official.api.get(path, params={"page": last_page}))
    assert last["items"][-1]["id"] == latest["id"] == every[-1]["id"]
    assert not ok(official.api.get(path, params={"page": last_page + 1}))["items"]


@pytest.mark.parametrize("kind", ["questions", "complaints"])
@pytest.mark.parametrize("bad", ["0", "-1", "abc", str(10**21)])
def test_a_bad_page_number_on_the_api_queue_is_the_clients_mistake(official, kind, bad):
    r = official.api.get(QUEUES[kind][0], params={"page": bad})
    assert r.status_code == 422, r.text[:300]  # as every paged list answers (core.web.bounds)
    error = r.json()["error"]
    assert error["code"] == "invalid_input"
    assert error["message"].startswith("输入有误：页码：")
    assert "page" in error["details"]


def section(html: str, name: str) -> BeautifulSoup:
    found = BeautifulSoup(html, "html.parser").find("section", id=name)
    assert found is not None, name
    return found


def pager_links(part: BeautifulSoup) -> dict[str, str]:
    nav = part.find("nav", class_="pager")
    return {a.get_text(strip=True): a["href"] for a in nav.find_all("a")} if nav else {}


def test_the_desk_page_pages_each_queue_on_its_own_with_its_total(official, api):
    tag = unique("分页台")
    seed(api, "questions", f"{tag}问", Q_SIZE)
    seed(api, "complaints", f"{tag}诉", C_SIZE)
    q_total = total_of(official.api, "questions")
    c_total = total_of(official.api, "complaints")
    q_last, c_last = -(-q_total // Q_SIZE), -(-c_total // C_SIZE)

    first = official.pages.get(DESK)
    assert first.status_code == 200
    questions, complaints = section(first.text, "questions"), section(first.text, "complaints")
    assert f"共 {q_total} 件" in questions.get_text(" ")
    assert f"共 {c_total} 件" in complaints.get_text(" ")
    assert f"第 1 / {q_last} 页" in questions.get_text(" ")
    assert pager_links(questions) == {"下一页": "?qpage=2"}
    assert pager_links(complaints) == {"下一页": "?cpage=2"}
    assert f"{tag}问最晚到期" not in first.text
    assert f"{tag}诉最晚到期" not in first.text
    # the windows and the 差评 stay on the page
    assert section(first.text, "windows")
    assert section(first.text, "poor-ratings")

    # the last page of questions, the second of complaints: each pager keeps the other's page
    r = official.pages.get(DESK, params={"qpage": q_last, "cpage": 2})
    assert r.status_code == 200
    questions, complaints = section(r.text, "questions"), section(r.text, "complaints")
    assert f"{tag}问最晚到期" in questions.get_text(" ")
    assert f"第 {q_last} / {q_last} 页" in questions.get_text(" ")
    assert pager_links(questions)["上一页"] == f"?cpage=2&qpage={q_last - 1}"
    assert "下一页" not in pager_links(questions)
    assert pager_links(complaints)["上一页"] == f"?qpage={q_last}&cpage=1"
    last = official.pages.get(DESK, params={"cpage": c_last}).text
    assert f"{tag}诉最晚到期" in section(last, "complaints").get_text(" ")


def test_a_desk_action_on_page_two_returns_to_that_page(official, api):
    tag = unique("回原页")
    _, latest = seed(api, "questions", tag, Q_SIZE)
    q_last = -(-total_of(official.api, "questions") // Q_SIZE)
    where = f"{DESK}?qpage={q_last}"
    assert f"{tag}最晚到期" in official.pages.get(where).text
    r = official.pages.post_form(
        f"{DESK}/questions/{latest['id']}/take?qpage={q_last}", {}, form_page=where
    )
    assert r.status_code == 303
    assert r.headers["location"] == where
    # a mistake is shown on the same page, the question still there to answer
    r = official.pages.post_form(
        f"{DESK}/questions/{latest['id']}/answer?qpage={q_last}", {"answer": ""}, form_page=where
    )
    assert r.status_code == 422
    assert f"{tag}最晚到期" in r.text
    assert f'action="{DESK}/questions/{latest["id"]}/answer?qpage={q_last}"' in r.text


@pytest.mark.parametrize("bad", ["0", "-3"])
def test_a_page_number_below_one_on_the_desk_page_shows_the_first_page(official, bad):
    r = official.pages.get(DESK, params={"qpage": bad, "cpage": bad})
    assert r.status_code == 200
    first = official.pages.get(DESK).text
    for name in ("questions", "complaints"):
        shown = [p.get_text() for p in section(r.text, name).find_all("p")]
        assert shown == [p.get_text() for p in section(first, name).find_all("p")]
        nav = section(r.text, name).find("nav", class_="pager")
        assert nav is None or "第 1 /" in nav.get_text(" ")


@pytest.mark.parametrize("bad", ["abc", str(10**21)])
def test_a_bad_page_number_on_the_desk_page_gives_a_chinese_message(official, bad):
    r = official.pages.get(DESK, params={"cpage": bad})
    assert r.status_code == 422
    text = BeautifulSoup(r.text, "html.parser").get_text(" ")
    assert "输入有误：投诉页码：" in text, text[:500]


def test_the_desk_export_holds_every_open_item_not_the_page(official, api):
    tag = unique("全导出")
    made, latest = seed(api, "questions", tag, Q_SIZE)
    r = official.pages.get(DESK, params={"format": "xlsx", "qpage": 2})
    assert r.status_code == 200
    book = load_workbook(io.BytesIO(r.content))
    tokens = {row[0] for row in book["咨询"].iter_rows(min_row=2, values_only=True)}
    assert {m["token"] for m in made} | {latest["token"]} <= tokens
    assert len(tokens) == total_of(official.api, "questions")
    assert (
        "qpage"
        not in BeautifulSoup(
            official.pages.get(DESK, params={"qpage": 2}).text, "html.parser"
        ).find("a", string="导出电子表格")["href"]
    )


def test_the_openapi_document_shows_the_queues_paged(api):
    document = ok(api().get("/schema/openapi.json"))
    schemas = document["components"]["schemas"]
    for path, name in (
        (f"{BASE}/questions/queue", "QuestionQueuePage"),
        (f"{BASE}/complaints/queue", "ComplaintQueuePage"),
    ):
        op = document["paths"][path]["get"]
        assert [p["name"] for p in op["parameters"] if p["in"] == "query"] == ["page"]
        body = op["responses"]["200"]["content"]["application/json"]["schema"]
        assert body == {"$ref": f"#/components/schemas/{name}"}
        assert set(schemas[name]["required"]) == {"items", "total", "page", "page_size"}
        assert {"400", "422"} <= set(op["responses"])
