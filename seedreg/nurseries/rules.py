"""Pure rules of the nursery-base register: kinds, states, facilities, duties, areas, the league's
box, who may do what, and the state-nursery target (兴署发〔2021〕6号 四). No I/O."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from seedreg.accounts.rules import Actor, Role, covers_division, may_see_record
from seedreg.nurseries.agecodes import parse_age_code


class BaseKind(StrEnum):
    STATE = "state"  # 国有林场苗圃/基地: counts toward the directive's "3—5" (6号 四)
    COLLECTIVE = "collective"
    PRIVATE = "private"
    INDIVIDUAL = "individual"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    BaseKind.STATE: "国有林场苗圃/基地",
    BaseKind.COLLECTIVE: "集体",
    BaseKind.PRIVATE: "民营",
    BaseKind.INDIVIDUAL: "个人",
}


class BaseStatus(StrEnum):
    PENDING = "pending"  # 待确认: entered or changed by the operator, not yet checked
    CONFIRMED = "confirmed"  # 已确认 by the 种苗站

    @property
    def label(self) -> str:
        return {"pending": "待确认", "confirmed": "已确认"}[self.value]


class Facility(StrEnum):
    """The licence conditions of Order 40 (facts §2): premises and equipment for the work."""

    IRRIGATION = "irrigation"
    GREENHOUSE = "greenhouse"
    SEED_STORE = "seed_store"  # 种子库: required for 籽粒/果实 (Order 40 conditions)
    DRYING_FLOOR = "drying_floor"  # 晒场: required for 籽粒/果实 (Order 40 conditions)
    TESTING = "testing"  # 检验仪器 (incubators, drying oven, balance …; Order 40 conditions)

    @property
    def label(self) -> str:
        return FACILITY_LABELS[self]


FACILITY_LABELS = {
    Facility.IRRIGATION: "灌溉设施",
    Facility.GREENHOUSE: "温室大棚",
    Facility.SEED_STORE: "种子库",
    Facility.DRYING_FLOOR: "晒场",
    Facility.TESTING: "检验仪器",
}


class Duty(StrEnum):
    """The state bases' duties (兴署发〔2021〕6号 三(一))."""

    KEY_PROJECTS = "key_projects"
    GERMPLASM = "germplasm"
    BREEDING = "breeding"
    INTRODUCTION = "introduction"

    @property
    def label(self) -> str:
        return DUTY_LABELS[self]


DUTY_LABELS = {
    Duty.KEY_PROJECTS: "重点工程苗木",
    Duty.GERMPLASM: "种质资源保存",
    Duty.BREEDING: "良种选育",
    Duty.INTRODUCTION: "引种",
}

GRADES = ("Ⅰ级苗", "Ⅱ级苗", "未分级")  # GB 6000-1999: grade I, grade II; ungraded stock

MU_PER_HECTARE = 15  # 1 公顷 = 15 亩 (exact by the definition of the 市亩)
SQUARE_METRES_PER_MU = Decimal(10_000) / MU_PER_HECTARE
HUNDREDTHS = Decimal("0.01")

# A plausible box around 兴安盟 (its extent is about 119.3–123.7 °E, 44.2–47.7 °N) with a margin:
# a point outside it is a typing error (swapped latitude and longitude, a decimal point lost).
LEAGUE_BOX = (119.0, 44.0, 124.0, 48.0)  # west, south, east, north (WGS-84 degrees)


def to_mu(amount: Decimal | str | int | float, unit: str) -> Decimal:
    """An area typed in 亩 ("mu") or 公顷 ("ha") as 亩, two decimals; ValueError if not a number
    of at most 1,000,000 亩."""
    try:
        value = Decimal(str(amount).strip())
    except InvalidOperation:
        raise ValueError("面积应为数字") from None
    if not value.is_finite() or value < 0:
        raise ValueError("面积应为不小于0的数字")
    if unit == "ha":
        value *= MU_PER_HECTARE
    elif unit != "mu":
        raise ValueError("面积单位只能是亩或公顷")
    if value > 1_000_000:
        raise ValueError("面积过大，请检查单位")
    return value.quantize(HUNDREDTHS, rounding=ROUND_HALF_UP)


def hectares(mu: Decimal) -> Decimal:
    return (mu / MU_PER_HECTARE).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def mu_from_square_metres(square_metres: float) -> Decimal:
    return (Decimal(str(square_metres)) / SQUARE_METRES_PER_MU).quantize(
        HUNDREDTHS, rounding=ROUND_HALF_UP
    )


def area_text(mu: Decimal) -> str:
    """Both units, as pages and lists show them: "150.00亩（10.0000公顷）"."""
    return f"{mu:.2f}亩（{hectares(mu):.4f}公顷）"


def point_problem(lat: float, lon: float) -> str | None:
    """Why a point cannot be in the league, or None."""
    west, south, east, north = LEAGUE_BOX
    if not (south <= lat <= north and west <= lon <= east):
        return (
            f"坐标不在兴安盟范围内（纬度{south}—{north}，经度{west}—{east}），"
            "请检查是否填反了经纬度或漏了小数点"
        )
    return None


def area_gap(computed_mu: Decimal, declared_mu: Decimal) -> Decimal | None:
    """How far the outline's area is from the declared total, as a share of the declared
    (0.25 = 25 %); None when there is nothing to compare."""
    if declared_mu <= 0 or computed_mu <= 0:
        return None
    return abs(computed_mu - declared_mu) / declared_mu


