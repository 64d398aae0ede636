"""The one pager macro (templates/_macros/pager.html) every list uses."""

from __future__ import annotations

from bs4 import BeautifulSoup

from seedreg.core.web.templating import TEMPLATE_DIR, jinja_env


def render(*args: object, **kwargs: object) -> BeautifulSoup:
    macro = jinja_env().get_template("_macros/pager.html").module.pager
    return BeautifulSoup(str(macro(*args, **kwargs)), "html.parser")


def test_one_page_needs_no_pager():
    assert render(1, 20, 20).find("nav") is None


def test_the_first_page_links_forward_keeping_the_query():
    nav = render(1, 20, 41, query="status=accepted&kind=site").find("nav")
    assert [a.get_text() for a in nav.find_all("a")] == ["下一页"]
    assert nav.a["href"] == "?status=accepted&kind=site&page_no=2"
    assert nav.span.get_text() == "第 1 页"


def test_a_middle_page_links_both_ways_with_the_count_and_a_note():
    nav = render(2, 20, 41, base="/lots/7/labels", count=True, note="，共 41 张").find("nav")
    assert [(a.get_text(), a["href"]) for a in nav.find_all("a")] == [
        ("上一页", "/lots/7/labels?page_no=1"),
        ("下一页", "/lots/7/labels?page_no=3"),
    ]
    assert nav.span.get_text() == "第 2 / 3 页，共 41 张"


def test_the_last_page_links_back_only():
    nav = render(3, 20, 41).find("nav")
    assert [a.get_text() for a in nav.find_all("a")] == ["上一页"]


def test_no_template_draws_its_own_pager():
    own = [
        p.relative_to(TEMPLATE_DIR).as_posix()
        for p in TEMPLATE_DIR.rglob("*.html")
        if 'class="pager"' in p.read_text(encoding="utf-8") and p.name != "pager.html"
    ]
    assert own == []
