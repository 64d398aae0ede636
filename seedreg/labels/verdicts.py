"""The public verdict on a label, and what changed since it was issued. Pure: no I/O.

A label is the producer's statement when it was issued (Seed Law Art. 40); the registry checked
its licence and certificates then (两证一签). What happens afterwards falls in two kinds:

- withdrawals make the label one not to trust now, and the verdict is red: the lot recalled, the
  label voided or reissued, copies confirmed, the licence 吊销/撤销/注销, a certificate revoked;
- lapses do not: a certificate or the licence simply reaching the end of its validity after the
  label was issued. The label stays genuine and issued under valid certificates; the buyer is
  told, as a notice, what ran out and when ("质量检验合格证已于2026年11月30日到期").

A certificate that had already ended on the day of issue is no lapse: the label was not issued
under it, and the verdict is red as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from seedreg.labels.states import LabelStatus
from seedreg.licensing.rules import LicenceStatus
from seedreg.lots.rules import LotStatus
from seedreg.quality.rules import CertificateState


class Verdict(StrEnum):
    VALID = "valid"
    RECALLED = "recalled"
    LICENCE_EXPIRED = "licence_expired"
    LICENCE_REVOKED = "licence_revoked"
    LICENCE_ANNULLED = "licence_annulled"
    LICENCE_CANCELLED = "licence_cancelled"
    QUALITY_EXPIRED = "quality_expired"
    QUALITY_REVOKED = "quality_revoked"
    QUARANTINE_EXPIRED = "quarantine_expired"
    QUARANTINE_REVOKED = "quarantine_revoked"
    SUPERSEDED = "superseded"
    VOID = "void"
    COPIED = "copied"
    NOT_FOUND = "not_found"

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self]

    @property
    def ok(self) -> bool:
        return self is Verdict.VALID

    @property
    def word(self) -> str:
        """The one word the public check shows first, and every page with it (issue 14 item
        8): 有效, 未找到, or 无效 (the label then says why)."""
        if self is Verdict.VALID:
            return "有效"
        return "未找到" if self is Verdict.NOT_FOUND else "无效"

    @property
    def tone(self) -> str:
        """The badge's colour: ``granted`` (green) or ``refused`` (red)."""
        return "granted" if self.ok else "refused"


VERDICT_LABELS = {
    Verdict.VALID: "有效",
    Verdict.RECALLED: "批次已召回",
    Verdict.LICENCE_EXPIRED: "许可证已过期",
    Verdict.LICENCE_REVOKED: "许可证已吊销",
    Verdict.LICENCE_ANNULLED: "许可证已撤销",
    Verdict.LICENCE_CANCELLED: "许可证已注销",
    Verdict.QUALITY_EXPIRED: "质量检验合格证已过期",
    Verdict.QUALITY_REVOKED: "质量检验合格证已撤销",
    Verdict.QUARANTINE_EXPIRED: "检疫证书已过期",
    Verdict.QUARANTINE_REVOKED: "检疫证书已撤销",
    Verdict.SUPERSEDED: "已被补发标签取代",
    Verdict.VOID: "已作废",
    Verdict.COPIED: "已被确认存在仿冒复制品",
    Verdict.NOT_FOUND: "序列号不存在（可能是假冒标签）",
}
_LICENCE_ENDED: dict[str, Verdict] = {
    LicenceStatus.REVOKED: Verdict.LICENCE_REVOKED,
    LicenceStatus.ANNULLED: Verdict.LICENCE_ANNULLED,
    LicenceStatus.CANCELLED: Verdict.LICENCE_CANCELLED,
}
# Quality and quarantine certificates store the same states (valid / revoked).
_VALID = CertificateState.VALID


@dataclass(frozen=True)
class LabelFacts:
    """What the verdict depends on, as one look-up by serial returns it."""

    label_status: str  # LabelStatus
    superseded_by: str
    lot_status: str  # lots.rules.LotStatus
    licence_status: str
    licence_valid_to: date | None
    quality_status: str
    quality_valid_to: date | None  # None: not known yet (a lot without labels)
    quarantine_status: str | None  # None: the issue named no quarantine certificate
    quarantine_valid_to: date | None
    copied: bool = False  # the 种苗站 confirmed a clone flag of this serial
    issued_on: date | None = None  # the day the issue was checked; None: treat ends as before it
    recalled_on: date | None = None


