"""Pages: sign in and out, change password, manage accounts (league admin)."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts import recovery, services
from seedreg.accounts.rules import Role
from seedreg.accounts.schemas import LoginIn, PasswordChangeIn, ResetCodeIn, ResetIn, UserCreate
from seedreg.accounts.web import SESSION_COOKIE, CurrentActor
from seedreg.core.errors import DomainError
from seedreg.core.web import exporting
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_data, form_error, page, see_other
from seedreg.notifications import gateways, sms
from seedreg.organisations import services as organisations
from seedreg.reference import services as reference


def _safe_next(target: str | None) -> str:
    # Only local paths: an open redirect would let a phishing link borrow our login page.
    # Browsers read "/\host" as "//host" and drop tabs/newlines, so those are refused too.
    if (
        target
        and target.startswith("/")
        and not target.startswith("//")
        and "\\" not in target
        and not any(ord(c) < 0x20 or ord(c) == 0x7F for c in target)
    ):
        return target
    return "/"


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@get("/login", name="login", include_in_schema=False)
async def login_form(
    request: Request, next: FromQuery[str | None] = None, reset: FromQuery[str] = ""
) -> Template:
    notice = "密码已重置，请用新密码登录" if reset else ""
    return page(request, "accounts/login.html", next=_safe_next(next), notice=notice)


@post("/login", include_in_schema=False)
async def login(request: Request, next: FromQuery[str | None] = None) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(LoginIn, {k: values.get(k, "") for k in ("username", "password")})
        opened = await services.sign_in(
            data.username,
            data.password,
            client=_client(request),
            kind="web",
            settings=request.app.state.settings,
        )
    except DomainError as exc:
        values.pop("password", None)
        return form_error(request, "accounts/login.html", exc, values, next=_safe_next(next))
    response = see_other(_safe_next(next))
    response.set_cookie(
        SESSION_COOKIE,
        opened.token,
        httponly=True,
        samesite="lax",
        secure=request.app.state.settings.secure_cookies,
        path="/",
        max_age=request.app.state.settings.session_idle_hours * 3600,
    )
    return response


@post("/logout", include_in_schema=False)
async def logout(request: Request, actor: CurrentActor) -> Redirect:
    await services.sign_out(actor, request.state.session_token)
    response = see_other("/login")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@get("/account/password", include_in_schema=False)
async def password_form(request: Request, actor: CurrentActor) -> Template:
    return page(request, "accounts/password.html")


@post("/account/password", include_in_schema=False)
async def change_password(request: Request, actor: CurrentActor) -> Template:
    values = await form_data(request)
    try:
        data = parse(PasswordChangeIn, values)
        await services.change_password(
            actor, data.current_password, data.new_password, keep_token=request.state.session_token
        )
    except DomainError as exc:
        return form_error(request, "accounts/password.html", exc, {})
    return page(request, "accounts/password.html", notice="密码已修改，其他设备上的登录已退出")


async def _user_form_context(actor: CurrentActor) -> dict[str, Any]:
    orgs, _ = await organisations.search(actor)
    return {"roles": list(Role), "divisions": await reference.divisions(), "organisations": orgs}


USERS_EXPORT = (
    ExportColumn("用户名", "username", text=True),
    ExportColumn("姓名", "display_name"),
    ExportColumn("角色", "role_label"),
    ExportColumn("管辖区域", "jurisdiction", text=True),
    ExportColumn("所属单位编号", "organisation_id"),
    ExportColumn("执法证号", "enforcement_id", text=True),
    ExportColumn("状态", lambda u: "启用" if u.active else "停用"),
    ExportColumn("创建时间", "created_at"),
)


@get("/admin/users", include_in_schema=False)
async def user_list(request: Request, actor: CurrentActor) -> Template | Response:
    users = await services.list_users(actor)
    if exporting.wanted(request):
        return exporting.xlsx("账号", USERS_EXPORT, users, "users.xlsx")
    return page(
        request,
        "accounts/users.html",
        users=users,
        export_url=exporting.export_url(request),
        sms_channel=gateways.from_settings(request.app.state.settings).label,
        sms_counts=await sms.status(),
        **await _user_form_context(actor),
    )


@post("/admin/users", include_in_schema=False)
async def user_create(request: Request, actor: CurrentActor) -> Template | Redirect:
    values = await form_data(request)
    values["full_time_quarantine"] = values.get("full_time_quarantine") == "on"
    try:
        await services.create_user(actor, parse(UserCreate, values))
    except DomainError as exc:
        values.pop("password", None)
        users = await services.list_users(actor)
        return form_error(
            request,
            "accounts/users.html",
            exc,
            values,
            users=users,
            **await _user_form_context(actor),
        )
    return see_other("/admin/users?created=1")


@get("/password/forgot", include_in_schema=False)
async def forgot_form(request: Request) -> Template:
    return page(request, "accounts/forgot.html")


@post("/password/forgot", include_in_schema=False)
async def forgot(request: Request) -> Template:
    values = await form_data(request)
    try:
        data = parse(ResetCodeIn, values)
        minutes = await recovery.request_code(data.contact, client=_client(request))
    except DomainError as exc:
        return form_error(request, "accounts/forgot.html", exc, values)
    # the same answer whether or not an account uses this contact
    notice = f"如该手机号码或邮箱已绑定账号，验证码已发出，{minutes}分钟内有效。"
    return page(request, "accounts/reset.html", values={"contact": data.contact}, notice=notice)


@post("/password/reset", include_in_schema=False)
async def reset(request: Request) -> Template | Redirect:
    values = await form_data(request)
    try:
        data = parse(ResetIn, values)
        await recovery.reset(data.contact, data.code, data.new_password)
    except DomainError as exc:
        values.pop("new_password", None)
        return form_error(request, "accounts/reset.html", exc, values)
    return see_other("/login?reset=1")


HANDLERS = [
    forgot_form,
    forgot,
    reset,
    login_form,
    login,
    logout,
    password_form,
    change_password,
    user_list,
    user_create,
]
