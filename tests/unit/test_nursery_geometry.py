"""Outlines of nursery bases: GeoJSON and KML read, bad files refused in Chinese, geodesic area
on WGS-84 (pyproj.Geod), and the map's projection (issue 18)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from seedreg.nurseries import geometry, mapping

# A square of 0.01° near 乌兰浩特: about 1113 m (north-south) by 772 m (east-west at 46°N).
SQUARE = [[122.0, 46.0], [122.01, 46.0], [122.01, 46.01], [122.0, 46.01], [122.0, 46.0]]
KML = f"""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>一号地块</name>
<Polygon><outerBoundaryIs><LinearRing><coordinates>
{" ".join(f"{x},{y},0" for x, y in SQUARE)}
</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark></Document></kml>"""


def test_the_geodesic_area_of_a_square_is_right():
    outline = geometry.from_geojson(json.dumps({"type": "Polygon", "coordinates": [SQUARE]}))
    mu = geometry.area_mu(outline)
    # 1111.9 m × 772.5 m ≈ 858,900 m² ≈ 1288 亩 (ellipsoid: within a few 亩)
    assert Decimal(1280) < mu < Decimal(1295), mu


def test_geojson_feature_and_collection_are_accepted():
    feature = {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": [SQUARE]},
    }
    a = geometry.from_geojson(json.dumps(feature))
    b = geometry.from_geojson(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    assert a == b
    assert a["type"] == "Polygon"


def test_kml_gives_the_same_outline_as_geojson():
    from_kml = geometry.from_kml(KML.encode())
    from_json = geometry.from_geojson(json.dumps({"type": "Polygon", "coordinates": [SQUARE]}))
    assert geometry.area_mu(from_kml) == geometry.area_mu(from_json)
    assert geometry.from_upload("地块.kml", KML.encode()) == from_kml


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("not json", "不是有效的 GeoJSON"),
        ('{"type": "Point", "coordinates": [122, 46]}', "多边形"),
        (
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [[[116.0, 39.0], [116.1, 39.0], [116.1, 39.1], [116.0, 39.0]]],
                }
            ),
            "不在兴安盟范围内",
        ),
        (
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [
                        [
                            [122.0, 46.0],
                            [122.01, 46.01],
                            [122.01, 46.0],
                            [122.0, 46.01],
                            [122.0, 46.0],
                        ]
                    ],
                }
            ),
            "自相交",
        ),
        (
            json.dumps(
                {
                    "type": "Polygon",
                    "coordinates": [[[46.0, 122.0], [46.0, 122.01], [46.01, 122.0], [46.0, 122.0]]],
                }
            ),
            "经度在前",
        ),
    ],
)
def test_bad_geojson_is_refused_in_chinese(text, fragment):
    with pytest.raises(ValueError, match=fragment):
        geometry.from_geojson(text)


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"<kml><unclosed>", "不是有效的 KML"),
        (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><kml/>', "DOCTYPE"),
        (b'<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark/></kml>', "多边形"),
        (KML.replace("122.01,46.0,0", "abc").encode(), "坐标格式"),
    ],
)
def test_bad_kml_is_refused_in_chinese(content, fragment):
    with pytest.raises(ValueError, match=fragment):
        geometry.from_kml(content)


def test_the_projection_puts_the_frame_corners_at_the_margins():
    frame = mapping.LEAGUE_FRAME
    assert frame.project(frame.west, frame.north) == (mapping.MARGIN, mapping.MARGIN)
    x, y = frame.project(frame.east, frame.south)
    assert x == frame.width - mapping.MARGIN
    assert y == pytest.approx(frame.height - mapping.MARGIN, abs=0.2)


def test_a_degree_of_latitude_is_drawn_longer_than_a_degree_of_longitude():
    frame = mapping.LEAGUE_FRAME
    x0, y0 = frame.project(121.0, 46.0)
    x1, _ = frame.project(122.0, 46.0)
    _, y1 = frame.project(121.0, 45.0)
    ratio = (y1 - y0) / (x1 - x0)  # 1 / cos(46°) ≈ 1.44
    assert ratio == pytest.approx(1.44, abs=0.02)


def test_an_outline_becomes_an_svg_path():
    frame = mapping.Frame(121.0, 45.0, 123.0, 47.0, width=240)
    d = mapping.path(frame, [[(121.0, 47.0), (123.0, 47.0), (123.0, 45.0)]])
    assert d.startswith("M20.0 20.0L220.0 20.0L220.0 ")
    assert d.endswith("Z")
