"""许可证台账 from xlsx: licences the league and its banners issued before the system. The number
is kept as printed (令第40号 Art. 14 form: issuer 6 + year 4 + sequence 4) and reserved, so the
system's own numbers never collide (``earlier``). Holders are found by 统一社会信用代码: one
already registered (at the counter or by its own sign-up) is reused, a new one is registered
through ``organisations.services.register`` once, however many of its licences the file holds.
A number already on the register or repeated in the file is reported by row and column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from seedreg.accounts.rules import Actor, may_see_record
from seedreg.core import rulesettings as rs
from seedreg.core.errors import Forbidden, RuleViolation
from seedreg.core.importer import Column, Importer, text
from seedreg.core.importer.cells import code, day, name
from seedreg.core.validation import parse
from seedreg.licensing import earlier, rules
from seedreg.licensing import ledger_cells as cells
from seedreg.licensing.common import OFFICER_ROLES
from seedreg.licensing.rule_settings import LICENCE_VALIDITY_YEARS
from seedreg.licensing.schemas import EarlierLicenceIn
from seedreg.organisations import services as organisations
from seedreg.organisations.schemas import OrganisationCreate
from seedreg.organisations.tables import Organisation
from seedreg.reference import authorities
from seedreg.reference import services as reference
from seedreg.reference.authorities import AuthorityKind
from seedreg.varieties import services as varieties

LEAGUE = {"兴安盟": "152200", "152200": "152200"}
REGION_AREA = {"内蒙古自治区": rules.REGION_CODE, rules.REGION_CODE: rules.REGION_CODE}
UNKNOWN_DIVISION = "不是兴安盟或其旗县市：请填写名称（如 乌兰浩特市）或6位代码（如 152201）"
SCOPES = {"种子": "seed", "苗木": "seedling"}
_SPLIT = re.compile(r"[、，,；;/\s]+")
PLACEHOLDER = "000000"  # a division's code until the row is checked against the divisions


def words(value: Any) -> list[str] | None:
    """A list typed in one cell: 樟子松、落叶松 (、，；/ or spaces between); blank = None."""
    return [w for w in _SPLIT.split(text(value)) if w] or None


def scope(value: Any) -> list[str] | None:
    found = words(value) or []
    if any(w not in SCOPES for w in found):
        raise ValueError("应为“种子”、“苗木”或“种子、苗木”")
    return list(dict.fromkeys(SCOPES[w] for w in found)) or None


SITES_HINT = (
    "每个地点写“旗县市，苏木乡镇，嘎查村，详址”（生产苗木的须写到嘎查村）；"
    "多个地点在单元格内换行（Alt+回车）或用“；”隔开"
)
SITES_SAMPLE = "乌兰浩特市，义勒力特镇，红星村；科尔沁右翼前旗，归流河镇，白音塔拉嘎查，3号地块"
VARIETIES_HINT = (
    "经营林木良种的填写，每个写“树种，品种，审定（认定）编号”，须与良种名录一致，多个换行或用“；”"
    "隔开；含良种的许可证由自治区林业和草原局核发（种子法第三十一条第二款），编号以150000开头"
)
VARIETIES_SAMPLE = "樟子松，红花尔基樟子松，内S-SV-PS-001-2015"
COLUMNS = (
    Column("许可证编号", "number", True, code, "14位，按证书印制的填写", "15220120190012"),
    Column("持证者名称", "holder_name", True, name, "营业执照上的名称", "兴安盟红星苗木有限公司"),
    Column("统一社会信用代码", "uscc", True, code, "18位；已登记的生产经营者不会重复登记", ""),
    Column("法定代表人（负责人）", "legal_representative", True, name, "", "张三"),
    Column("所在旗县市", "division", True, name, "持证者所在地，名称或6位代码", "乌兰浩特市"),
    Column("住所", "registered_address", True, text, "", "乌兰浩特市兴安南大路1号"),
    Column("生产经营范围", "scope", True, scope, "种子、苗木（可都填，用顿号隔开）", "苗木"),
    Column("生产经营种类（树种）", "species", True, words, "用顿号隔开", "樟子松、落叶松"),
    Column("生产地点", "production_sites", True, cells.sites, SITES_HINT, SITES_SAMPLE),
    Column("林木良种", "varieties", False, cells.varieties, VARIETIES_HINT, VARIETIES_SAMPLE),
    Column("有效区域", "valid_area", True, words, "旗县市名称或 兴安盟，用顿号隔开", "兴安盟"),
    Column("发证日期", "issued_on", True, day, "如 2019-03-15 或 2019年3月15日", "2019-03-15"),
    Column("有效期起", "valid_from", True, day, "", "2019-03-15"),
    Column("有效期止", "valid_to", True, day, "", "2024-03-14"),
)
HEADERS = {
    "name": "持证者名称",
    "address": "住所",
    "details.legal_representative": "法定代表人（负责人）",
    "details.registered_address": "住所",
    "details.scope": "生产经营范围",
    "details.species": "生产经营种类（树种）",
    "details.production_sites": "生产地点",
    "details.varieties": "林木良种",
    "details": "生产地点",  # the details' own rule: a seedling site names its 嘎查村
    "_": "有效期起",  # the dates' order
    "division_code": "所在旗县市",
}


@dataclass
class LicenceLine:
    holder: OrganisationCreate
    licence: EarlierLicenceIn
    division: str
    site_divisions: list[str]  # as typed, one per site
    area: list[str]


@dataclass
class Lookups:
    actor: Actor
    divisions: dict[str, str]  # name or code → code (the league and its banners)
    bureaus: dict[str, str]  # division code → its 林业和草原局, as the admin entered it
    holders: dict[str, dict[str, Any]]  # 信用代码 → the registered organisation
    numbers: set[str]  # on the register, and seen earlier in the file
    years: int
    varieties: dict[str, tuple[str, str]]  # 良种名录: 审定/认定编号 → (树种, 品种)
    in_file: dict[str, str] = field(default_factory=dict)  # 信用代码 → name, new holders


def build(values: dict[str, Any]) -> LicenceLine:
    """The row as the holder's and the licence's input models (divisions resolved later)."""
    holder = parse(
        OrganisationCreate,
        {
            "kind": "enterprise",
            "name": values["holder_name"],
            "uscc": values["uscc"],
            "legal_representative": values["legal_representative"],
            "division_code": PLACEHOLDER,
            "address": values["registered_address"],
        },
    )
    typed_sites = values["production_sites"]
    sites = [
        {"division_code": PLACEHOLDER, "township": t, "village": v, "detail": d}
        for _, t, v, d in typed_sites
    ]
    improved = [
        {"species": sp, "variety": v, "approval_number": n}
        for sp, v, n in values.get("varieties") or ()
    ]
    details = {
        "legal_representative": values["legal_representative"],
        "registered_address": values["registered_address"],
        "scope": values["scope"],
        "species": values["species"],
        "production_sites": sites,
        "varieties": improved,
        "valid_area": [PLACEHOLDER],
    }
    licence = parse(
        EarlierLicenceIn,
        {"number": values["number"], "details": details}
        | {k: values[k] for k in ("valid_from", "valid_to", "issued_on")},
    )
    divisions = [site[0] for site in typed_sites]
    return LicenceLine(holder, licence, values["division"], divisions, values["valid_area"])


def may_import(actor: Actor | None) -> bool:
    return actor is not None and actor.role in OFFICER_ROLES


def ensure_importer(actor: Actor) -> None:
    if not may_import(actor):
        raise Forbidden("只有审批人员可以导入许可证台账")


async def prepare(actor: Actor) -> Lookups:
    counties = await reference.league_counties()
    divisions = LEAGUE | {c["name"]: c["code"] for c in counties}
    divisions |= {c["code"]: c["code"] for c in counties}
    rows = await Organisation.select(
        Organisation.id, Organisation.uscc, Organisation.name, Organisation.division_code
    ).where(Organisation.uscc.is_not_null())
    return Lookups(
        actor=actor,
        divisions=divisions,
        bureaus=await authorities.names(AuthorityKind.BUREAU),
        holders={r["uscc"]: r for r in rows},
        numbers=await earlier.numbers_in_use(),
        years=await rs.value(LICENCE_VALIDITY_YEARS),
        varieties=await varieties.names_by_number(),
    )


def _division(lookups: Lookups, word: str, where: str) -> str:
    found = lookups.divisions.get(word)
    if found is None:
        raise RuleViolation(UNKNOWN_DIVISION, field=where)
    return found


def _number(lookups: Lookups, line: LicenceLine) -> str:
    """The number's issuer: the league or one of its banners whose bureau is entered; the
    number is neither on the register nor earlier in the file; its year is not after issue."""
    number = line.licence.number
    parts = rules.number_parts(number)
    issuer = parts[0] if parts else ""
    if parts is None or issuer not in {*lookups.divisions.values(), rules.REGION_CODE}:
        raise RuleViolation(
            "编号前6位应为发证机关的区划代码：兴安盟或其旗县市，或自治区（150000）",
            field="number",
        )
    if issuer not in lookups.bureaus:
        raise RuleViolation(f"未录入发证机关（{issuer}）的林业和草原局信息", field="number")
    if parts[1] > line.licence.issued_on.year:
        raise RuleViolation(f"编号中的年份 {parts[1]} 晚于发证日期", field="number")
    if number in lookups.numbers:
        raise RuleViolation("许可证编号已登记或与文件中前面的一行重复", field="number")
    lookups.numbers.add(number)  # a later row repeating it is reported, whatever else fails here
    return issuer


def _validity(lookups: Lookups, line: LicenceLine, issuer: str, area: list[str]) -> None:
    """令第40号 Art. 14: valid five years (a local setting); 种子法 Art. 38: area in reach."""
    licence = line.licence
    if licence.valid_to > rules.licence_validity(licence.valid_from, lookups.years):
        raise RuleViolation(
            f"有效期超过{lookups.years}年（国家林业局令第40号第十四条）", field="valid_to"
        )
    if problem := rules.valid_area_problem(issuer, area):
        raise RuleViolation(problem, field="valid_area")


def _holder(lookups: Lookups, line: LicenceLine, division: str) -> None:
    """A registered holder is reused: its name and banner must be the file's (else reported)."""
    holder = line.holder
    uscc = organisations.checked_identifiers(holder)["uscc"]
    known = lookups.holders.get(uscc)
    if known is not None:
        if known["name"] != holder.name:
            raise RuleViolation(f"与已登记的名称“{known['name']}”不一致", field="holder_name")
        if known["division_code"] != division:
            raise RuleViolation("与已登记的生产经营者所在地不一致", field="division")
    elif lookups.in_file.setdefault(uscc, holder.name) != holder.name:
        raise RuleViolation("同一信用代码在文件中前面一行的名称不同", field="holder_name")
    line.holder = holder.model_copy(update={"uscc": uscc, "division_code": division})


