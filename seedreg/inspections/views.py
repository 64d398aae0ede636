"""Pages of the violation catalogue: the list, an item with its rule in words and the
"输入货值 → 罚款幅度" form (a GET form, no JavaScript), and the admin's edit form. Each page
calls one service; the rules live in catalogue.py and penalties.py."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from seedreg.accounts.web import CurrentActor
from seedreg.core.errors import DomainError, Forbidden
from seedreg.core.web import exporting
from seedreg.core.web.exporting import ExportColumn
from seedreg.core.web.forms import parse
from seedreg.core.web.pages import form_error, page, see_other
from seedreg.inspections import catalogue, rules
from seedreg.inspections.penalties import FineKind, yuan
from seedreg.inspections.rules import Confiscation, LicenceEffect
from seedreg.inspections.schemas import ViolationItemIn

EDIT_FIELDS = (
    "name",
    "breached_article",
    "penalty_article",
    "fine_kind",
    "min_yuan",
    "max_yuan",
    "threshold_yuan",
    "multiple_min",
    "multiple_max",
    "minimum_yuan",
    "unknown_min_yuan",
    "unknown_max_yuan",
    "value_basis",
    "condition",
    "licence_effect",
    "other_measures",
    "note",
)
CHOICES = {
    "fine_kinds": [(k.value, k.label) for k in FineKind],
    "effects": [(e.value, e.label) for e in LicenceEffect],
    "confiscations": [(c.value, c.label) for c in Confiscation],
}


@get("/inspections", include_in_schema=False)
async def inspections_home(request: Request, actor: CurrentActor) -> Template:
    if not actor.is_official:
        raise Forbidden("执法检查供执法和管理人员使用")
    return page(request, "inspections/home.html", may_edit=rules.may_edit_catalogue(actor))


VIOLATIONS_EXPORT = (
    ExportColumn("编号", "code", text=True),
    ExportColumn("检查事项", "group_label"),
    ExportColumn("违法行为", "name"),
    ExportColumn("违反条款", "breached_article"),
    ExportColumn("处罚依据", "penalty_article"),
    ExportColumn("罚款规则", "fine_words"),
)


@get("/inspections/violations", include_in_schema=False)
async def violations_page(request: Request, actor: CurrentActor) -> Template | Response:
    items = await catalogue.list_items(actor)
    if exporting.wanted(request):
        return exporting.xlsx("违法行为目录", VIOLATIONS_EXPORT, items, "violations.xlsx")
    groups: dict[str, list[Any]] = {}
    for item in items:
        groups.setdefault(item.group_label, []).append(item)
    return page(
        request,
        "inspections/violations.html",
        groups=groups,
        export_url=exporting.export_url(request),
    )


def _goods_value(raw: str) -> tuple[Decimal | None, str | None]:
    """The typed 货值 (元), or a message. Blank means the value cannot be computed."""
    text = raw.strip().replace(",", "").replace("，", "")
    if not text:
        return None, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, "货值应为数字（元），例如 15000"
    if not value.is_finite() or value < 0 or value > Decimal(10_000_000_000):
        return None, "货值应在0到100亿元之间"
    return value.quantize(Decimal("0.01")), None


@get("/inspections/violations/{code:str}", include_in_schema=False)
async def violation_page(
    request: Request, actor: CurrentActor, code: FromPath[str], goods_value: FromQuery[str] = ""
) -> Template:
    item = await catalogue.get_item(actor, code[:12])
    typed = goods_value[:20]
    value, problem = _goods_value(typed)
    computed = None
    asked = "goods_value" in request.query_params
    if asked and problem is None:
        computed = await catalogue.penalty_for(actor, item.code, value)
    return page(
        request,
        "inspections/violation.html",
        status_code=422 if problem else 200,
        item=item,
        typed=typed,
        problem=problem,
        computed=computed,
        asked=asked,
        yuan=yuan,
        may_edit=rules.may_edit_catalogue(actor),
    )


async def _edit_form(
    request: Request, actor: CurrentActor, code: str, values: dict, exc: DomainError | None = None
) -> Template:
    item = await catalogue.get_item(actor, code)
    context = {"item": item, "checked": values.get("confiscation", []), **CHOICES}
    if exc is not None:
        return form_error(request, "inspections/violation_edit.html", exc, values, **context)
    return page(request, "inspections/violation_edit.html", values=values, **context)


@get("/inspections/violations/{code:str}/edit", include_in_schema=False)
async def violation_edit(request: Request, actor: CurrentActor, code: FromPath[str]) -> Template:
    if not rules.may_edit_catalogue(actor):
        raise Forbidden("只有盟林草局管理员可以修改违法行为目录")
    item = await catalogue.get_item(actor, code[:12])
    values = {k: getattr(item, k) for k in EDIT_FIELDS}
    values["confiscation"] = [c.value for c in item.confiscation]
    values = {k: ("" if v is None else v) for k, v in values.items()}
    return await _edit_form(request, actor, item.code, values)


@post("/inspections/violations/{code:str}/edit", include_in_schema=False)
async def violation_save(
    request: Request, actor: CurrentActor, code: FromPath[str]
) -> Template | Redirect:
    form = await request.form()
    values: dict[str, Any] = {
        k: v.strip() for k, v in form.items() if k in EDIT_FIELDS and isinstance(v, str)
    }
    values["confiscation"] = [v for v in form.getall("confiscation", []) if isinstance(v, str)]
    data = {k: v for k, v in values.items() if v != ""}
    try:
        item = await catalogue.update_item(actor, code[:12], parse(ViolationItemIn, data))
    except DomainError as exc:
        if isinstance(exc, Forbidden):
            raise
        return await _edit_form(request, actor, code[:12], values, exc)
    return see_other(f"/inspections/violations/{item.code}")


HANDLERS = [
    inspections_home,
    violations_page,
    violation_page,
    violation_edit,
    violation_save,
]
