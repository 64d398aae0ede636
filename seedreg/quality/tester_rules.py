"""Pure rules for who issues a 质量检验合格证: the register of 检验员, the two bases of a
certificate (站检 by the 种苗站, 自检 by the operator's verified tester), which bases are in
force, and when a station inspection overrules a 自检 certificate. No I/O.

The Seed Law names no 质量检验合格证 (facts §4.1). Its anchors: Art. 47 (seed inspectors need
中专 or higher education in the field) and the archive rules, which expect the producer's own
inspection records with the certificates, so 自检 is the normal basis; the station's own
inspections are spot checks (抽检) that can overrule it.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from seedreg.accounts.rules import Actor, Role


class TesterStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return TESTER_STATUS_LABELS[self]


TESTER_STATUS_LABELS = {
    TesterStatus.PENDING: "待种苗站核验",
    TesterStatus.VERIFIED: "已核验",
    TesterStatus.WITHDRAWN: "已撤回",
}

# 种子法第四十七条: 种子检验员应当具有中专以上有关专业学历.
EDUCATION_LEVELS = ("中专", "大专", "本科", "硕士研究生", "博士研究生")
EDUCATION_REFUSAL = "检验员应具有中专以上有关专业学历（种子法第四十七条）"


class Basis(StrEnum):
    STATION = "station"
    SELF = "self"

    @property
    def label(self) -> str:
        return BASIS_LABELS[self]


BASIS_LABELS = {Basis.STATION: "站检", Basis.SELF: "自检"}
BASIS_TEXT = {Basis.STATION: "种苗站检验", Basis.SELF: "生产经营者自检"}
ISSUER_LABELS = {Basis.STATION: "签发机关", Basis.SELF: "签发单位"}

# Which bases may issue certificates: the value of the local setting quality.certificate_paths.
PATHS = {
    "both": (Basis.STATION, Basis.SELF),
    "self": (Basis.SELF,),
    "station": (Basis.STATION,),
}
PATH_CHOICES = (
    ("both", "自检和站检"),
    ("self", "仅生产经营者自检"),
    ("station", "仅种苗站检验"),
)


def path_refusal(paths: str, basis: Basis) -> str | None:
    """Why a certificate on ``basis`` may not be issued under the setting ``paths``; None if it
    may. An unknown setting value allows both (the default)."""
    if basis in PATHS.get(paths, PATHS["both"]):
        return None
    if basis is Basis.SELF:
        return "本地设定只允许依据种苗站检验签发质量检验合格证，不能依据自检签发"
    return "本地设定只允许生产经营者依据自检签发质量检验合格证，种苗站检验只作抽检"


def issuer_role(by_station: bool) -> Role:
    """Who issues a certificate from an inspection: the station from its own, the operator from
    its 自检."""
    return Role.SEED_STATION if by_station else Role.OPERATOR


def issuable(passed: bool | None, by_station: bool, tester_id: int | None) -> bool:
    """Whether an inspection can be the basis of a certificate at all: it passed, and a 自检
    names a registered tester (whether still verified is checked when issuing)."""
    return bool(passed) and (by_station or tester_id is not None)


def may_register_testers(actor: Actor) -> bool:
    """An operator's account registers its own organisation's testers."""
    return actor.role is Role.OPERATOR and actor.organisation_id is not None


def tester_actions(actor: Actor, status: str) -> tuple[str, ...]:
    """What the actor may do to a tester it can see: the station verifies a pending tester and
    withdraws a pending or verified one; the operator withdraws its own (the person left)."""
    if status == TesterStatus.WITHDRAWN:
        return ()
    if actor.role is Role.SEED_STATION:
        return ("verify", "withdraw") if status == TesterStatus.PENDING else ("withdraw",)
    if actor.role is Role.OPERATOR:
        return ("withdraw",)
    return ()


def tester_refusal(status: str, tester_org: int, lot_org: int) -> str | None:
    """Why this tester may not be named on a 自检 of a lot of ``lot_org``; None if it may."""
    if tester_org != lot_org:
        return "该检验员不属于本批次的生产经营者"
    if status == TesterStatus.PENDING:
        return "该检验员尚未经种苗站核验，不能作为自检合格证的检验员"
    if status == TesterStatus.WITHDRAWN:
        return "该检验员已撤回，不能作为自检合格证的检验员"
    return None


_RANK = {"I": 1, "II": 2, "III": 3}


def overrules(
    certificate_grade: str, station_passed: bool | None, station_grade: str | None
) -> bool:
    """Whether a station inspection overrules a 自检 certificate of ``certificate_grade``: it
    failed, or graded lower. A station inspection that could not be graded (no thresholds)
    decides nothing; an equal or better grade confirms the certificate."""
    if station_passed is None:
        return False
    if not station_passed or station_grade is None:
        return True
    return _RANK[station_grade] > _RANK[certificate_grade]


def overrule_reason(on: date, result: str, certificate_grade: str) -> str:
    """The revocation reason written on an overruled 自检 certificate."""
    return (
        f"种苗站{on.year}年{on.month}月{on.day}日抽检结论为{result}，"
        f"低于自检合格证的{certificate_grade}级，自检合格证作废"
    )


def self_certificate_number(year: int, division_code: str, sequence: int) -> str:
    """ "ZJ2026-152201-Z0001": a 自检 certificate, numbered per holder's division and year; the
    "Z" keeps it apart from the station's "ZJ2026-152200-0001"."""
    if not 0 < sequence < 10**4:
        raise ValueError("合格证序号超出范围")
    if not re.fullmatch(r"\d{6}", division_code):
        raise ValueError("区划代码应为6位数字")
    return f"ZJ{year:04d}-{division_code}-Z{sequence:04d}"
