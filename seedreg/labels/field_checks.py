"""An official's label scan in the field (issue 22, the scanning piece): who may scan, what the
label says (its signed QR) set against what the registry holds, each difference in Chinese with
a ``violation_hint`` the inspection module maps to its catalogue, and the idempotency rule of
the upload queue. Pure: no I/O.

The hints are plain string keys on purpose: the inspection catalogue (issue 21) is another
package's table, and it decides which catalogue item each hint pre-fills.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from seedreg.accounts.rules import Actor
from seedreg.labels.verdicts import Verdict


def may_scan_labels(actor: Actor) -> bool:
    """Any official checks labels in the field (Seed Law Art. 49: the authorities' inspection
    powers); an operator checks its own labels on its lot pages, the public on /v/…."""
    return actor.is_official


class Hint(StrEnum):
    """What a difference suggests to the inspector, as a key of the violation catalogue."""

    FORGED_SIGNATURE = "forged_signature"
    LABEL_NOT_FOUND = "label_not_found"
    LABEL_VOID = "label_void"
    LABEL_COPIED = "label_copied"
    LOT_RECALLED = "lot_recalled"
    LICENCE_INVALID = "licence_invalid"
    NO_QUALITY_CERTIFICATE = "no_quality_certificate"
    NO_QUARANTINE_CERTIFICATE = "no_quarantine_certificate"
    SPECIES_MISMATCH = "species_mismatch"
    LOT_MISMATCH = "lot_mismatch"
    LICENCE_MISMATCH = "licence_mismatch"
    QUANTITY_MISMATCH = "quantity_mismatch"


# The article each hint rests on, shown with the difference (facts §1.2, §1.3, §1.5, §3.1).
BASIS = {
    Hint.FORGED_SIGNATURE: "种子法第四十条、第七十九条（标签伪造或被涂改）",
    Hint.LABEL_NOT_FOUND: "种子法第四十条（信息代码）、第四十八条",
    Hint.LABEL_VOID: "种子法第四十条",
    Hint.LABEL_COPIED: "种子法第四十条、第四十八条",
    Hint.LOT_RECALLED: "种子法第四十九条（监督检查）",
    Hint.LICENCE_INVALID: "种子法第三十三条第三款（无证或超范围生产经营）",
    Hint.NO_QUALITY_CERTIFICATE: "种子法第四十条（质量指标）",
    Hint.NO_QUARANTINE_CERTIFICATE: "种子法第四十条（检疫证明编号）",
    Hint.SPECIES_MISMATCH: "种子法第四十八条（种类、品种与标签不符为假种子）",
    Hint.LOT_MISMATCH: "种子法第四十条",
    Hint.LICENCE_MISMATCH: "种子法第四十条（许可证编号）",
    Hint.QUANTITY_MISMATCH: "种子法第四十条",
}

# A registry verdict that is not 有效, as the difference an inspector records.
_VERDICT_HINTS: dict[Verdict, Hint] = {
    Verdict.NOT_FOUND: Hint.LABEL_NOT_FOUND,
    Verdict.VOID: Hint.LABEL_VOID,
    Verdict.SUPERSEDED: Hint.LABEL_VOID,
    Verdict.COPIED: Hint.LABEL_COPIED,
    Verdict.RECALLED: Hint.LOT_RECALLED,
    Verdict.LICENCE_EXPIRED: Hint.LICENCE_INVALID,
    Verdict.LICENCE_REVOKED: Hint.LICENCE_INVALID,
    Verdict.LICENCE_ANNULLED: Hint.LICENCE_INVALID,
    Verdict.LICENCE_CANCELLED: Hint.LICENCE_INVALID,
    Verdict.QUALITY_EXPIRED: Hint.NO_QUALITY_CERTIFICATE,
    Verdict.QUALITY_REVOKED: Hint.NO_QUALITY_CERTIFICATE,
    Verdict.QUARANTINE_EXPIRED: Hint.NO_QUARANTINE_CERTIFICATE,
    Verdict.QUARANTINE_REVOKED: Hint.NO_QUARANTINE_CERTIFICATE,
}
_VERDICT_TEXTS: dict[Hint, str] = {
    Hint.LABEL_NOT_FOUND: "序列号在登记系统中不存在（可能是假冒标签）",
    Hint.LABEL_VOID: "标签已作废",
    Hint.LABEL_COPIED: "标签已被确认存在仿冒复制品",
    Hint.LOT_RECALLED: "批次已召回",
    Hint.LICENCE_INVALID: "许可证已失效",
    Hint.NO_QUALITY_CERTIFICATE: "无有效的质量检验合格证",
    Hint.NO_QUARANTINE_CERTIFICATE: "无有效的检疫证书",
}


@dataclass(frozen=True)
class Printed:
    """What the label's signed QR says (``signing.LabelPayload`` fields; quantity stored as
    the registry stores it: grams of seed or 株)."""

    lot: str
    licence_number: str
    species: str
    quantity: int


@dataclass(frozen=True)
class Mismatch:
    hint: Hint
    text: str
    basis: str


def _mismatch(hint: Hint, text: str) -> Mismatch:
    return Mismatch(hint, text, BASIS[hint])


def verdict_hint(found: Verdict) -> Hint | None:
    """The hint of a registry verdict; None for 有效."""
    return _VERDICT_HINTS.get(found)


def mismatches(
    signature_ok: bool | None,
    found: Verdict,
    verdict_label: str,
    printed: Printed | None,
    registered: Printed | None,
) -> list[Mismatch]:
    """Every difference between the label in hand and the registry, most serious first.

    ``signature_ok`` None: a typed serial, nothing signed to check. ``printed`` is the signed
    content (None when the signature failed: nothing on it can be trusted); ``registered`` what
    the registry issued under the serial (None when not found)."""
    out: list[Mismatch] = []
    if signature_ok is False:
        out.append(_mismatch(Hint.FORGED_SIGNATURE, "二维码签名无效（标签可能伪造或被涂改）"))
    if hint := verdict_hint(found):
        text = _VERDICT_TEXTS[hint]
        detail = f"：{verdict_label}" if verdict_label and verdict_label not in text else ""
        out.append(_mismatch(hint, text + detail))
    if printed is not None and registered is not None:
        out.extend(_differences(printed, registered))
    return out


def _differences(printed: Printed, registered: Printed) -> list[Mismatch]:
    out: list[Mismatch] = []
    if printed.species != registered.species[: len(printed.species)]:
        # The QR carries at most 30 characters of the species name (payload MAX_CHARS).
        out.append(
            _mismatch(
                Hint.SPECIES_MISMATCH,
                f"树种与登记不符：标签为“{printed.species}”，登记为“{registered.species}”",
            )
        )
    if printed.lot != registered.lot:
        out.append(
            _mismatch(
                Hint.LOT_MISMATCH,
                f"批次号与登记不符：标签为 {printed.lot}，登记为 {registered.lot}",
            )
        )
    if printed.licence_number != registered.licence_number:
        out.append(
            _mismatch(
                Hint.LICENCE_MISMATCH,
                f"许可证编号与登记不符：标签为 {printed.licence_number}，"
                f"登记为 {registered.licence_number}",
            )
        )
    if printed.quantity > registered.quantity:
        out.append(_mismatch(Hint.QUANTITY_MISMATCH, "数量超出批次登记给这张标签的数量"))
    elif printed.quantity < registered.quantity:
        out.append(_mismatch(Hint.QUANTITY_MISMATCH, "数量少于登记给这张标签的数量"))
    return out


class Replay(StrEnum):
    """What an upload with an idempotency key already seen means."""

    NEW = "new"  # never seen: record it
    SAME = "same"  # a retry or a double tap: answer with the scan already recorded
    CONFLICT = "conflict"  # the key of another scan: refuse


def replay(stored_by: int | None, stored_serial: str | None, actor_id: int, serial: str) -> Replay:
    """The queue retries until it hears an answer, so one scan may arrive several times: the
    first creates the record, later ones get it back. A key already used by another official
    or for another serial is a client fault, never silently merged."""
    if stored_by is None:
        return Replay.NEW
    if stored_by == actor_id and stored_serial == serial:
        return Replay.SAME
    return Replay.CONFLICT
