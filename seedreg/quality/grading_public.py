"""The grading rows public copies of the standards show (fixtures/reference/grading_seedlings.csv,
with their source and confidence), loaded as DRAFTS: no certificate is issued from them until
the 种苗站 or the admin has checked them against the league's copy and a second person confirmed.
Idempotent; never touches a row someone has entered or edited."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from seedreg.core import clock
from seedreg.core.audit import services as audit
from seedreg.core.db import transaction
from seedreg.quality import grading_rules
from seedreg.quality.grading_rules import RowState
from seedreg.quality.tables import SeedlingGradingRow
from seedreg.reference import services as reference
from seedreg.settings import PROJECT_ROOT

PUBLIC_ROWS = PROJECT_ROOT / "fixtures" / "reference" / "grading_seedlings.csv"

# Species the public rows name exactly that the directive's list does not (it says "云杉");
# added as not recommended so that a lot can name them.
UNLISTED_SPECIES: dict[str, dict[str, Any]] = {
    "红皮云杉": {
        "name_zh": "红皮云杉",
        "category": "主要造林树种",
        "latin_name": "Picea koraiensis Nakai",
        "latin_confidence": "medium",
        "note": "不在推荐名录：GB 6000-1999 分级表的树种；名录中的“云杉”未指明种",
        "sort_order": 1000,
    },
    "油松": {
        "name_zh": "油松",
        "category": "主要造林树种",
        "latin_name": "Pinus tabuliformis Carrière",
        "latin_confidence": "medium",
        "note": "不在推荐名录：GB 6000-1999 分级表的树种",
        "sort_order": 1001,
    },
}


def read_public_rows(path: Path = PUBLIC_ROWS) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8", newline="") as f:
        return grading_rules.public_seedling_rows(csv.DictReader(f))


async def load_public_rows(path: Path = PUBLIC_ROWS) -> int:
    """Insert the public rows not yet on file (matched by standard, species, 苗木种类 and 苗龄
    with the same source) as drafts entered by no one; their species added when unlisted."""
    changed = 0
    T = SeedlingGradingRow
    async with transaction():
        for row in read_public_rows(path):
            if row["species"] in UNLISTED_SPECIES:
                changed += await reference.ensure_unlisted_species(UNLISTED_SPECIES[row["species"]])
            if await T.exists().where(
                (T.standard == row["standard"])
                & (T.species == row["species"])
                & (T.seedling_type == row["seedling_type"])
                & (T.age_code == row["age_code"])
                & (T.source == row["source"])
            ):
                continue
            await T.insert(T(**row, state=RowState.DRAFT, active=True, updated_at=clock.now()))
            changed += 1
        if changed:
            await audit.record(
                audit.SYSTEM,
                "grading:load_public_rows",
                "reference",
                "quality",
                after={"changed": changed, "state": RowState.DRAFT},
            )
    return changed
