"""The check form's fields → the JSON body of ``POST /api/inspections/checks`` (``CheckIn``).
Pure. The names map one to one, so an offline client can keep the form and build the body:

- top-level fields keep their names (``representative``, ``started_at`` …); ``inspector_ids``
  repeats (one checkbox per inspector);
- ``checklist-<code>-result`` / ``-note`` / ``-goods_value`` → ``checklist[]`` (unanswered
  items are left out);
- ``scans-<n>-idempotency_key`` / ``-qr_text`` / ``-serial`` / ``-phone_result`` /
  ``-scanned_at`` → ``scans[]``; ``scan_serials`` (one typed serial a line, the page without
  JavaScript) adds one scan each with a key derived from the check's key;
- ``findings-<n>-code`` / ``-text`` / ``-goods_value`` → ``findings[]`` (other findings);
- ``samples-<n>-number`` / ``-goods`` / ``-quantity`` / ``-base_quantity`` / ``-seal``;
- ``seizure-goods-<n>-goods`` / ``-quantity``, ``seizure-place``, ``seizure-reason``
  → ``seizure`` (left out when no goods are named);
- ``photos-<n>-key`` / ``-caption`` → ``photos[]`` (the file itself goes to the photo upload);
- ``signature-photo_key`` / ``-refused`` / ``-witness`` / ``-reason`` → ``signature``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from typing import Any

# The row id may hold hyphens (a catalogue code, V1-1); the field name never does.
ROW = re.compile(r"^(checklist|scans|samples|photos|findings|seizure-goods)-(.+)-(\w+)$")
TOP = (
    "idempotency_key",
    "origin",
    "drawn_visit_id",
    "lead_note",
    "target_kind",
    "target_id",
    "representative",
    "representative_role",
    "place",
    "started_at",
    "ended_at",
    "latitude",
    "longitude",
    "accuracy_m",
    "note",
)


def _rows(values: Mapping[str, str]) -> dict[str, dict[str, dict[str, str]]]:
    """Grouped row fields, in the order the form sent them."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for name, value in values.items():
        if match := ROW.match(name):
            group, row, field = match.groups()
            out.setdefault(group, {}).setdefault(row, {})[field] = value
    return out


def _filled_ids(rows: dict[str, dict[str, str]], *required: str) -> list[str]:
    """The rows kept in the body (an empty row is left out), by the form's row id."""
    return [rid for rid, r in rows.items() if any(r.get(f) for f in required)]


def _filled(rows: dict[str, dict[str, str]], *required: str) -> list[dict[str, str]]:
    return [rows[rid] for rid in _filled_ids(rows, *required)]


def typed_scan_key(check_key: str, serial: str) -> str:
    """A typed serial's scan key: the same check and serial give the same key on a resubmit."""
    return str(uuid.uuid5(uuid.UUID(check_key), serial.upper())) if _is_uuid(check_key) else ""


def _is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return True


# A typed serial's scan is a line of this one field, not a row of its own.
TYPED_SERIALS = "scan_serials"


def row_names(values: Mapping[str, str]) -> dict[str, str]:
    """Each row of the body as the form names it (``samples.0`` → ``samples-1``: the form's
    empty rows are left out of the body, so the numbers differ), for marking a refused row's
    field on the re-shown form (``seedreg.core.web.forms.field_errors``)."""
    rows = _rows(values)
    kept = {
        "checklist": [c for c, r in rows.get("checklist", {}).items() if r.get("result")],
        "scans": _filled_ids(rows.get("scans", {}), "qr_text", "serial"),
        "findings": _filled_ids(rows.get("findings", {}), "text"),
        "samples": _filled_ids(rows.get("samples", {}), "number", "goods", "quantity"),
        "seizure.goods": _filled_ids(rows.get("seizure-goods", {}), "goods", "quantity"),
        "photos": [rid for rid, r in rows.get("photos", {}).items() if r.get("key")],
    }
    out = {
        f"{path}.{n}": f"{path.replace('.', '-')}-{rid}"
        for path, ids in kept.items()
        for n, rid in enumerate(ids)
    }
    typed = [line for line in values.get(TYPED_SERIALS, "").splitlines() if line.strip()]
    for n in range(len(typed)):
        out[f"scans.{len(kept['scans']) + n}"] = TYPED_SERIALS
    return out


def _scans(rows: dict[str, dict[str, str]], typed: str, check_key: str) -> list[dict[str, Any]]:
    scans: list[dict[str, Any]] = [
        {k: v for k, v in r.items() if v != ""} for r in _filled(rows, "qr_text", "serial")
    ]
    for line in typed.splitlines():
        serial = line.strip()
        if serial:
            scans.append({"idempotency_key": typed_scan_key(check_key, serial), "serial": serial})
    return scans


def _seizure(values: Mapping[str, str], rows: dict[str, dict[str, str]]) -> dict[str, Any] | None:
    goods = _filled(rows, "goods", "quantity")
    if not goods and not values.get("seizure-place"):
        return None
    return {
        "goods": goods,
        "place": values.get("seizure-place", ""),
        "reason": values.get("seizure-reason", ""),
    }


def local_time(value: str) -> str:
    """A ``datetime-local`` field (no zone) is the phone's time in Beijing: give it the zone."""
    if re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?", value):
        return f"{value}{':00' if len(value) == 16 else ''}+08:00"
    return value


def body(values: Mapping[str, str], inspector_ids: list[str]) -> dict[str, Any]:
    """The ``CheckIn`` body the form describes (validation is CheckIn's, as for the API)."""
    rows = _rows(values)
    data: dict[str, Any] = {k: values[k] for k in TOP if values.get(k, "") != ""}
    for name in ("started_at", "ended_at"):
        if name in data:
            data[name] = local_time(data[name])
    data["inspector_ids"] = inspector_ids
    data["checklist"] = [
        {"code": code, **{k: v for k, v in r.items() if v != ""}}
        for code, r in rows.get("checklist", {}).items()
        if r.get("result")
    ]
    data["scans"] = _scans(
        rows.get("scans", {}), values.get(TYPED_SERIALS, ""), values.get("idempotency_key", "")
    )
    data["findings"] = _filled(rows.get("findings", {}), "text")
    data["samples"] = _filled(rows.get("samples", {}), "number", "goods", "quantity")
    data["seizure"] = _seizure(values, rows.get("seizure-goods", {}))
    data["photos"] = [
        {"key": r["key"], "caption": r.get("caption", "")}
        | {k: r[k] for k in ("original_sha256", "original_size") if r.get(k)}
        for r in rows.get("photos", {}).values()
        if r.get("key")
    ]
    data["signature"] = {
        "photo_key": values.get("signature-photo_key", ""),
        "refused": values.get("signature-refused", "") in ("on", "true", "1"),
        "witness": values.get("signature-witness", ""),
        "reason": values.get("signature-reason", ""),
    }
    return data
