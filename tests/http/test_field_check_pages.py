"""The check pages without JavaScript: the form carries the whole check in one multipart POST
(checklist, typed serials, photos chosen with the camera input, a photo of a signed paper),
a mistake re-shows the form in Chinese with what was typed, a resubmit makes no second check,
and the record page shows findings with their fine range, photos with their hashes and the
documents. Operators never reach these pages."""

from __future__ import annotations

import hashlib
import re

import pytest
from bs4 import BeautifulSoup

from tests.fixtures import Browser
from tests.http.checkkit import jpeg_with_location, make_team, png
from tests.http.test_field_scans import issued_label
from tests.label_support import make_chain, sql
from tests.pagetext import english_words


@pytest.fixture(scope="module")
def chain(api):
    return make_chain(api)


@pytest.fixture(scope="module")
def team(server, personas):
    return make_team(server)


def signed_in(server: str, username: str) -> Browser:
    browser = Browser(server)
    browser.login(username)
    return browser


def form_fields(html: str) -> dict[str, str]:
    """The form's prefilled hidden and text values, as a browser would send them."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id="check-form")
    assert form is not None
    out = {}
    for tag in form.find_all("input"):
        if tag.get("type") in ("hidden", "text", "datetime-local", None) and tag.get("name"):
            out[tag["name"]] = tag.get("value", "")
    return out


def test_the_whole_check_posts_without_javascript(server, team, chain):
    inspector = signed_in(server, team.first_username)
    html = inspector.get(f"/inspections/checks/new?target=organisation:{chain.alice_org}").text
    assert "检查清单" in html
    assert "执法证号" in html
    assert 'capture="environment"' in html
    text = BeautifulSoup(html, "html.parser").get_text(" ")
    assert not english_words(text, frozenset({"API", "alice"}))  # the menu; alice's company
    fields = form_fields(html)
    label = issued_label(chain)[0]
    data = {
        **fields,
        "_csrf_token": inspector.csrf(
            f"/inspections/checks/new?target=organisation:{chain.alice_org}"
        ),
        "origin": "ad_hoc",
        "representative": "赵会计",
        "ended_at": "",
        "checklist-V4-1-result": "fails",
        "checklist-V4-1-note": "档案缺2026年春季出圃记录",
        "checklist-V1-1-result": "complies",
        "scan_serials": label.serial,
        "photos-0-caption": "档案柜",
    }
    files = [
        ("inspector_ids", (None, str(team.first_id))),
        ("inspector_ids", (None, str(team.second_id))),
        ("photo-file-0", ("a.jpg", jpeg_with_location(), "image/jpeg")),
        ("signature-file", ("sign.png", png("black", (300, 100)), "image/png")),
    ]
    first = inspector.post("/inspections/checks/new", data=data, files=files)
    assert first.status_code == 303, first.text[:2000]
    again = inspector.post("/inspections/checks/new", data=data, files=files)
    assert again.status_code == 303
    assert again.headers["location"] == first.headers["location"]
    rows = sql("SELECT * FROM field_check WHERE idempotency_key = {}", fields["idempotency_key"])
    assert len(rows) == 1
    record = inspector.get(first.headers["location"]).text
    assert "V4-1" in record
    assert "档案缺2026年春季出圃记录" in record
    assert "2000元至20000元" in record
    assert hashlib.sha256(jpeg_with_location()).hexdigest() in record
    assert "现场检查笔录（PDF）" in record
    assert "责令改正通知书（PDF）" in record
    scans = sql("SELECT serial FROM field_scan WHERE serial = {}", label.serial)
    assert len(scans) == 1  # the typed serial's key is derived from the check's: one scan


def test_a_mistake_reshows_the_form_with_what_was_typed(server, team, chain):
    inspector = signed_in(server, team.first_username)
    path = f"/inspections/checks/new?target=organisation:{chain.alice_org}"
    fields = form_fields(inspector.get(path).text)
    data = {
        **fields,
        "_csrf_token": inspector.csrf(path),
        "origin": "ad_hoc",
        "representative": "钱出纳",
        "checklist-V3-2-result": "fails",
        "checklist-V3-2-note": "标签未注明产地",
        "signature-refused": "on",
        "signature-witness": "邻居孙五",
    }
    alone = [("inspector_ids", (None, str(team.first_id)))]
    response = inspector.post("/inspections/checks/new", data=data, files=alone)
    assert response.status_code == 422
    assert "不得少于两人" in response.text
    assert "标签未注明产地" in response.text
    assert "钱出纳" in response.text
    assert re.search(r'value="fails"\s+checked', response.text)
    assert (
        sql("SELECT id FROM field_check WHERE idempotency_key = {}", fields["idempotency_key"])
        == []
    )


def _marked(soup: BeautifulSoup, name: str) -> str | None:
    """The message beside a field the re-shown form marks as wrong (None: not marked)."""
    control = soup.find(attrs={"name": name})
    assert control is not None, name
    box = control.find_parent(class_="field")
    assert box is not None, name
    if "invalid" not in box.get("class", []):
        return None
    message = box.find("small", class_="err")
    return message.get_text(strip=True) if message else ""


def test_a_refused_rows_field_is_marked_beside_it(server, team, chain):
    """The body numbers only the rows filled in (samples.0 is the form's second sample row):
    each refused row's field is marked on the form, with its message beside it."""
    inspector = signed_in(server, team.first_username)
    path = f"/inspections/checks/new?target=organisation:{chain.alice_org}"
    fields = form_fields(inspector.get(path).text)
    data = {
        **fields,
        "_csrf_token": inspector.csrf(path),
        "origin": "ad_hoc",
        "representative": "李保管",
        "checklist-V1-1-result": "fails",
        "checklist-V1-1-goods_value": "-5",
        "samples-1-goods": "樟子松种子 2026批",
        "samples-1-quantity": "2千克",
        "seizure-goods-1-goods": "油松苗",
        "seizure-place": "苗圃二号库房",
        "scan_serials": "X" * 50,
    }
    boxes = [("inspector_ids", (None, str(team.first_id))), ("inspector_ids", (None, "某人"))]
    response = inspector.post("/inspections/checks/new", data=data, files=boxes)
    assert response.status_code == 422
    soup = BeautifulSoup(response.text, "html.parser")
    assert _marked(soup, "samples-1-number") == "内容太短"  # sent empty
    assert _marked(soup, "samples-0-number") is None
    assert _marked(soup, "samples-1-goods") is None
    assert soup.find(attrs={"name": "samples-1-number"}).get("aria-invalid") == "true"
    assert _marked(soup, "seizure-goods-1-quantity") == "内容太短"
    assert _marked(soup, "seizure-goods-0-quantity") is None
    assert _marked(soup, "checklist-V1-1-goods_value") == "不能小于0"
    group = soup.find(attrs={"name": "checklist-V1-1-goods_value"}).find_parent("details")
    assert group.has_attr("open")  # the folded group holding the refused answer opens
    assert "不符合1项" in group.find("summary").get_text()
    assert _marked(soup, "scan_serials") == "内容太长（最多40个字符）"
    officers = soup.find(attrs={"name": "inspector_ids"}).find_parent("fieldset")
    assert "invalid" in officers["class"]
    assert "应为整数" in officers.get_text()
    assert soup.find(attrs={"name": "samples-1-goods"})["value"] == "樟子松种子 2026批"


def test_operators_and_other_banners_do_not_reach_the_pages(server, team, chain):
    operator = signed_in(server, "alice")
    assert operator.get("/inspections/checks").status_code == 403
    assert (
        operator.get(f"/inspections/checks/new?target=organisation:{chain.alice_org}").status_code
        == 403
    )
    other = signed_in(server, team.other_banner_username)
    assert (
        other.get(f"/inspections/checks/new?target=organisation:{chain.alice_org}").status_code
        == 403
    )
