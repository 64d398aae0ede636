"""JSON API: tokens, the current user, accounts."""

from __future__ import annotations

from litestar import Request, delete, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from seedreg.accounts import lifecycle, recovery, services
from seedreg.accounts.schemas import (
    DisableIn,
    LoginIn,
    PasswordChangeIn,
    PasswordResetIn,
    ResetCodeIn,
    ResetCodeOut,
    ResetIn,
    TokenOut,
    UserCreate,
    UserOut,
    UserUpdate,
)
from seedreg.accounts.web import CurrentActor
from seedreg.core.web.openapi import errors


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@post(
    "/api/auth/token",
    tags=["账号"],
    summary="登录，取得访问令牌",
    responses=errors(429),  # too many failed sign-ins from this client or for this name
)
async def issue_token(request: Request, data: JSONBody[LoginIn]) -> TokenOut:
    opened = await services.sign_in(
        data.username,
        data.password,
        client=_client(request),
        kind="api",
        settings=request.app.state.settings,
    )
    return TokenOut(
        token=opened.token, expires_at=opened.expires_at, user=services.user_out(opened.user)
    )


@delete(
    "/api/auth/token",
    tags=["账号"],
    summary="退出登录（作废当前令牌）",
    status_code=HTTP_204_NO_CONTENT,
)
async def revoke_token(request: Request, actor: CurrentActor) -> None:
    await services.sign_out(actor, request.state.session_token)


@get("/api/me", tags=["账号"], summary="当前用户")
async def me(actor: CurrentActor) -> UserOut:
    return await services.get_me(actor)


@post("/api/me/password", tags=["账号"], summary="修改密码", status_code=HTTP_204_NO_CONTENT)
async def change_password(
    request: Request, actor: CurrentActor, data: JSONBody[PasswordChangeIn]
) -> None:
    await services.change_password(
        actor, data.current_password, data.new_password, keep_token=request.state.session_token
    )


@get("/api/users", tags=["账号"], summary="账号列表（管理员）")
async def list_users(actor: CurrentActor) -> list[UserOut]:
    return await services.list_users(actor)


@post("/api/users", tags=["账号"], summary="创建账号（管理员）")
async def create_user(actor: CurrentActor, data: JSONBody[UserCreate]) -> UserOut:
    return await services.create_user(actor, data)


@get("/api/users/{user_id:int}", tags=["账号"], summary="账号详情（管理员）")
async def get_user(actor: CurrentActor, user_id: FromPath[int]) -> UserOut:
    return await lifecycle.get_user(actor, user_id)


@patch("/api/users/{user_id:int}", tags=["账号"], summary="更正账号信息（管理员）")
async def update_user(
    actor: CurrentActor, user_id: FromPath[int], data: JSONBody[UserUpdate]
) -> UserOut:
    return await lifecycle.update_user(actor, user_id, data)


@post(
    "/api/users/{user_id:int}/disable",
    tags=["账号"],
    summary="停用账号（管理员）：其登录和令牌立即失效",
    status_code=200,
)
async def disable_user(
    actor: CurrentActor, user_id: FromPath[int], data: JSONBody[DisableIn]
) -> UserOut:
    return await lifecycle.set_active(actor, user_id, active=False, reason=data.reason)


@post(
    "/api/users/{user_id:int}/enable",
    tags=["账号"],
    summary="重新启用账号（管理员）",
    status_code=200,
)
async def enable_user(actor: CurrentActor, user_id: FromPath[int]) -> UserOut:
    return await lifecycle.set_active(actor, user_id, active=True)


@post(
    "/api/users/{user_id:int}/password",
    tags=["账号"],
    summary="重置账号密码（管理员）：该账号的所有登录随即退出",
    status_code=200,
)
async def reset_user_password(
    actor: CurrentActor, user_id: FromPath[int], data: JSONBody[PasswordResetIn]
) -> UserOut:
    return await lifecycle.reset_password(actor, user_id, data.new_password)


RESET_SENT = "如该手机号码或邮箱已绑定账号，验证码已发出"


@post(
    "/api/auth/password-reset/code",
    tags=["账号"],
    summary="忘记密码：向已确认的手机或邮箱发送验证码（无论是否存在账号，答复相同）",
    status_code=202,
    responses=errors(429),  # too many codes to this contact or from this client
)
async def reset_code(request: Request, data: JSONBody[ResetCodeIn]) -> ResetCodeOut:
    minutes = await recovery.request_code(data.contact, client=_client(request))
    return ResetCodeOut(message=RESET_SENT, valid_minutes=minutes)


@post(
    "/api/auth/password-reset",
    tags=["账号"],
    summary="忘记密码：凭验证码设置新密码（该账号的所有登录随即退出）",
    status_code=HTTP_204_NO_CONTENT,
)
async def reset_password(data: JSONBody[ResetIn]) -> None:
    await recovery.reset(data.contact, data.code, data.new_password)


HANDLERS = [
    reset_code,
    reset_password,
    issue_token,
    revoke_token,
    me,
    change_password,
    list_users,
    create_user,
    get_user,
    update_user,
    disable_user,
    enable_user,
    reset_user_password,
]
