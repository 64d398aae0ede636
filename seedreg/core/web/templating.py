"""One Jinja environment for pages and PDFs, with the filters both use."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from seedreg.core.clock import CHINA
from seedreg.core.web.security import csp_nonce
from seedreg.settings import PROJECT_ROOT

TEMPLATE_DIR = PROJECT_ROOT / "templates"


def cn_date(value: date | datetime | None) -> str:
    """2026年11月27日 — the style on paper."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(CHINA).date()
    return f"{value.year}年{value.month}月{value.day}日"


def cn_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(CHINA)
    return f"{cn_date(local)} {local:%H:%M}"


@cache
def jinja_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cn_date=cn_date, cn_datetime=cn_datetime)
    env.globals["csp_nonce"] = csp_nonce  # inline <script>/<style> under the CSP
    return env
