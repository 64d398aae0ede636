"""Introductions (引种) on the shared matter workflow: the routing of an origin with the league's
current setting; the applicant's draft, submit, 补正 and withdrawal; the bureau's intake steps
through the shared intake. Decisions are in ``decide`` (their effects in ``decisions``). The
application rows are written only through ``matters``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from seedreg.accounts.rules import Actor, Role
from seedreg.core import calendar, clock
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.core.validation import InvalidInput
from seedreg.introductions import application_rules as rules
from seedreg.introductions.routing_rules import (
    LeagueStep,
    Origin,
    Route,
    RouteKind,
    route_introduction,
)
from seedreg.introductions.rule_settings import LEAGUE_STEP
from seedreg.introductions.schemas import IntroductionCreate, IntroductionDetails, stated
from seedreg.introductions.scope_rules import FILING_CLASS
from seedreg.licensing.guide import contact_line
from seedreg.licensing.schemas import RejectIntakeIn, SupplementIn
from seedreg.matters import applications as shared
from seedreg.matters import catalogue, clocks, deemed, intake, ratings, workflow
from seedreg.matters import rules as flow_rules
from seedreg.matters.inbox import audit_subject
from seedreg.matters.tables import Application, Matter
from seedreg.matters.transitions import Party
from seedreg.organisations.tables import Organisation
from seedreg.reference import rules as divisions
from seedreg.varieties import services as varieties

MATTER = "introduction"
ABROAD = "abroad"  # the origin picker's value for 境外
# 机关代字 + these: 兴林草引补〔2026〕3号 for a 补正 notice.
NUMBER_PREFIX = {
    "acceptance": "引受",
    "supplement": "引补",
    "rejection": "引不受",
    "introduction_grant": "引准",
    "introduction_refusal": "引不准",
    "introduction_forward": "引报",
    "introduction_filing": FILING_CLASS,
    "pause": "引止",  # the shared review's (matters.review)
    "extension": "引延",
}
HOOKS = intake.Hooks(prefixes=NUMBER_PREFIX)
NOT_FOUND = "未找到该引种申请"
# The league bureau handles every introduction into the league (兴署发〔2021〕6号 五(一)).
HANDLING_DIVISION = divisions.LEAGUE_CODE


async def route(origin: Origin) -> Route:
    """Who decides an introduction from ``origin`` (RuleViolation for an unknown code)."""
    step = LeagueStep(await rs.value(LEAGUE_STEP))
    return route_introduction(origin, step)


STEP_KEY = "league_step"  # kept in the details beside what the applicant stated


def step_of(row: dict[str, Any]) -> LeagueStep | None:
    """The league's step fixed when the application was made (the setting may change since);
    None where the league does not decide (from another province it reviews and forwards).
    Applications made before the step was kept were all consents."""
    if row["sub_item"] != RouteKind.OTHER_CITY.value:
        return None
    return LeagueStep((row["details"] or {}).get(STEP_KEY, LeagueStep.CONSENT.value))


# Steps that belong to one route and league step only: not offered on the others, and refused
# if asked for. A filing (备案) is recorded from the submitted state: no acceptance, no grant
# or refusal; a consent is never recorded.
REGION_STEPS = frozenset({"forward", "region_grant", "region_refuse"})
CLOSED = {
    (RouteKind.OTHER_CITY, LeagueStep.CONSENT): REGION_STEPS | {"record"},
    (RouteKind.OTHER_CITY, LeagueStep.FILING): REGION_STEPS | {"accept", "grant", "refuse"},
    (RouteKind.OTHER_PROVINCE, None): frozenset({"grant", "refuse", "record"}),
}


def closed_steps(row: dict[str, Any]) -> frozenset[str]:
    return CLOSED.get((RouteKind(row["sub_item"]), step_of(row)), frozenset())


def ensure_open(row: dict[str, Any], action: str) -> None:
    """Conflict when ``action`` is not this application's kind of step."""
    if action not in closed_steps(row):
        return
    if step_of(row) is LeagueStep.FILING:
        raise Conflict("该申请提交时盟林草局按备案办理：予以备案或告知补正，不作受理和批准决定")
    if step_of(row) is LeagueStep.CONSENT:
        raise Conflict("该申请提交时盟林草局按审批办理，不能予以备案，请受理后作出决定")
    raise Conflict(f"该申请来源为{RouteKind(row['sub_item']).label}，由盟林草局初审后报送自治区")


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


