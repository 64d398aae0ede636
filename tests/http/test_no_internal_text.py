"""No internal or technical text reaches users (issue 14 item 10).

Every page each persona can reach by following links from their home (and the public pages,
and the PDFs linked from them) is read as a person reads it: the visible text plus the
placeholders and labels of its controls. None may carry an internal note ("facts §…", a NOT
FOUND, a file of ours), a database table name, an English field or status name, or raw JSON
outside a "详细" box. Operators see no "API文档". The audit page names events, record types
and fields in Chinese. A revoked licence shows its reason and its penalty decision's number.
"""

from __future__ import annotations

import asyncio
import re
from collections import deque
from datetime import timedelta
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from piccolo.conf.apps import Finder

from tests import factories
from tests.fixtures import Browser, unique
from tests.http.lotkit import (
    confirmed_row,
    make_lot,
    new_species,
    ok,
    record_licence,
    seedling_measures,
    seedling_row,
    today,
)
from tests.http.nurserykit import base_body, square_geojson
from tests.http.test_organisations import HOSTILE_NAME
from tests.pdfread import pdf_text, squash

PERSONAS = ("alice", "officer_league", "station", "quarantine", "inspector", "admin")
PUBLIC = ("/", "/licensing/register", "/licensing/guide", "/species", "/inspections/draws")
# The API documentation and the label key's format page are technical by design (issue 14
# item 1: "the public-key page keeps the technical details").
SKIP = (
    "/logout",
    "/schema",
    "/api/",
    "/static/",
    "/labels/verify-offline.html",
    "/labels/public-key",
)
PER_PATTERN, MAX_PAGES, MAX_PDFS = 2, 90, 12

# Internal notes: our reference files, their section signs, their markers.
INTERNAL = re.compile(r"facts\s*§|facts\.md|product\.md|style\.md|NOT FOUND|TODO|FIXME|issue \d+")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
# Status and field names as the code spells them (whole words only).
CODE_WORDS = re.compile(
    r"\b(valid|revoked|expired|cancelled|annulled|recalled|active|draft|submitted|accepted|"
    r"granted|refused|withdrawn|seedling|enterprise|individual|operator|None|null|true|false|"
    r"subject_type|organisation|licence|lot|label|notice)\b"
)


def _tables() -> set[str]:
    return {t._meta.tablename for t in Finder().get_table_classes()}


def _visible(html: str) -> str:
    """What a person reads: text outside scripts, styles and the "详细" boxes, plus the
    placeholders, titles and aria-labels of the controls; links and addresses removed."""
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.select("script, style, details.raw, template"):
        tag.decompose()
    words = [soup.get_text(" ")]
    for tag in soup.find_all(True):
        words += [tag.get(a, "") for a in ("placeholder", "title", "aria-label")]
    text = " ".join(w for w in words if isinstance(w, str))
    text = re.sub(r"https?://\S+", " ", text)
    return re.sub(r"(?<![\w])/[\w\-./?=&#%]+", " ", text)  # paths shown as addresses


def problems(text: str, tables: set[str]) -> list[str]:
    found = [m.group(0) for m in INTERNAL.finditer(text)]
    found += [m.group(0) for m in SNAKE.finditer(text)]
    found += [m.group(0) for m in CODE_WORDS.finditer(text)]
    found += [t for t in tables if re.search(rf"\b{t}\b", text)]
    if '{"' in text or '":' in text:
        found.append("raw JSON")
    return found


def _pattern(url: str) -> str:
    parts = urlsplit(url)
    keys = sorted(q.split("=")[0] for q in parts.query.split("&") if q)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)


