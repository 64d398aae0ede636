"""Every paged page reads its page number alike (core.web.bounds.ViewPageNo and
core.paging.page_number): 0 or a negative number shows the first page, a number past the last
page any list answers (10²¹) and one that is no number at all are refused with the Chinese 422
naming the 页码 (no parameter name in English); never a server error. The pages' paging itself:
test_paged_lists.py."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from seedreg.core.paging import MAX_PAGE
from tests.fixtures import Browser
from tests.pagetext import english_in_html

# each paged page, its pager's parameter and someone who may see it
PAGED = [
    ("/filings", "page_no", "alice"),
    ("/afforestation", "page_no", "officer_league"),
    ("/quality/testers", "page_no", "station"),
    ("/nurseries", "page_no", "officer_league"),
    ("/introductions", "page_no", "alice"),
    ("/servicedesk/mine", "page_no", "alice"),
    ("/requests", "page_no", "station"),
    ("/requests", "records_page", "alice"),
    ("/quarantine", "page_no", "quarantine"),
    ("/quarantine/ledger", "page_no", "station"),
    ("/licensing", "page_no", "alice"),
    ("/licensing/inbox", "page_no", "officer_wlht"),
    ("/licensing/licences", "page_no", "officer_wlht"),
    ("/licensing/register", "page_no", None),
    ("/lots", "page_no", "alice"),
    ("/labels/clone-flags", "page_no", "station"),
    ("/inspections/checks", "page_no", "inspector"),
    ("/cases", "page_no", "inspector"),
    ("/cases/public", "page_no", None),
    ("/matters/inbox", "page_no", "officer_wlht"),
    ("/organisations", "page_no", "admin"),
]
# the menu's "API" and the personas' own names are not the page's words
ALLOWED = frozenset(
    {
        "API",
        "alice",
        "bob",
        "officer",
        "league",
        "wlht",
        "admin",
        "quarantine",
        "station",
        "inspector",
    }
)
IDS = [f"{path}?{key}" for path, key, _ in PAGED]


@pytest.fixture(scope="module")
def sessions(server, personas) -> dict:
    found = {None: Browser(server)}
    for name in {who for _, _, who in PAGED if who}:
        found[name] = Browser(server)
        found[name].login(personas[name].username)
    return found


def _heading(html: str) -> str:
    h1 = BeautifulSoup(html, "html.parser").find("h1")
    return h1.get_text(strip=True) if h1 else ""


def _chinese(r) -> None:
    assert "Traceback" not in r.text
    assert r.headers["content-type"].startswith("text/html"), r.headers["content-type"]
    assert not english_in_html(r.text, ALLOWED), english_in_html(r.text, ALLOWED)


@pytest.mark.parametrize(("path", "key", "who"), PAGED, ids=IDS)
def test_page_numbers_are_read_alike_on_every_paged_page(sessions, path, key, who):
    client = sessions[who]
    first = client.get(path)
    assert first.status_code == 200, (first.status_code, first.text[:300])
    for low in ("0", "-5"):  # the first page, as without a number
        r = client.get(path, params={key: low})
        assert r.status_code == 200, (low, r.status_code, r.text[:300])
        assert "Traceback" not in r.text
        # the list holds other tests' records (codes, names): only the refusals are read for English
        assert _heading(r.text) == _heading(first.text)
    for huge in (str(10**21), str(MAX_PAGE + 1)):
        r = client.get(path, params={key: huge})
        assert r.status_code == 422, (huge, r.status_code, r.text[:300])
        assert f"页码：不能大于{MAX_PAGE}" in r.text
        _chinese(r)
    assert client.get(path, params={key: MAX_PAGE}).status_code == 200  # the last one: empty
    r = client.get(path, params={key: "abc"})
    assert r.status_code == 422, (r.status_code, r.text[:300])
    assert "页码：格式不正确" in r.text
    _chinese(r)
