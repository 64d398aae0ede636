"""The data migration that moves licensing's material checklist (material_item, with the
admin's edits) into the catalogue's matter_material, compared column by column on the real
database (SQLite and PostgreSQL)."""

from __future__ import annotations

import importlib
import random

from seedreg.licensing.tables import MaterialItem
from seedreg.matters.tables import MatterMaterial

MIGRATION = importlib.import_module(
    "seedreg.licensing.piccolo_migrations.licensing_2026_12_07t06_00_01_000000"
)


def _columns() -> list[str]:
    return [c._meta.name for c in MaterialItem._meta.columns if c._meta.name != "id"]


async def test_every_checklist_row_is_copied_with_every_column(database):
    # Two items as an admin left them before the catalogue: one retired, one with edited
    # wording and flags unlike the fixture's. Inactive, so no other test's checklist sees them.
    codes = [f"Z{random.randrange(10**6):06d}", f"Z{random.randrange(10**6):06d}"]
    rows = [
        MaterialItem(
            code=codes[0],
            name="生产经营场所照片（管理员改写）",
            legal_basis="《种子法》第三十二条",
            kinds="issue,renewal",
            form="原件",
            copies=2,
            electronic=False,
            required=False,
            note="迁移测试",
            sort_order=77,
            active=False,
        ),
        MaterialItem(
            code=codes[1],
            name="变更登记申请书",
            legal_basis="《种子法》第三十三条第二款",
            kinds="change",
            form="电子",
            copies=0,
            electronic=True,
            required=True,
            note="",
            sort_order=78,
            active=False,
        ),
    ]
    try:
        for row in rows:
            await row.save()
        assert tuple(_columns()) == MIGRATION.COLUMNS  # nothing in the old table is left behind
        assert await MIGRATION.copy_checklist() >= 2
        for code in codes:
            old = await MaterialItem.select().where(MaterialItem.code == code).first()
            new = (
                await MatterMaterial.select()
                .where(MatterMaterial.key == f"licensing:{code}")
                .first()
            )
            assert new is not None
            assert new["matter"] == "licensing"
            assert {c: new[c] for c in _columns()} == {c: old[c] for c in _columns()}
        # Again (a re-run, or rows loaded since): nothing is copied twice or overwritten.
        assert await MIGRATION.copy_checklist() == 0
        assert await MatterMaterial.count().where(MatterMaterial.code.is_in(codes)) == 2
    finally:
        await MaterialItem.delete().where(MaterialItem.code.is_in(codes))
        await MatterMaterial.delete().where(MatterMaterial.code.is_in(codes))
