"""Printable documents: Jinja template -> HTML -> PDF. The only module that imports WeasyPrint.

Two install facts decide whether this is fast (``scripts/ensure_system.sh pdf`` installs both):
WeasyPrint needs the system library harfbuzz-subset to subset the CJK fonts (without it every PDF
takes ~6 s and embeds the whole font, and WeasyPrint only warns), and the Noto CJK fonts must be
installed for Chinese text to render at all. ``check_pdf_support`` turns both into a loud error.
"""

from __future__ import annotations

import ctypes.util
import gc
import mimetypes
from collections.abc import Awaitable, Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import anyio.to_thread
import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from seedreg.core.qr import qr_svg_data_uri
from seedreg.core.web.templating import TEMPLATE_DIR, cn_date, jinja_env

PDF_TEMPLATE_DIR = (TEMPLATE_DIR / "pdf").resolve()
FONT_DIR = Path("/usr/share/fonts")
INSTALL_HINT = "apt-get install fonts-noto-cjk libharfbuzz-subset0"


def cn_iso_date(value: str | date | None) -> str:
    """``"2026-11-27"`` (how a notice's JSON content stores dates) -> 2026年11月27日."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return cn_date(value)


# Templates write <img src="{{ verify_url | qr_data_uri }}">. Registered here rather than in
# templating.py so that the page side never pays for segno and the filter lives next to its user.
jinja_env().filters["qr_data_uri"] = qr_svg_data_uri
jinja_env().filters["cn_iso_date"] = cn_iso_date


class PdfUnavailable(RuntimeError):
    """The system libraries or fonts that PDF rendering needs are missing."""


class PdfResourceError(RuntimeError):
    """A template referred to a resource the PDF fetcher refuses or cannot find."""


@cache
def _support_problem() -> str | None:
    missing = []
    if ctypes.util.find_library("harfbuzz-subset") is None:
        missing.append("字体子集化库 harfbuzz-subset（缺少时每份 PDF 约需 6 秒且嵌入整套字体）")
    if not any(any(FONT_DIR.rglob(f"NotoSansCJK*.{ext}")) for ext in ("ttc", "otf", "ttf")):
        missing.append("思源黑体 Noto Sans CJK 字体（缺少时中文无法显示）")
    if not missing:
        return None
    return f"无法生成 PDF：系统缺少{'、'.join(missing)}。请以 root 身份运行：{INSTALL_HINT}"


def check_pdf_support() -> None:
    """Raise ``PdfUnavailable`` unless harfbuzz-subset and the Noto CJK fonts are installed.

    The result is cached: the check runs once per process.
    """
    problem = _support_problem()
    if problem is not None:
        raise PdfUnavailable(problem)


class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]  # weasyprint has no type hints
    """Serves files under ``templates/pdf/`` and ``data:`` URIs; refuses everything else.

    No network and no other file: a document must render the same everywhere, and a value that
    slipped into a URL must not be able to read ``/etc/passwd`` into a PDF. ``fail_on_errors``
    makes a refused or missing resource stop the rendering instead of leaving a silent gap.
    """

    def __init__(self, root: Path = PDF_TEMPLATE_DIR) -> None:
        super().__init__(allowed_protocols={"data", "file"}, fail_on_errors=True)
        self._root = root.resolve()

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            msg = f"PDF 模板只能引用 templates/pdf/ 下的文件或 data: URI，拒绝：{url}"
            raise ValueError(msg)
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            msg = f"拒绝远程文件：{url}"
            raise ValueError(msg)
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(self._root) or not path.is_file():
            msg = f"PDF 模板只能引用 templates/pdf/ 下的文件，拒绝：{url}"
            raise ValueError(msg)
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            path.as_uri(),
            path.read_bytes(),
            {"Content-Type": mime or "application/octet-stream"},
        )


def render_html(template_name: str, context: dict[str, Any]) -> str:
    """The HTML that ``render_pdf`` hands to WeasyPrint (autoescaped; useful in tests)."""
    return jinja_env().get_template(f"pdf/{template_name}").render(context)


def _write_pdf(html: str) -> bytes:
    document = weasyprint.HTML(
        string=html, base_url=f"{PDF_TEMPLATE_DIR}/", url_fetcher=LocalOnlyFetcher()
    )
    pdf: bytes = document.write_pdf()
    return pdf


def html_to_pdf(html: str) -> bytes:
    """Lay out ``html`` (relative URLs resolve inside ``templates/pdf/``) and return PDF bytes."""
    check_pdf_support()
    try:
        return _write_pdf(html)
    except FatalURLFetchingError as exc:
        # WeasyPrint's fatal error is a BaseException; web handlers only map Exceptions.
        raise PdfResourceError(str(exc.__cause__ or exc)) from exc
    finally:
        # WeasyPrint's layout objects form reference cycles: without this, RSS climbs to
        # ~1 GB across a few hundred documents (measured, performance.md).
        gc.collect()


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """Render ``templates/pdf/<template_name>`` with ``context`` to PDF bytes.

    Raises:
        PdfUnavailable: harfbuzz-subset or the Noto CJK fonts are not installed.
        PdfResourceError: the template refers to a resource outside ``templates/pdf/``.
    """
    check_pdf_support()
    return html_to_pdf(render_html(template_name, context))


# What happens to a rendered document before it leaves: the app registers the seals domain's
# finisher here (core imports no domain), which seals issued documents (兴署发〔2021〕5号 Art. 26).
Finisher = Callable[[str, bytes], Awaitable[bytes]]
_finisher: Finisher | None = None


def register_finisher(finisher: Finisher | None) -> None:
    """Set the step every ``render_pdf_async`` result goes through (None: none)."""
    global _finisher
    _finisher = finisher


async def render_pdf_async(template_name: str, context: dict[str, Any]) -> bytes:
    """``render_pdf`` in a worker thread, so a request handler does not block the event loop;
    then the registered finisher (the electronic seal on issued documents)."""
    pdf: bytes = await anyio.to_thread.run_sync(render_pdf, template_name, context)
    if _finisher is not None:
        pdf = await _finisher(template_name, pdf)
    return pdf
