"""Building blocks for the nursery-base tests: a valid base as the API takes it, and outlines."""

from __future__ import annotations

import json

from tests.fixtures import unique

# A square of 0.01° near 乌兰浩特: about 1288 亩 on the WGS-84 ellipsoid.
SQUARE = [[122.0, 46.0], [122.01, 46.0], [122.01, 46.01], [122.0, 46.01], [122.0, 46.0]]
SQUARE_MU = 1288
KML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>一号地块</name>'
    "<Polygon><outerBoundaryIs><LinearRing><coordinates>"
    + " ".join(f"{x},{y},0" for x, y in SQUARE)
    + "</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>"
)


def base_body(**changes: object) -> dict:
    """A complete base for alice's banner (乌兰浩特市), private, no outline."""
    body = {
        "name": unique("苗圃"),
        "kind": "private",
        "division_code": "152201",
        "address": "义勒力特镇红星村",
        "lat": 46.05,
        "lon": 122.05,
        "area_unit": "mu",
        "total_area": "150",
        "production_area": "120",
        "facilities": ["irrigation", "greenhouse"],
        "stock": [{"species": "樟子松", "age_code": "2-1", "grade": "Ⅰ级苗", "quantity": 120000}],
        "annual_output": 80000,
        "duties": [],
    }
    body.update(changes)
    return body


def square_geojson() -> dict:
    return {"type": "Polygon", "coordinates": [SQUARE]}


def square_text() -> str:
    return json.dumps(square_geojson())
