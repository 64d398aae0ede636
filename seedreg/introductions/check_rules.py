"""The reviewer's automatic checks on an introduction, as pure functions over plain data. Each
returns an outcome, a Chinese message and the article it rests on. No I/O.

A check that does not concern the case (not a 良种, not from another province…) says so
(不适用) rather than passing, so the reviewer sees why nothing was checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from seedreg.reference import rules as divisions
from seedreg.varieties import rules as varieties


class Outcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    WARNING = "warning"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.PASSED: "通过",
    Outcome.FAILED: "不通过",
    Outcome.WARNING: "提示",
    Outcome.NOT_APPLICABLE: "不适用",
}


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    outcome: Outcome
    message: str
    source: str


@dataclass(frozen=True)
class ImprovedVariety:
    """The register's facts about the 良种 the application names."""

    number: str
    species: str
    kind: varieties.Kind
    body_code: str  # 000000 national, else the approving province's code
    zone_codes: tuple[str, ...]
    valid_until: date | None = None
    stopped_on: date | None = None


@dataclass(frozen=True)
class Case:
    """What the checks look at: the application's facts, as plain data."""

    species: str
    species_recommended: bool  # on the directive's recommended list
    origin_code: str  # GB/T 2260 code of where the stock comes from
    site_codes: tuple[str, ...]  # planting or production sites in the league
    on: date  # the day of the review
    variety: ImprovedVariety | None = None  # None: not a 良种
    filing_number: str = ""  # 种子法第十九条第一款 备案
    filing_zone_codes: tuple[str, ...] = ()
    native: bool | None = None  # grows naturally in the area; None: not stated
    trial_evidence: str = ""  # 引种试验 reference (第十九条第二款)
    requirement_number: str = ""  # 调入省检疫要求书编号


ART_19_1 = "种子法第十九条第一款"
ART_19_2 = "种子法第十九条第二款"
DIRECTIVE_LIST = "兴署发〔2021〕6号（推荐造林树种名录）"
PQR_10 = "植物检疫条例第十条"


def _check(key: str, title: str, outcome: Outcome, message: str, source: str) -> Check:
    return Check(key, title, outcome, message, source)


def recommended_species(case: Case) -> Check:
    """A species off the recommended list is a warning for the reviewer, never a refusal."""
    title = "推荐树种"
    if case.species_recommended:
        return _check(
            "species", title, Outcome.PASSED, f"{case.species}在推荐树种名录中", DIRECTIVE_LIST
        )
    return _check(
        "species",
        title,
        Outcome.WARNING,
        f"{case.species}不在推荐树种名录中，请审查人员注意其适宜性",
        DIRECTIVE_LIST,
    )


def same_species(case: Case) -> Check:
    """The 良种 number the applicant gives belongs to the species applied for."""
    title = "良种编号与树种一致"
    if case.variety is None:
        return _check("variety_species", title, Outcome.NOT_APPLICABLE, "非良种", ART_19_1)
    if case.variety.species == case.species:
        return _check(
            "variety_species", title, Outcome.PASSED, "良种登记的树种与申请一致", ART_19_1
        )
    return _check(
        "variety_species",
        title,
        Outcome.FAILED,
        f"良种{case.variety.number}登记的树种是{case.variety.species}，不是{case.species}",
        ART_19_1,
    )


def zone_covers_sites(case: Case) -> Check:
    """Every site lies in the 良种's suitable zone (or the area of its recorded 备案)."""
    title = "适宜种植区域覆盖种植地点"
    if case.variety is None:
        return _check("zone", title, Outcome.NOT_APPLICABLE, "非良种", ART_19_1)
    zone = case.variety.zone_codes + (case.filing_zone_codes if case.filing_number else ())
    outside = [s for s in case.site_codes if not divisions.any_covers(zone, s)]
    if not case.site_codes:
        return _check("zone", title, Outcome.FAILED, "未填写种植或生产地点", ART_19_1)
    if outside:
        return _check(
            "zone",
            title,
            Outcome.FAILED,
            f"地点 {'、'.join(outside)} 不在该良种的适宜种植区域内",
            ART_19_1,
        )
    return _check("zone", title, Outcome.PASSED, "所有地点都在适宜种植区域内", ART_19_1)