# --- reading and access ---------------------------------------------------------------------


def applied(details: IntroductionDetails) -> rules.Applied:
    return rules.Applied(
        species=details.species,
        variety=details.variety,
        improved=details.improved,
        variety_number=details.variety_number,
        origin_code=details.origin_code,
        supplier=details.supplier,
        quantity=details.quantity,
        unit=details.unit,
        site_codes=tuple(s.division_code for s in details.sites),
        valid_from=details.valid_from,
        valid_to=details.valid_to,
    )


def site_codes(row: dict[str, Any]) -> tuple[str, ...]:
    return tuple(s.get("division_code", "") for s in (row["details"] or {}).get("sites", []))


async def load(actor: Actor, application_id: int) -> dict[str, Any]:
    """The application, if the actor may see it; otherwise NotFound (reveals nothing)."""
    row = (
        await Application.select()
        .where((Application.id == application_id) & (Application.matter == MATTER))
        .first()
        .output(load_json=True)
    )
    if row is None or not rules.may_see(
        actor,
        organisation_id=row["organisation"],
        handling_division=row["division_code"],
        site_codes=site_codes(row),
    ):
        raise NotFound(NOT_FOUND)
    return dict(row)


def parties(actor: Actor, row: dict[str, Any]) -> frozenset[Party]:
    view = flow_rules.actor_view(actor.role, MATTER, at_counter=row["at_counter"])
    if not rules.may_decide(actor, row["division_code"]):
        return view.parties - {Party.OFFICER}
    return view.parties


def ensure(actor: Actor, row: dict[str, Any], party: Party) -> None:
    if party not in parties(actor, row):
        who = "申请人（或窗口代办的审批人员）" if party is Party.APPLICANT else "盟林草局的审批人员"
        raise Forbidden(f"只有{who}可以办理此事项")


# --- the applicant ---------------------------------------------------------------------------


async def _applicant(actor: Actor, data: IntroductionCreate) -> dict[str, Any]:
    if actor.role is Role.OPERATOR:
        org_id = actor.organisation_id
    elif (
        rules.may_decide(actor, HANDLING_DIVISION)
        and actor.role in flow_rules.flow(MATTER).handlers
    ):
        org_id = data.organisation_id
        if org_id is None:
            raise RuleViolation("窗口代办须选择申请人", field="organisation_id")
    else:
        raise Forbidden("只有申请人或盟林草局的审批人员可以提交引种申请")
    org = await Organisation.select().where(Organisation.id == (org_id or -1)).first()
    if org is None:
        raise NotFound("未找到该申请人")
    return org


async def vet(details: IntroductionDetails) -> Route:
    """The route of the application, or InvalidInput naming every field typed wrong."""
    try:
        found = await route(Origin(details.origin_country, details.origin_code))
    except RuleViolation as exc:
        raise InvalidInput(exc.message, details={"origin_code": exc.message}) from None
    row = await varieties.find_by_number(details.variety_number) if details.improved else None
    species = row["species_name"] if row else None
    problems = rules.problems(applied(details), found, species, clock.today())
    if problems:
        messages = {p.field: p.message for p in problems}
        raise InvalidInput(problems[0].message, details=messages)
    return found


async def create(actor: Actor, data: IntroductionCreate) -> dict[str, Any]:
    """A draft introduction with the league bureau; its route (who decides) is fixed now."""
    org = await _applicant(actor, data)
    found = await vet(data.details)
    now = clock.now()
    details = data.details.model_dump(mode="json")
    if found.kind is RouteKind.OTHER_CITY and found.league_step:
        details[STEP_KEY] = found.league_step.value
    async with transaction():
        seq = await next_value(f"introduction:{now.year}")
        reference = f"YZ{now.year}{seq:06d}"
        app_id = await shared.insert(
            {
                "reference": reference,
                "matter": MATTER,
                "sub_item": found.kind.value,
                "status": flow_rules.flow(MATTER).start,
                "organisation": org["id"],
                "division_code": HANDLING_DIVISION,
                "filed_by": actor.user_id,
                "at_counter": actor.role is not Role.OPERATOR,
                "details": details,
                "competent_authority": found.decided_by,
                "created_at": now,
                "updated_at": now,
            }
        )
        await audit.record(
            actor,
            "application:create",
            audit_subject(MATTER),
            app_id,
            after={
                "route": found.kind.value,
                "reference": reference,
                STEP_KEY: details.get(STEP_KEY, ""),
            },
        )
    return await load(actor, app_id)


