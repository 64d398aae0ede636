"""JSON API: tokens, the current user, accounts."""

from __future__ import annotations

from litestar import Request, delete, get, post
from litestar.params import JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from seedreg.accounts import services
from seedreg.accounts.schemas import LoginIn, PasswordChangeIn, TokenOut, UserCreate, UserOut
from seedreg.accounts.web import CurrentActor


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@post("/api/auth/token", tags=["账号"], summary="登录，取得访问令牌")
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


HANDLERS = [issue_token, revoke_token, me, change_password, list_users, create_user]
