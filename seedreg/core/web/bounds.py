"""Absurd numbers, dates and sizes refused as the client's mistake (4xx) before they reach the
database or date arithmetic, where they would end as server errors.

One route middleware for every route's integer and date parameters (path and query) and the
query string's length, one request class for JSON nesting. Bodies are bounded by
``seedreg.core.inputs.Input``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import parse_qsl

from litestar import Request
from litestar.exceptions import SerializationException
from litestar.handlers import BaseRouteHandler
from litestar.params import QueryParameter
from litestar.types import ASGIApp, Receive, Scope, Send

from seedreg.core.errors import DomainError, NotFound
from seedreg.core.inputs import (
    INT_MAX,
    INT_MIN,
    control_char,
    date_problem,
    int_problem,
    invisible_message,
)
from seedreg.core.paging import MAX_PAGE
from seedreg.core.web.forms import InvalidInput

MAX_JSON_DEPTH = 64  # the deepest body the API takes (an application) nests 4 levels
MAX_QUERY_BYTES = 4096

PageNo = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE, description="页码，从1开始")]
# A page's pager (?page_no=): the view passes it through ``paging.page_number``, so 0 or less
# shows the first page as a person editing the address expects; past MAX_PAGE it is refused
# (422) as the API's ``page`` is, and a number that is none at all is the client's 400.
ViewPageNo = Annotated[int, QueryParameter(le=MAX_PAGE, description="页码，从1开始")]
# What a message calls a parameter a person may type into the address: no English on pages.
_SHOWN_NAMES = {
    "page": "页码",
    "page_no": "页码",
    "records_page": "页码",
    "qpage": "咨询页码",
    "cpage": "投诉页码",
}


def shown_name(key: str) -> str:
    """A query parameter as an error message names it (the details keep the key)."""
    return _SHOWN_NAMES.get(key, key)


class BadRequest(DomainError):
    """A request the server cannot read (too deep, too long): the client's fault."""

    status_code = 400
    code = "bad_request"


class UriTooLong(DomainError):
    status_code = 414
    code = "uri_too_long"


def db_id(text: str | None) -> int | None:
    """A record id typed into a form, or None when it is not one (never an overflow later)."""
    text = (text or "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > 10:
        return None
    value = int(text)
    return value if 0 < value <= INT_MAX else None


# --- route parameters -------------------------------------------------------------------------

_INT_TEXT = re.compile(r"[+-]?\d+")
# A control character escaped in a query string: %00-%1F or %7F (a cheap look before parsing).
_ESCAPED_CONTROL = re.compile(rb"%(?:[01][0-9a-fA-F]|7[fF])")
_SPECS = "seedreg.bounds"  # key in the handler's opt: its parameters to check, found once


def _checked_type(annotation: Any) -> type | None:
    args = getattr(annotation, "__args__", None)
    if args and type(None) in args:  # X | None
        rest = [a for a in args if a is not type(None)]
        annotation = rest[0] if len(rest) == 1 else None
    if annotation is bool:
        return None
    return annotation if annotation in (int, date) else None


def _query_specs(handler: BaseRouteHandler) -> tuple[tuple[str, type, int, int], ...]:
    """(query key, int or date, low, high) for each integer or date query parameter."""
    found: tuple[tuple[str, type, int, int], ...] | None = handler.opt.get(_SPECS)
    if found is not None:
        return found
    path_names = {p for path in handler.paths for p in re.findall(r"{(\w+)", path)}
    specs = []
    for name, field in handler.parsed_fn_signature.parameters.items():
        kind = _checked_type(field.annotation)
        if kind is None or name in path_names or name in handler.resolve_dependencies():
            continue
        kwarg = field.kwarg_definition
        key = getattr(kwarg, "query", None) or name
        ge = getattr(kwarg, "ge", None)
        le = getattr(kwarg, "le", None)
        low = max(INT_MIN, int(ge)) if ge is not None else INT_MIN
        high = min(INT_MAX, int(le)) if le is not None else INT_MAX
        specs.append((key, kind, low, high))
    handler.opt[_SPECS] = found = tuple(specs)
    return found


def bounded_parameters(app: ASGIApp) -> ASGIApp:
    """Route middleware (it runs after routing, so it knows the handler): integer and date
    parameters within range, a short query string. A middleware rather than a guard: Litestar
    copies the handler for every guard call (22 µs measured), on every route."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if str(scope["type"]) == "http":
            _check(scope)
        await app(scope, receive, send)

    return middleware


def _check(scope: Scope) -> None:
    query_string = scope.get("query_string", b"")
    if len(query_string) > MAX_QUERY_BYTES:
        raise UriTooLong(f"请求地址过长（查询参数最多{MAX_QUERY_BYTES}字节）")
    for value in scope.get("path_params", {}).values():
        if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
            raise NotFound("未找到该记录")
        if isinstance(value, str) and control_char(value):  # no record has one in its key
            raise NotFound("未找到该记录")
    if _ESCAPED_CONTROL.search(query_string):
        _check_controls(query_string)
    specs = _query_specs(scope["route_handler"])
    if not specs or not query_string:
        return
    query = dict(parse_qsl(query_string.decode("latin-1"), keep_blank_values=False))
    for key, kind, low, high in specs:
        raw = query.get(key)
        if not raw:
            continue
        problem = _query_problem(raw, kind, low, high)
        if problem:
            message = f"输入有误：{shown_name(key)}：{problem}"
            raise InvalidInput(message, field=key, details={key: problem})


def _check_controls(query_string: bytes) -> None:
    """Refuse a query value with a control character (found by schemathesis: PostgreSQL cannot
    compare text with NUL, a search for one ended as a server error)."""
    for key, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if ch := control_char(value):
            problem = invisible_message(ch)
            message = f"输入有误：{shown_name(key)}：{problem}"
            raise InvalidInput(message, field=key, details={key: problem})


def _query_problem(raw: str, kind: type, low: int, high: int) -> str | None:
    if kind is int:
        text = raw.strip()
        if not _INT_TEXT.fullmatch(text):
            return None  # not a number at all: Litestar's own validation answers
        # more digits than any bound has: past it (and int() of 5,000 digits raises)
        value = int(text) if len(text) <= 12 else (-1 if text[0] == "-" else 1) * 10**12
        return int_problem(value, low, high)
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None
    return date_problem(day)


# --- JSON bodies --------------------------------------------------------------------------------

_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(body: bytes) -> int:
    """The deepest nesting of arrays and objects in ``body`` (brackets inside strings ignored)."""
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH:
        return 0  # cannot be too deep: spare the scan
    depth = deepest = 0
    for match in _JSON_TOKEN.finditer(body):
        token = match.group()
        if token in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


class SeedregRequest(Request[Any, Any, Any]):
    """A request whose JSON body is refused (400) when nested deeper than MAX_JSON_DEPTH: the
    decoder recurses once per level and a deep enough body ends in RecursionError (a 500)."""

    async def json(self) -> Any:
        body = await self.body()
        if json_depth(body) > MAX_JSON_DEPTH:
            raise BadRequest(f"JSON嵌套层数过多（最多{MAX_JSON_DEPTH}层）")
        try:
            return await super().json()
        except RecursionError as exc:
            raise SerializationException("JSON nesting too deep") from exc
