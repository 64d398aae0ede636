"""备案 pages as people use them: the filer chooses the kind, then its fields (a wrong licence
number is named beside its field, what was typed kept), submits from the detail; the bureau
sends it back with the items ticked, then records it after the confirmation step, and the
receipt is downloadable. Chinese only."""

from __future__ import annotations

import re
from types import SimpleNamespace

from tests.fixtures import list_page_with
from tests.http.test_licensing_api import granted, licence
from tests.http.test_licensing_pages import (
    CONFIRMED,
    field_error,
    redirected,
    signed_in,
    text_of,
)
from tests.pagetext import english_in_html

FILING_PATH = re.compile(r"^/filings/(\d+)$")


def test_a_filing_from_the_form_to_the_receipt(server, api):
    number = licence(
        api("alice"),
        granted(SimpleNamespace(alice=api("alice"), wlht=api("officer_wlht")))["licence_id"],
    )["number"]
    bob = signed_in(server, "bob")
    officer = signed_in(server, "officer_kyqq")
    # kind first: the form shows that kind's fields only
    first = bob.get("/filings/new")
    assert first.status_code == 200
    assert "分支机构备案" in text_of(first)
    assert 'name="licence_number"' not in first.text
    form = bob.get("/filings/new", params={"kind": "packaged_seller"})
    assert "所经营包装种子的生产经营者的许可证编号" in text_of(form)
    assert not english_in_html(form.text, frozenset({"bob"}))
    typed = {"kind": "packaged_seller", "licence_number": "15220119990001", "varieties": "樟子松"}
    wrong = bob.post_form("/filings/new", typed, form_page="/filings/new")
    assert "不存在或不在有效期内" in field_error(wrong, "licence_number")
    assert 'value="15220119990001"' in wrong.text  # what was typed is kept
    assert "樟子松" in wrong.text
    done = bob.post_form(
        "/filings/new", typed | {"licence_number": number}, form_page="/filings/new"
    )
    path = redirected(done, FILING_PATH)
    detail = bob.get(path)
    assert "提交备案" in text_of(detail)
    assert not english_in_html(detail.text, frozenset({"bob"}))
    redirected(bob.post_form(f"{path}/submit", {}, form_page=path), path)
    assert "已提交，待备案" in text_of(bob.get(path))
    # the bureau: one notice naming the ticked items
    seen = officer.get(path)
    assert "一次性告知补正" in text_of(seen)
    assert "予以备案" in text_of(seen)
    back = officer.post_form(
        f"{path}/request_supplement", {"items": ["F01", "F04"]}, form_page=path
    )
    redirected(back, path)
    assert "补正材料通知书" in text_of(bob.get(path))
    redirected(bob.post_form(f"{path}/resubmit", {}, form_page=path), path)
    # record asks first, then issues the receipt
    ask = officer.post_form(f"{path}/record", {}, form_page=path)
    assert ask.status_code == 200
    assert "确认予以备案" in text_of(ask)
    redirected(officer.post_form(f"{path}/record", CONFIRMED, form_page=path), path)
    final = bob.get(path)
    assert "已备案" in text_of(final)
    link = re.search(r'href="(/api/filings/notices/\d+/pdf)"', final.text)
    assert link is not None
    pdf = bob.get(link.group(1))
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert list_page_with(bob, "/filings", done.headers["location"])
