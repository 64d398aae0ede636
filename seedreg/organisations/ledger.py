"""生产经营者台账 from xlsx, and the list as xlsx in the same columns. Each row registers an
operator through ``services.register`` (its rules, its audit, its jurisdiction check). The
统一社会信用代码 is checked (GB 32100 check character) and de-duplicates: a code already
registered — at the counter or by the operator's own sign-up — or repeated in the file is
reported, never registered twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core.errors import RuleViolation
from seedreg.core.importer import Column, Importer, text
from seedreg.core.importer.cells import code, name
from seedreg.core.validation import parse
from seedreg.core.xlsx import ExportColumn
from seedreg.organisations import services
from seedreg.organisations.rules import OrganisationKind
from seedreg.organisations.schemas import OrganisationCreate
from seedreg.organisations.tables import Organisation
from seedreg.reference import services as reference

KINDS = {"企业（单位）": "enterprise", "企业": "enterprise", "单位": "enterprise"}
KINDS |= {"企业(单位)": "enterprise", "个人": "individual"}
UNKNOWN_DIVISION = "不是兴安盟的旗县市：请填写名称（如 乌兰浩特市）或6位代码（如 152201）"
VIA = {"signup": "生产经营者网上注册", "counter": "窗口登记"}


def kind(value: Any) -> str:
    word = text(value)
    if word and word not in KINDS:
        raise ValueError("应为“企业（单位）”或“个人”")
    return KINDS[word] if word else ""


COLUMNS = (
    Column("类型", "kind", True, kind, "企业（单位） 或 个人", "企业（单位）"),
    Column("名称", "name", True, name, "营业执照上的名称，或个人姓名", "兴安盟红星苗木有限公司"),
    Column("统一社会信用代码", "uscc", False, code, "企业（单位）必填，18位", ""),
    Column("身份证号", "id_number", False, code, "个人必填", ""),
    Column(
        "校验位不符的理由", "uscc_override_reason", False, text, "信用代码校验位不符但确认无误时"
    ),
    Column("法定代表人（负责人）", "legal_representative", True, name, "", "张三"),
    Column("所在旗县市", "division", True, name, "名称或6位代码", "乌兰浩特市"),
    Column("地址", "address", True, text, "", "乌兰浩特市兴安南大路1号"),
    Column("联系人", "contact_person", False, name, ""),
    Column("联系电话", "phone", False, code, ""),
)

EXPORT = (
    ExportColumn("类型", "kind_label"),
    ExportColumn("名称", "name"),
    ExportColumn("统一社会信用代码", "uscc", text=True),
    ExportColumn("身份证号", "id_number", text=True),
    ExportColumn("校验位不符的理由", "uscc_override_reason"),
    ExportColumn("法定代表人（负责人）", "legal_representative"),
    ExportColumn("所在旗县市", "division_name"),
    ExportColumn("地址", "address"),
    ExportColumn("联系人", "contact_person"),
    ExportColumn("联系电话", "phone", text=True),
    ExportColumn("登记方式", lambda o: VIA.get(o.registered_via, o.registered_via)),
    ExportColumn("登记时间", "created_at"),
)


@dataclass
class OrganisationLine:
    data: OrganisationCreate
    division: str


@dataclass
class Lookups:
    divisions: dict[str, str]  # name or code → code
    registered: dict[str, str]  # 信用代码 or 身份证号 → how it was registered
    seen: set[str] = field(default_factory=set)


def build(values: dict[str, Any]) -> OrganisationLine:
    fields = {k: v for k, v in values.items() if k != "division"}
    data = parse(OrganisationCreate, {**fields, "division_code": "000000"})
    return OrganisationLine(data, values["division"])


async def prepare(actor: Actor) -> Lookups:
    counties = await reference.league_counties()
    divisions = {c["name"]: c["code"] for c in counties} | {c["code"]: c["code"] for c in counties}
    rows = await Organisation.select(
        Organisation.uscc, Organisation.id_number, Organisation.registered_via
    )
    registered = {
        key: r["registered_via"] for r in rows for key in (r["uscc"], r["id_number"]) if key
    }
    return Lookups(divisions, registered)


async def check_in(lookups: Lookups, line: OrganisationLine) -> None:
    """The banner is the league's; the code's check character is right (or a reason is
    given); the code is neither registered already nor repeated in the file."""
    division = lookups.divisions.get(line.division)
    if division is None:
        raise RuleViolation(UNKNOWN_DIVISION, field="division")
    identifiers = services.checked_identifiers(line.data)  # RuleViolation naming the field
    key = identifiers["uscc"] or identifiers["id_number"]
    where = "uscc" if line.data.kind is OrganisationKind.ENTERPRISE else "id_number"
    if key in lookups.registered:
        how = VIA.get(lookups.registered[key], "登记")
        raise RuleViolation(f"已登记（{how}）：不重复导入", field=where)
    if key in lookups.seen:
        raise RuleViolation("与文件中前面的一行重复", field=where)
    lookups.seen.add(key)
    line.data = line.data.model_copy(update={"division_code": division})


async def save(actor: Actor, line: OrganisationLine) -> int:
    return (await services.register(actor, line.data)).id


ORGANISATIONS = Importer(
    name="organisation",
    title="生产经营者台账",
    columns=COLUMNS,
    build=build,
    save=save,
    prepare=prepare,
    check_in=check_in,
    field_headers={"division_code": "所在旗县市"},
)