def other_province_filing(case: Case) -> Check:
    """A 良种 approved by another province: its 备案 with 内蒙古's authority is recorded."""
    title = "外省审定良种的备案"
    variety = case.variety
    if variety is None or variety.body_code in (divisions.NATIONAL, divisions.REGION_CODE):
        return _check("filing", title, Outcome.NOT_APPLICABLE, "非外省审定（认定）的良种", ART_19_1)
    if case.filing_number.strip():
        return _check("filing", title, Outcome.PASSED, f"已备案：{case.filing_number}", ART_19_1)
    province = divisions.province_name(variety.body_code)
    return _check(
        "filing",
        title,
        Outcome.FAILED,
        f"该良种由{province}审定（认定），引种前须向自治区林业主管部门备案，未见备案编号",
        ART_19_1,
    )


def native_or_trialled(case: Case) -> Check:
    """A variety that does not grow naturally in the area has passed introduction trials."""
    title = "非本地生长品种的引种试验"
    if case.native:
        return _check("trial", title, Outcome.NOT_APPLICABLE, "该品种在本地自然生长", ART_19_2)
    if case.trial_evidence.strip():
        return _check("trial", title, Outcome.PASSED, f"引种试验：{case.trial_evidence}", ART_19_2)
    if case.native is None:
        return _check(
            "trial",
            title,
            Outcome.WARNING,
            "申请未说明该品种是否在本地自然生长；如不是，须经引种试验（国家引种标准）",
            ART_19_2,
        )
    return _check(
        "trial",
        title,
        Outcome.FAILED,
        "该品种在本地没有自然分布，须按国家引种标准经引种试验，未见试验证明",
        ART_19_2,
    )


def not_stopped(case: Case) -> Check:
    """A 良种 under a stop order is refused."""
    title = "停止推广"
    variety = case.variety
    if variety is None:
        return _check("stopped", title, Outcome.NOT_APPLICABLE, "非良种", varieties.STOP_BASIS)
    if variety.stopped_on is not None and variety.stopped_on <= case.on:
        message = varieties.status_problem(
            varieties.Standing(variety.kind, variety.valid_until, variety.stopped_on), case.on
        )
        return _check("stopped", title, Outcome.FAILED, message or "", varieties.STOP_BASIS)
    return _check("stopped", title, Outcome.PASSED, "未停止推广", varieties.STOP_BASIS)


def recognition_in_force(case: Case) -> Check:
    """A recognised (认定) 良种 whose recognition has ended is refused."""
    title = "认定有效期"
    variety = case.variety
    basis = varieties.RECOGNITION_BASIS
    if variety is None or variety.kind is not varieties.Kind.RECOGNITION:
        return _check("recognition", title, Outcome.NOT_APPLICABLE, "非认定良种", basis)
    if variety.valid_until is None or variety.valid_until < case.on:
        until = varieties.cn_day(variety.valid_until) if variety.valid_until else "（未登记）"
        return _check(
            "recognition", title, Outcome.FAILED, f"认定有效期至{until}，已不是良种", basis
        )
    until = varieties.cn_day(variety.valid_until)
    return _check("recognition", title, Outcome.PASSED, f"认定有效期至{until}", basis)


def requirement_document(case: Case) -> Check:
    """From another province: the receiving province's 检疫要求书 number exists (facts §5)."""
    title = "调入省检疫要求书"
    if case.origin_code[:2] == divisions.REGION_PREFIX:
        return _check("requirement", title, Outcome.NOT_APPLICABLE, "自治区内引种", PQR_10)
    if case.requirement_number.strip():
        return _check(
            "requirement", title, Outcome.PASSED, f"要求书编号 {case.requirement_number}", PQR_10
        )
    return _check(
        "requirement",
        title,
        Outcome.FAILED,
        "从外省调入，须事先取得自治区植物检疫机构的检疫要求书，未填写要求书编号",
        PQR_10,
    )


CHECKS: tuple[Callable[[Case], Check], ...] = (
    recommended_species,
    same_species,
    zone_covers_sites,
    other_province_filing,
    native_or_trialled,
    not_stopped,
    recognition_in_force,
    requirement_document,
)


def run_checks(case: Case) -> list[Check]:
    """Every check, in the order the reviewer reads them."""
    return [check(case) for check in CHECKS]


def blocking(checks: list[Check]) -> list[Check]:
    """The failed checks: a grant is refused while any remains."""
    return [c for c in checks if c.outcome is Outcome.FAILED]


def unregistered_variety(number: str) -> Check:
    """A 良种 number the register does not hold: it cannot be checked, so it fails."""
    return _check(
        "registered",
        "良种名录",
        Outcome.FAILED,
        f"良种编号 {number} 不在林木良种名录中：请核对编号，或由盟林草局先登记该良种",
        "种子法第二十三条第二款",
    )
