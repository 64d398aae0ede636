"""Who decides an introduction (引种), from where the stock comes from. No I/O.

兴署发〔2021〕6号 五(一): a forest variety introduced for production or use from another 盟市 of
内蒙古 needs the consent of the league's 林业和草原局; one from outside the region needs the
consent of the region's authority. A normative document cannot itself create a licence
(行政许可法第十七条) and the regional regulation's article on introductions was NOT FOUND
(facts §7), so whether the league's step is a consent (审批) or a filing (备案) is a local
setting (introductions.league_step). From abroad the State Council's procedure applies
(种子法第五十七条第二款), outside seedreg.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from seedreg.core.errors import RuleViolation
from seedreg.reference import rules as divisions

DIRECTIVE = "兴署发〔2021〕6号 五(一)"
LEAGUE_BUREAU = "兴安盟林业和草原局"
REGION_BUREAU = "内蒙古自治区林业和草原局"
CHINA = "CN"


class RouteKind(StrEnum):
    IN_LEAGUE = "in_league"
    OTHER_CITY = "other_city"  # another 盟市 of the region
    OTHER_PROVINCE = "other_province"
    ABROAD = "abroad"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    RouteKind.IN_LEAGUE: "兴安盟内",
    RouteKind.OTHER_CITY: "自治区内其他盟市",
    RouteKind.OTHER_PROVINCE: "自治区外的省份",
    RouteKind.ABROAD: "境外",
}


class LeagueStep(StrEnum):
    CONSENT = "consent"  # 审批
    FILING = "filing"  # 备案

    @property
    def label(self) -> str:
        return {"consent": "审批（同意）", "filing": "备案"}[self.value]


@dataclass(frozen=True)
class Origin:
    """Where the stock comes from: a country (ISO 3166 two letters, CN for China) and, in
    China, the GB/T 2260 code of the province, or inside 内蒙古 of the 盟市 or 旗县."""

    country: str = CHINA
    division_code: str = ""


@dataclass(frozen=True)
class Route:
    """The answer shown before an applicant submits."""

    kind: RouteKind
    origin_name: str
    needs_application: bool  # False: in the league (no approval), or abroad (not here)
    refused: bool  # abroad: the form refuses it
    decided_by: str  # who decides ("" when nobody here does)
    league_step: LeagueStep | None  # what the league does (consent or filing, or reviews)
    forwarded_to: str  # the authority the league forwards to, or ""
    explanation: str
    basis: str


def route_introduction(origin: Origin, league_step: LeagueStep = LeagueStep.CONSENT) -> Route:
    """Route an introduction by its origin. ``league_step`` is the local setting's value.

    Raises:
        RuleViolation: the origin is not a known division code (field ``division_code``).
    """
    country = origin.country.strip().upper()
    if country != CHINA:
        return _abroad(f"境外（{country or '未填国家'}）")
    code = origin.division_code.strip()
    prefix = code[:2]
    if not divisions.is_code(code) or prefix not in divisions.PROVINCES:
        raise RuleViolation(
            f"“{code}”不是有效的行政区划代码：请选择来源省份或盟市", field="division_code"
        )
    if prefix in divisions.OUTSIDE_MAINLAND:
        return _abroad(divisions.province_name(code))
    if prefix != divisions.REGION_PREFIX:
        return _other_province(divisions.province_name(code), league_step)
    if code.startswith(divisions.LEAGUE_PREFIX):
        return _in_league()
    city = divisions.REGION_CITIES.get(f"{code[:4]}00")
    if city is None or code == divisions.REGION_CODE:
        raise RuleViolation(
            f"“{code}”不是内蒙古自治区的盟市代码：请选择来源盟市", field="division_code"
        )
    return _other_city(city, league_step)


def _in_league() -> Route:
    return Route(
        kind=RouteKind.IN_LEAGUE,
        origin_name="兴安盟",
        needs_application=False,
        refused=False,
        decided_by="",
        league_step=None,
        forwarded_to="",
        explanation=(
            "来源在兴安盟内，不属于引种，无需审批。盟内调运种苗按调运办理"
            "（需植物检疫证书），不是新的引种申请。"
        ),
        basis=DIRECTIVE,
    )


def _other_city(city: str, step: LeagueStep) -> Route:
    what = "同意" if step is LeagueStep.CONSENT else "备案"
    return Route(
        kind=RouteKind.OTHER_CITY,
        origin_name=f"内蒙古自治区{city}",
        needs_application=True,
        refused=False,
        decided_by=LEAGUE_BUREAU,
        league_step=step,
        forwarded_to="",
        explanation=f"从自治区内其他盟市引种，须经{LEAGUE_BUREAU}{what}后方可引进。",
        basis=DIRECTIVE,
    )


def _other_province(province: str, step: LeagueStep) -> Route:
    return Route(
        kind=RouteKind.OTHER_PROVINCE,
        origin_name=province,
        needs_application=True,
        refused=False,
        decided_by=REGION_BUREAU,
        league_step=step,
        forwarded_to=REGION_BUREAU,
        explanation=(
            f"从自治区外引种，由{LEAGUE_BUREAU}初审后报{REGION_BUREAU}，由自治区决定；"
            "自治区的决定由盟林草局登记。调入方须事先取得自治区植物检疫机构的检疫要求书"
            "（植物检疫条例第十条）；引进外省审定的林木良种，须向自治区林业主管部门备案"
            "（种子法第十九条第一款）。"
        ),
        basis=f"{DIRECTIVE}；植物检疫条例第十条；种子法第十九条第一款",
    )


def _abroad(name: str) -> Route:
    return Route(
        kind=RouteKind.ABROAD,
        origin_name=name,
        needs_application=False,
        refused=True,
        decided_by="",
        league_step=None,
        forwarded_to="",
        explanation=(
            "从境外（含香港、澳门、台湾）引进林木种子，按国家规定的进口审批和进境植物检疫程序办理，"
            "不在本系统受理范围内，请向国家林业和草原局及海关咨询。"
        ),
        basis="种子法第五十七条第二款、第五十九条",
    )