def _site_divisions(lookups: Lookups, line: LicenceLine) -> list[str]:
    found = []
    for index, word in enumerate(line.site_divisions, 1):
        if word not in lookups.divisions:
            raise RuleViolation(
                f"第{index}个生产地点的旗县市{UNKNOWN_DIVISION}",
                field="production_sites",
            )
        found.append(lookups.divisions[word])
    return found


def _varieties(lookups: Lookups, line: LicenceLine, issuer: str) -> None:
    """种子法 Art. 31 ¶2: a licence for 林木良种 is the region's; each 良种 is the register's."""
    typed = line.licence.details.varieties
    if typed and issuer != rules.REGION_CODE:
        raise RuleViolation(
            "含林木良种的许可证由自治区林业和草原局核发（种子法第三十一条第二款），"
            "编号应以150000开头",
            field="varieties",
        )
    for index, v in enumerate(typed, 1):
        row = (v.species, v.variety, v.approval_number)
        if problem := cells.variety_problem(index, row, lookups.varieties):
            raise RuleViolation(problem, field="varieties")


async def check_in(lookups: Lookups, line: LicenceLine) -> None:
    issuer = _number(lookups, line)
    division = _division(lookups, line.division, "division")
    if not may_see_record(lookups.actor, organisation_id=None, division_code=division):
        raise RuleViolation("该旗县市不在您的管辖范围内", field="division")
    site_codes = _site_divisions(lookups, line)
    area = [REGION_AREA.get(w) or _division(lookups, w, "valid_area") for w in line.area]
    _validity(lookups, line, issuer, area)
    _varieties(lookups, line, issuer)
    _holder(lookups, line, division)
    details = line.licence.details
    sites = [
        site.model_copy(update={"division_code": code})
        for site, code in zip(details.production_sites, site_codes, strict=True)
    ]
    details = details.model_copy(update={"production_sites": sites, "valid_area": area})
    line.licence = line.licence.model_copy(update={"details": details})


async def _holder_row(actor: Actor, lookups: Lookups, holder: OrganisationCreate) -> dict[str, Any]:
    """The registered organisation of this code, registered now if it is new (once)."""
    uscc = holder.uscc or ""
    if uscc not in lookups.holders:
        out = await organisations.register(actor, holder)
        lookups.holders[uscc] = {"id": out.id, "name": out.name, "division_code": out.division_code}
    return lookups.holders[uscc]


async def save_batch(actor: Actor, lookups: Lookups, lines: list[LicenceLine]) -> list[int]:
    saved = []
    for line in lines:
        org = await _holder_row(actor, lookups, line.holder)
        saved.append(await earlier.record_earlier(actor, org, line.licence))
    return saved


LICENCES = Importer(
    name="licence",
    title="许可证台账",
    columns=COLUMNS,
    build=build,
    prepare=prepare,
    check_in=check_in,
    save_batch=save_batch,
    field_headers=HEADERS,
)
