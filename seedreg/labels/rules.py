"""Pure label rules: 两证一签 readiness, serials, print boxes, clone signs (the public verdict is
in ``verdicts``).

No I/O: dates, positions and settings are arguments. Legal basis: Seed Law Art. 40 (label items,
licence and quarantine numbers on the label), Art. 48 (no label = fake seed), facts §1.3, §3.
"""

from __future__ import annotations

import ipaddress
import math
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import lru_cache

from stdnum import luhn
from stdnum.iso7064 import mod_37_36

# The public verdict lives in seedreg.labels.verdicts; re-exported for its callers.
from seedreg.labels.verdicts import (  # noqa: F401
    VERDICT_LABELS,
    Change,
    LabelFacts,
    Verdict,
    changes_since_issue,
    notice,
    verdict,
)


class LabelStatus(StrEnum):
    """A label row's own state (its lot's and certificates' are in the verdict)."""

    VALID = "valid"
    VOID = "void"  # 作废, also by a 补发 (superseded_by names the reprint) or a recall


class FlagStatus(StrEnum):
    """A clone flag as the 种苗站 handled it."""

    OPEN = "open"
    CONFIRMED = "confirmed"
    DISMISSED = "dismissed"

    @property
    def label(self) -> str:
        return {"open": "待处理", "confirmed": "已确认仿冒", "dismissed": "已排除"}[self.value]


# ---------------------------------------------------------------------------------------------
# Serials
# ---------------------------------------------------------------------------------------------

# Serials issued since payload format 2 (issue 12 item 8): 10 random characters of Crockford's
# base-32 alphabet, digits and capitals without I, L, O (read as 1, 1, 0) and U, then one check
# character: 11 characters, 32^10 ≈ 1.1e15 (a million labels leave 1 in 1e9 per guess). The
# check is Luhn mod 32 (python-stdnum ``luhn`` with this alphabet): it catches every single
# substitution and every adjacent swap but one pair (0 and Z, the alphabet's ends: Luhn mod N
# misses only the swap of its first and last character). ISO 7064's hybrid MOD 33,32 missed 64
# swap pairs in our exhaustive check and a pure system needs a prime number of characters.
SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
SERIAL_LENGTH = 11
_RANDOM_LENGTH = SERIAL_LENGTH - 1
# Read as the character they look like, in new serials only: an old serial may hold O, I or L.
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})

# Serials issued before (format 1, still on printed labels and still looked up exactly as
# typed): 11 base-36 characters plus an ISO 7064 MOD 37,36 check character, 12 characters.
LEGACY_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LEGACY_LENGTH = 12  # Label.serial is Varchar(12): both kinds fit


def serial_from_number(number: int) -> str:
    """The serial for a number (below 32^10; higher digits are dropped): 10 base-32 characters
    plus the Luhn mod 32 check."""
    digits = []
    for _ in range(_RANDOM_LENGTH):
        number, rest = divmod(number, 32)
        digits.append(SERIAL_ALPHABET[rest])
    body = "".join(reversed(digits))
    return body + luhn.calc_check_digit(body, alphabet=SERIAL_ALPHABET)


def legacy_serial_from_number(number: int) -> str:
    """A format-1 serial (below 36^11): 11 base-36 characters plus the MOD 37,36 check."""
    digits = []
    for _ in range(LEGACY_LENGTH - 1):
        number, rest = divmod(number, 36)
        digits.append(LEGACY_ALPHABET[rest])
    body = "".join(reversed(digits))
    return body + mod_37_36.calc_check_digit(body)


def new_serial() -> str:
    """A fresh unguessable serial (``secrets``); uniqueness is the database's job."""
    return serial_from_number(secrets.randbelow(32**_RANDOM_LENGTH))


def normalise_serial(text: str) -> str:
    """What a person typed or a URL carried: trimmed, upper-case, without spaces or dashes;
    a new serial's length with O read as 0 and I, L as 1 (a legacy serial stays as typed)."""
    typed = text.strip().upper().replace(" ", "").replace("-", "")[:24]
    return typed.translate(LOOK_ALIKES) if len(typed) == SERIAL_LENGTH else typed


def serial_has_shape(serial: str) -> bool:
    """A new serial's or a legacy serial's length and characters (what is worth looking up;
    a wrong check character can only be not found, as no issued serial has one)."""
    if len(serial) == SERIAL_LENGTH:
        return all(ch in SERIAL_ALPHABET for ch in serial)
    return len(serial) == LEGACY_LENGTH and all(ch in LEGACY_ALPHABET for ch in serial)


