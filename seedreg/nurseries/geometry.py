"""A base's outline: read from GeoJSON or KML, checked, and measured on the WGS-84 ellipsoid
(shapely for the shape, pyproj.Geod for the geodesic area). Pure: text in, values out."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from decimal import Decimal
from typing import Any

from pyproj import Geod
from shapely.errors import ShapelyError
from shapely.geometry import Polygon, mapping, shape

from seedreg.nurseries.rules import LEAGUE_BOX, mu_from_square_metres

MAX_VERTICES = 5000
MAX_BYTES = 2_000_000
_GEOD = Geod(ellps="WGS84")
_KML = "{http://www.opengis.net/kml/2.2}"


def _polygon_from_geojson(data: Any) -> Any:
    """The one polygon in a GeoJSON geometry, Feature or FeatureCollection."""
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
        if len(features) != 1:
            raise ValueError("GeoJSON 中应只有一个地块（一个 Feature）")
        data = features[0]
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = data.get("geometry")
    if not isinstance(data, dict) or data.get("type") not in ("Polygon", "MultiPolygon"):
        raise ValueError("GeoJSON 应为多边形（Polygon）")
    try:
        geometry = shape(data)
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, ShapelyError):
        raise ValueError("GeoJSON 的坐标格式不正确") from None
    if geometry.geom_type == "MultiPolygon":
        if len(geometry.geoms) != 1:
            raise ValueError("GeoJSON 应只有一个多边形")
        geometry = geometry.geoms[0]
    return geometry


def from_geojson(text: str) -> dict[str, Any]:
    """The outline as a GeoJSON Polygon geometry; ValueError in Chinese."""
    if len(text) > MAX_BYTES:
        raise ValueError("文件过大")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise ValueError("不是有效的 GeoJSON 文本") from None
    return checked(_polygon_from_geojson(data))


def _kml_ring(element: ET.Element | None) -> list[tuple[float, float]]:
    node = element.find(f".//{_KML}coordinates") if element is not None else None
    if node is None or not (node.text or "").strip():
        raise ValueError("KML 中没有找到地块边界的坐标")
    points = []
    for item in node.text.split():  # type: ignore[union-attr]
        values = item.split(",")
        try:
            points.append((float(values[0]), float(values[1])))
        except (ValueError, IndexError):
            raise ValueError("KML 的坐标格式不正确，应为“经度,纬度”") from None
    return points


def from_kml(content: bytes) -> dict[str, Any]:
    """The first Polygon of a KML 2.2 file as a GeoJSON Polygon; ValueError in Chinese."""
    if len(content) > MAX_BYTES:
        raise ValueError("文件过大")
    if b"<!DOCTYPE" in content.upper() or b"<!ENTITY" in content.upper():
        raise ValueError("KML 文件不能包含 DOCTYPE 或实体声明")
    try:
        root = ET.fromstring(content)  # noqa: S314  (no DOCTYPE, so no entity expansion)
    except ET.ParseError:
        raise ValueError("不是有效的 KML 文件") from None
    polygons = root.findall(f".//{_KML}Polygon")
    if len(polygons) != 1:
        raise ValueError("KML 中应只有一个多边形（Polygon）地块")
    outer = _kml_ring(polygons[0].find(f"{_KML}outerBoundaryIs"))
    holes = [_kml_ring(e) for e in polygons[0].findall(f"{_KML}innerBoundaryIs")]
    try:
        polygon = Polygon(outer, holes)
    except (ValueError, TypeError, ShapelyError):
        raise ValueError("KML 的边界点不足以构成多边形") from None
    return checked(polygon)


def from_upload(name: str, content: bytes) -> dict[str, Any]:
    """A file the user chose: KML by its name or content, else GeoJSON."""
    if (
        name.lower().endswith(".kml")
        or content.lstrip()[:5] == b"<?xml"
        or b"<kml" in content[:500]
    ):
        return from_kml(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("文件应为 UTF-8 编码的 GeoJSON 或 KML") from None
    return from_geojson(text)


def checked(polygon: Any) -> dict[str, Any]:
    """A valid polygon inside the league, as a GeoJSON Polygon; ValueError in Chinese."""
    if polygon.is_empty or len(polygon.exterior.coords) < 4:
        raise ValueError("地块边界至少需要三个不同的点")
    if sum(len(r.coords) for r in [polygon.exterior, *polygon.interiors]) > MAX_VERTICES:
        raise ValueError(f"地块边界点过多（最多{MAX_VERTICES}个），请简化后再导入")
    west, south, east, north = LEAGUE_BOX
    minx, miny, maxx, maxy = polygon.bounds
    if minx < west or maxx > east or miny < south or maxy > north:
        raise ValueError("地块边界不在兴安盟范围内；坐标应为 WGS-84 经纬度（经度在前）")
    if not polygon.is_valid:
        raise ValueError("地块边界自相交，无法计算面积，请检查边界点的顺序")
    result: dict[str, Any] = json.loads(json.dumps(mapping(polygon)))  # tuples → lists
    return result


def area_mu(outline: dict[str, Any]) -> Decimal:
    """The outline's area on the WGS-84 ellipsoid, in 亩."""
    area, _ = _GEOD.geometry_area_perimeter(shape(outline))
    return mu_from_square_metres(abs(area))


def rings(outline: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """The outline's rings as (lon, lat) pairs, outer ring first."""
    return [[(float(x), float(y)) for x, y, *_ in ring] for ring in outline.get("coordinates", [])]
