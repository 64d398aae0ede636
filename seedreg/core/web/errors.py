"""One translation from errors to responses: JSON under /api, Chinese pages elsewhere."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

import asyncpg
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

from seedreg.core.errors import DomainError, NotAuthenticated
from seedreg.core.web.bounds import shown_name
from seedreg.core.web.forms import error_messages

log = logging.getLogger("seedreg")

HTTP_MESSAGES = {
    400: "请求格式不正确",
    401: "请先登录",
    403: "您没有权限访问此页面",
    404: "页面不存在",
    405: "不支持此请求方式",
    413: "提交的内容过大",
    422: "提交的内容有误",
    429: "请求过于频繁，请稍后再试",
    500: "系统出现错误，请稍后再试；如问题持续，请联系管理员",
}
HTTP_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid_input",
    429: "too_many_requests",
    500: "internal_error",
}


def is_api(request: Request[Any, Any, Any]) -> bool:
    return request.url.path.startswith("/api/") or request.url.path == "/api"


def error_body(
    status: int, code: str, message: str, *, field: str | None = None, details: Any = None
) -> dict[str, Any]:
    """The stable error shape of the API."""
    return {
        "error": {
            "status": status,
            "code": code,
            "message": message,
            "field": field,
            "details": details,
        }
    }


def _respond(
    request: Request[Any, Any, Any],
    status: int,
    code: str,
    message: str,
    *,
    field: str | None = None,
    details: Any = None,
) -> Response[Any]:
    if is_api(request):
        return Response(
            error_body(status, code, message, field=field, details=details),
            status_code=status,
            media_type=MediaType.JSON,
        )
    if isinstance(details, dict):  # a page names a parameter in Chinese where it knows one
        details = {shown_name(str(k)): v for k, v in details.items()}
    return Template(
        template_name="errors/error.html",
        context={
            "status": status,
            "message": message,
            "details": details,
            "actor": getattr(request.state, "actor", None),
        },
        status_code=status,
    )


def domain_error_handler(request: Request[Any, Any, Any], exc: DomainError) -> Response[Any]:
    if isinstance(exc, NotAuthenticated) and not is_api(request):
        return Redirect(f"/login?next={quote(request.url.path)}")
    return _respond(
        request, exc.status_code, exc.code, exc.message, field=exc.field, details=exc.details
    )


def _validation_details(exc: ValidationException) -> dict[str, str] | None:
    """Chinese per-field messages from the pydantic errors behind Litestar's exception."""
    errors = getattr(exc.__cause__, "errors", None)
    if callable(errors):
        errors = errors()
    if isinstance(errors, list) and errors:
        return error_messages(errors)
    items = exc.extra if isinstance(exc.extra, list) else []
    return {str(i.get("key") or "_"): "格式不正确" for i in items if isinstance(i, dict)} or None


def http_error_handler(request: Request[Any, Any, Any], exc: HTTPException) -> Response[Any]:
    status = exc.status_code
    if isinstance(exc, ValidationException):
        details = _validation_details(exc)
        if details is None:  # not a schema problem: the body could not be read at all
            return _respond(request, 400, "bad_request", HTTP_MESSAGES[400])
        summary = "；".join(f"{shown_name(k)}：{v}" for k, v in details.items())
        return _respond(request, 422, "invalid_input", f"输入有误：{summary}", details=details)
    message = HTTP_MESSAGES.get(status, exc.detail)
    if isinstance(exc, NotFoundException) and exc.detail and _chinese(exc.detail):
        message = exc.detail
    return _respond(request, status, HTTP_CODES.get(status, "http_error"), message)


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def internal_error_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return _respond(request, HTTP_500_INTERNAL_SERVER_ERROR, "internal_error", HTTP_MESSAGES[500])


def out_of_range_handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """A number too large for the database, from input no schema bounded (the inputs are, by
    seedreg.core.inputs.Input and the route parameters' bounds): the client's mistake, a 400.
    SQLite raises OverflowError, asyncpg a DataError "value out of int32 range"."""
    if isinstance(exc, OverflowError) or "out of int" in str(exc):
        log.warning("number out of range on %s %s: %s", request.method, request.url.path, exc)
        return _respond(request, 400, "bad_request", "数值超出允许的范围")
    return internal_error_handler(request, exc)


EXCEPTION_HANDLERS = {
    DomainError: domain_error_handler,
    HTTPException: http_error_handler,
    OverflowError: out_of_range_handler,
    asyncpg.exceptions.DataError: out_of_range_handler,
    Exception: internal_error_handler,
}
