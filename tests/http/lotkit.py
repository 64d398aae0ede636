"""Building blocks for the lot and quality tests: licences recorded through the API, lots,
species and grading rows with unique names, and the API's error shape."""

from __future__ import annotations

import random
import re
from datetime import date, timedelta

from seedreg.core import clock
from tests.fixtures import unique

CHINESE = re.compile(r"[\u4e00-\u9fff]")
SITE = {
    "division_code": "152201",
    "township": "义勒力特镇",
    "village": "红星村",
    "detail": "3号地块",
}
OTHER_SITE = {
    "division_code": "152201",
    "township": "葛根庙镇",
    "village": "新艾里村",
    "detail": "",
}
BOB_SITE = {"division_code": "152221", "township": "大坝沟镇", "village": "前进村", "detail": ""}
VARIETY = {
    "species": "樟子松",
    "variety": "樟子松优良种源",
    "approval_number": "国S-SP-PS-001-2020",
}


def today() -> date:
    return clock.today()


def ok(response, status: int = 200) -> dict:
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    return response.json()


def refused(response, status: int, *fragments: str, field: str | None = None) -> str:
    """The API's error shape with a Chinese message containing every fragment."""
    assert response.status_code == status, f"{response.status_code}: {response.text[:800]}"
    error = response.json()["error"]
    assert error["status"] == status
    assert CHINESE.search(error["message"]), error["message"]
    for fragment in fragments:
        assert fragment in error["message"], f"{fragment!r} not in {error['message']!r}"
    if field is not None:
        assert error["field"] == field, error
    return error["message"]


def new_species(admin) -> str:
    """A species of its own for a test, so grading rows of other tests cannot interfere."""
    name = unique("树")
    ok(admin.post("/api/reference/species", json={"name_zh": name, "category": "乡土树种"}), 201)
    return name


def record_licence(
    officer,
    organisation_id: int,
    *,
    species: list[str],
    scope: list[str] | None = None,
    varieties: list[dict] | None = None,
    sites: list[dict] | None = None,
    valid_from: date | None = None,
    valid_to: date | None = None,
) -> dict:
    """A licence entered as region-issued (so validity dates and 良种 can be chosen freely)."""
    valid_from = valid_from or today() - timedelta(days=60)
    body = {
        "organisation_id": organisation_id,
        "details": {
            "legal_representative": "张三",
            "registered_address": "乌兰浩特市兴安南大路1号",
            "scope": scope or ["seed", "seedling"],
            "species": species,
            "varieties": varieties or [],
            "production_sites": sites or [SITE, OTHER_SITE],
            "valid_area": ["150000"],
        },
        "valid_from": valid_from.isoformat(),
        "valid_to": (valid_to or valid_from + timedelta(days=5 * 365)).isoformat(),
        "issued_on": valid_from.isoformat(),
    }
    for _ in range(5):
        body["number"] = f"150000{random.randint(0, 10**8 - 1):08d}"
        r = officer.post("/api/licensing/licences/region", json=body)
        if r.status_code != 409:
            return ok(r, 201)
    raise AssertionError("no free licence number")


def lot_body(licence: dict, **changes: object) -> dict:
    body = {
        "licence_id": licence["id"],
        "material": "seedling",
        "species": licence["species"][0],
        "variety": "",
        "improved": False,
        "approval_number": "",
        "origin": "兴安盟乌兰浩特市",
        "production_site": licence["production_sites"][0],
        "nursery_base": "红星苗圃",
        "produced_on": (today() - timedelta(days=10)).isoformat(),
        "quantity": 5000,
        "suitable_area": "兴安盟各旗县市",
        "suitable_season": "春季",
        "instructions": "随起随栽，注意保湿。",
    }
    return body | changes


def make_lot(client, licence: dict, **changes: object) -> dict:
    return ok(client.post("/api/lots", json=lot_body(licence, **changes)), 201)


def seedling_row(species: str, **changes: object) -> dict:
    """A FICTIONAL DB15/T 374-style row (numbers invented for the tests), with 根幅."""
    row = {
        "species": species,
        "standard": "DB15/T 374-2023（测试数据）",
        "table_ref": "表1",
        "row_ref": f"{species} 移植苗 2-2",
        "seedling_type": "移植苗",
        "age_code": "2-2",
        "grade_I": {
            "root_collar_cm": 0.5,
            "height_cm": 25,
            "root_length_cm": 20,
            "lateral_roots": 12,
            "root_spread_cm": 18,
        },
        "grade_II": {
            "root_collar_cm": 0.35,
            "height_cm": 15,
            "root_length_cm": 15,
            "lateral_roots": 8,
            "root_spread_cm": 12,
        },
        "min_share_I_II": 80,
        "overall": "顶芽饱满，无损伤",
        "region": "兴安盟",
    }
    return row | changes


def spruce_row(species: str) -> dict:
    """The public GB 6000-1999 红皮云杉 移植苗 2-2 numbers (fixtures/reference/
    grading_seedlings.csv) on a species of a test's own, with a table reference."""
    return {
        "species": species,
        "standard": "GB 6000-1999",
        "table_ref": "附录A",
        "row_ref": f"{species} 移植苗 2-2",
        "seedling_type": "移植苗",
        "age_code": "2-2",
        "grade_I": {
            "root_collar_cm": 0.4,
            "height_cm": 18,
            "root_length_cm": 20,
            "lateral_roots": 15,
        },
        "grade_II": {
            "root_collar_cm": 0.3,
            "height_cm": 12,
            "root_length_cm": 20,
            "lateral_roots": 10,
        },
        "min_share_I_II": 85,
        "overall": "顶芽饱满，无损伤",
        "region": "内蒙古",
    }


def seed_row(species: str, **changes: object) -> dict:
    """A FICTIONAL GB 7908-style row (numbers invented for the tests)."""
    row = {
        "species": species,
        "standard": "DB15/T 281-2024（测试数据）",
        "table_ref": "表1",
        "row_ref": species,
        "grade_min": {
            "I": {"purity": 95, "germination": 85},
            "II": {"purity": 90, "germination": 70},
            "III": {"purity": 85, "germination": 55},
        },
        "max_moisture": 10,
    }
    return row | changes


def confirmed_row(enterer, confirmer, kind: str, body: dict) -> dict:
    """A grading row one person enters and another confirms (four eyes), as certificates need."""
    row = ok(enterer.post(f"/api/quality/grading/{kind}", json=body), 201)
    return ok(confirmer.post(f"/api/quality/grading/{kind}/{row['id']}/confirm"))


def seedling_measures(**changes: object) -> dict:
    data = {
        "inspected_on": today().isoformat(),
        "inspector_name": "李检验",
        "seedling_type": "移植苗",
        "age_code": "2-2",
        "root_collar_cm": 0.45,
        "height_cm": 20,
        "root_length_cm": 22,
        "lateral_roots": 16,
        "share_I": 60,
        "share_II": 30,
    }
    return data | changes


def seed_measures(**changes: object) -> dict:
    data = {
        "inspected_on": today().isoformat(),
        "inspector_name": "李检验",
        "purity": 96,
        "germination": 86,
        "moisture": 8,
        "thousand_seed_weight_g": 6.5,
    }
    return data | changes
