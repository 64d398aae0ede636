"""Officials' label scans in the field (issue 22): record a scan once per idempotency key and
answer with the registry's truth beside what the label's signed QR says.

The phone already checked the signature offline; the server checks it again (the record must
not rest on what a client claims) and keeps both. The registry's truth is the public check's
(``verification``), without writing to the anonymous public scan log: an official's scan is
recorded here, with who scanned, when and where.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from seedreg.accounts.rules import Actor, may_see_record
from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import fetch, transaction
from seedreg.core.errors import Conflict, Forbidden, RuleViolation
from seedreg.labels import field_checks, keys, rules, signing, verification
from seedreg.labels.field_checks import Printed, Replay
from seedreg.labels.schemas import (
    FieldScanIn,
    FieldScanOut,
    MismatchOut,
    PrintedOut,
    SignatureOut,
    VerificationOut,
)
from seedreg.labels.serials import TYPO

NO_SERIAL = "二维码中没有标签序列号（应为 …/v/序列号#… 形式的网址）"
EMPTY = "请扫描标签二维码或输入标签序列号"
BAD_SHAPE = "序列号格式不正确：应为标签上印的 11 位（旧标签 12 位）字母和数字"
KEY_REUSED = "这个扫码记录编号已用于另一次扫码，请刷新页面后重新扫码"
_UNIT_GRAMS = {"kg": 1000, "g": 1, "株": 1}


def _forbid(actor: Actor) -> None:
    if not field_checks.may_scan_labels(actor):
        raise Forbidden("只有监管人员可以使用现场扫码核验")


def _typed_serial(typed: str) -> str:
    """A typed serial, or 422: a wrong check character is a slip in typing (Crockford/Luhn or
    MOD 37,36, ``serials``), not a finding."""
    serial = rules.normalise_serial(typed)
    if not serial:
        raise RuleViolation(EMPTY, field="serial")
    if not rules.serial_has_shape(serial):
        raise RuleViolation(BAD_SHAPE, field="serial")
    if not rules.serial_is_well_formed(serial):
        raise RuleViolation(TYPO, field="serial")
    return serial


def _qr_serial(text: str, checked: signing.VerifyResult) -> str:
    """The serial the QR names: the signed one, else the one its URL claims."""
    if checked.payload is not None:
        return checked.payload.serial
    claimed = signing.claimed_serial(text)
    if claimed is None:
        raise RuleViolation(NO_SERIAL, field="qr_text")
    return rules.normalise_serial(claimed)[:24] or "?"


def _printed(checked: signing.VerifyResult | None) -> PrintedOut | None:
    if checked is None or not checked.ok or checked.payload is None:
        return None
    p = checked.payload
    return PrintedOut(
        serial=p.serial,
        lot=p.lot,
        licence_number=p.licence_number,
        species=p.species,
        quantity=f"{p.quantity} {p.unit}",
        issued_on=p.issued_on,
        version=p.version,
    )


def _as_printed(checked: signing.VerifyResult | None) -> Printed | None:
    if checked is None or not checked.ok or checked.payload is None:
        return None
    p = checked.payload
    return Printed(p.lot, p.licence_number, p.species, p.quantity * _UNIT_GRAMS.get(p.unit, 1))


def _registered(row: dict[str, Any] | None) -> Printed | None:
    if row is None:
        return None
    content = row["content"]
    if isinstance(content, str):
        content = json.loads(content)
    return Printed(
        content["lot_number"], content["licence_number"], content["species"], row["quantity"]
    )


async def _lot_url(actor: Actor, lot_id: int | None) -> str:
    if lot_id is None:
        return ""
    rows = await fetch("SELECT organisation, division_code FROM lot WHERE id = {}", lot_id)
    if rows and may_see_record(
        actor, organisation_id=rows[0]["organisation"], division_code=rows[0]["division_code"]
    ):
        return f"/labels/lots/{lot_id}"
    return ""


async def _truth(actor: Actor, serial: str, checked: signing.VerifyResult | None) -> dict[str, Any]:
    """The registry's answer now and the differences with the label in hand."""
    row = await verification.lookup(serial, fresh=True)
    today = clock.today()
    known = verification.facts(row) if row else None
    found = rules.verdict(known, today)
    registry = verification.result(
        serial, row, found, today, rules.changes_since_issue(known, today)
    )
    signature_ok = None if checked is None else checked.ok
    differences = field_checks.mismatches(
        signature_ok, found, found.label, _as_printed(checked), _registered(row)
    )
    return {
        "row": row,
        "verdict": found,
        "registry": VerificationOut.model_validate(registry),
        "mismatches": [MismatchOut(hint=m.hint, text=m.text, basis=m.basis) for m in differences],
        "lot_url": await _lot_url(actor, row["lot"] if row else None),
    }


