"""Reading licences: one licence as its holder or an official sees it, the licences in an
actor's scope, their terms' history, the public register (种子法 Art. 34's 公开) and the public
verification page."""

from __future__ import annotations

from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor, may_see_record
from seedreg.accounts.scope import in_jurisdiction
from seedreg.core import clock, paging, search_index
from seedreg.core.errors import NotFound
from seedreg.licensing import licence_terms, rules
from seedreg.licensing.rules import LicenceStatus
from seedreg.licensing.schemas import LicenceOut, RegisterEntry
from seedreg.licensing.tables import Licence
from seedreg.reference import services as reference
from seedreg.settings import get_settings

PAGE_SIZE = 20
OWN_LIMIT = 200  # an operator's licences: a handful, 200 is past any holder's


async def visible(actor: Actor, licence_id: int) -> dict[str, Any]:
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
        status_note=licence_terms.ended_note(
            status, row["status_reason"], row["penalty_decision_number"], row["penalty_decided_on"]
        ),
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
    return licence_out(await visible(actor, licence_id))


async def for_actor(actor: Actor) -> list[LicenceOut]:
    """An operator's licences, or the licences in an official's jurisdiction (latest first):
    the licence list unfiltered, so its reach is written once (licence_list._clauses). Its
    callers (the renewal form's choices, the operator's work list) want an operator's few
    licences, so one page of OWN_LIMIT is all of them."""
    from seedreg.licensing import licence_list  # it imports this module (licence_out)

    rows, _ = await licence_list.search(actor, licence_list.LicenceFilter(), per_page=OWN_LIMIT)
    return rows


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
    *,
    holder: str = "",
    number: str = "",
    division_code: str = "",
    species: str = "",
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> tuple[list[RegisterEntry], int]:
    """The public register: search by holder, number, division and species. An export asks
    for one page as large as it holds (one query, not a query per 20 rows)."""
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
        .limit(page_size)
        .offset(paging.offset(page, page_size))
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


async def valid_by_number(number: str) -> dict[str, Any] | None:
    """A licence in force today by its number (another matter's check, e.g. a 备案 naming the
    licence it rests on, 种子法 Art. 38 ¶1): its number, holder, valid area and term; None if
    no such licence or it is not valid today."""
    return (
        await Licence.select(
            Licence.number, Licence.holder_name, Licence.valid_area, Licence.valid_to
        )
        .where(
            (Licence.number == number)
            & (Licence.status == LicenceStatus.VALID)
            & (Licence.valid_from <= clock.today())
            & (Licence.valid_to >= clock.today())
        )
        .first()
        .output(load_json=True)
    )
