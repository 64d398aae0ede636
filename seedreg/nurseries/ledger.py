"""苗圃基地台账 from xlsx and the register's list as xlsx, in the same columns: an export can be
corrected and imported elsewhere. Each row registers a base through the register's own
service (its rules, its audit); the 经营单位 is named by its 统一社会信用代码 (an operator's
rows are its own), the banner by name or code. A base the 经营单位 already has under the
same name is reported, not registered twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core.errors import RuleViolation
from seedreg.core.importer import Column, Importer, integer, number, text
from seedreg.core.importer.cells import code, name
from seedreg.core.validation import parse
from seedreg.core.xlsx import ExportColumn
from seedreg.nurseries import rules, services
from seedreg.nurseries.schemas import BaseIn
from seedreg.nurseries.tables import NurseryBase
from seedreg.organisations.tables import Organisation
from seedreg.reference import services as reference

KINDS = {k.label: k.value for k in rules.BaseKind}
UNKNOWN_DIVISION = "不是兴安盟的旗县市：请填写名称（如 乌兰浩特市）或6位代码（如 152201）"


def kind(value: Any) -> str:
    word = text(value)
    if word and word not in KINDS:
        raise ValueError("应为" + "、".join(KINDS) + "之一")
    return KINDS[word] if word else ""


COLUMNS = (
    Column("苗圃基地名称", "name", True, name, "", "红星苗圃"),
    Column("类型", "kind", True, kind, "、".join(KINDS), "民营"),
    Column("经营单位统一社会信用代码", "uscc", False, code, "种苗站登记时必填", ""),
    Column("所在旗县市", "division", True, name, "名称或6位代码", "乌兰浩特市"),
    Column("地址", "address", True, name, "到村", "义勒力特镇红星村"),
    Column("纬度", "lat", True, number, "十进制度（WGS-84）", 46.08),
    Column("经度", "lon", True, number, "十进制度（WGS-84）", 122.05),
    Column("总面积（亩）", "total_area", True, number, "", 120),
    Column("生产面积（亩）", "production_area", True, number, "", 100),
    Column("年出圃量（株）", "annual_output", False, integer, "", 200000),
)


@dataclass
class BaseLine:
    data: BaseIn
    uscc: str
    division: str


@dataclass
class Lookups:
    divisions: dict[str, str]  # name or code → code
    orgs: dict[str, tuple[int, str]]  # 信用代码 → (id, banner) the actor may register for
    taken: set[tuple[int, str]]  # (organisation, base name) already registered or in the file
    own: int | None = None
    seen: set[tuple[int, str]] = field(default_factory=set)


def build(values: dict[str, Any]) -> BaseLine:
    fields = {k: v for k, v in values.items() if k not in ("uscc", "division")}
    # the banner is resolved against the register in check_in; a placeholder passes the shape
    data = parse(BaseIn, {**fields, "division_code": "000000", "area_unit": "mu"})
    return BaseLine(data, values.get("uscc", ""), values["division"])


async def prepare(actor: Actor) -> Lookups:
    counties = await reference.league_counties()
    divisions = {c["name"]: c["code"] for c in counties} | {c["code"]: c["code"] for c in counties}
    query = Organisation.select(Organisation.id, Organisation.uscc, Organisation.division_code)
    if actor.role is Role.OPERATOR:
        query = query.where(Organisation.id == (actor.organisation_id or -1))
    else:
        query = query.where(in_jurisdiction(Organisation.division_code, actor))
    orgs = {o["uscc"]: (o["id"], o["division_code"]) for o in await query if o["uscc"]}
    bases = await NurseryBase.select(NurseryBase.organisation, NurseryBase.name)
    taken = {(b["organisation"], b["name"]) for b in bases}
    own = actor.organisation_id if actor.role is Role.OPERATOR else None
    return Lookups(divisions, orgs, taken, own)


async def check_in(lookups: Lookups, line: BaseLine) -> None:
    division = lookups.divisions.get(line.division)
    if division is None:
        raise RuleViolation(UNKNOWN_DIVISION, field="division")
    org = lookups.own
    if org is None:
        if not line.uscc:
            raise RuleViolation("必填（种苗站登记时须指明经营单位）", field="uscc")
        found = lookups.orgs.get(line.uscc)
        if found is None:
            raise RuleViolation("辖区内没有以此代码登记的生产经营者：请先导入或登记", field="uscc")
        org = found[0]
    key = (org, line.data.name)
    if key in lookups.taken:
        raise RuleViolation("该经营单位已登记同名的苗圃基地，不重复登记", field="name")
    if key in lookups.seen:
        raise RuleViolation("与文件中前面的一行重复（同一经营单位、同名）", field="name")
    lookups.seen.add(key)
    line.data = line.data.model_copy(update={"division_code": division, "organisation_id": org})


async def save(actor: Actor, line: BaseLine) -> int:
    return (await services.create(actor, line.data)).id


BASES = Importer(
    name="nursery_base",
    title="苗圃基地台账",
    columns=COLUMNS,
    build=build,
    save=save,
    prepare=prepare,
    check_in=check_in,
)

BASE_EXPORT = (
    ExportColumn("苗圃基地名称", "name"),
    ExportColumn("类型", "kind_label"),
    ExportColumn("经营单位", "organisation_name"),
    ExportColumn("经营单位统一社会信用代码", "organisation_uscc", text=True),
    ExportColumn("所在旗县市", "division_name"),
    ExportColumn("地址", "address"),
    ExportColumn("纬度", "lat"),
    ExportColumn("经度", "lon"),
    ExportColumn("总面积（亩）", "total_area_mu"),
    ExportColumn("生产面积（亩）", "production_area_mu"),
    ExportColumn("年出圃量（株）", "annual_output"),
    ExportColumn("在圃苗木（株）", "stock_total"),
    ExportColumn("状态", "status_label"),
)


async def with_codes(bases: list[Any]) -> list[dict[str, Any]]:
    """The listed bases with their 经营单位's 信用代码 (the import names the 经营单位 by it)."""
    ids = list({b.organisation_id for b in bases}) or [-1]
    rows = await Organisation.select(Organisation.id, Organisation.uscc).where(
        Organisation.id.is_in(ids)
    )
    codes = {r["id"]: r["uscc"] or "" for r in rows}
    return [
        {**b.model_dump(), "organisation_uscc": codes.get(b.organisation_id, "")} for b in bases
    ]