def area_flagged(computed_mu: Decimal, declared_mu: Decimal, tolerance_percent: int) -> bool:
    gap = area_gap(computed_mu, declared_mu)
    return gap is not None and gap * 100 > tolerance_percent


@dataclass(frozen=True)
class StockRow:
    species: str
    age_code: str
    grade: str
    quantity: int


def parse_stock(text: str) -> list[StockRow]:
    """Stock typed one row a line: "树种 苗龄 等级 数量(株)", e.g. "樟子松 2-1 Ⅰ级苗 120000".
    ValueError names the line and what is wrong, in Chinese."""
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.replace("，", " ").replace(",", " ").strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 4:
            msg = f"存苗第{number}行应为“树种 苗龄 等级 数量”四项，以空格分开"
            raise ValueError(msg)
        rows.append(stock_row(parts[0], parts[1], parts[2], parts[3], line_no=number))
    return rows


def stock_row(
    species: str, age: str, grade: str, quantity: object, *, line_no: int = 1
) -> StockRow:
    """One validated row of stock; ValueError in Chinese naming the line."""
    where = f"存苗第{line_no}行"
    if not species or len(species) > 40:
        raise ValueError(f"{where}：树种名称应为1至40个字")
    try:
        code = parse_age_code(age).code
    except ValueError as exc:
        raise ValueError(f"{where}：{exc}") from None
    grade = {"Ⅰ级": "Ⅰ级苗", "Ⅱ级": "Ⅱ级苗", "I级苗": "Ⅰ级苗", "II级苗": "Ⅱ级苗"}.get(grade, grade)
    if grade not in GRADES:
        raise ValueError(f"{where}：等级应为{'、'.join(GRADES)}之一")
    try:
        count = int(str(quantity).strip())
    except ValueError:
        raise ValueError(f"{where}：数量应为整数（株）") from None
    if not 0 < count <= 2_000_000_000:
        raise ValueError(f"{where}：数量应大于0")
    return StockRow(species, code, grade, count)


def stock_text(rows: list[dict[str, Any]]) -> str:
    """Stock rows back as the form's lines."""
    return "\n".join(f"{r['species']} {r['age_code']} {r['grade']} {r['quantity']}" for r in rows)


# ---- who may do what ----------------------------------------------------------------------

REGISTRARS = frozenset({Role.SEED_STATION, Role.ADMIN})  # keep the register (种苗站, 盟管理员)


def may_create(actor: Actor) -> bool:
    """An operator registers its own bases; the 种苗站 registers any in its jurisdiction."""
    if actor.role is Role.OPERATOR:
        return actor.organisation_id is not None
    return actor.role in REGISTRARS and actor.jurisdiction is not None


def may_see(actor: Actor, base: dict[str, Any]) -> bool:
    return may_see_record(
        actor, organisation_id=base["organisation"], division_code=base["division_code"]
    )


def _keeps(actor: Actor, base: dict[str, Any]) -> bool:
    return (
        actor.role in REGISTRARS
        and actor.jurisdiction is not None
        and covers_division(actor.jurisdiction, base["division_code"])
    )


def allowed_actions(actor: Actor, base: dict[str, Any]) -> frozenset[str]:
    """ "edit" (the operator its own base, the 种苗站 its jurisdiction's) and "confirm" (the
    种苗站, a base waiting for confirmation)."""
    actions = set()
    if (actor.role is Role.OPERATOR and base["organisation"] == actor.organisation_id) or _keeps(
        actor, base
    ):
        actions.add("edit")
    if _keeps(actor, base) and base["status"] == BaseStatus.PENDING:
        actions.add("confirm")
    return frozenset(actions)


def status_after_edit(actor: Actor, status: str) -> BaseStatus:
    """An operator's change to a confirmed base needs confirming again; the station's own edit
    keeps what it has confirmed."""
    if actor.role is Role.OPERATOR:
        return BaseStatus.PENDING
    return BaseStatus(status)


# ---- the state-nursery target (兴署发〔2021〕6号 四: "至少设立国有林场苗圃（基地）3—5处") ----


class TargetScope(StrEnum):
    LEAGUE = "league"  # 3—5 for the league as a whole
    BANNER = "banner"  # 3—5 in each banner, county and city


SCOPE_LABELS = {TargetScope.LEAGUE: "全盟合计", TargetScope.BANNER: "每个旗县市"}


@dataclass(frozen=True)
class TargetRow:
    code: str
    name: str
    count: int
    standing: str  # "below" | "within" | "above" | "" (no target at this level)

    @property
    def standing_label(self) -> str:
        return {"below": "未达到", "within": "达到", "above": "超过上限", "": "—"}[self.standing]


def standing(count: int, minimum: int, maximum: int) -> str:
    if count < minimum:
        return "below"
    if count > maximum:
        return "above"
    return "within"


def target_table(
    counts: dict[str, int],
    banners: list[tuple[str, str]],
    *,
    scope: str,
    minimum: int,
    maximum: int,
    league: tuple[str, str],
) -> list[TargetRow]:
    """A row per banner and a last row for the league; the target applies to the rows of the
    chosen scope, the other rows only count."""
    per_banner = scope == TargetScope.BANNER
    rows = [
        TargetRow(
            code,
            name,
            counts.get(code, 0),
            standing(counts.get(code, 0), minimum, maximum) if per_banner else "",
        )
        for code, name in banners
    ]
    total = sum(counts.get(code, 0) for code, _ in banners)
    rows.append(
        TargetRow(
            league[0], league[1], total, "" if per_banner else standing(total, minimum, maximum)
        )
    )
    return rows
