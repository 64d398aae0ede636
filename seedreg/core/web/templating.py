"""One Jinja environment for pages and PDFs, with the filters both use."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from seedreg.core.clock import CHINA
from seedreg.core.web.offline import field_photo_attrs
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


# A run of Latin script in Chinese text: a scientific name with its author ("Salix matsudana
# Koidz.", "P. simonii × P. nigra"), starting with a letter and ending with a letter, "." or ")".
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z.\-×&() ]*[A-Za-z.)]|[A-Za-z]")


def latin(text: str | None) -> Markup:
    """Chinese text with its scientific names set in italics and marked as Latin (lang="la"),
    as botany writes them and so that screen readers do not read them as Chinese."""
    out, at = [], 0
    value = text or ""
    for match in _LATIN_RUN.finditer(value):
        out.append(escape(value[at : match.start()]))
        out.append(Markup('<i lang="la">{}</i>').format(match.group(0)))
        at = match.end()
    out.append(escape(value[at:]))
    return Markup("").join(out)


@cache
def jinja_env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        autoescape=select_autoescape(["html", "xml"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(cn_date=cn_date, cn_datetime=cn_datetime, latin=latin)
    env.globals["csp_nonce"] = csp_nonce  # inline <script>/<style> under the CSP
    env.globals["field_photo_attrs"] = field_photo_attrs  # drafts.js: photo shrinking settings
    return env
