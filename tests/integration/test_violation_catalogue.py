"""Loading the violation catalogue: new codes come in, unedited rows follow the file, an item the
admin edited stays as saved; the same range for a 货值 through the service as the pure rule."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from seedreg.core.audit.tables import AuditEvent
from seedreg.inspections import catalogue
from seedreg.inspections.schemas import ViolationItemIn
from seedreg.inspections.tables import ViolationItem
from tests import factories
from tests.fixtures import unique


def _copy_with(tmp_path: Path, extra: dict[str, str], changes: dict[str, dict[str, str]]) -> Path:
    with catalogue.FIXTURE.open(encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        fields, rows = reader.fieldnames, list(reader)
    assert fields
    for row in rows:
        row.update(changes.get(row["code"], {}))
    path = tmp_path / "violations.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows([*rows, {**rows[0], **extra}])
    return path


async def test_a_reload_adds_new_codes_and_leaves_the_admins_edits(personas, tmp_path):
    admin = await factories.admin_actor()
    code = unique("T")[:10]
    edited = await catalogue.get_item(admin, "V6-4")
    restore = ViolationItemIn(
        **{k: getattr(edited, k) for k in ("name", "breached_article", "penalty_article")},
        fine_kind=edited.fine_kind,
        min_yuan=edited.min_yuan,
        max_yuan=edited.max_yuan,
        confiscation=edited.confiscation,
        licence_effect=edited.licence_effect,
        other_measures=edited.other_measures,
        note=edited.note,
    )
    try:
        await catalogue.update_item(admin, "V6-4", restore.model_copy(update={"max_yuan": 60000}))
        path = _copy_with(
            tmp_path,
            {"code": code, "name": "测试新增条目"},
            {"V6-4": {"max_yuan": "70000"}},
        )
        events = await AuditEvent.count()
        assert await catalogue.load(path) == 1  # only the new code
        assert await AuditEvent.count() == events + 1
        row = await ViolationItem.select().where(ViolationItem.code == "V6-4").first()
        assert row is not None
        assert row["max_yuan"] == 60000
        assert await catalogue.load(path) == 0
        found = await catalogue.penalty_for(admin, "V6-4", Decimal(1))
        assert (found.min_yuan, found.max_yuan) == (5000, 60000)
    finally:
        await catalogue.update_item(admin, "V6-4", restore)
        await ViolationItem.delete().where(ViolationItem.code == code)
