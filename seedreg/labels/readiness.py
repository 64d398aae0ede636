"""两证一签 for a lot: its licence, 质量检验合格证 and quarantine certificate, and what is
missing before labels may be issued (product.md §3; Seed Law Art. 40 puts the licence and
quarantine numbers on the label)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from seedreg.accounts.rules import Actor
from seedreg.core import clock
from seedreg.core.db import fetch
from seedreg.labels import rules
from seedreg.labels.schemas import CertificateRef, FixLink, ReadinessOut
from seedreg.lots import services as lots
from seedreg.lots.rules import (
    PACKAGED_REFUSAL,
    Material,
    SourceKind,
    show_quantity,
    use_problem,
)
from seedreg.quality.rules import CertificateState


@dataclass(frozen=True)
class LotState:
    """A lot with what its labels are built from, and what stops them (if anything)."""

    lot: dict[str, Any]
    licence: dict[str, Any] | None
    organisation: dict[str, Any]
    quality: dict[str, Any] | None  # the current valid 质量检验合格证
    quarantine: dict[str, Any] | None  # {"kind": "site" | "consignment", "id", "number", …}
    problems: list[str]
    latin_name: str = ""  # the species' Latin name if the league has confirmed it, else ""
    gaps: tuple[str, ...] = ()  # label items the records leave empty (see ``label_gaps``)

    @property
    def blocking(self) -> list[str]:
        """Problems other than "nothing left": that one is decided by the atomic reservation."""
        return [p for p in self.problems if p != rules.EXHAUSTED]


async def _one(sql: str, *args: Any) -> dict[str, Any] | None:
    rows = await fetch(sql, *args)
    return rows[0] if rows else None


async def _latest_quality(lot_id: int) -> rules.CertificateFacts | None:
    row = await _one(
        "SELECT number, status, issued_on, valid_to FROM quality_certificate WHERE lot = {} "
        "ORDER BY issued_on DESC, id DESC LIMIT 1",
        lot_id,
    )
    return _facts(row)


async def _latest_quarantine(lot_id: int) -> rules.CertificateFacts | None:
    row = await _one(
        "SELECT * FROM ("
        " SELECT c.number, c.status, c.issued_on, c.valid_to FROM site_quarantine_certificate c"
        " JOIN site_quarantine_lot s ON s.certificate = c.id WHERE s.lot = {}"
        " UNION ALL"
        " SELECT c.number, c.status, c.issued_on, c.valid_to FROM quarantine_certificate c"
        " JOIN consignment_item i ON i.certificate = c.id WHERE i.lot = {}"
        ") AS latest ORDER BY issued_on DESC LIMIT 1",
        lot_id,
        lot_id,
    )
    return _facts(row)


def _facts(row: dict[str, Any] | None) -> rules.CertificateFacts | None:
    if row is None:
        return None
    return rules.CertificateFacts(
        row["number"], row["status"], _date(row["issued_on"]), _date(row["valid_to"])
    )


def _date(value: Any) -> date:
    # A UNION on SQLite loses the declared column type: dates come back as ISO text.
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _current(row: dict[str, Any] | None, on: date) -> rules.CertificateFacts | None:
    if row is None:
        return None
    return rules.CertificateFacts(row["number"], CertificateState.VALID, on, _date(row["valid_to"]))


async def lot_state(lot: dict[str, Any], on: date) -> LotState:
    """Everything labels of ``lot`` need on ``on``; call inside the issuing transaction so the
    check and the labels agree."""
    from seedreg.quality.services import current_certificate
    from seedreg.quarantine.records import current_certificate_for_lot

    licence = await _one(
        "SELECT id, number, status, valid_from, valid_to, registered_address, holder_name "
        "FROM licence WHERE id = {}",
        lot["licence"],
    )
    organisation = await _one(
        "SELECT id, name, kind, phone, address FROM organisation WHERE id = {}",
        lot["organisation"],
    )
    quality = await current_certificate(lot["id"], on)
    quarantine = await current_certificate_for_lot(lot["id"], on)
    species = await _one(
        "SELECT latin_name, latin_confirmed FROM species WHERE name_zh = {}", lot["species"]
    )
    problems = rules.readiness_problems(
        use=use_problem(lot),
        source=PACKAGED_REFUSAL if lot.get("source_kind") == SourceKind.PACKAGED else None,
        lot_status=lot["status"],
        quantity=lot["quantity"],
        labelled_quantity=lot["labelled_quantity"],
        licence=rules.LicenceFacts(
            licence["number"], licence["status"], licence["valid_from"], licence["valid_to"]
        )
        if licence
        else None,
        quality=_current(quality, on) or await _latest_quality(lot["id"]),
        quarantine=_current(quarantine, on) or await _latest_quarantine(lot["id"]),
        on=on,
    )
    latin = species["latin_name"] if species and species["latin_confirmed"] else ""
    state = LotState(lot, licence, organisation or {}, quality, quarantine, problems, latin)
    return _with_gaps(state)


def _with_gaps(state: LotState) -> LotState:
    """The empty label items as one more problem: issuing refuses them (``issuance``)."""
    from seedreg.labels.issuance import label_gaps

    gaps = label_gaps(state)
    if not (problem := rules.record_gap_problem(gaps)):
        return state
    return replace(state, problems=[*state.problems, problem], gaps=tuple(gaps))


async def readiness(actor: Actor, lot_id: int, on: date | None = None) -> ReadinessOut:
    """两证一签 of a lot the actor may see (NotFound otherwise)."""
    on = on or clock.today()
    state = await lot_state(await lots.load(actor, lot_id), on)
    return readiness_out(state, on)


def readiness_out(state: LotState, on: date) -> ReadinessOut:
    lot = state.lot
    material = Material(lot["material"])
    remaining = max(lot["quantity"] - lot["labelled_quantity"], 0)
    quality = state.quality
    quarantine = state.quarantine
    return ReadinessOut(
        lot_id=lot["id"],
        lot_number=lot["number"],
        species=lot["species"],
        material=material.value,
        on=on,
        complete=not state.problems,
        problems=state.problems,
        fixes=_fixes(state),
        quantity=show_quantity(material, lot["quantity"]),
        labelled=show_quantity(material, lot["labelled_quantity"]),
        remaining=show_quantity(material, remaining),
        licence_number=state.licence["number"] if state.licence else "",
        quality_certificate=CertificateRef(
            id=quality["id"], number=quality["number"], valid_to=quality["valid_to"]
        )
        if quality
        else None,
        quarantine_certificate=CertificateRef(
            id=quarantine["id"],
            number=quarantine["number"],
            valid_to=quarantine["valid_to"],
            kind=quarantine["kind"],
        )
        if quarantine
        else None,
    )


def _fixes(state: LotState) -> list[FixLink]:
    """Where each empty label item is put right: the phone on the organisation's page (the
    operator may change it there), the rest in the lot's record."""
    out = []
    if rules.PHONE_CAPTION in state.gaps:
        url = f"/organisations/{state.lot['organisation']}/edit"
        out.append(FixLink(label="填写本单位联系电话", url=url, items=[rules.PHONE_CAPTION]))
    if rest := [g for g in state.gaps if g != rules.PHONE_CAPTION]:
        out.append(FixLink(label="补全批次记录", url=f"/lots/{state.lot['id']}", items=rest))
    return out
