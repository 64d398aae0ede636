"""Pure text rules for search: Chinese has no spaces, so names are indexed by overlapping
character pairs (bigrams, as in Lucene's CJK analyzer) and a query must contain all of its."""

from __future__ import annotations

import re

_NOISE = re.compile(r"[\s\u3000·•、，,.。()（）\[\]【】\"'“”‘’-]+")


def normalise(text: str) -> str:
    return _NOISE.sub("", text).lower()


def bigrams(text: str) -> list[str]:
    """Distinct character pairs of ``text`` in order; a single character stands alone."""
    chars = normalise(text)
    if len(chars) < 2:
        return [chars] if chars else []
    seen: dict[str, None] = {}
    for i in range(len(chars) - 1):
        seen.setdefault(chars[i : i + 2])
    return list(seen)
