"""Public label verification: the label by serial, the verdict, and what the label should say.

The buyer compares the physical label with what the registry says; personal data of individual
producers is masked (their name, address and phone), an enterprise's name is shown.
"""

from __future__ import annotations

import json
import time
from datetime import date
from functools import lru_cache
from typing import Any

from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.labels import fastdb, fastsql, rules, scans, signing
from seedreg.labels.content import version_caption
from seedreg.lots.rules import Material, show_quantity
from seedreg.organisations.rules import mask_person_name, mask_phone
from seedreg.settings import get_settings


class IssueFacts:
    """Per process, an issue's lot, licence and certificate states for ``ttl`` seconds.

    Scans cluster by lot (a buyer scans the labels of the batch in hand), and these states
    change rarely: keeping them a moment saves five of the look-up's six joins. A change made
    through this process (every one is audited) clears the cache at once; one made by another
    worker process shows within ``label_verify_cache_seconds``. 0 turns the cache off.
    """

    MAX_ISSUES = 10_000

    def __init__(self) -> None:
        self.entries: dict[int, tuple[float, dict[str, Any]]] = {}

    def get(self, issue_id: int, now: float, ttl: float) -> dict[str, Any] | None:
        entry = self.entries.get(issue_id)
        return entry[1] if entry is not None and now - entry[0] < ttl else None

    def put(self, issue_id: int, now: float, facts: dict[str, Any]) -> None:
        if len(self.entries) >= self.MAX_ISSUES:
            self.entries.clear()
        self.entries[issue_id] = (now, facts)

    def clear(self) -> None:
        self.entries.clear()


issue_facts = IssueFacts()
audit.on_record(issue_facts.clear)


async def issue(issue_id: int, *, fresh: bool = False) -> dict[str, Any] | None:
    """An issue's lot, licence and certificate states. ``fresh`` reads the database and leaves
    the cache alone (the signed-in pages: few reads, and they show a change at once)."""
    if fresh:
        return await fastdb.fetch_one(fastsql.ISSUE_SQL, issue_id)
    ttl = get_settings().label_verify_cache_seconds
    now = time.monotonic()
    cached = issue_facts.get(issue_id, now, ttl)
    if cached is None:
        cached = await fastdb.fetch_one(fastsql.ISSUE_SQL, issue_id)
        if cached is not None and ttl > 0:
            issue_facts.put(issue_id, now, cached)
    return cached


@lru_cache(maxsize=4096)
def _date_text(text: str) -> date:
    return date.fromisoformat(text[:10])


def parse_date(value: Any) -> date | None:
    # SQLite gives ISO text; the same few dates (certificates' ends) come back again and again.
    if value is None or isinstance(value, date):
        return value
    return _date_text(str(value))


def facts(row: dict[str, Any]) -> rules.LabelFacts:
    site = row["site_status"] is not None
    return rules.LabelFacts(
        label_status=row["status"],
        superseded_by=row["superseded_by"],
        lot_status=row["lot_status"],
        licence_status=row["licence_status"],
        licence_valid_to=parse_date(row["licence_valid_to"]),
        quality_status=row["quality_status"],
        quality_valid_to=parse_date(row["quality_valid_to"]),
        quarantine_status=row["site_status"] if site else row["consignment_status"],
        quarantine_valid_to=parse_date(
            row["site_valid_to"] if site else row["consignment_valid_to"]
        ),
        copied=bool(row["copied"]),
        # The issue's day, not the label's: a 补发 reprints a label issued under the same checks.
        issued_on=parse_date(row["issue_issued_on"]),
        recalled_on=parse_date(row["recalled_on"]),
    )


@lru_cache(maxsize=4096)
def _issue_fields(issue_id: int, content: str) -> dict[str, Any]:
    """The public part of an issue's printed items. An issue's content never changes after
    issuing, so it is parsed and masked once per issue, not once per scan."""
    return _masked(json.loads(content))