def serial_is_well_formed(serial: str) -> bool:
    """A serial of either kind with a correct check character."""
    if not serial_has_shape(serial):
        return False
    if len(serial) == SERIAL_LENGTH:
        return luhn.is_valid(serial, alphabet=SERIAL_ALPHABET)
    return mod_37_36.is_valid(serial)


# ---------------------------------------------------------------------------------------------
# 两证一签 readiness
# ---------------------------------------------------------------------------------------------

EXHAUSTED = "批次已全部贴签，没有剩余数量"
LICENCE_ENDED = {
    "expired": "已过期",
    "cancelled": "已注销",
    "annulled": "已撤销",
    "revoked": "已吊销",
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
    if ended and licence.status != "expired":
        return f"生产经营许可证{ended}（{licence.number}）"
    if licence.status == "expired" or on > licence.valid_to:
        return f"生产经营许可证已过期（{licence.number}，有效期至{licence.valid_to.isoformat()}）"
    if on < licence.valid_from:
        return f"生产经营许可证尚未生效（{licence.number}，自{licence.valid_from.isoformat()}起）"
    return None


def certificate_problem(what: str, cert: CertificateFacts | None, on: date) -> str | None:
    """``what`` names the certificate (质量检验合格证 / 检疫证书)."""
    if cert is None:
        return f"没有有效的{what}"
    if cert.status != "valid":
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
    if lot_status == "recalled":
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


# ---------------------------------------------------------------------------------------------
# Does a text fit its printed box?
# ---------------------------------------------------------------------------------------------

MM_PER_PT = 25.4 / 72
NARROW_EM = 0.55  # Latin letters and digits in Noto Sans CJK average about half an em


def char_em(ch: str) -> float:
    """Width in em: wide, full-width and ambiguous characters (Ⅰ, ×, ①…, full width in CJK
    fonts) take one em; everything else about 0.55 em."""
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else NARROW_EM


def lines_needed(text: str, box_width_mm: float, font_size_pt: float) -> int:
    """Lines the text wraps to in a box of this width, breaking between any two characters
    (as CJK text does; a Latin word broken early only errs towards "does not fit")."""
    width_em = box_width_mm / (font_size_pt * MM_PER_PT)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        for ch in paragraph:
            w = char_em(ch)
            if used + w > width_em + 1e-9 and used > 0:
                lines += 1
                used = 0.0
            used += w
    return lines


def fits(text: str, box_width_mm: float, font_size_pt: float, max_lines: int) -> bool:
    """Whether ``text`` at ``font_size_pt`` fits a box ``box_width_mm`` wide in ``max_lines``."""
    return lines_needed(text, box_width_mm, font_size_pt) <= max_lines


# Field boxes per layout: field → (width in mm, font size in pt, lines). The printing package
# places each field (caption and value, "树种：樟子松") in a box of this size (its own
# printing.geometry.FIELD_BOXES adds positions; a test keeps the two equal), and the preview
# marks a field whose printed text would overflow. A4 8-up sheets carry 100×70 labels.
def _boxes(pt: float, rows: dict[str, tuple[float, int]]) -> dict[str, tuple[float, float, int]]:
    return {field: (width, pt, lines) for field, (width, lines) in rows.items()}


_BOX_100x70 = _boxes(
    7,
    {
        "category": (30.0, 1),
        "species": (38.5, 1),
        "latin_name": (69.5, 1),
        "variety": (69.5, 1),
        "approval_number": (69.5, 1),
        "suitable_area": (69.5, 2),
        "suitable_season": (69.5, 1),
        "quality": (69.5, 2),
        "quantity": (46.0, 1),
        "produced_on": (48.0, 1),
        "producer": (95.0, 1),
        "registered_address": (95.0, 2),
        "origin": (95.0, 1),
        "licence_number": (46.0, 1),
        "quarantine_number": (48.0, 1),
        "serial": (46.0, 1),
        "phone": (48.0, 1),
        "instructions": (95.0, 3),
    },
)
_BOX_80x50 = _boxes(
    5.5,
    {
        "category": (22.0, 1),
        "species": (33.0, 1),
        "latin_name": (56.0, 1),
        "variety": (56.0, 1),
        "approval_number": (56.0, 1),
        "suitable_area": (56.0, 2),
        "suitable_season": (56.0, 1),
        "quality": (56.0, 2),
        "quantity": (37.0, 1),
        "produced_on": (38.0, 1),
        "producer": (76.0, 1),
        "registered_address": (76.0, 1),
        "origin": (76.0, 1),
        "licence_number": (37.0, 1),
        "quarantine_number": (38.0, 1),
        "serial": (37.0, 1),
        "phone": (38.0, 1),
        "instructions": (76.0, 2),
    },
)
FIELD_BOXES: dict[str, dict[str, tuple[float, float, int]]] = {
    "single_100x70": _BOX_100x70,
    "single_80x50": _BOX_80x50,
    "a4_8up": _BOX_100x70,
}
LAYOUTS = {
    "single_100x70": "单张 100×70 mm",
    "single_80x50": "单张 80×50 mm",
    "a4_8up": "A4 每页 8 张",
}
SINGLE_LAYOUTS = ("single_100x70", "single_80x50")


def overflowing(printed: dict[str, str], layout: str) -> list[str]:
    """Fields whose printed text (caption and value) would not fit their box in ``layout``."""
    boxes = FIELD_BOXES[layout]
    return [f for f, text in printed.items() if f in boxes and not fits(text, *boxes[f])]


# ---------------------------------------------------------------------------------------------
# Clone signs
# ---------------------------------------------------------------------------------------------


class CloneReason(StrEnum):
    FAR_APART = "far_apart"
    MANY_NETWORKS = "many_networks"
    MANY_CLIENTS = "many_clients"
    LOT_OVERSCANNED = "lot_overscanned"

    @property
    def label(self) -> str:
        return {
            "far_apart": "短时间内在相距很远的地点被扫描",
            "many_networks": "短时间内从过多不同网络被扫描",
            "many_clients": "被过多不同设备扫描",
            "lot_overscanned": "同批次标签被扫描次数远超标签数",
        }[self.value]


@dataclass(frozen=True)
class CloneLimits:
    window: timedelta
    distance_km: float
    max_networks: int
    max_clients: int
    lot_scan_multiple: float


@dataclass(frozen=True)
class ScanFacts:
    """A scan whose scanner shared a position."""

    at: datetime
    latitude: float
    longitude: float


EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def far_apart(scans: Sequence[ScanFacts], limits: CloneLimits) -> dict[str, object] | None:
    """Two located scans farther apart than the limit within the window, or None."""
    located = sorted(scans, key=lambda s: s.at)
    for i, a in enumerate(located):
        for b in located[i + 1 :]:
            if b.at - a.at > limits.window:
                break
            km = distance_km(a.latitude, a.longitude, b.latitude, b.longitude)
            if km > limits.distance_km:
                return {
                    "km": round(km, 1),
                    "first": [a.latitude, a.longitude, a.at.isoformat()],
                    "second": [b.latitude, b.longitude, b.at.isoformat()],
                }
    return None


def clone_signs(
    located: Sequence[ScanFacts], clients: int, networks: int, limits: CloneLimits
) -> list[tuple[CloneReason, dict[str, object]]]:
    """Reasons to suspect one serial was copied, from its scans within the window: the
    located ones, and the numbers of distinct clients and networks it was scanned from."""
    signs: list[tuple[CloneReason, dict[str, object]]] = []
    if found := far_apart(located, limits):
        signs.append((CloneReason.FAR_APART, found))
    if networks > limits.max_networks:
        signs.append((CloneReason.MANY_NETWORKS, {"networks": networks}))
    if clients > limits.max_clients:
        signs.append((CloneReason.MANY_CLIENTS, {"clients": clients}))
    return signs


def lot_overscanned(scans: int, labels: int, limits: CloneLimits) -> bool:
    """Far more scans of a lot's serials than the lot has labels."""
    return labels > 0 and scans > limits.lot_scan_multiple * labels


@lru_cache(maxsize=65_536)
def network_prefix(address: str) -> str:
    """A coarse network for an address (IPv4 /16, IPv6 /32): enough to tell places apart,
    too coarse to find a person. Empty for something that is not an IP address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    bits = 16 if ip.version == 4 else 32
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))


def valid_position(latitude: float, longitude: float) -> bool:
    return (
        math.isfinite(latitude)
        and math.isfinite(longitude)
        and -90 <= latitude <= 90
        and -180 <= longitude <= 180
    )