@dataclass(frozen=True)
class Change:
    """One thing that changed since the label was issued. ``lapse``: it ran out (a notice);
    otherwise it was withdrawn (the verdict is red)."""

    kind: str  # a Verdict value naming the change
    on: date | None
    text: str
    lapse: bool


def _lapsed(valid_to: date | None, facts: LabelFacts, on: date) -> bool:
    """Valid on the day of issue, ended since."""
    return valid_to is not None and facts.issued_on is not None and facts.issued_on <= valid_to < on


def _ended_before_issue(valid_to: date | None, facts: LabelFacts, on: date) -> bool:
    return valid_to is not None and on > valid_to and not _lapsed(valid_to, facts, on)


def verdict(facts: LabelFacts | None, on: date) -> Verdict:
    """The label's state for a buyer on ``on``. A recall outranks everything; a reprint or a
    voiding outranks the certificates (the label itself is no longer the one to trust). A lapse
    after issue leaves the label valid (see ``changes_since_issue``)."""
    if facts is None:
        return Verdict.NOT_FOUND
    if facts.lot_status == LotStatus.RECALLED:
        return Verdict.RECALLED
    if facts.label_status != LabelStatus.VALID:
        return Verdict.SUPERSEDED if facts.superseded_by else Verdict.VOID
    if facts.copied:  # a copy cannot be told from the original: the serial proves nothing now
        return Verdict.COPIED
    if found := _LICENCE_ENDED.get(facts.licence_status):
        return found
    if facts.licence_status == LicenceStatus.EXPIRED and facts.issued_on is None:
        return Verdict.LICENCE_EXPIRED
    if facts.licence_status == LicenceStatus.VALID and _ended_before_issue(
        facts.licence_valid_to, facts, on
    ):
        return Verdict.LICENCE_EXPIRED
    if facts.quality_status != _VALID:
        return Verdict.QUALITY_REVOKED
    if _ended_before_issue(facts.quality_valid_to, facts, on):
        return Verdict.QUALITY_EXPIRED
    if facts.quarantine_status is None or facts.quarantine_status != _VALID:
        return Verdict.QUARANTINE_REVOKED
    if _ended_before_issue(facts.quarantine_valid_to, facts, on):
        return Verdict.QUARANTINE_EXPIRED
    return Verdict.VALID


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def changes_since_issue(facts: LabelFacts | None, on: date) -> list[Change]:
    """What changed since the label was issued, withdrawals first, then lapses."""
    if facts is None:
        return []
    out: list[Change] = []
    if facts.lot_status == LotStatus.RECALLED:
        when = f"已于{_cn(facts.recalled_on)}" if facts.recalled_on else "已"
        out.append(Change(Verdict.RECALLED, facts.recalled_on, f"批次{when}召回", False))
    if ended := _LICENCE_ENDED.get(facts.licence_status):
        out.append(Change(ended, None, f"生产经营{ended.label}", False))
    if facts.quality_status != _VALID:
        out.append(Change(Verdict.QUALITY_REVOKED, None, Verdict.QUALITY_REVOKED.label, False))
    if facts.quarantine_status is not None and facts.quarantine_status != _VALID:
        out.append(
            Change(Verdict.QUARANTINE_REVOKED, None, Verdict.QUARANTINE_REVOKED.label, False)
        )
    lapses = (
        (Verdict.LICENCE_EXPIRED, "生产经营许可证", facts.licence_valid_to, facts.licence_status),
        (Verdict.QUALITY_EXPIRED, "质量检验合格证", facts.quality_valid_to, facts.quality_status),
        (
            Verdict.QUARANTINE_EXPIRED,
            "检疫证书",
            facts.quarantine_valid_to,
            facts.quarantine_status,
        ),
    )
    running = (_VALID, CertificateState.EXPIRED)  # not withdrawn: ran out, or still running
    for kind, what, valid_to, status in lapses:
        if status in running and valid_to and _lapsed(valid_to, facts, on):
            out.append(Change(kind, valid_to, f"{what}已于{_cn(valid_to)}到期", True))
    return out


def notice(found: Verdict, changes: list[Change]) -> str:
    """The sentence for a valid label whose certificates ran out after it was issued."""
    lapses = [c.text for c in changes if c.lapse]
    if found is not Verdict.VALID or not lapses:
        return ""
    return "标签真实，签发时证照齐全有效；" + "；".join(lapses)
