"""The officials' map as numbers: a simple lat-scaled equirectangular projection of the league
onto an SVG canvas, and the shapes to draw. Pure; the template draws the SVG.

At the league's size (about 4° by 3.5°) the distortion of this projection is well under the width
of a drawn point, and nothing here is measured on the map (areas come from geometry.area_mu)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from seedreg.nurseries.rules import LEAGUE_BOX

WIDTH = 800.0
MARGIN = 20.0


@dataclass(frozen=True)
class Frame:
    west: float
    south: float
    east: float
    north: float
    width: float = WIDTH

    @property
    def x_scale(self) -> float:
        """Pixels per degree of longitude; a degree of latitude is longer by 1/cos(mid lat)."""
        return (self.width - 2 * MARGIN) / (self.east - self.west)

    @property
    def y_scale(self) -> float:
        mid = math.radians((self.south + self.north) / 2)
        return self.x_scale / math.cos(mid)

    @property
    def height(self) -> float:
        return round((self.north - self.south) * self.y_scale + 2 * MARGIN, 1)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        """(x, y) on the canvas, y downward, one decimal."""
        x = MARGIN + (lon - self.west) * self.x_scale
        y = MARGIN + (self.north - lat) * self.y_scale
        return round(x, 1), round(y, 1)


LEAGUE_FRAME = Frame(*LEAGUE_BOX)


def path(frame: Frame, rings: list[list[tuple[float, float]]]) -> str:
    """An SVG path's d attribute for polygon rings (holes drawn with evenodd)."""
    parts = []
    for ring in rings:
        points = [frame.project(lon, lat) for lon, lat in ring]
        if points:
            head, *rest = points
            parts.append(f"M{head[0]} {head[1]}" + "".join(f"L{x} {y}" for x, y in rest) + "Z")
    return "".join(parts)


def marker(frame: Frame, item: dict[str, Any]) -> dict[str, Any]:
    """A point to draw: the item with x and y added."""
    x, y = frame.project(float(item["lon"]), float(item["lat"]))
    return {**item, "x": x, "y": y}
