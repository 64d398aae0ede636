"""Pure lot rules: material kinds, quantities and the lot-number format. No I/O."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from seedreg.licensing.licence_terms import LicenceStatus


class Material(StrEnum):
    SEED = "seed"  # 种子, weighed in kg (stored in grams)
    SEEDLING = "seedling"  # 苗木, counted in 株

    @property
    def label(self) -> str:
        return {"seed": "种子", "seedling": "苗木"}[self.value]

    @property
    def unit(self) -> str:
        return {"seed": "kg", "seedling": "株"}[self.value]


class SourceKind(StrEnum):
    """Where a lot comes from, which decides who labels it (Seed Law Arts. 38–39)."""

    OWN = "own"  # 自产: the licensed producer labels its own lots
    BOUGHT_IN = "bought_in"  # 购进: a licensed trader labels what it bought, naming the source
    REPACKED = "repacked"  # 购进分装 (Art. 39): new labels name the repacker and the source lot
    PACKAGED = "packaged"  # 不再分装的包装种子: sold in the supplier's packages, labels kept

    @property
    def label(self) -> str:
        return SOURCE_LABELS[self]


SOURCE_LABELS = {
    SourceKind.OWN: "自产",
    SourceKind.BOUGHT_IN: "购进（自行出具标签）",
    SourceKind.REPACKED: "购进分装",
    SourceKind.PACKAGED: "不再分装的包装种子（保留原标签）",
}
# Art. 38 ¶1: a business that only sells packaged seed without repacking files a 备案 instead of
# holding a licence, and sells under the supplier's labels; this system issues it none.
PACKAGED_REFUSAL = (
    "不再分装的包装种子随原包装和供应商的标签销售，本单位不另行出具标签"
    "（种子法第三十八条第一款：专门经营不再分装的包装种子的，备案即可，不另办许可证）"
)
SOURCE_FIELDS = (
    ("supplier_name", "供应商名称"),
    ("supplier_licence_number", "供应商生产经营许可证编号"),
    ("supplier_lot_number", "供应商批次号"),
    ("supplier_label_serials", "供应商标签序列号"),
)


class LotStatus(StrEnum):
    ACTIVE = "active"
    RECALLED = "recalled"  # 召回: its labels are void

    @property
    def label(self) -> str:
        return {"active": "正常", "recalled": "已召回"}[self.value]


GRAMS_PER_KG = 1000


def to_base_units(material: Material, amount: Decimal | int | float | str) -> int:
    """A quantity as entered (kg for seed, 株 for seedlings) → the stored integer (g or 株)."""
    try:
        value = Decimal(str(amount))
    except InvalidOperation as exc:
        raise ValueError("数量应为数字") from exc
    if not value.is_finite() or value <= 0:
        raise ValueError("数量应大于 0")
    if material is Material.SEEDLING:
        if value != value.to_integral_value():
            raise ValueError("苗木数量应为整数（株）")
        return int(value)
    grams = value * GRAMS_PER_KG
    if grams != grams.to_integral_value():
        raise ValueError("种子数量最多精确到 0.001 kg（1 克）")
    return int(grams)


def from_base_units(material: Material, stored: int) -> Decimal:
    """The stored integer → kg (seed, up to 3 decimals) or 株."""
    if material is Material.SEEDLING:
        return Decimal(stored)
    kg = (Decimal(stored) / GRAMS_PER_KG).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)
    return kg.normalize() if kg != kg.to_integral_value() else kg.quantize(Decimal(1))


def show_quantity(material: Material, stored: int) -> str:
    """For pages and paper: "12.5 kg", "3000 株"."""
    return f"{from_base_units(material, stored)} {material.unit}"


def lot_number(year: int, sequence: int) -> str:
    """批次号: "P" + two-digit year + seven-digit sequence, e.g. P260000042 (10 characters,
    short enough for the signed QR payload)."""
    if not 0 < sequence < 10**7:
        raise ValueError("批次序号超出范围")
    return f"P{year % 100:02d}{sequence:07d}"


# ---------------------------------------------------------------------------------------------
# Whether a licence covers a lot (Seed Law Arts. 32–33: production and trade only within the
# licence's kinds, species, 良种 varieties and production sites, while it is valid).
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One reason a lot cannot be registered, with the input field it concerns."""

    field: str
    message: str