def crawl(client: Browser, starts: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """Pages reachable from ``starts`` by links (each URL shape at most twice) → their
    visible text; and the PDF links met on the way."""
    seen_patterns: dict[str, int] = {}
    pages: dict[str, str] = {}
    pdfs: list[str] = []
    queue = deque(starts)
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        if url in pages:
            continue
        r = client.get(url)
        if r.status_code != 200 or not r.headers.get("content-type", "").startswith("text/html"):
            continue
        pages[url] = r.text
        for a in BeautifulSoup(r.text, "html.parser").select("a[href]"):
            href = urljoin(url, a["href"]).split("#")[0]
            parts = urlsplit(href)
            if parts.netloc and parts.netloc != urlsplit(str(client.base_url)).netloc:
                continue
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith("/") or path.startswith(SKIP):
                continue
            if "pdf" in parts.path:
                if path not in pdfs:
                    pdfs.append(path)
                continue
            shape = _pattern(path)
            if seen_patterns.get(shape, 0) < PER_PATTERN:
                seen_patterns[shape] = seen_patterns.get(shape, 0) + 1
                queue.append(path)
    return pages, pdfs


@pytest.fixture(scope="module")
def world(server, api, personas) -> dict:
    """Records of every kind for the crawl to reach: a licence, a lot with a 质量检验合格证 and
    a 产地检疫合格证, labels, an application, and a revoked licence of another holder."""
    officer, alice, admin = api("officer_league"), api("alice"), api("admin")
    graded = new_species(admin)
    confirmed_row(admin, api("station"), "seedling", seedling_row(graded))
    licence = record_licence(officer, personas["alice"].organisation_id, species=["樟子松", graded])
    lot = make_lot(alice, licence, quantity=2000)
    measured = make_lot(alice, licence, species=graded)
    sizes = {"root_collar_cm": 0.6, "height_cm": 30, "root_length_cm": 25, "lateral_roots": 14}
    body = seedling_measures(**sizes, root_spread_cm=20, meets_overall=True)
    station = api("station")
    inspection = ok(station.post(f"/api/lots/{measured['id']}/inspections", json=body), 201)
    ok(station.post(f"/api/quality/inspections/{inspection['id']}/certificate"), 201)
    ok(
        api("quarantine").post(
            "/api/quarantine/site-certificates",
            json={
                "organisation_id": personas["alice"].organisation_id,
                "production_site": "乌兰浩特市义勒力特镇红星村苗圃",
                "inspected_on": today().isoformat(),
                "findings": "经产地检疫，未发现检疫性有害生物",
                "lot_ids": [lot["id"]],
            },
        ),
        201,
    )
    other = asyncio.run(factories.make_organisation("152201"))
    ended = record_licence(officer, other.id, species=["樟子松"])
    number = f"兴林罚决字〔2026〕{unique('')[:4]}号"
    ok(
        officer.post(
            f"/api/licensing/licences/{ended['id']}/end",
            json={
                "kind": "revoked",
                "reasons": "以欺骗手段取得许可证",
                "penalty_decision_number": number,
                "penalty_decided_on": (today() - timedelta(days=1)).isoformat(),
            },
        )
    )
    body = base_body(kind="state", outline=square_geojson(), total_area="500")
    body["duties"] = [{"duty": "germplasm", "delivered": "保存种质资源12份"}]
    base = ok(alice.post("/api/nurseries", json=body), 201)
    return {"lot": measured, "ended": ended, "decision": number, "base": base}


def _check(pages: dict[str, str], tables: set[str], names: tuple[str, ...] = ()) -> dict:
    """Problems per page; ``names`` are the test accounts' user names (officer_league…): an
    account's name is what its owner typed, shown on the frame and the account lists."""
    bad = {}
    for url, html in pages.items():
        text = _visible(html)
        for name in names:
            text = text.replace(name, " ")
        if found := problems(text, tables):
            bad[url] = sorted(set(found))
    return bad


@pytest.mark.parametrize("name", PERSONAS)
def test_no_page_a_persona_reaches_shows_internal_or_technical_text(world, server, personas, name):
    browser = Browser(server)
    browser.login(personas[name].username)
    starts = ("/", f"/lots/{world['lot']['id']}", f"/nurseries/{world['base']['id']}")
    pages, pdfs = crawl(browser, (*starts, "/nurseries/map", "/nurseries/target"))
    assert len(pages) >= 10, sorted(pages)
    print(f"{name}: {len(pages)} pages, {len(pdfs)} PDF links")
    typed = (*(p.username for p in personas.values()), HOSTILE_NAME)
    bad = _check(pages, _tables(), typed)
    assert bad == {}, "\n".join(f"{u}: {v}" for u, v in bad.items())
    for path in pdfs[:MAX_PDFS]:
        r = browser.get(path)
        if r.status_code == 200 and r.headers["content-type"].startswith("application/pdf"):
            text = pdf_text(r.content)
            for name in typed:
                text = text.replace(name, " ")
            assert not problems(text, _tables()), (path, problems(text, _tables()))


def test_no_public_page_shows_internal_or_technical_text(world, server):
    anon = Browser(server)
    verify = f"/verify/licences/{world['ended']['public_id']}"
    pages, _ = crawl(anon, (*PUBLIC, "/settings", verify))
    assert len(pages) >= 6, sorted(pages)
    bad = _check(pages, _tables())
    assert bad == {}, "\n".join(f"{u}: {v}" for u, v in bad.items())


def test_api_docs_are_in_the_menu_of_officials_only(server, personas):
    for name, offered in (("alice", False), ("officer_league", True), ("admin", True)):
        browser = Browser(server)
        browser.login(personas[name].username)
        assert ("API文档" in browser.get("/").text) is offered, name


def test_a_revoked_licence_shows_its_reason_and_decision_number(world, server):
    anon = Browser(server)
    page = anon.get(f"/verify/licences/{world['ended']['public_id']}").text
    assert "以欺骗手段取得许可证" in page
    assert world["decision"] in page
    officer = Browser(server)
    officer.login("officer_league")
    page = officer.get(f"/licensing/licences/{world['ended']['id']}").text
    assert f"依据行政处罚决定书{world['decision']}" in page
    r = officer.get(f"/licensing/licences/{world['ended']['id']}/duplicate.pdf")
    assert r.status_code == 200
    assert world["decision"] in squash(pdf_text(r.content))


def test_the_audit_page_names_events_record_types_and_fields_in_chinese(world, server, personas):
    admin = Browser(server)
    admin.login(personas["admin"].username)
    org = personas["alice"].organisation_id
    html = admin.get("/admin/audit", params={"subject_type": "organisation", "subject_id": org})
    text = _visible(html.text)
    assert "审计记录：生产经营者" in text
    assert "登记生产经营者" in text
    assert "名称" in text  # the registered name, as a field in words
    assert problems(text, _tables()) == []
    # The filter offers record types in words; the codes stay in the option values.
    soup = BeautifulSoup(html.text, "html.parser")
    options = {o["value"]: o.get_text() for o in soup.select("#f-subject_type option")}
    assert options["licence_application"] == "许可申请"
    assert options["quality_certificate"] == "质量检验合格证"
    # The codes and the raw record are behind "详细".
    raw = soup.select_one("details.raw")
    assert raw is not None
    assert raw.select_one("summary").get_text() == "详细"
    assert "organisation:register" in raw.get_text()
