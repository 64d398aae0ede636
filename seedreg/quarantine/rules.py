"""Pure quarantine rules: certificate numbers, validity, who may sign, inter-province moves,
quantities and the exchange of a 产地检疫合格证 for a 植物检疫证书. No I/O.

Sources (facts §5): every move of seed or seedlings needs a 植物检疫证书 (植物检疫条例 Art. 7);
a move between provinces needs the receiving province's 检疫要求书 (Art. 10); only full-time
inspectors sign (内蒙古 实施办法); a valid 产地检疫合格证 is exchanged for a 植物检疫证书 without
re-inspection. The validity periods were NOT FOUND: they are settings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from seedreg.lots.rules import LotStatus, Material, show_quantity

IN_REGION_PREFIX = "15"  # 内蒙古自治区 (GB/T 2260)

# GB/T 2260 province-level codes (first two digits), for naming the receiving province.
PROVINCES = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
}

PART_TIME_MESSAGE = "兼职检疫员不得签发检疫证书"


class Kind(StrEnum):
    SITE = "site"  # 产地检疫合格证
    CONSIGNMENT = "consignment"  # 植物检疫证书

    @property
    def label(self) -> str:
        return {"site": "产地检疫合格证", "consignment": "植物检疫证书"}[self.value]


class CertificateState(StrEnum):
    """What a certificate is on a given day; only VALID and REVOKED are stored."""

    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return {"valid": "有效", "expired": "已过期", "revoked": "已撤销"}[self.value]


def state_on(status: str, valid_to: date, on: date) -> CertificateState:
    if status == CertificateState.REVOKED:
        return CertificateState.REVOKED
    return CertificateState.VALID if on <= valid_to else CertificateState.EXPIRED


def valid_to(issued_on: date, days: int) -> date:
    """The last day of validity: issued + ``days`` (a setting; the period was NOT FOUND)."""
    return issued_on + timedelta(days=days)


def certificate_number(kind: Kind, division: str, year: int, sequence: int) -> str:
    """产地检疫合格证 ``CD2026-152201-0001``; 植物检疫证书 ``JY2026-152201-0001`` (18 chars):
    one gap-free sequence per kind, division and year."""
    if not 0 < sequence < 10**6:
        raise ValueError("证书序号超出范围")
    prefix = "CD" if kind is Kind.SITE else "JY"
    return f"{prefix}{year:04d}-{division}-{sequence:04d}"


def sequence_name(kind: Kind, division: str, year: int) -> str:
    return f"quarantine:{kind.value}:{division}:{year}"


def signing_problem(role: str, full_time: bool, active: bool = True) -> str | None:
    """Why this user may not sign a quarantine certificate; None when they may."""
    if role != "quarantine_officer":
        return "只有检疫员可以签发检疫证书"
    if not active:
        return "该账号已停用"
    if not full_time:
        return PART_TIME_MESSAGE  # 内蒙古 实施办法: part-time inspectors may not sign
    return None


def identity_problem(real_name: str, qualification_number: str) -> str | None:
    """Why a certificate could not name its signer: it prints the 检疫员's real name and the
    number of their 森林植物检疫员证, never the account's role (内蒙古自治区植物检疫条例实施办法
    （林业部分）: full-time inspectors, approved by the region and carrying that card, sign)."""
    if len(real_name.strip()) < 2:
        return "您的账号未登记真实姓名，不能签发检疫证书；请盟林草局管理员在账号信息中填写"
    if not qualification_number.strip():
        return (
            "您的账号未登记森林植物检疫员证号，不能签发检疫证书；请盟林草局管理员在账号信息中填写"
        )
    return None


def is_inter_province(destination_division: str) -> bool:
    return not destination_division.startswith(IN_REGION_PREFIX)


def destination_problem(destination_division: str) -> str | None:
    code = destination_division.strip()
    if len(code) != 6 or not code.isdigit():
        return "目的地行政区划代码应为6位数字"
    if code[:2] not in PROVINCES:
        return "目的地行政区划代码的前两位不是有效的省级代码"
    return None


def _place_name(division: Mapping[str, Any], names: Mapping[str, str]) -> str:
    """A 旗县 with its 盟市 (兴安盟乌兰浩特市); a 盟市 on its own."""
    if division["level"] == "banner_county":
        return names.get(division["parent_code"], "") + str(division["name"])
    return str(division["name"])


def destination_groups(
    divisions: Iterable[Mapping[str, Any]],
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The destinations the consignment form offers (issue 14 item 7: picked, not typed): the
    region's 盟市 and 旗县 from the reference divisions, then each other province (a move out
    of the region needs the receiving province's 要求书, whichever of its places it goes to)."""
    rows = [d for d in divisions if d["code"].startswith(IN_REGION_PREFIX)]
    names = {d["code"]: d["name"] for d in rows}
    inside = [
        (d["code"], _place_name(d, names))
        for d in rows
        if d["parent_code"]  # the region itself is no destination
    ]
    outside = [
        (f"{prefix}0000", name) for prefix, name in PROVINCES.items() if prefix != IN_REGION_PREFIX
    ]
    return [("内蒙古自治区（区内调运）", inside), ("外省（跨省调运）", outside)]


