"""Every public verification page a printed QR code leads to answers an unknown id (a forged or
mistyped code) with its own 未找到 page in Chinese and status 404: one branch for all
(core.web.pages.verification), each page keeping its words. The found pages are tested with
their documents (quality, quarantine, licensing, cases, inspections, archive, reports)."""

from __future__ import annotations

import pytest

from tests.fixtures import Browser
from tests.pagetext import english_in_html

UNKNOWN = "nosuchrecord0000"

# route → the heading and the look-up's message the not-found page shows
PAGES = {
    f"/verify/quality/{UNKNOWN}": ("系统中没有这张合格证", "未找到该质量检验合格证"),
    f"/verify/quarantine/{UNKNOWN}": ("系统中没有这张检疫证书", "未找到该检疫证书"),
    f"/verify/licences/{UNKNOWN}": ("系统中没有这张许可证", "未找到该许可证"),
    f"/verify/notices/{UNKNOWN}": ("系统中没有这份文书", "未找到该文书"),
    f"/verify/cases/{UNKNOWN}/decision": ("系统中没有这份文书", "系统中没有这份文书"),
    f"/verify/checks/{UNKNOWN}/record": ("系统中没有这份文书", "系统中没有这份文书"),
    f"/verify/archive/{UNKNOWN}": ("系统中没有这份档案导出件", "未找到该档案导出记录"),
    f"/reports/verify/{UNKNOWN}": ("系统中没有这份统计报表", "系统中没有这份统计报表的打印记录"),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_an_unknown_id_is_the_pages_own_chinese_not_found_answer(server, path):
    heading, message = PAGES[path]
    r = Browser(server).get(path)  # no login: the public reach a QR code
    assert r.status_code == 404, (r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    assert f"<h1>{heading}</h1>" in r.text
    assert message in r.text
    assert "未找到" in r.text
    assert not english_in_html(r.text, frozenset())