# facts §14: authority – S|R – category – Latin initials – 3-digit serial – year. Unconfirmed
# beyond the national S-SF/SV/SC examples, so a mismatch is only a warning.
APPROVAL_NUMBER = re.compile(r"^(国|[\u4e00-\u9fa5])(S|R)-[A-Z]{2,3}-[A-Z]{2,4}-\d{3}-\d{4}$")


def approval_number_warning(number: str) -> str | None:
    """A soft check of a 审定/认定 number's format; None when it looks right (facts §14)."""
    if not number or APPROVAL_NUMBER.match(number.strip()):
        return None
    return (
        f"审定/认定编号“{number}”与常见格式（如 国S-SV-CC-031-2008）不一致，"
        "请与良种审定（认定）公告核对"
    )


# 品种权号: NFGA's forest grants are commonly written as a year and a four-digit serial
# (20190001), agriculture's as CNA + eight digits + a check digit (CNA20141234.5). No source in
# facts settles the format, so a mismatch is only a warning.
VARIETY_RIGHT_NUMBER = re.compile(r"^(CNA)?(19|20)\d{6}(\.[0-9X])?$")


def variety_right_warning(number: str) -> str | None:
    """A soft check of a 品种权号's format; None when empty or it looks right."""
    if not number or VARIETY_RIGHT_NUMBER.match(number.strip()):
        return None
    return f"品种权号“{number}”与常见格式（如 20190001、CNA20141234.5）不一致，请与品种权证书核对"


# Seed Law Art. 40: seed is sold with a label AND 使用说明, and the label states the suitable
# area and season. Lots registered before the form required them may lack them.
USE_ITEMS = (
    ("suitable_area", "适宜种植区域"),
    ("suitable_season", "适宜种植季节"),
    ("instructions", "使用说明"),
)


def use_problem(lot: dict[str, object]) -> str | None:
    """The 使用说明 items a lot still lacks, or None."""
    missing = [caption for name, caption in USE_ITEMS if not str(lot.get(name) or "").strip()]
    if not missing:
        return None
    return f"批次未填写{'、'.join(missing)}（种子法第四十条：销售的种子应当附有标签和使用说明）"


def source_problems(kind: SourceKind, source: Mapping[str, str]) -> list[Problem]:
    """A bought-in, repacked or packaged lot names its supplier, the supplier's licence (its
    number in the 令第40号 format, as licensing.rules defines it), lot and label serials."""
    from seedreg.licensing.rules import LICENCE_NUMBER

    if kind is SourceKind.OWN:
        if any(str(source.get(name) or "").strip() for name, _ in SOURCE_FIELDS):
            return [Problem("source_kind", "自产批次不填写供应商信息；购进的批次请选择来源类型")]
        return []
    problems = [
        Problem(name, f"{SOURCE_LABELS[kind]}批次须填写{caption}")
        for name, caption in SOURCE_FIELDS
        if not str(source.get(name) or "").strip()
    ]
    number = str(source.get("supplier_licence_number") or "").strip()
    if number and not LICENCE_NUMBER.match(number):
        problems.append(
            Problem(
                "supplier_licence_number",
                f"供应商许可证编号“{number}”格式不正确：应为14位数字"
                "（发证机关区划代码6位＋年份4位＋序号4位）",
            )
        )
    return problems


def label_wording(kind: SourceKind, origin: str, source: Mapping[str, str]) -> dict[str, str]:
    """The producer and origin rows of a label by source: captions and the origin text. The
    origin row is one line on both label sizes, so the source is said briefly (the supplier's
    licence number and label serials are on the public verification page's lot record)."""
    name, lot = source.get("supplier_name", ""), source.get("supplier_lot_number", "")
    if kind is SourceKind.REPACKED:
        return {
            "producer_caption": "分装单位",
            "origin_caption": "产地/来源",
            "origin": f"{origin}；{name}，原批次{lot}",
        }
    if kind is SourceKind.BOUGHT_IN:
        return {
            "producer_caption": "生产经营者",
            "origin_caption": "产地/来源",
            "origin": f"{origin}；购自{name}，批次{lot}",
        }
    return {"producer_caption": "生产经营者", "origin_caption": "产地", "origin": origin}


