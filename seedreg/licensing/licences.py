"""The licence itself: issue with a gap-free number, renewal, change, cancellation, annulment
and revocation, the public register and the verification page."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Any, NamedTuple

from seedreg.accounts.rules import Actor, Role, may_see_record
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, search_index
from seedreg.core import rulesettings as rs
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.core.errors import Conflict, Forbidden, NotFound, RuleViolation
from seedreg.core.sequences import next_value
from seedreg.licensing import rules
from seedreg.licensing.common import OFFICER_ROLES
from seedreg.licensing.rule_settings import LICENCE_VALIDITY_YEARS
from seedreg.licensing.rules import ApplicationKind, LicenceStatus
from seedreg.licensing.schemas import (
    LicenceOut,
    RegionGrantIn,
    RegionLicenceIn,
    RegisterEntry,
    StatusChangeIn,
)
from seedreg.licensing.tables import Licence
from seedreg.organisations.tables import Organisation
from seedreg.reference import authorities
from seedreg.reference import services as reference
from seedreg.reference.authorities import AuthorityKind
from seedreg.settings import get_settings

TERMS = (
    "legal_representative",
    "registered_address",
    "production_sites",
    "scope",
    "species",
    "varieties",
    "valid_area",
)
PAGE_SIZE = 20


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
    actor: Actor, application: dict[str, Any], kind: ApplicationKind, data: RegionGrantIn
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
    seq = await next_value(f"licence:{division}:{today.year}")
    org = await Organisation.select().where(Organisation.id == application["organisation"]).first()
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
    await Licence.update(
        {**changes, "version": licence["version"] + 1, "updated_at": clock.now()}
    ).where(Licence.id == licence["id"])
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
    licence = await _visible(actor, licence_id)
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
    return await get(actor, licence_id)


async def _visible(actor: Actor, licence_id: int) -> dict[str, Any]:
    row = await Licence.select().where(Licence.id == licence_id).first().output(load_json=True)
    if row is None or not may_see_record(
        actor, organisation_id=row["organisation"], division_code=row["division_code"]
    ):
        raise NotFound("未找到该许可证")
    return row


def licence_out(row: dict[str, Any]) -> LicenceOut:
    status = rules.licence_status_on(LicenceStatus(row["status"]), row["valid_to"], clock.today())
    base = get_settings().public_base_url
    return LicenceOut(
        id=row["id"],
        number=row["number"],
        public_id=row["public_id"],
        organisation_id=row["organisation"],
        holder_name=row["holder_name"],
        legal_representative=row["legal_representative"],
        registered_address=row["registered_address"],
        production_sites=row["production_sites"],
        scope=row["scope"],
        species=row["species"],
        varieties=row["varieties"],
        valid_area=row["valid_area"],
        valid_from=row["valid_from"],
        valid_to=row["valid_to"],
        issued_on=row["issued_on"],
        issuing_division=row["issuing_division"],
        issuing_authority=row["issuing_authority"],
        status=status,
        status_label=status.label,
        status_reason=row["status_reason"],
        status_changed_on=row["status_changed_on"],
        penalty_decision_number=row["penalty_decision_number"],
        penalty_decided_on=row["penalty_decided_on"],
        terms=row["terms"] or [],
        recorded_only=row["recorded_only"],
        verify_url=f"{base}/verify/licences/{row['public_id']}",
    )


TERM_LABELS = {"issue": "核发", "renewal": "延续"}


def term_history(licence: LicenceOut) -> list[dict[str, Any]]:
    """The licence's terms for people to read, oldest first, the current one marked."""
    last = len(licence.terms) - 1
    return [
        {
            "label": TERM_LABELS.get(t["kind"], t["kind"]),
            "valid_from": date.fromisoformat(t["valid_from"]),
            "valid_to": date.fromisoformat(t["valid_to"]),
            "issued_on": date.fromisoformat(t["issued_on"]),
            "current": i == last,
        }
        for i, t in enumerate(licence.terms)
    ]


async def get(actor: Actor, licence_id: int) -> LicenceOut:
    return licence_out(await _visible(actor, licence_id))


