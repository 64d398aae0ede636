"""PDF rendering: the organisation record end to end, the fetcher's sandbox, fonts and memory.

No database: the organisation is a SimpleNamespace with OrganisationOut's attributes.
"""

import ctypes
import ctypes.util
import gc
import io
import re
import time
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
import zxingcpp
from bs4 import BeautifulSoup
from PIL import Image

from seedreg.core import pdf
from seedreg.core.pdf import (
    PDF_TEMPLATE_DIR,
    LocalOnlyFetcher,
    PdfResourceError,
    PdfUnavailable,
    check_pdf_support,
    html_to_pdf,
    render_html,
    render_pdf,
    render_pdf_async,
)
from seedreg.core.qr import qr_png_bytes, qr_svg_data_uri
from seedreg.organisations.documents import RECORD_TEMPLATE, record_context
from tests.pdfread import pdf_text, qr_texts, squash

BASE_URL = "https://zhongmiao.xam.gov.cn"
AUTHORITY = "兴安盟林业和草原局"  # what the register keeper is called in the records
PRINTED_ON = date(2026, 11, 27)


def make_org(**changes: object) -> SimpleNamespace:
    fields = {
        "public_id": "ORG-2026-000123",
        "kind_label": "企业法人",
        "name": "科右前旗绿源林木种苗繁育有限公司",
        "uscc": "91152201MA0N1X2Y39",
        "id_number": None,
        "legal_representative": "包金花",
        "division_name": "科尔沁右翼前旗",
        "address": "乌兰浩特市沨河路1号",
        "contact_person": "王海东",
        "phone": "0482-8261234",
        "created_at": datetime(2026, 3, 14, 2, 30, tzinfo=UTC),
        # 16:30 UTC is already the next day in China: the date printed must be 27 November.
        "updated_at": datetime(2026, 11, 26, 16, 30, tzinfo=UTC),
    }
    return SimpleNamespace(**(fields | changes))


def context_for(org: SimpleNamespace) -> dict:
    return record_context(org, base_url=BASE_URL, printed_on=PRINTED_ON, authority=AUTHORITY)


def rss_mb() -> float:
    """Resident memory after handing freed heap back to the OS: glibc keeps freed blocks in its
    arenas, so plain RSS also counts memory that is free, and varies with what ran before."""
    gc.collect()
    ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status)[1]) / 1024


@pytest.fixture(scope="module")
def record_pdf() -> bytes:
    return render_pdf(RECORD_TEMPLATE, context_for(make_org()))


# --- context builder (fast, no WeasyPrint) -------------------------------------


def test_it_builds_the_verify_url_from_the_public_id():
    ctx = record_context(
        make_org(), base_url=BASE_URL + "/", printed_on=PRINTED_ON, authority=AUTHORITY
    )
    assert ctx["verify_url"] == f"{BASE_URL}/verify/organisations/ORG-2026-000123"
    assert ctx["printed_on"] == PRINTED_ON
    assert ctx["authority"] == "兴安盟林业和草原局"


def test_it_labels_a_person_by_id_number_instead_of_credit_code():
    person = make_org(kind_label="自然人", uscc=None, id_number="152201198001010023")
    soup = BeautifulSoup(render_html(RECORD_TEMPLATE, context_for(person)), "html.parser")
    labels = [th.get_text() for th in soup.select("table.fields th")]
    assert "公民身份号码" in labels
    assert "统一社会信用代码" not in labels
    assert "152201198001010023" in soup.get_text()


# --- the rendered record ---------------------------------------------------------


def test_it_renders_every_field(record_pdf):
    assert record_pdf.startswith(b"%PDF")
    assert len(pdfium.PdfDocument(record_pdf)) == 1
    text = squash(pdf_text(record_pdf))
    org = make_org()
    for expected in [
        "林木种苗生产经营者登记信息表",
        "登记编号：ORG-2026-000123",
        org.name,
        org.kind_label,
        "统一社会信用代码",
        org.uscc,
        org.legal_representative,
        org.division_name,
        org.address,
        org.contact_person,
        org.phone,
        "登记日期2026年3月14日",
        "最近更新2026年11月27日",
        "打印日期：2026年11月27日",
        "扫码核验真伪",
        f"{BASE_URL}/verify/organisations/ORG-2026-000123",
        "兴安盟林业和草原局",
        "第1页/共1页",
    ]:
        assert squash(expected) in text, expected


