"""What makes an introduction application acceptable as typed (issue 16 "Bad input"), and the
soft warnings it carries. No I/O: the route and the register's answer are passed in.

Refused with a Chinese message, nothing written: a quantity zero, negative or absurd; a reversed
or past period; a site outside the league; an origin abroad or inside the league (the routing's
answer, 兴署发〔2021〕6号 五(一)); a 良种 without its number; a 审定/认定 number the register
holds for another species (种子法第十九条、第二十三条).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from seedreg.accounts.rules import Actor, Role, covers_division
from seedreg.introductions import scope_rules
from seedreg.introductions.routing_rules import Route, RouteKind
from seedreg.introductions.scope_rules import Problem, Scope, Unit
from seedreg.varieties import rules as varieties


@dataclass(frozen=True)
class Applied:
    """The facts of an application the rules look at (the schema maps onto it)."""

    species: str
    variety: str
    improved: bool
    variety_number: str
    origin_code: str
    supplier: str
    quantity: Decimal
    unit: Unit
    site_codes: tuple[str, ...]
    valid_from: date
    valid_to: date


def scope_of(applied: Applied) -> Scope:
    """What an approval of this application covers: exactly what was applied for."""
    return Scope(
        variety=applied.variety,
        origin_code=applied.origin_code,
        supplier=applied.supplier,
        max_quantity=applied.quantity,
        unit=applied.unit,
        valid_from=applied.valid_from,
        valid_to=applied.valid_to,
        site_codes=applied.site_codes,
    )


def route_problem(route: Route) -> Problem | None:
    """Only the origins the league handles are applied for here."""
    if route.kind is RouteKind.ABROAD:
        return Problem("origin_code", route.explanation)
    if route.kind is RouteKind.IN_LEAGUE:
        return Problem("origin_code", route.explanation)
    return None


def variety_problems(applied: Applied, registered_species: str | None) -> list[Problem]:
    """A 良种 names its number; a number the register holds for another species is refused
    (``registered_species``: the register's species for the number, None if not held)."""
    if not applied.improved:
        return []
    number = applied.variety_number.strip()
    if not number:
        return [Problem("variety_number", "林木良种须填写审定（认定）编号")]
    if registered_species is not None and registered_species != applied.species.strip():
        return [
            Problem(
                "variety_number",
                f"良种编号 {number} 在林木良种名录中登记的树种是{registered_species}，"
                f"不是{applied.species}（种子法第二十三条）",
            )
        ]
    return []


def problems(
    applied: Applied, route: Route, registered_species: str | None, today: date
) -> list[Problem]:
    """Every reason the application cannot be taken as typed, one per field at most."""
    found = scope_rules.scope_problems(scope_of(applied), today)
    if problem := route_problem(route):
        found.append(problem)
    found += variety_problems(applied, registered_species)
    first: dict[str, Problem] = {}
    for p in found:
        first.setdefault(p.field, p)
    return list(first.values())


def warnings(applied: Applied) -> list[str]:
    """Soft warnings the applicant and the reviewer see: a number that does not look like the
    usual format (facts §14: low confidence, never a refusal)."""
    number = applied.variety_number.strip()
    if not applied.improved or not number or varieties.NUMBER.match(number):
        return []
    return [
        f"良种编号“{number}”与常见格式（如 {varieties.EXAMPLE}）不一致，请与审定（认定）公告核对"
    ]


# --- who sees and who acts ------------------------------------------------------------------


def may_see(
    actor: Actor, *, organisation_id: int, handling_division: str, site_codes: tuple[str, ...]
) -> bool:
    """Issue 16: the applicant sees its own; a banner's officials those with a site in their
    banner (the stock is planted there); the league (the handling bureau) all of them."""
    if actor.role is Role.OPERATOR:
        return organisation_id == actor.organisation_id
    if not actor.is_official or actor.jurisdiction is None:
        return False
    if covers_division(actor.jurisdiction, handling_division):
        return True
    return any(covers_division(actor.jurisdiction, code) for code in site_codes)


def may_decide(actor: Actor, handling_division: str) -> bool:
    """Only the handling bureau's officers act as the officer; a banner's read along."""
    return actor.jurisdiction is not None and covers_division(actor.jurisdiction, handling_division)
