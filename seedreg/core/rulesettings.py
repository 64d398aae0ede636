"""Local settings: rule values the league admin edits, each shown with its default and source.

A value the law fixes is a *statutory* default ("法定：行政许可法第五十条"): the law itself lets a
rule or regulation say otherwise, so it stays editable but is shown as the law's number. A value no
source settles is a *local* setting ("本地设定"). Environment variables remain for deployment only.

Each domain declares its settings in ``seedreg/<domain>/rule_settings.py``::

    RENEWAL_LEAD_DAYS = rs.define(rs.SettingDef(
        key="licensing.renewal_lead_days", group="许可", label="延续申请提前天数",
        default=30, unit="日", minimum=0, maximum=365,
        basis=rs.Basis.STATUTORY, source="行政许可法第五十条",
        description="被许可人应在有效期届满30日前提出延续申请，法律、法规、规章另有规定的除外。"))

and reads them in services with ``await rs.value(RENEWAL_LEAD_DAYS)`` (one query), or all at
once with ``await rs.current()``. Only ``set_value``/``reset`` write, audited. Core knows no
domain: the app imports every domain's module so that the registry is complete.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Forbidden, NotFound, RuleViolation
from seedreg.core.tables import RuleSetting

Value = int | str | bool


class Basis(StrEnum):
    STATUTORY = "statutory"
    LOCAL = "local"


@dataclass(frozen=True)
class SettingDef:
    """One admin-edited value: its key, Chinese label, default and where the default comes from."""

    key: str
    group: str
    label: str
    default: Value
    basis: Basis
    source: str = ""
    description: str = ""
    unit: str = ""
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    # a text setting's own test (e.g. a list of known keys): raises RuleViolation when wrong
    check: Callable[[str], None] | None = None

    @property
    def source_label(self) -> str:
        """How pages show the default's origin."""
        if self.basis is Basis.STATUTORY:
            return f"法定：{self.source}"
        return "本地设定"

    def parse(self, raw: object) -> Value:
        """The value typed by the admin (a form string or a JSON value), or RuleViolation."""
        if isinstance(self.default, bool):
            return _parse_bool(self, raw)
        if isinstance(self.default, int):
            return _parse_int(self, raw)
        text = str(raw).strip()
        if self.choices and text not in dict(self.choices):
            raise RuleViolation(f"“{self.label}”只能从列出的选项中选择", field="value")
        if not text:
            raise RuleViolation(f"“{self.label}”不能为空", field="value")
        if len(text) > 500 or any(ord(c) < 32 for c in text):
            raise RuleViolation(f"“{self.label}”过长或含有控制字符", field="value")
        if self.check is not None:
            self.check(text)
        return text

    def display(self, value: Value) -> str:
        """The value as a person reads it: a choice's label, or the number with its unit."""
        if self.choices:
            return dict(self.choices).get(str(value), str(value))
        if isinstance(value, bool):
            return "是" if value else "否"
        return f"{value}{self.unit}"


def _parse_bool(d: SettingDef, raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"1", "true", "on", "yes", "是"}:
        return True
    if text in {"0", "false", "off", "no", "否", ""}:
        return False
    raise RuleViolation(f"“{d.label}”应为“是”或“否”", field="value")


def _parse_int(d: SettingDef, raw: object) -> int:
    try:
        number = raw if isinstance(raw, int) else int(str(raw).strip())
    except ValueError:
        raise RuleViolation(f"“{d.label}”应为整数", field="value") from None
    if (d.minimum is not None and number < d.minimum) or (
        d.maximum is not None and number > d.maximum
    ):
        raise RuleViolation(f"“{d.label}”应在{d.minimum}至{d.maximum}{d.unit}之间", field="value")
    return number


_REGISTRY: dict[str, SettingDef] = {}


def define(setting: SettingDef) -> SettingDef:
    """Register a setting (at import of the domain's module) and hand it back."""
    known = _REGISTRY.get(setting.key)
    if known is not None and known != setting:
        msg = f"setting {setting.key!r} defined twice, differently"
        raise ValueError(msg)
    setting.parse(setting.default)  # a default outside its own bounds is a programming error
    _REGISTRY[setting.key] = setting
    return setting


def definitions() -> list[SettingDef]:
    """Every registered setting, by group then key."""
    return sorted(_REGISTRY.values(), key=lambda d: (d.group, d.key))


def definition(key: str) -> SettingDef:
    try:
        return _REGISTRY[key]
    except KeyError:
        raise NotFound(f"没有名为“{key}”的设定") from None


class Values(Mapping[str, Value]):
    """A snapshot of every setting's value in force (stored, else the default)."""

    def __init__(self, stored: Mapping[str, Value]) -> None:
        self._stored = dict(stored)

    def __getitem__(self, key: str) -> Value:
        if key in self._stored:
            return self._stored[key]
        return definition(key).default

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(_REGISTRY)

    def __len__(self) -> int:
        return len(_REGISTRY)

    def of(self, setting: SettingDef) -> Any:
        return self[setting.key]

    def is_default(self, key: str) -> bool:
        return key not in self._stored or self._stored[key] == definition(key).default


async def _stored(keys: Iterable[str] | None = None) -> dict[str, Value]:
    query = RuleSetting.select(RuleSetting.key, RuleSetting.value)
    if keys is not None:
        query = query.where(RuleSetting.key.is_in(list(keys)))
    rows = await query
    return {r["key"]: json.loads(r["value"])["v"] for r in rows if r["key"] in _REGISTRY}


async def current() -> Values:
    """All values in force (one query)."""
    return Values(await _stored())


async def value(setting: SettingDef) -> Any:
    """The value in force of one setting (one query)."""
    return Values(await _stored([setting.key])).of(setting)


class AdminLike(Protocol):
    @property
    def user_id(self) -> int | None: ...

    @property
    def label(self) -> str: ...

    @property
    def is_admin(self) -> bool: ...


async def set_value(actor: AdminLike, key: str, raw: object, *, reason: str = "") -> Value:
    """Set a value (league admin only), audited with the value before and after."""
    setting = definition(key)
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以修改设定")
    new = setting.parse(raw)
    async with transaction():
        row = await RuleSetting.select().where(RuleSetting.key == key).first()
        before = json.loads(row["value"])["v"] if row else setting.default
        stored = json.dumps({"v": new}, ensure_ascii=False)
        if row:
            await RuleSetting.update(
                {RuleSetting.value: stored, RuleSetting.updated_at: clock.now()}
            ).where(RuleSetting.key == key)
        else:
            await RuleSetting.insert(RuleSetting(key=key, value=stored, updated_at=clock.now()))
        await audit.record(
            actor,
            "setting:set",
            "rule_setting",
            key,
            before={"value": before},
            after={"value": new, "reason": reason},
        )
    return new


async def reset(actor: AdminLike, key: str) -> None:
    """Back to the default (the stored row goes), audited."""
    setting = definition(key)
    if not actor.is_admin:
        raise Forbidden("只有盟林草局管理员可以修改设定")
    async with transaction():
        row = await RuleSetting.select().where(RuleSetting.key == key).first()
        if row is None:
            return
        await RuleSetting.delete().where(RuleSetting.key == key)
        await audit.record(
            actor,
            "setting:reset",
            "rule_setting",
            key,
            before={"value": json.loads(row["value"])["v"]},
            after={"value": setting.default},
        )
