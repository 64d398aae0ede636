"""English on pages meant for the public: what a person reads (visible text, the title, button
and placeholder texts) holding a word of Latin letters that is not a code, a unit or a name.

Exempt: elements that say they are not Chinese (``lang="la"`` scientific names, italic Latin
names), codes (``.code``, ``code``, ``pre``), tokens with a digit (serials, certificate and
licence numbers, "Ed25519"), SI unit symbols, and what a caller allows for its page."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

UNITS = frozenset({"cm", "mm", "m", "kg", "g", "km"})
TOKEN = re.compile(r"[A-Za-z0-9]+")
EXEMPT = "script, style, template, code, pre, i, .code, [lang]:not([lang=zh-CN]), [hidden]"
ATTRIBUTES = ("placeholder", "aria-label", "title", "alt")


def english_words(text: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Tokens of two or more Latin letters and no digit, other than units and ``allowed``."""
    return [
        t
        for t in TOKEN.findall(text)
        if not any(c.isdigit() for c in t) and len(t) >= 2 and t not in UNITS and t not in allowed
    ]


def english_in_html(html: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """English words in a page's title, visible text and the attributes people read."""
    soup = BeautifulSoup(html, "html.parser")
    title = soup.title.get_text() if soup.title else ""
    found = [f"标题: {w}" for w in english_words(title, allowed)]
    body = soup.body or soup
    for exempt in body.select(EXEMPT):
        exempt.decompose()
    found += english_words(body.get_text(" "), allowed)
    for tag in body.find_all(True):
        if isinstance(tag, Tag):
            for name in ATTRIBUTES:
                found += [f"{name}: {w}" for w in english_words(str(tag.get(name, "")), allowed)]
            if tag.name == "input" and tag.get("type") in ("submit", "button"):
                found += english_words(str(tag.get("value", "")), allowed)
    return found
