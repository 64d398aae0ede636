"""The OpenAPI document says what the API answers (issue 12 item 5): every operation's error
statuses with the app's one error body (``ErrorBody``, what ``errors.error_body`` builds), binary
downloads with their media types, and which operations want a bearer token.

The error statuses follow from each operation's shape, once, for the whole API (``document``):

- a JSON body: 400 (unreadable: malformed, nested too deep, a number past the database's range),
  413 (larger than the request limit) and 422 (a field refused, a business rule broken);
- query parameters: 400, 414 (query string too long) and 422;
- a path parameter: 400 (a value that cannot be read), 404 (no such record, or one the asker may
  not see) and 422;
- a signed-in actor: 401 (no or an expired token) and 403 (not this actor's to see or do);
- a signed-in write (POST, PUT, PATCH, DELETE): 409 (the record is no longer in a state that
  allows it: already decided, revoked, a duplicate) and 404 (a record the body names is gone).

What the shape does not show (a rate limit, a conflict on a public write) a route adds with
``responses=errors(429)``; a route's own responses win (the public label check keeps its
documented verdict body for 404).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any, cast

from litestar import Litestar, MediaType
from litestar.constants import RESERVED_KWARGS
from litestar.handlers import HTTPRouteHandler
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import (
    Components,
    OpenAPIMediaType,
    OpenAPIResponse,
    OpenAPIType,
    Operation,
    Schema,
    SecurityScheme,
)
from litestar.routes import HTTPRoute
from pydantic import BaseModel, Field

BEARER = "bearer"
MEDIA_TYPES = "seedreg.media_types"  # key in a handler's opt: the binary types it answers with
WRITES = {"POST", "PUT", "PATCH", "DELETE"}

DESCRIPTIONS = {
    400: "请求无法读取（JSON格式错误、嵌套过深、数值超出范围）",
    401: "未登录，或令牌无效、已过期",
    403: "无权查看或办理",
    404: "记录不存在（或不在权限范围内）",
    409: "与记录的当前状态冲突（已办理、已撤销、重复等）",
    413: "提交的内容过大",
    414: "请求地址过长",
    422: "输入有误或不符合业务规则（details 按字段说明）",
    429: "请求过于频繁，请稍后再试",
}


class ErrorDetail(BaseModel):
    status: int = Field(description="HTTP 状态码")
    code: str = Field(description="机器可读的错误代码，如 not_found、invalid_input、conflict")
    message: str = Field(description="中文说明")
    field: str | None = Field(description="出错的字段（如有）")
    details: Any = Field(description="附加信息，输入有误时为 {字段: 中文说明}")


class ErrorBody(BaseModel):
    """The API's one error shape (seedreg.core.web.errors.error_body)."""

    error: ErrorDetail


def errors(*statuses: int) -> dict[int, ResponseSpec]:
    """The error responses of ``statuses`` (a route decorator's ``responses=``)."""
    return {
        status: ResponseSpec(
            data_container=ErrorBody, description=DESCRIPTIONS[status], generate_examples=False
        )
        for status in statuses
    }


def binary(*media_types: str) -> dict[str, Any]:
    """A route decorator's ``opt=`` for a download whose type depends on the file."""
    return {MEDIA_TYPES: media_types}


def components() -> Components:
    """Components for OpenAPIConfig: the bearer token the API's writes need."""
    return Components(
        security_schemes={
            BEARER: SecurityScheme(
                type="http",
                scheme="bearer",
                description="POST /api/auth/token 取得的令牌（读取时也可用登录页面的会话）",
            )
        }
    )


def document(app: Litestar) -> None:
    """Attach to every /api operation of ``app`` the responses its shape implies."""
    for route in app.routes:
        if not isinstance(route, HTTPRoute) or not route.path.startswith("/api/"):
            continue
        path_names = set(route.path_parameters)
        for method, (handler, _) in route.route_handler_map.items():
            if method == "OPTIONS" or not handler.resolve_include_in_schema():
                continue
            _document_handler(handler, str(method), path_names)


def _document_handler(handler: HTTPRouteHandler, method: str, path_names: set[str]) -> None:
    implied = errors(*implied_statuses(handler, method, path_names))
    handler.responses = {**implied, **(handler.responses or {})}
    if _takes_actor(handler):
        handler.security = [{BEARER: []}]
    media_types = handler.opt.get(MEDIA_TYPES) or _binary_type(handler)
    if media_types:
        handler.operation_class = cast(type[Operation], _binary_operation(tuple(media_types)))


def implied_statuses(handler: HTTPRouteHandler, method: str, path_names: set[str]) -> list[int]:
    """The error statuses an operation of this shape can answer (the module docstring's rules)."""
    params = handler.parsed_fn_signature.parameters
    dependencies = set(handler.resolve_dependencies())
    query = set(params) - RESERVED_KWARGS - dependencies - path_names
    statuses: set[int] = set()
    if "data" in params:
        statuses |= {400, 413, 422}
    if query:
        statuses |= {400, 414, 422}
    if path_names:
        statuses |= {400, 404, 422}
    if _takes_actor(handler):
        statuses |= {401, 403}
        if method in WRITES:
            statuses |= {404, 409}
    return sorted(statuses)


def _takes_actor(handler: HTTPRouteHandler) -> bool:
    return "actor" in handler.parsed_fn_signature.parameters


def _binary_type(handler: HTTPRouteHandler) -> tuple[str, ...]:
    media_type = str(getattr(handler.media_type, "value", handler.media_type) or "")
    if not media_type or media_type == MediaType.JSON or media_type.startswith("text/"):
        return ()
    return (media_type,)


def _binary_operation(media_types: tuple[str, ...]) -> Callable[..., Operation]:
    """An operation_class whose success response is the file, in each of ``media_types``."""

    def build(**kwargs: Any) -> Operation:
        operation = Operation(**kwargs)
        for status, response in (operation.responses or {}).items():
            if re.fullmatch(r"2\d\d", status) and isinstance(response, OpenAPIResponse):
                response.content = dict(_file_content(media_types))
        return operation

    return build


def _file_content(media_types: Iterable[str]) -> Iterable[tuple[str, OpenAPIMediaType]]:
    for media_type in media_types:
        schema = Schema(type=OpenAPIType.STRING, content_media_type=media_type)
        yield media_type, OpenAPIMediaType(schema=schema)
