"""Pure label rules: 两证一签 readiness here; the module is also the index of the label rules
kept in their own modules, re-exported so ``rules.X`` keeps working:

- ``states``: the stored states of labels and clone flags;
- ``verdicts``: the public verdict on a label and what changed since it was issued;
- ``serials``: serials, new and legacy, and what a typed serial normalises to;
- ``boxes``: whether a text fits its printed box, per layout;
- ``clones``: signs that a serial was copied.

No I/O: dates, positions and settings are arguments. Legal basis: Seed Law Art. 40 (label items,
licence and quarantine numbers on the label), Art. 48 (no label = fake seed), facts §1.3, §3.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from seedreg.labels.boxes import (
    FIELD_BOXES,
    LAYOUTS,
    MM_PER_PT,
    NARROW_EM,
    SINGLE_LAYOUTS,
    char_em,
    fits,
    lines_needed,
    overflowing,
)
from seedreg.labels.clones import (
    EARTH_RADIUS_KM,
    CloneLimits,
    CloneReason,
    ScanFacts,
    clone_signs,
    distance_km,
    far_apart,
    lot_overscanned,
    network_prefix,
    valid_position,
)
from seedreg.labels.serials import (
    LEGACY_ALPHABET,
    LEGACY_LENGTH,
    LOOK_ALIKES,
    SERIAL_ALPHABET,
    SERIAL_LENGTH,
    legacy_serial_from_number,
    new_serial,
    normalise_serial,
    serial_from_number,
    serial_has_shape,
    serial_is_well_formed,
)
from seedreg.labels.states import FlagStatus, LabelStatus
from seedreg.labels.verdicts import (
    VERDICT_LABELS,
    Change,
    LabelFacts,
    Verdict,
    changes_since_issue,
    notice,
    verdict,
)
from seedreg.licensing.rules import LicenceStatus
from seedreg.lots.rules import LotStatus
from seedreg.quality.rules import CertificateState

__all__ = [
    "EARTH_RADIUS_KM",
    "EXHAUSTED",
    "FIELD_BOXES",
    "LAYOUTS",
    "LEGACY_ALPHABET",
    "LEGACY_LENGTH",
    "LICENCE_ENDED",
    "LOOK_ALIKES",
    "MM_PER_PT",
    "NARROW_EM",
    "SERIAL_ALPHABET",
    "SERIAL_LENGTH",
    "SINGLE_LAYOUTS",
    "VERDICT_LABELS",
    "CertificateFacts",
    "Change",
    "CloneLimits",
    "CloneReason",
    "FlagStatus",
    "LabelFacts",
    "LabelStatus",
    "LicenceFacts",
    "ScanFacts",
    "Verdict",
    "certificate_problem",
    "changes_since_issue",
    "char_em",
    "clone_signs",
    "distance_km",
    "far_apart",
    "fits",
    "legacy_serial_from_number",
    "licence_problem",
    "lines_needed",
    "lot_overscanned",
    "network_prefix",
    "new_serial",
    "normalise_serial",
    "notice",
    "overflowing",
    "readiness_problems",
    "serial_from_number",
    "serial_has_shape",
    "serial_is_well_formed",
    "valid_position",
    "verdict",
]

# ---------------------------------------------------------------------------------------------
# 两证一签 readiness
# ---------------------------------------------------------------------------------------------

EXHAUSTED = "批次已全部贴签，没有剩余数量"
LICENCE_ENDED: dict[str, str] = {
    LicenceStatus.EXPIRED: "已过期",
    LicenceStatus.CANCELLED: "已注销",
    LicenceStatus.ANNULLED: "已撤销",
    LicenceStatus.REVOKED: "已吊销",
}


@dataclass(frozen=True)
class LicenceFacts:
    number: str
    status: str  # licensing.rules.LicenceStatus value as stored
    valid_from: date
    valid_to: date


@dataclass(frozen=True)
class CertificateFacts:
    """A certificate as it stands: the lot's current valid one, else its latest one."""

    number: str
    status: str  # valid / revoked
    issued_on: date
    valid_to: date


def licence_problem(licence: LicenceFacts | None, on: date) -> str | None:
    if licence is None:
        return "批次没有关联生产经营许可证"
    ended = LICENCE_ENDED.get(licence.status)
    if ended and licence.status != LicenceStatus.EXPIRED:
        return f"生产经营许可证{ended}（{licence.number}）"
    if licence.status == LicenceStatus.EXPIRED or on > licence.valid_to:
        return f"生产经营许可证已过期（{licence.number}，有效期至{licence.valid_to.isoformat()}）"
    if on < licence.valid_from:
        return f"生产经营许可证尚未生效（{licence.number}，自{licence.valid_from.isoformat()}起）"
    return None


def certificate_problem(what: str, cert: CertificateFacts | None, on: date) -> str | None:
    """``what`` names the certificate (质量检验合格证 / 检疫证书)."""
    if cert is None:
        return f"没有有效的{what}"
    if cert.status != CertificateState.VALID:  # quality and quarantine store the same states
        return f"{what}已撤销（{cert.number}）"
    if on > cert.valid_to:
        return f"{what}已过期（{cert.number}，有效期至{cert.valid_to.isoformat()}）"
    if on < cert.issued_on:
        return f"{what}尚未生效（{cert.number}）"
    return None


def readiness_problems(
    *,
    lot_status: str,
    quantity: int,
    labelled_quantity: int,
    licence: LicenceFacts | None,
    quality: CertificateFacts | None,
    quarantine: CertificateFacts | None,
    on: date,
    use: str | None = None,
    source: str | None = None,
) -> list[str]:
    """What stops labels for a lot on ``on``; empty means "两证一签" is complete. ``use`` is
    ``use_problem`` of the lot; ``source`` why its source kind gets no labels (Art. 38 ¶1)."""
    problems = [source] if source else []
    if lot_status == LotStatus.RECALLED:
        problems.append("批次已召回")
    if use:
        problems.append(use)
    for problem in (
        licence_problem(licence, on),
        certificate_problem("质量检验合格证", quality, on),
        certificate_problem("检疫证书", quarantine, on),
    ):
        if problem:
            problems.append(problem)
    if quantity - labelled_quantity <= 0:
        problems.append(EXHAUSTED)
    return problems


PHONE_CAPTION = "联系电话"  # the Art. 40 item only the organisation's record gives


def record_gap_problem(missing: list[str]) -> str | None:
    """Label items (Seed Law Art. 40) the records leave empty: issuing refuses them, so the
    readiness lists them too (issue 17: "complete" and then refused is no answer)."""
    if not missing:
        return None
    return f"标签必填项在记录中为空：{'、'.join(missing)}"