def test_it_prints_one_qr_code_holding_the_verify_url(record_pdf):
    assert qr_texts(record_pdf) == [f"{BASE_URL}/verify/organisations/ORG-2026-000123"]


def test_it_prints_markup_in_names_as_text():
    name = "<script>alert(1)</script>测试苗圃"
    ctx = context_for(make_org(name=name))
    html = render_html(RECORD_TEMPLATE, ctx)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;测试苗圃" in html
    assert "<script>" not in html
    assert squash(name) in squash(pdf_text(render_pdf(RECORD_TEMPLATE, ctx)))


def _fonts_of_chars(data: bytes, wanted: str) -> dict[str, str]:
    """Base font name used for each character of ``wanted`` on page 1."""
    textpage = pdfium.PdfDocument(data)[0].get_textpage()
    found: dict[str, str] = {}
    high = 0
    for index in range(textpage.count_chars()):
        unit = pdfium_c.FPDFText_GetUnicode(textpage.raw, index)
        if 0xD800 <= unit < 0xDC00:  # pdfium gives characters beyond the BMP as UTF-16 pairs
            high = unit
            continue
        if 0xDC00 <= unit < 0xE000 and high:
            unit, high = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00), 0
        char = chr(unit)
        if char in wanted and char not in found:
            size = pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, None, 0, None)
            buffer = ctypes.create_string_buffer(size)
            pdfium_c.FPDFText_GetFontInfo(textpage.raw, index, buffer, size, None)
            found[char] = buffer.value.decode()
    return found


def test_it_draws_uncommon_characters_with_the_cjk_font(record_pdf):
    # 沨 (U+6CA8) is in the league's place names. A missing glyph would come out as a box
    # (or from a fallback font) and would not extract back as 沨 from a Noto CJK font.
    assert "乌兰浩特市沨河路1号" in squash(pdf_text(record_pdf))
    fonts = _fonts_of_chars(record_pdf, "沨河")
    assert set(fonts) == {"沨", "河"}
    assert fonts["沨"] == fonts["河"]
    assert "Noto-Serif-CJK-SC" in fonts["沨"]


# Characters Noto CJK lacks, one from each CJK extension B–G (checked against the fonts' cmaps):
# a person's or company's registered name may hold any of them.
RARE = {"𪚥": "HanaMin", "𪜀": "HanaMin", "𫝀": "HanaMin", "𫠠": "HanaMin",
        "𬺰": "HanaMin", "𰀀": "BabelStone"}  # fmt: skip


def test_it_prints_rare_characters_of_names_with_a_fallback_font():
    name = f"{''.join(RARE)}林木种苗有限公司"
    data = render_pdf(
        RECORD_TEMPLATE, context_for(make_org(name=name, legal_representative="王𪚥"))
    )
    assert squash(name) in squash(pdf_text(data))
    fonts = _fonts_of_chars(data, "".join(RARE) + "林")
    for char, family in RARE.items():
        assert family in fonts[char], (char, fonts[char])
    assert "Noto-Serif-CJK-SC" in fonts["林"]  # the fallback draws only what Noto cannot


def test_label_pdfs_print_rare_characters_too():
    import dataclasses

    from seedreg.printing.layouts import render_labels
    from seedreg.printing.samples import fake_contents

    label = dataclasses.replace(fake_contents(1)[0], producer="𪚥𫠠林木种苗有限公司")
    data = render_labels([label], "single_80x50")
    fonts = _fonts_of_chars(data, "𪚥𫠠林")
    assert "HanaMin" in fonts["𪚥"]
    assert "HanaMin" in fonts["𫠠"]
    assert "Noto-Sans-CJK-SC" in fonts["林"]


