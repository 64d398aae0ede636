"""Signs that a label's serial was copied, from its scans: far apart within a window, from
too many networks or clients, or a lot scanned far more than it has labels. Pure: scans and
limits are arguments."""

from __future__ import annotations

import ipaddress
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache


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
