"""Local settings: the public list (value, default, source), the admin's edit forms, JSON twin."""

from __future__ import annotations

from typing import Any

from litestar import Request, delete, get, post, put
from litestar.params import FromPath, JSONBody
from litestar.response import Redirect, Template
from pydantic import BaseModel, Field

from seedreg.accounts.web import CurrentActor, MaybeActor
from seedreg.core import rulesettings as rs
from seedreg.core.errors import DomainError
from seedreg.core.inputs import Input
from seedreg.core.web.pages import form_data, form_error, page, see_other

TAGS = ["设定"]


class SettingOut(BaseModel):
    key: str
    group: str
    label: str
    value: int | str | bool
    value_text: str = Field(description="人读形式（含单位或选项名称）")
    default: int | str | bool
    default_text: str
    is_default: bool
    basis: rs.Basis
    source: str = Field(description="法定：…（法定默认值）或 本地设定")
    description: str
    unit: str
    minimum: int | None
    maximum: int | None
    choices: list[tuple[str, str]]


class SettingIn(Input):
    value: int | str | bool
    reason: str = Field(default="", max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")


def _out(d: rs.SettingDef, values: rs.Values) -> SettingOut:
    value = values.of(d)
    return SettingOut(
        key=d.key,
        group=d.group,
        label=d.label,
        value=value,
        value_text=d.display(value),
        default=d.default,
        default_text=d.display(d.default),
        is_default=values.is_default(d.key),
        basis=d.basis,
        source=d.source_label,
        description=d.description,
        unit=d.unit,
        minimum=d.minimum,
        maximum=d.maximum,
        choices=list(d.choices),
    )


async def _all() -> list[SettingOut]:
    values = await rs.current()
    return [_out(d, values) for d in rs.definitions()]


def _context(settings: list[SettingOut], actor: Any) -> dict[str, Any]:
    groups: dict[str, list[SettingOut]] = {}
    for s in settings:
        groups.setdefault(s.group, []).append(s)
    return {"groups": groups, "may_edit": bool(actor and actor.is_admin)}


@get("/settings", include_in_schema=False)
async def settings_page(request: Request, maybe_actor: MaybeActor) -> Template:
    return page(request, "reference/settings.html", **_context(await _all(), maybe_actor))


@post("/admin/settings/{key:str}", include_in_schema=False)
async def settings_save(
    request: Request, actor: CurrentActor, key: FromPath[str]
) -> Template | Redirect:
    values = await form_data(request)
    try:
        if values.get("reset"):
            await rs.reset(actor, key)
        else:
            await rs.set_value(
                actor, key, values.get("value", ""), reason=values.get("reason", "")[:200]
            )
    except DomainError as exc:
        return form_error(
            request,
            "reference/settings.html",
            exc,
            {**values, "key": key},
            **_context(await _all(), actor),
        )
    return see_other(f"/settings#{key}")


@get("/api/settings", tags=TAGS, summary="本地设定与法定默认值")
async def list_settings() -> list[SettingOut]:
    return await _all()


@put("/api/settings/{key:str}", tags=TAGS, summary="修改设定（管理员）")
async def update_setting(
    actor: CurrentActor, key: FromPath[str], data: JSONBody[SettingIn]
) -> SettingOut:
    await rs.set_value(actor, key, data.value, reason=data.reason)
    return _out(rs.definition(key), await rs.current())


@delete("/api/settings/{key:str}", tags=TAGS, summary="恢复默认值（管理员）", status_code=200)
async def reset_setting(actor: CurrentActor, key: FromPath[str]) -> SettingOut:
    await rs.reset(actor, key)
    return _out(rs.definition(key), await rs.current())


HANDLERS = [settings_page, settings_save, list_settings, update_setting, reset_setting]
