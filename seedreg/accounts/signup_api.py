"""JSON API: sign-up of a new nursery and the claims on organisations already registered."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath, JSONBody

from seedreg.accounts import claims, signup
from seedreg.accounts.rules import normalise_phone
from seedreg.accounts.schemas import (
    ClaimOut,
    ClaimRefuseIn,
    SignUpConfirmIn,
    SignUpIn,
    SignUpOut,
)
from seedreg.accounts.web import CurrentActor
from seedreg.core.web.openapi import errors
from seedreg.organisations.rules import mask_phone

TAGS = ["注册"]


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


@post(
    "/api/signup",
    tags=TAGS,
    summary="新生产经营者注册：提交信息，向手机（及邮箱）发送验证码",
    description="须 consent=true（已阅读并同意《个人信息处理告知》，见 /signup/privacy）。"
    "答复不透露该代码是否已登记；输入验证码后才会知道是开通账号还是转为账号认领。",
    responses=errors(409, 429),  # the user name taken; too many sign-ups or codes
)
async def start(request: Request, data: JSONBody[SignUpIn]) -> SignUpOut:
    token = await signup.start(data, client=_client(request))
    return SignUpOut(
        token=token,
        status="pending",
        status_label="待输入验证码",
        message=signup.MESSAGES[signup.SignUpStatus.PENDING],
        phone_masked=mask_phone(normalise_phone(data.phone)),
        email_masked="",
        username=data.username,
        awaiting_codes=True,
        account_open=False,
    )


@get("/api/signup/{token:str}", tags=TAGS, summary="注册进度")
async def status(token: FromPath[str]) -> SignUpOut:
    return await signup.get(token)


@post(
    "/api/signup/{token:str}/confirm",
    tags=TAGS,
    summary="输入验证码：开通账号，或（代码已登记时）转为账号认领",
    status_code=200,
    responses=errors(409),  # the user name taken by someone else meanwhile
)
async def confirm(token: FromPath[str], data: JSONBody[SignUpConfirmIn]) -> SignUpOut:
    return await signup.confirm(token, data.phone_code, data.email_code)


@get("/api/claims", tags=TAGS, summary="待我处理的账号认领申请")
async def list_claims(actor: CurrentActor) -> list[ClaimOut]:
    return await claims.pending(actor)


@post("/api/claims/{claim_id:int}/approve", tags=TAGS, summary="同意账号认领", status_code=200)
async def approve(actor: CurrentActor, claim_id: FromPath[int]) -> ClaimOut:
    return await claims.approve(actor, claim_id)


@post("/api/claims/{claim_id:int}/refuse", tags=TAGS, summary="拒绝账号认领", status_code=200)
async def refuse(
    actor: CurrentActor, claim_id: FromPath[int], data: JSONBody[ClaimRefuseIn]
) -> ClaimOut:
    return await claims.refuse(actor, claim_id, data.reason)


HANDLERS = [start, status, confirm, list_claims, approve, refuse]