def _squash(text: object) -> str:
    return "".join(str(text or "").split())


def _site_key(site: Mapping[str, Any]) -> tuple[str, ...]:
    return tuple(_squash(site.get(k)) for k in ("division_code", "township", "village", "detail"))


def site_problem(site: Mapping[str, Any] | None, sites: Iterable[Mapping[str, Any]]) -> str | None:
    if not site:
        return "请选择生产地点"
    if _site_key(site) not in {_site_key(s) for s in sites}:
        return "生产地点不是该许可证载明的生产地点"
    return None


def licence_validity_problem(status: str, valid_from: date, valid_to: date, on: date) -> str:
    """Why a licence is not valid on ``on``; "" when it is."""
    if status != LicenceStatus.VALID:
        return f"该许可证{_ENDED.get(status, status)}，不能作为生产经营依据"
    if not valid_from <= on <= valid_to:
        return f"{on} 不在许可证有效期（{valid_from}至{valid_to}）内"
    return ""


_ENDED = {"cancelled": "已注销", "annulled": "已撤销", "revoked": "已吊销", "expired": "已过期"}


def coverage_problems(
    licence: Mapping[str, Any],
    *,
    organisation_id: int,
    material: str,
    species: str,
    improved: bool,
    variety: str,
    approval_number: str,
    site: Mapping[str, Any] | None,
    produced_on: date,
    today: date,
    own: bool = True,
) -> list[Problem]:
    """Every reason ``licence`` (a Licence row as a dict) does not cover the lot described.

    Empty when it does. The organisation check comes alone: a stranger's licence says nothing.
    A lot not of ``own`` production was produced under its supplier's licence: its production
    site and date are not this licence's to cover (the trade still is).
    """
    if licence.get("organisation") != organisation_id:
        return [Problem("licence_id", "该许可证不属于本单位")]
    problems: list[Problem] = []
    status, start, end = licence["status"], licence["valid_from"], licence["valid_to"]
    if status != LicenceStatus.VALID:
        problems.append(Problem("licence_id", licence_validity_problem(status, start, end, today)))
    else:
        if not start <= today <= end:
            problems.append(
                Problem("licence_id", f"该许可证今天不在有效期（{start}至{end}）内，不能登记批次")
            )
        if own and not start <= produced_on <= end:
            problems.append(
                Problem(
                    "produced_on", f"生产日期 {produced_on} 不在许可证有效期（{start}至{end}）内"
                )
            )
    if produced_on > today:
        problems.append(Problem("produced_on", "生产日期不能晚于今天"))
    if material not in (licence.get("scope") or []):
        kind = "种子" if material == "seed" else "苗木"
        problems.append(Problem("material", f"该许可证的生产经营范围不包括{kind}"))
    if _squash(species) not in {_squash(s) for s in licence.get("species") or []}:
        problems.append(Problem("species", f"该许可证的生产经营树种不包括“{species}”"))
    problems += variety_problems(licence, species, improved, variety, approval_number)
    if own and (problem := site_problem(site, licence.get("production_sites") or [])):
        problems.append(Problem("production_site", problem))
    return problems


def variety_problems(
    licence: Mapping[str, Any], species: str, improved: bool, variety: str, approval_number: str
) -> list[Problem]:
    """A 良种 lot needs its (species, variety, number) listed on the licence; a 普通 lot has
    no number."""
    if not improved:
        if approval_number.strip():
            return [Problem("approval_number", "普通（非良种）批次不填写审定/认定编号")]
        return []
    if not variety.strip():
        return [Problem("variety", "林木良种须填写品种名称")]
    if not approval_number.strip():
        return [Problem("approval_number", "林木良种须填写审定/认定编号")]
    wanted = (_squash(species), _squash(variety), _squash(approval_number))
    listed = {
        (_squash(v.get("species")), _squash(v.get("variety")), _squash(v.get("approval_number")))
        for v in licence.get("varieties") or []
    }
    if wanted in listed:
        return []
    return [
        Problem(
            "approval_number",
            f"该许可证未载明林木良种“{species} {variety}（{approval_number}）”："
            "良种须按品种和审定/认定编号列入许可证",
        )
    ]