def test_it_embeds_subset_fonts_and_stays_small(record_pdf):
    assert len(record_pdf) < 300 * 1024
    page = pdfium.PdfDocument(record_pdf)[0]
    fonts = {}
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_TEXT]):
        font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
        size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
        buffer = ctypes.create_string_buffer(size)
        pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
        fonts[buffer.value.decode()] = pdfium_c.FPDFFont_GetIsEmbedded(font)
    assert fonts
    assert all(fonts.values()), fonts
    # A subset font's name carries a six-letter tag: ABCDEF+Noto-Serif-CJK-SC.
    assert all(re.fullmatch(r"[A-Z]{6}\+Noto-Serif-CJK-SC(-Bold)?", name) for name in fonts), fonts
    assert len(fonts) <= 2  # regular, plus bold for headings: each face costs time and size


# --- the fetcher's sandbox ----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/x.png",
        "ftp://example.com/x.png",
        "file:///etc/passwd",
        f"file://{PDF_TEMPLATE_DIR}/../../pyproject.toml",
        f"file://{PDF_TEMPLATE_DIR}/missing.png",
        f"file://example.com{PDF_TEMPLATE_DIR}/pdf.css",
    ],
)
def test_the_fetcher_refuses_anything_outside_the_pdf_templates(url):
    with pytest.raises(ValueError, match="拒绝"):
        LocalOnlyFetcher().fetch(url)


def test_the_fetcher_serves_the_stylesheet_and_data_uris():
    css = LocalOnlyFetcher().fetch((PDF_TEMPLATE_DIR / "pdf.css").as_uri())
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    svg = LocalOnlyFetcher().fetch(qr_svg_data_uri("https://x.cn/a"))
    assert svg.content_type == "image/svg+xml"
    assert svg.read().startswith(b"<svg")


@pytest.mark.parametrize("src", ["http://example.com/x.png", "file:///etc/passwd"])
def test_a_refused_resource_stops_the_rendering(src):
    with pytest.raises(PdfResourceError):
        html_to_pdf(f'<p>测试</p><img src="{src}">')


# --- QR helpers ---------------------------------------------------------------------


def test_the_png_qr_decodes_to_the_url():
    url = f"{BASE_URL}/verify/organisations/ORG-2026-000123"
    image = Image.open(io.BytesIO(qr_png_bytes(url)))
    assert [c.text for c in zxingcpp.read_barcodes(image)] == [url]


# --- installation check, speed and memory -------------------------------------------


def test_pdf_support_is_installed_here():
    check_pdf_support()


def test_missing_harfbuzz_subset_fails_loudly(monkeypatch):
    assert pdf.INSTALL_HINT == "apt-get install fonts-noto-cjk libharfbuzz-subset0"
    monkeypatch.setattr(ctypes.util, "find_library", lambda name: None)
    pdf._support_problem.cache_clear()
    try:
        with pytest.raises(
            PdfUnavailable, match="apt-get install fonts-noto-cjk libharfbuzz-subset0"
        ):
            check_pdf_support()
    finally:
        monkeypatch.undo()
        pdf._support_problem.cache_clear()
    check_pdf_support()


async def test_it_renders_in_a_worker_thread():
    data = await render_pdf_async(RECORD_TEMPLATE, context_for(make_org()))
    assert data.startswith(b"%PDF")


def test_a_warm_render_is_fast_and_memory_stays_flat(record_pdf):
    ctx = context_for(make_org())
    started = time.perf_counter()
    render_pdf(RECORD_TEMPLATE, ctx)
    elapsed = time.perf_counter() - started
    # A sanity bound, not a target: without harfbuzz-subset a render takes ~6 s.
    assert elapsed < 2, f"warm render took {elapsed:.2f} s"

    for n in range(1, 31):
        render_pdf(RECORD_TEMPLATE, context_for(make_org(public_id=f"ORG-2026-{n:06d}")))
        if n == 10:
            after_10 = rss_mb()
    growth = rss_mb() - after_10
    assert growth < 60, f"RSS grew {growth:.1f} MB between render 10 and render 30"