async def _hand_in(actor: Actor, application_id: int, action: str, title: str) -> dict[str, Any]:
    """Submit, or resubmit after 补正: the intake clock (行政许可法第三十二条) starts today."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.APPLICANT)
    await vet(stated(row["details"]))  # the period may have passed
    today, cal = clock.today(), await calendar.work_calendar()
    changes: dict[str, Any] = {"received_on": today, "due_on": clocks.intake_due(today, cal)}
    if action == "submit":
        changes["submitted_at"] = clock.now()
    async with transaction():
        await workflow.transition(
            actor, row, action, changes, notice=(title, f"引种申请{row['reference']}：{title}。")
        )
    return await load(actor, application_id)


async def submit(actor: Actor, application_id: int) -> dict[str, Any]:
    return await _hand_in(actor, application_id, "submit", "引种申请已提交，等待受理")


async def resubmit(actor: Actor, application_id: int) -> dict[str, Any]:
    return await _hand_in(actor, application_id, "resubmit", "补正材料已提交")


async def withdraw(actor: Actor, application_id: int) -> dict[str, Any]:
    row = await load(actor, application_id)
    ensure(actor, row, Party.APPLICANT)
    async with transaction():
        await workflow.transition(
            actor, row, "withdraw", {"decided_on": clock.today(), "due_on": None}
        )
    return await load(actor, application_id)


async def rate(actor: Actor, application_id: int, score: int, comment: str) -> dict[str, Any]:
    """好差评 once decided (一事一评, 兴署发〔2021〕5号 Art. 38(三))."""
    return await ratings.rate(actor, await load(actor, application_id), score, comment)


# --- the bureau's intake ---------------------------------------------------------------------


async def request_supplement(
    actor: Actor, application_id: int, data: SupplementIn
) -> dict[str, Any]:
    """One notice naming every missing item at once (一次性告知)."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    async with transaction():
        await intake.request_supplement(
            actor,
            row,
            HOOKS,
            items=data.items,
            notes=data.notes,
            deadline_workdays=data.deadline_workdays,
        )
    return await load(actor, application_id)


async def accept(actor: Actor, application_id: int) -> dict[str, Any]:
    """受理: the decision clock from the catalogue (行政许可法第四十二条)."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    ensure_open(row, "accept")
    promised = await catalogue.effective_promised_days(await catalogue_row())
    limit, _ext = await catalogue.decision_limits(MATTER)
    fields = await intake.clock_fields(MATTER, clock.today(), promised or limit)
    async with transaction():
        await intake.accept(actor, row, HOOKS, fields)
    return await load(actor, application_id)


async def catalogue_row() -> dict[str, Any]:
    row = await Matter.select().where(Matter.code == MATTER).first()
    return row or {"promised_setting": "", "promised_days": None}


async def reject(actor: Actor, application_id: int, data: RejectIntakeIn) -> dict[str, Any]:
    """不予受理 with reasons (and the competent authority where it is not the league's)."""
    row = await load(actor, application_id)
    ensure(actor, row, Party.OFFICER)
    async with transaction():
        await intake.reject_intake(
            actor,
            row,
            HOOKS,
            reasons=data.reasons,
            competent_authority=data.competent_authority,
            contact=await contact_line(row["division_code"]),
        )
    return await load(actor, application_id)


def is_licence(row: Mapping[str, Any]) -> bool:
    """Deemed acceptance (行政许可法第三十二条) is a licence's: an introduction the league
    records as a filing (备案) is not accepted at all."""
    return step_of(dict(row)) is not LeagueStep.FILING


deemed.register(MATTER, HOOKS, is_licence)
