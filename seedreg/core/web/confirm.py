"""A confirmation step before an irreversible action (受理, 准予, 不予, 吊销, 召回, 作废…), without
JavaScript: a page POST without ``confirm=1`` renders a page that names the record and posts
the same fields again with ``confirm=1``; only then does the handler call the service. The
JSON API is not changed (its clients confirm in their own way)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from litestar import Request
from litestar.response import Template

from seedreg.core.web.pages import page

CONFIRM_FIELD = "confirm"
NOT_REPOSTED = frozenset({CONFIRM_FIELD, "_csrf_token"})


def confirmed(values: Mapping[str, Any]) -> bool:
    """The form came from the confirmation step."""
    return values.get(CONFIRM_FIELD) == "1"


def hidden_fields(values: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The submitted fields as (name, value) pairs to post again (lists as repeated fields)."""
    pairs: list[tuple[str, str]] = []
    for name, value in values.items():
        if name in NOT_REPOSTED:
            continue
        for one in value if isinstance(value, list | tuple) else [value]:
            pairs.append((name, str(one)))
    return pairs


def confirmation(
    request: Request[Any, Any, Any],
    values: Mapping[str, Any],
    *,
    question: str,
    button: str,
    back: str,
    facts: Iterable[tuple[str, str]] = (),
    consequence: str = "",
    danger: bool = False,
) -> Template:
    """The confirmation page: ``question`` names the record ("确认准予 申请 XA-2026-0001
    （某某苗圃）？"), ``facts`` repeat what was typed (the reasons), ``back`` leads to the record
    without acting."""
    return page(
        request,
        "confirm.html",
        question=question,
        button=button,
        back=back,
        action=request.url.path,
        hidden=hidden_fields(values),
        facts=[(label, text) for label, text in facts if text],
        consequence=consequence,
        danger=danger,
    )