def province_name(division_code: str) -> str:
    return PROVINCES.get(division_code[:2], "")


def requirement_problem(destination_division: str, requirement_number: str) -> str | None:
    """A move out of Inner Mongolia needs the receiving province's 要求书 (植物检疫条例 Art. 10)."""
    if not is_inter_province(destination_division) or requirement_number.strip():
        return None
    province = province_name(destination_division) or "调入省"
    return (
        f"调往{province}属于跨省调运：须填写调入省要求书编号（收货单位事先征得{province}"
        "植物检疫机构同意后出具的检疫要求书，《植物检疫条例》第十条）"
    )


def ships_on_problem(ships_on: date, issued_on: date, last_day: date) -> str | None:
    if ships_on < issued_on:
        return "起运日期不能早于签发日期"
    if ships_on > last_day:
        return f"起运日期不能晚于证书有效期（至 {last_day.isoformat()}）"
    return None


def inspected_on_problem(inspected_on: date, issued_on: date) -> str | None:
    if inspected_on > issued_on:
        return "检疫日期不能晚于签发日期"
    return None


@dataclass(frozen=True)
class LotFacts:
    """What the rules need to know about a lot."""

    id: int
    number: str
    organisation: int
    status: str
    material: str
    quantity: int  # g or 株


def lot_problem(lot: LotFacts, organisation_id: int) -> str | None:
    """A lot a certificate may cover: the organisation's own, active, seed or seedlings."""
    if lot.organisation != organisation_id:
        return f"批次 {lot.number} 不属于该生产经营者"
    if lot.status != LotStatus.ACTIVE:
        return f"批次 {lot.number} 已召回，不能签发检疫证书"
    if lot.material not in ("seed", "seedling"):
        return f"批次 {lot.number} 不是种子或苗木"
    return None


def quantity_problems(
    items: Iterable[tuple[int, int]],
    lots: Mapping[int, LotFacts],
    certified: Mapping[int, int],
) -> list[str]:
    """Every reason the items (lot id, base quantity) cannot be certified: each quantity
    positive, and per lot the total on certificates not revoked, plus this one, within the
    lot's quantity."""
    problems: list[str] = []
    wanted: dict[int, int] = {}
    for lot_id, quantity in items:
        if quantity <= 0:
            problems.append(f"批次 {lots[lot_id].number} 的数量应大于 0")
        wanted[lot_id] = wanted.get(lot_id, 0) + quantity
    for lot_id, quantity in wanted.items():
        lot = lots[lot_id]
        already = certified.get(lot_id, 0)
        if already + quantity > lot.quantity:
            total = show(lot.material, lot.quantity)
            problems.append(
                f"批次 {lot.number} 检疫数量超过批次数量：批次共 {total}，"
                f"已签发 {show(lot.material, already)}，本次 {show(lot.material, quantity)}"
            )
    return problems


def show(material: str, stored: int) -> str:
    return show_quantity(Material(material), stored)


def exchange_problem(status: str, last_day: date, on: date) -> str | None:
    """Only a valid 产地检疫合格证 is exchanged for a 植物检疫证书 without re-inspection."""
    state = state_on(status, last_day, on)
    if state is CertificateState.REVOKED:
        return "该产地检疫合格证已撤销，不能换发植物检疫证书，须重新报检"
    if state is CertificateState.EXPIRED:
        return f"该产地检疫合格证已于 {last_day.isoformat()} 过期，不能换发植物检疫证书，须重新报检"
    return None


def exchange_findings(site_number: str, site_findings: str) -> str:
    """The 检疫结果 of an exchanged certificate: no re-inspection, the site's result stands."""
    result = site_findings.strip() or "未发现检疫对象"
    return f"凭产地检疫合格证 {site_number} 换发，未重新检疫。产地检疫结果：{result}"


def uncovered_lots(lot_ids: Iterable[int], covered: Iterable[int]) -> list[int]:
    covered_set = set(covered)
    return [i for i in lot_ids if i not in covered_set]