def _masked(content: dict[str, Any]) -> dict[str, Any]:
    person = content.get("organisation_kind") == "individual"
    return {
        "category": content["category"],
        "species": content["species"],
        "latin_name": content["latin_name"],
        "variety": content["variety"],
        "variety_right_number": content.get("variety_right_number", ""),
        "approval_number": content["approval_number"],
        "producer": mask_person_name(content["producer"]) if person else content["producer"],
        "registered_address": "" if person else content["registered_address"],
        "phone": mask_phone(content["phone"]) if person else content["phone"],
        "licence_number": content["licence_number"],
        "lot_number": content["lot_number"],
        "produced_on": content["produced_on"],
        "origin": content["origin"],
        "origin_caption": content.get("origin_caption", "产地"),
        "producer_caption": content.get("producer_caption", "生产经营者"),
        "quality": content["quality"],
        "quality_certificate_number": content["quality_certificate_number"],
        "quarantine_number": content["quarantine_number"],
        "suitable_area": content.get("suitable_area", ""),
        "suitable_season": content.get("suitable_season", ""),
        "instructions": content.get("instructions", ""),
    }


@lru_cache(maxsize=4096)
def _quantity_text(material: str, stored: int) -> str:
    return show_quantity(Material(material), stored)  # labels of an issue share one quantity


def public_fields(row: dict[str, Any]) -> dict[str, Any]:
    """What the label should say, with an individual producer's personal data masked."""
    content = row["content"]
    if isinstance(content, str):
        fields = _issue_fields(row["issued_in"], content)
    else:
        fields = _masked(content)
    return {
        **fields,
        "quantity": _quantity_text(row["material"], row["quantity"]),
        "version": row["version"],
        "version_label": version_caption(row["version"]),
        "issued_on": parse_date(row["issued_on"]).isoformat(),  # type: ignore[union-attr]
    }


_ENDED_BEFORE_ISSUE = frozenset(
    {rules.Verdict.LICENCE_EXPIRED, rules.Verdict.QUALITY_EXPIRED, rules.Verdict.QUARANTINE_EXPIRED}
)


async def lookup(serial: str, *, fresh: bool = False) -> dict[str, Any] | None:
    """The label's row by serial with its issue's facts, or None (a serial of the wrong shape
    is not looked up; one with a wrong check character is simply not found). ``fresh`` as for
    ``issue`` (an official's field scan reads past the cache)."""
    if not rules.serial_has_shape(serial):
        return None
    label = await fastdb.fetch_one_by(fastsql.LABEL_SELECT, fastsql.LABEL_KEY, serial, "serial")
    if label is None:
        return None
    found = await issue(label["issued_in"], fresh=fresh)
    return {**label, **found} if found is not None else None


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
    at = clock.now()
    today = clock.day_of(at)
    known = facts(row) if row else None
    found = rules.verdict(known, today)
    label_id, lot_id = (row["id"], row["lot"]) if row else (None, None)
    scans.record(serial, label_id, lot_id, client, at, found.value, latitude, longitude)
    return result(serial, row, found, today, rules.changes_since_issue(known, today))


def result(
    serial: str,
    row: dict[str, Any] | None,
    found: rules.Verdict,
    today: date,
    changes: list[rules.Change] | None = None,
) -> dict[str, Any]:
    """The page's and the JSON twin's content (schemas.VerificationOut)."""
    changes = changes or []
    base = get_settings().public_base_url
    out: dict[str, Any] = {
        "serial": serial,
        "verdict": found.value,
        "verdict_label": found.label,
        "verdict_word": found.word,
        "ok": found.ok,
        "checked_on": today.isoformat(),
        "label": None,
        "current_serial": "",
        "current_url": "",
        "recall_reason": "",
        "public_key_url": f"{base}/labels/public-key",
        "issued_valid": False,
        "changes": [
            {
                "kind": c.kind,
                "on": c.on.isoformat() if c.on else None,
                "text": c.text,
                "lapse": c.lapse,
            }
            for c in changes
        ],
        "notice": rules.notice(found, changes),
    }
    if row is None:
        return out
    # Issued only with 两证一签 complete (issuance.py); a certificate already ended on the day
    # of issue is the one case where the registry cannot say so.
    out["issued_valid"] = found not in _ENDED_BEFORE_ISSUE
    out["label"] = public_fields(row)
    if found is rules.Verdict.SUPERSEDED:
        out["current_serial"] = row["superseded_by"]
        out["current_url"] = signing.verification_url(base, row["superseded_by"])
    if found is rules.Verdict.RECALLED:
        out["recall_reason"] = row["recall_reason"]
    return out