def _check(data: FieldScanIn) -> tuple[str, signing.VerifyResult | None]:
    if data.qr_text.strip():
        checked = signing.verify(data.qr_text, keys.public_key())
        return _qr_serial(data.qr_text, checked), checked
    return _typed_serial(data.serial), None


async def _stored(key: str) -> dict[str, Any] | None:
    rows = await fetch("SELECT * FROM field_scan WHERE idempotency_key = {}", key)
    return rows[0] if rows else None


def _when(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


async def _answer(actor: Actor, stored: dict[str, Any]) -> FieldScanOut:
    """A stored scan with the registry's truth as of now (the queue may upload hours later)."""
    qr_text = stored["qr_text"]
    checked = signing.verify(qr_text, keys.public_key()) if qr_text else None
    truth = await _truth(actor, stored["serial"], checked)
    reason = checked.reason if checked else "手工输入的序列号，没有可核验的签名"
    return FieldScanOut(
        id=stored["id"],
        idempotency_key=stored["idempotency_key"],
        serial=stored["serial"],
        scanned_at=_when(stored["scanned_at"]),
        received_at=_when(stored["received_at"]),
        latitude=stored["latitude"],
        longitude=stored["longitude"],
        phone_result=stored["phone_result"],
        signature=SignatureOut(
            checked=checked is not None,
            ok=bool(checked and checked.ok),
            reason=reason,
            printed=_printed(checked),
        ),
        registry=truth["registry"],
        mismatches=truth["mismatches"],
        violation_hints=[m.hint for m in truth["mismatches"]],
        lot_url=truth["lot_url"],
    )


def _replayed(actor: Actor, stored: dict[str, Any], serial: str) -> bool:
    outcome = field_checks.replay(stored["official"], stored["serial"], actor.user_id, serial)
    if outcome is Replay.CONFLICT:
        raise Conflict(KEY_REUSED, field="idempotency_key")
    return outcome is Replay.SAME


async def _insert(
    actor: Actor, data: FieldScanIn, serial: str, checked: signing.VerifyResult | None
) -> bool:
    """One row and its audit event; False when an upload of the same key got there first."""
    truth = await _truth(actor, serial, checked)
    now = clock.now()
    hints = [m.hint for m in truth["mismatches"]]
    async with transaction():
        # ON CONFLICT: two uploads of one scan racing each other still make one row.
        made = await fetch(
            "INSERT INTO field_scan (idempotency_key, official, serial, label, qr_text, "
            "scanned_at, received_at, latitude, longitude, phone_result, signature_ok, verdict, "
            "hints) VALUES ({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}) "
            "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
            data.idempotency_key,
            actor.user_id,
            serial,
            truth["row"]["id"] if truth["row"] else None,
            data.qr_text.strip(),
            data.scanned_at or now,
            now,
            data.latitude,
            data.longitude,
            data.phone_result,
            None if checked is None else checked.ok,
            truth["verdict"].value,
            json.dumps(hints),
        )
        if made:
            await audit.record(
                actor,
                "field_scan:record",
                "field_scan",
                made[0]["id"],
                after={"serial": serial, "verdict": truth["verdict"].value, "hints": hints},
            )
    return bool(made)


async def record_scan(actor: Actor, data: FieldScanIn) -> tuple[FieldScanOut, bool]:
    """Record the scan unless its key was seen (then answer with the first record); True when
    this call created it. Officials only."""
    _forbid(actor)
    serial, checked = _check(data)
    if (stored := await _stored(data.idempotency_key)) is not None:
        _replayed(actor, stored, serial)
        return await _answer(actor, stored), False
    made = await _insert(actor, data, serial, checked)
    stored = await _stored(data.idempotency_key)
    assert stored is not None  # inserted now, or by the upload that won the race
    if not made:
        _replayed(actor, stored, serial)
    return await _answer(actor, stored), made
