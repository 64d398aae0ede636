"""Helpers for server-rendered pages: render with the actor, redirect after POST, read forms,
answer a public verification page."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Collection, Mapping
from typing import Any

from litestar import Request
from litestar.response import Redirect, Template

from seedreg.core.errors import DomainError, NotFound
from seedreg.core.web.exporting import export_url
from seedreg.core.web.forms import InvalidInput, field_errors


def page(
    request: Request[Any, Any, Any], template: str, *, status_code: int = 200, **context: Any
) -> Template:
    context.setdefault("actor", getattr(request.state, "actor", None))
    context.setdefault("errors", {})
    context.setdefault("error", None)
    context.setdefault("values", {})
    context.setdefault("export_url", export_url(request))
    return Template(template_name=template, context=context, status_code=status_code)


def form_error(
    request: Request[Any, Any, Any],
    template: str,
    exc: DomainError,
    values: dict[str, Any],
    *,
    error_rows: Mapping[str, str] | None = None,
    error_whole: Collection[str] = (),
    **context: Any,
) -> Template:
    """Re-render a form with the error beside its field, keeping what was typed. Errors are
    keyed by the body's places (``samples.0.goods``) and by the form's fields (``samples-0-goods``;
    ``error_rows``/``error_whole``: where the form's rows differ from the body's, see
    ``field_errors``; named apart from the template's own context such as ``rows``)."""
    details = exc.details if isinstance(exc, InvalidInput) else None
    errors: dict[str, Any] = dict(details) if isinstance(details, dict) else {}
    if exc.field and exc.field not in errors:
        errors[exc.field] = exc.message
    errors = field_errors(errors, error_rows, error_whole)
    message = "请更正标出的项目后再提交" if errors else exc.message
    # keep the meaning of a refusal: not allowed 403, conflict 409, locked out 429
    status = exc.status_code if exc.status_code in (403, 409, 429) else 422
    return page(
        request,
        template,
        status_code=status,
        errors=errors,
        error=message,
        values=values,
        **context,
    )


def see_other(url: str) -> Redirect:
    """Post/redirect/get."""
    return Redirect(url, status_code=303)


async def form_data(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """Submitted form fields, without the CSRF token, blank fields dropped."""
    form = await request.form()
    return {k: v for k, v in form.items() if k != "_csrf_token" and isinstance(v, str) and v != ""}


async def verification(
    request: Request[Any, Any, Any],
    template: str,
    name: str,
    look_up: Awaitable[Any],
    *,
    shown: Callable[[Any], Awaitable[dict[str, Any]]] | None = None,
    **missing: Any,
) -> Template:
    """A public verification page (no login, reached by a printed QR code): the record
    ``look_up`` finds as ``name`` (with ``shown(record)``'s context), or, when there is none,
    the page's own 未找到 answer with status 404: ``name`` None, the look-up's message, and
    ``missing`` for what the found page is given besides."""
    try:
        record = await look_up
    except NotFound as exc:
        context = {name: None, "message": exc.message, **missing}
        return page(request, template, status_code=404, **context)
    extra = await shown(record) if shown else {}
    return page(request, template, **{name: record, "message": "", **extra})
