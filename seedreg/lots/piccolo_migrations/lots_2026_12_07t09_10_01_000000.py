"""Lots: the typed 苗圃基地 of existing lots is matched to the register where it can be: the same
organisation and the same name, exactly or after normalising (spaces, full-width letters and
brackets, a trailing "基地"/"苗圃" suffix). A lot whose text matches no base, or more than one,
keeps its text unlinked (the lot page shows it as "未关联登记的苗圃基地" with a way to link it):
nothing typed is lost, the text column is not touched.

Self-contained (its own normaliser, not the app's, so it means the same whenever it runs); plain
SQL the same on SQLite and PostgreSQL; safe to re-run (only unlinked lots are looked at). A
separate migration because Piccolo runs a migration's raw steps before its new columns exist."""

import re
import unicodedata

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine.finder import engine_finder
from piccolo.querystring import QueryString

ID = "2026-12-07T09:10:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "match typed nursery bases"

_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    """ "红星 苗圃（基地）" and "红星苗圃(基地)" and "红星苗圃基地" read alike."""
    text = unicodedata.normalize("NFKC", name or "")
    text = _SPACES.sub("", text).replace("(", "").replace(")", "")
    return text.removesuffix("基地").removesuffix("苗圃") if text else ""


async def match_lots() -> dict[str, int]:
    """Link every unlinked lot whose typed base names exactly one base of its organisation."""
    engine = engine_finder()
    bases = await engine.run_querystring(
        QueryString("SELECT id, organisation, name FROM nursery_base")
    )
    by_key: dict[tuple[int, str], list[int]] = {}
    for base in bases or []:
        for key in {base["name"].strip(), normalise(base["name"])} - {""}:
            by_key.setdefault((base["organisation"], key), []).append(base["id"])
    lots = await engine.run_querystring(
        QueryString(
            "SELECT id, organisation, nursery_base FROM lot "
            "WHERE base IS NULL AND nursery_base <> ''"
        )
    )
    linked = kept = 0
    for lot in lots or []:
        text = lot["nursery_base"].strip()
        found = by_key.get((lot["organisation"], text)) or by_key.get(
            (lot["organisation"], normalise(text) or "-")
        )
        if found and len(set(found)) == 1:
            await engine.run_querystring(
                QueryString("UPDATE lot SET base = {} WHERE id = {}", found[0], lot["id"])
            )
            linked += 1
        else:
            kept += 1
    return {"linked": linked, "kept": kept}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="lots", description=DESCRIPTION)
    manager.add_raw(match_lots)
    return manager
