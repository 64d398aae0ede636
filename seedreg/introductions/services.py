"""Introductions: the routing of an origin with the league's current setting. The application
and decision flow will run on the shared matter workflow (seedreg.matters)."""

from __future__ import annotations

from seedreg.core import rulesettings as rs
from seedreg.introductions.routing_rules import LeagueStep, Origin, Route, route_introduction
from seedreg.introductions.rule_settings import LEAGUE_STEP
from seedreg.reference import rules as divisions

ABROAD = "abroad"  # the origin picker's value for 境外


async def route(origin: Origin) -> Route:
    """Who decides an introduction from ``origin`` (RuleViolation for an unknown code)."""
    step = LeagueStep(await rs.value(LEAGUE_STEP))
    return route_introduction(origin, step)


def origin_of(choice: str) -> Origin:
    """The origin picked on the page: a division code, or 境外."""
    value = choice.strip()
    if value == ABROAD:
        return Origin(country="", division_code="")
    return Origin(division_code=value)


def origin_groups() -> list[tuple[str, list[tuple[str, str]]]]:
    """The choices of the routing page: the league, the region's other 盟市, the other
    provinces, then abroad (港澳台 listed there, as the routing treats them)."""
    league = [(divisions.LEAGUE_CODE, "兴安盟（盟内）")]
    cities = [
        (code, name)
        for code, name in divisions.REGION_CITIES.items()
        if code != divisions.LEAGUE_CODE
    ]
    provinces = [
        (f"{p}0000", name)
        for p, (name, *_marks) in divisions.PROVINCES.items()
        if p in divisions.MAINLAND_PROVINCES and p != divisions.REGION_PREFIX
    ]
    abroad = [(f"{p}0000", divisions.PROVINCES[p][0]) for p in sorted(divisions.OUTSIDE_MAINLAND)]
    return [
        ("兴安盟", league),
        ("内蒙古自治区其他盟市", cities),
        ("其他省、自治区、直辖市", provinces),
        ("境外", [*abroad, (ABROAD, "其他国家或地区")]),
    ]
