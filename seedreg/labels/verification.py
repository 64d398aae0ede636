"""Public label verification: one query by serial, the verdict, and what the label should say.

The buyer compares the physical label with what the registry says; personal data of individual
producers is masked (their name, address and phone), an enterprise's name is shown.
"""

from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from typing import Any

from seedreg.core import clock
from seedreg.labels import fastdb, rules, scans, signing
from seedreg.lots.rules import Material, show_quantity
from seedreg.organisations.rules import mask_person_name, mask_phone
from seedreg.settings import get_settings

# Label, lot, licence, the issue and the certificates it was issued under: one query.
LOOKUP_SQL = (
    "SELECT l.id, l.serial, l.status, l.superseded_by, l.version, l.quantity, l.issued_on, "
    "lot.status AS lot_status, lot.material, lot.recall_reason, "
    "lic.status AS licence_status, lic.valid_to AS licence_valid_to, "
    "qc.status AS quality_status, qc.valid_to AS quality_valid_to, "
    "sq.status AS site_status, sq.valid_to AS site_valid_to, "
    "qt.status AS consignment_status, qt.valid_to AS consignment_valid_to, "
    "l.issued_in, i.content "
    "FROM label l "
    "JOIN lot ON lot.id = l.lot "
    "JOIN licence lic ON lic.id = lot.licence "
    "JOIN label_issue i ON i.id = l.issued_in "
    "JOIN quality_certificate qc ON qc.id = i.quality_certificate "
    "LEFT JOIN site_quarantine_certificate sq ON sq.id = i.site_quarantine "
    "LEFT JOIN quarantine_certificate qt ON qt.id = i.quarantine "
    "WHERE l.serial = ?"
)


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def facts(row: dict[str, Any]) -> rules.LabelFacts:
    site = row["site_status"] is not None
    return rules.LabelFacts(
        label_status=row["status"],
        superseded_by=row["superseded_by"],
        lot_status=row["lot_status"],
        licence_status=row["licence_status"],
        licence_valid_to=_date(row["licence_valid_to"]),  # type: ignore[arg-type]
        quality_status=row["quality_status"],
        quality_valid_to=_date(row["quality_valid_to"]),  # type: ignore[arg-type]
        quarantine_status=row["site_status"] if site else row["consignment_status"],
        quarantine_valid_to=_date(row["site_valid_to"] if site else row["consignment_valid_to"]),
    )


@lru_cache(maxsize=4096)
def _parsed(issue_id: int, text: str) -> dict[str, Any]:
    return json.loads(text)


def _content(issue_id: int, content: Any) -> dict[str, Any]:
    """An issue's printed items: never changed after issuing, so parsed once per issue."""
    return _parsed(issue_id, content) if isinstance(content, str) else content


def public_fields(row: dict[str, Any]) -> dict[str, Any]:
    """What the label should say, with an individual producer's personal data masked."""
    content = _content(row.get("issued_in", 0), row["content"])
    person = content.get("organisation_kind") == "individual"
    material = Material(row["material"])
    return {
        "category": content["category"],
        "species": content["species"],
        "latin_name": content["latin_name"],
        "variety": content["variety"],
        "approval_number": content["approval_number"],
        "quantity": show_quantity(material, row["quantity"]),
        "producer": mask_person_name(content["producer"]) if person else content["producer"],
        "registered_address": "" if person else content["registered_address"],
        "phone": mask_phone(content["phone"]) if person else content["phone"],
        "licence_number": content["licence_number"],
        "lot_number": content["lot_number"],
        "produced_on": content["produced_on"],
        "origin": content["origin"],
        "quality": content["quality"],
        "quality_certificate_number": content["quality_certificate_number"],
        "quarantine_number": content["quarantine_number"],
        "version": row["version"],
        "issued_on": _date(row["issued_on"]).isoformat(),  # type: ignore[union-attr]
    }


async def lookup(serial: str) -> dict[str, Any] | None:
    """The label's row by serial, or None (a malformed serial is not looked up at all)."""
    if not rules.serial_is_well_formed(serial):
        return None
    return await fastdb.fetch_one(LOOKUP_SQL, serial)


async def check(
    serial: str,
    client: str,
    *,
    latitude: float | None = None,
    longitude: float | None = None,
) -> dict[str, Any]:
    """Verify a serial for the public and log the scan (buffered, written in batches)."""
    serial = rules.normalise_serial(serial)
    row = await lookup(serial)
    found = rules.verdict(facts(row) if row else None, clock.today())
    scans.record(serial, row["id"] if row else None, client, found.value, latitude, longitude)
    return result(serial, row, found)


def result(serial: str, row: dict[str, Any] | None, found: rules.Verdict) -> dict[str, Any]:
    """The page's and the JSON twin's content."""
    base = get_settings().public_base_url
    out: dict[str, Any] = {
        "serial": serial,
        "verdict": found.value,
        "verdict_label": found.label,
        "ok": found.ok,
        "checked_on": clock.today().isoformat(),
        "label": None,
        "current_serial": "",
        "current_url": "",
        "recall_reason": "",
        "public_key_url": f"{base}/labels/public-key",
    }
    if row is None:
        return out
    out["label"] = public_fields(row)
    if found is rules.Verdict.SUPERSEDED:
        out["current_serial"] = row["superseded_by"]
        out["current_url"] = signing.verification_url(base, row["superseded_by"])
    if found is rules.Verdict.RECALLED:
        out["recall_reason"] = row["recall_reason"]
    return out