async def for_actor(actor: Actor) -> list[LicenceOut]:
    """An operator's licences, or the licences in an official's jurisdiction (latest first)."""
    query = Licence.select()
    if actor.role is Role.OPERATOR:
        query = query.where(Licence.organisation == (actor.organisation_id or -1))
    else:
        query = query.where(in_jurisdiction(Licence.division_code, actor))
    rows = await query.order_by(Licence.id, ascending=False).limit(200).output(load_json=True)
    return [licence_out(r) for r in rows]


async def valid_of(actor: Actor, organisation_ids: list[int]) -> list[LicenceOut]:
    """The valid licences of these organisations within the actor's reach (counter filing of
    a renewal, change or cancellation)."""
    if not organisation_ids:
        return []
    rows = (
        await Licence.select()
        .where(
            Licence.organisation.is_in(organisation_ids)
            & (Licence.status == LicenceStatus.VALID)
            & (Licence.valid_to >= clock.today())
            & in_jurisdiction(Licence.division_code, actor)
        )
        .order_by(Licence.id, ascending=False)
        .limit(200)
        .output(load_json=True)
    )
    return [licence_out(r) for r in rows]


async def register(
    *, holder: str = "", number: str = "", division_code: str = "", species: str = "", page: int = 1
) -> tuple[list[RegisterEntry], int]:
    """The public register: search by holder, number, division and species."""
    query = Licence.select(
        Licence.number,
        Licence.public_id,
        Licence.holder_name,
        Licence.division_code,
        Licence.scope,
        Licence.species,
        Licence.valid_from,
        Licence.valid_to,
        Licence.issuing_authority,
        Licence.status,
    )
    count = Licence.count()
    clauses = _register_clauses(holder, number, division_code, species)
    for clause in clauses:
        query, count = query.where(clause), count.where(clause)
    rows = (
        await query.order_by(Licence.id, ascending=False)
        .limit(PAGE_SIZE)
        .offset((max(page, 1) - 1) * PAGE_SIZE)
        .output(load_json=True)
    )
    names = await reference.division_names()
    today = clock.today()
    items = []
    for r in rows:
        status = rules.licence_status_on(LicenceStatus(r["status"]), r["valid_to"], today)
        items.append(
            RegisterEntry(
                number=r["number"],
                public_id=r["public_id"],
                holder_name=_public_holder(r["holder_name"]),
                division_name=names.get(r["division_code"], ""),
                scope=r["scope"],
                species=r["species"],
                valid_from=r["valid_from"],
                valid_to=r["valid_to"],
                issuing_authority=r["issuing_authority"],
                status=status,
                status_label=status.label,
            )
        )
    return items, await count


def _register_clauses(holder: str, number: str, division_code: str, species: str) -> list[Any]:
    """Index-backed conditions: name bigrams, number as a range, species as an exact term."""
    clauses = []
    terms = search_index.name_terms(holder)
    if len(terms) > 1 or (terms and len(terms[0]) == 2):
        clauses += search_index.having_terms(Licence.id, "licence", "holder", terms)
        if len(terms) > 1:  # the pairs must also stand next to each other
            clauses.append(Licence.holder_name.like(f"%{holder.strip()}%"))
    elif terms:  # a single character: too common to index usefully
        clauses.append(Licence.holder_name.like(f"%{terms[0]}%"))
    digits = "".join(c for c in number if c.isdigit())[:14]
    if digits:
        upper = digits[:-1] + chr(ord(digits[-1]) + 1)
        clauses.append((Licence.number >= digits) & (Licence.number < upper))
    if species:
        term = f"{division_code}:{species}" if division_code else species
        clauses += search_index.having_terms(Licence.id, "licence", "species", [term])
    elif division_code:
        clauses.append(Licence.division_code == division_code)
    return clauses


def _public_holder(name: str) -> str:
    # Licence holders are public; an individual's licence (a person's name alone) is masked.
    from seedreg.organisations.rules import mask_person_name

    return mask_person_name(name) if len(name) <= 4 else name


async def verify(public_id: str) -> dict[str, Any]:
    """What the QR on a licence leads to: genuine or not, and its state today."""
    row = (
        await Licence.select()
        .where(Licence.public_id == public_id[:40])
        .first()
        .output(load_json=True)
    )
    if row is None:
        raise NotFound("未找到该许可证：可能是伪造的，请向发证机关核实")
    out = licence_out(row)
    return {
        "licence": out,
        "holder": _public_holder(out.holder_name),
        "division_name": await reference.division_name(row["division_code"]),
    }
