"""The licence itself: issue with a gap-free number, renewal, change, cancellation, annulment
and revocation. Reading licences, the public register and verification: licence_register."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any, NamedTuple

from piccolo.columns import Column

from seedreg.accounts.rules import Actor, Role, may_see_record
from seedreg.core import clock, search_index
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.licensing import rules
from seedreg.licensing.common import OFFICER_ROLES
from seedreg.licensing.licence_register import get, visible
from seedreg.licensing.rule_settings import LICENCE_VALIDITY_YEARS
from seedreg.licensing.rules import ApplicationKind, LicenceStatus
from seedreg.licensing.schemas import (
    LicenceOut,
    RegionGrantIn,
    RegionLicenceIn,
    StatusChangeIn,
)
from seedreg.licensing.tables import Licence
from seedreg.notifications.services import notify_licence_ended
from seedreg.organisations.tables import Organisation
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind

TERMS = (
    "legal_representative",
    "registered_address",
    "production_sites",
    "scope",
    "species",
    "varieties",
    "valid_area",
)


def search_terms(holder: str, species: list[str], division: str) -> dict[str, list[str]]:
    """What the register finds a licence by: its holder's name bigrams, and its species both
    alone and as "division:species", so the commonest filter pair reads one short list."""
    return {
        "holder": search_index.name_terms(holder),
        "species": [*species, *(f"{division}:{name}" for name in species)],
    }


async def _reindex(licence_id: int, holder: str, species: list[str], division: str) -> None:
    for field, terms in search_terms(holder, species, division).items():
        await search_index.reindex("licence", licence_id, field, terms)


async def authority_name(division_code: str) -> str:
    """The 林业和草原局 of a division (the region's for 良种 licences), as the admin entered it."""
    return (await authorities.authority(AuthorityKind.BUREAU, division_code)).name


async def apply_grant(
    actor: audit.ActorLike, application: dict[str, Any], kind: ApplicationKind, *, on: date
) -> int:
    """Make the licence say what was granted on ``on``; returns its id. Inside the grant's
    transaction."""
    details = application["details"]
    if kind is ApplicationKind.ISSUE:
        return await _issue(actor, application, details, on)
    licence = await _licence_to_change(application, kind)
    valid_to = None
    if kind is ApplicationKind.RENEWAL:
        years = await rs.value(LICENCE_VALIDITY_YEARS)
        valid_to = rules.licence_validity(licence["valid_to"] + timedelta(days=1), years)
    elif kind is ApplicationKind.CHANGE:
        _refuse_improved_varieties(details, application["division_code"])
    await _apply(actor, licence, kind, details, on=on, valid_to=valid_to)
    return licence["id"]


async def apply_region_grant(
    actor: audit.ActorLike, application: dict[str, Any], kind: ApplicationKind, data: RegionGrantIn
) -> int:
    """Put on the register what the region granted on a forwarded application, as its decision
    states it: a new licence (recorded only), or the renewal, change or cancellation of one."""
    licence = None if kind is ApplicationKind.ISSUE else await _licence_to_change(application, kind)
    problem = rules.region_grant_problem(
        kind,
        number=data.number,
        valid_from=data.valid_from,
        valid_to=data.valid_to,
        decided_on=data.decided_on,
        licence=(licence["number"], licence["valid_to"]) if licence else None,
    )
    if problem:
        raise RuleViolation(problem[0], field=problem[1])
    if licence is None:
        org = await Organisation.select().where(Organisation.id == application["organisation"])
        # the rule above made sure a new licence has its number and validity
        assert data.number
        assert data.valid_from
        assert data.valid_to
        return await _record_region(
            actor,
            org[0],
            application["details"],
            RegionTerms(data.number, data.valid_from, data.valid_to, data.decided_on),
        )
    details = application["details"]
    await _apply(actor, licence, kind, details, on=data.decided_on, valid_to=data.valid_to)
    return licence["id"]


async def _licence_to_change(application: dict[str, Any], kind: ApplicationKind) -> dict[str, Any]:
    licence = (
        await Licence.select()
        .where(Licence.id == application["licence"])
        .first()
        .output(load_json=True)
    )
    if licence is None:
        raise NotFound("未找到该许可证")
    ended = LicenceStatus(licence["status"])
    if ended is not LicenceStatus.VALID:  # cancelled, annulled or revoked since applied for
        raise RuleViolation(f"该许可证{ended.label}，不能准予{kind.label}", field="licence_id")
    return licence


async def _apply(
    actor: audit.ActorLike,
    licence: dict[str, Any],
    kind: ApplicationKind,
    details: dict[str, Any],
    *,
    on: date,
    valid_to: date | None,
) -> None:
    """Renew (to ``valid_to``), change (to the applied-for terms) or cancel (on ``on``)."""
    if kind is ApplicationKind.RENEWAL:
        # the renewed term is the licence's current one; the earlier stay in its history
        assert valid_to is not None
        term = rules.renewal_term(licence["valid_to"], valid_to, on)
        changes: dict[str, Any] = {
            "valid_from": date.fromisoformat(term["valid_from"]),
            "valid_to": valid_to,
            "issued_on": on,
            "terms": [*(licence["terms"] or []), term],
        }
    elif kind is ApplicationKind.CHANGE:
        changes = {k: details[k] for k in TERMS}
    else:
        changes = {
            "status": LicenceStatus.CANCELLED,
            "status_changed_on": on,
            "status_reason": details.get("cancellation_reason", ""),
        }
    await _change(actor, licence, changes, f"licence:{kind.value}")
    if "species" in changes:
        await _reindex(
            licence["id"], licence["holder_name"], changes["species"], licence["division_code"]
        )


def _refuse_improved_varieties(details: dict[str, Any], division: str) -> None:
    if details.get("varieties") and division != rules.REGION_CODE:
        raise RuleViolation(
            "生产经营林木良种繁殖材料的许可证由自治区林业和草原局核发（种子法第三十一条第二款），"
            "盟、旗县林业和草原局不能核发；请申请人向自治区林业和草原局申请",
            field="varieties",
        )


async def _create(
    actor: audit.ActorLike, org: dict[str, Any], details: dict[str, Any], action: str, **terms: Any
) -> int:
    """Store a licence with the holder's terms, index it for the register, audit it."""
    now = clock.now()
    first = rules.term_record(
        ApplicationKind.ISSUE, terms["valid_from"], terms["valid_to"], terms["issued_on"]
    )
    licence = Licence(
        public_id=secrets.token_urlsafe(12),
        terms=[first],
        organisation=org["id"],
        holder_name=org["name"],
        **{k: details[k] for k in TERMS},
        issuing_authority=await authority_name(terms["issuing_division"]),
        division_code=org["division_code"],
        status=LicenceStatus.VALID,
        created_at=now,
        updated_at=now,
        **terms,
    )
    await licence.save()
    await _reindex(licence.id, org["name"], details["species"], org["division_code"])
    await audit.record(
        actor,
        action,
        "licence",
        licence.id,
        after={"number": licence.number, "valid_to": licence.valid_to},
    )
    return licence.id


async def _issue(
    actor: audit.ActorLike, application: dict[str, Any], details: dict[str, Any], today: date
) -> int:
    division = application["division_code"]
    _refuse_improved_varieties(details, division)
    seq = await next_value(rules.sequence_name(division, today.year))
    org = await Organisation.select().where(Organisation.id == application["organisation"]).first()
    if org is None:
        raise NotFound("未找到该生产经营者")
    return await _create(
        actor,
        org,
        details,
        "licence:issue",
        number=rules.licence_number(division, today.year, seq),
        valid_from=today,
        valid_to=rules.licence_validity(today, await rs.value(LICENCE_VALIDITY_YEARS)),
        issued_on=today,
        issuing_division=division,
    )


class RegionTerms(NamedTuple):
    """A region-issued licence's number and dates, as its decision states them."""

    number: str
    valid_from: date
    valid_to: date
    issued_on: date


async def record_region_licence(actor: Actor, data: RegionLicenceIn) -> LicenceOut:
    """Enter a licence the region issued, so it is on the register and can back lots."""
    if actor.role not in OFFICER_ROLES:
        raise Forbidden("只有审批人员可以登记自治区核发的许可证")
    org = await Organisation.select().where(Organisation.id == data.organisation_id).first()
    if org is None or not may_see_record(
        actor, organisation_id=None, division_code=org["division_code"]
    ):
        raise NotFound("未找到该生产经营者")
    terms = RegionTerms(data.number, data.valid_from, data.valid_to, data.issued_on)
    async with transaction():
        licence_id = await _record_region(actor, org, data.details.model_dump(mode="json"), terms)
    return await get(actor, licence_id)


async def _record_region(
    actor: audit.ActorLike, org: dict[str, Any], details: dict[str, Any], terms: RegionTerms
) -> int:
    """Store a region-issued licence (number as the region issued it); inside a transaction."""
    if problem := rules.valid_area_problem(rules.REGION_CODE, details["valid_area"]):
        raise RuleViolation(problem, field="valid_area")
    if await Licence.exists().where(Licence.number == terms.number):
        raise Conflict("该许可证号已登记", field="number")
    return await _create(
        actor,
        org,
        details,
        "licence:record_region",
        number=terms.number,
        valid_from=terms.valid_from,
        valid_to=terms.valid_to,
        issued_on=terms.issued_on,
        issuing_division=rules.REGION_CODE,
        recorded_only=True,
    )


async def _change(
    actor: audit.ActorLike, licence: dict[str, Any], changes: dict[str, Any], action: str
) -> None:
    values: dict[Column | str, Any] = dict(changes.items())
    values["version"] = licence["version"] + 1
    values["updated_at"] = clock.now()
    await Licence.update(values).where(Licence.id == licence["id"])
    await audit.record(
        actor,
        action,
        "licence",
        licence["id"],
        before={k: licence[k] for k in changes},
        after=changes,
    )


async def terms(licence_id: int) -> dict[str, str]:
    """Number and validity as they stand now, for a decision to record."""
    row = (
        await Licence.select(Licence.number, Licence.valid_from, Licence.valid_to)
        .where(Licence.id == licence_id)
        .first()
    )
    if row is None:
        raise NotFound("未找到该许可证")
    return {
        "licence_number": row["number"],
        "valid_from": row["valid_from"].isoformat(),
        "valid_to": row["valid_to"].isoformat(),
    }


async def end_licence(actor: Actor, licence_id: int, data: StatusChangeIn) -> LicenceOut:
    """撤销 (annulment, e.g. obtained by fraud, 行政许可法 Art. 69) or 吊销 (revocation as a
    penalty, 种子法 Arts. 74–76, naming its 行政处罚决定书). The number is never reused."""
    if actor.role not in OFFICER_ROLES:
        raise Forbidden("只有审批人员可以撤销或吊销许可证")
    return await _end(actor, licence_id, data)


async def revoke_by_penalty(
    actor: Actor, licence_id: int, *, decision_number: str, decided_on: date, reasons: str
) -> LicenceOut:
    """吊销 as the outcome of a case's 行政处罚决定 (种子法 Arts. 74–76), made by the enforcement
    officers of the licence's area: the same checks, record and audit as an officer's 吊销."""
    if actor.role is not Role.INSPECTOR:
        raise Forbidden("只有执法人员可以依行政处罚决定吊销许可证")
    data = StatusChangeIn(
        kind="revoked",
        reasons=reasons,
        penalty_decision_number=decision_number,
        penalty_decided_on=decided_on,
    )
    return await _end(actor, licence_id, data)


async def _end(actor: Actor, licence_id: int, data: StatusChangeIn) -> LicenceOut:
    licence = await visible(actor, licence_id)
    current = rules.licence_status_on(
        LicenceStatus(licence["status"]), licence["valid_to"], clock.today()
    )
    if current is not LicenceStatus.VALID:
        verb = LicenceStatus(data.kind).label.removeprefix("已")
        raise RuleViolation(f"该许可证{current.label}，不能{verb}")
    kind = LicenceStatus(data.kind)
    number = data.penalty_decision_number
    problem = rules.end_problem(
        kind, decision_number=number, decided_on=data.penalty_decided_on, on=clock.today()
    )
    if problem:
        raise RuleViolation(problem[0], field=problem[1])
    penalty = kind is LicenceStatus.REVOKED
    async with transaction():
        await _change(
            actor,
            licence,
            {
                "status": kind,
                "status_reason": data.reasons,
                "status_changed_on": clock.today(),
                "penalty_decision_number": number.strip() if penalty else "",
                "penalty_decided_on": data.penalty_decided_on if penalty else None,
            },
            f"licence:{data.kind}",
        )
        await notify_licence_ended(
            licence["organisation"],
            licence["number"],
            kind.label,
            data.reasons,
            f"/licensing/licences/{licence_id}",
        )
    return await get(actor, licence_id)
