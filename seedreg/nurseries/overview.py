"""The state-nursery target (兴署发〔2021〕6号 四) and the officials' map: reads only."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from seedreg.accounts.rules import LEAGUE_CODE, Actor
from seedreg.core import rulesettings as rs
from seedreg.core.errors import Forbidden
from seedreg.nurseries import geometry, mapping, rules
from seedreg.nurseries.rule_settings import TARGET_MAXIMUM, TARGET_MINIMUM, TARGET_SCOPE
from seedreg.nurseries.rules import SCOPE_LABELS, BaseKind, BaseStatus, TargetScope
from seedreg.nurseries.schemas import TargetOut, TargetRowOut
from seedreg.nurseries.services import visible_rows
from seedreg.nurseries.tables import NurseryBase
from seedreg.reference import services as reference
from seedreg.settings import PROJECT_ROOT

SEATS = PROJECT_ROOT / "fixtures" / "nurseries" / "seats.json"


def _ensure_official(actor: Actor) -> None:
    if not actor.is_official:
        raise Forbidden("该页面供林草主管部门工作人员使用")


async def target(actor: Actor) -> TargetOut:
    """Confirmed state bases per banner and for the league against the target settings."""
    _ensure_official(actor)
    values = await rs.current()
    scope = TargetScope(values.of(TARGET_SCOPE))
    minimum, maximum = int(values.of(TARGET_MINIMUM)), int(values.of(TARGET_MAXIMUM))
    rows = await NurseryBase.select(NurseryBase.division_code).where(
        (NurseryBase.kind == BaseKind.STATE) & (NurseryBase.status == BaseStatus.CONFIRMED)
    )
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["division_code"]] = counts.get(row["division_code"], 0) + 1
    banners = [(r["code"], r["name"]) for r in await reference.league_counties()]
    table = rules.target_table(
        counts,
        banners,
        scope=scope,
        minimum=minimum,
        maximum=maximum,
        league=(LEAGUE_CODE, await reference.division_name(LEAGUE_CODE)),
    )
    return TargetOut(
        scope=scope.value,
        scope_label=SCOPE_LABELS[scope],
        minimum=minimum,
        maximum=maximum,
        rows=[TargetRowOut(**r.__dict__, standing_label=r.standing_label) for r in table],
    )


@cache
def seats() -> list[dict[str, Any]]:
    seats_list: list[dict[str, Any]] = json.loads(SEATS.read_text(encoding="utf-8"))["seats"]
    return seats_list


async def map_data(actor: Actor) -> dict[str, Any]:
    """What the map draws: the frame, the seats, and each visible base's point and outline."""
    _ensure_official(actor)
    frame = mapping.LEAGUE_FRAME
    bases = []
    for row in await visible_rows(actor):
        outline = row["outline"] or None
        bases.append(
            mapping.marker(
                frame,
                {
                    "id": row["id"],
                    "name": row["name"],
                    "lat": row["lat"],
                    "lon": row["lon"],
                    "state": row["kind"] == BaseKind.STATE,
                    "kind_label": BaseKind(row["kind"]).label,
                    "path": mapping.path(frame, geometry.rings(outline)) if outline else "",
                },
            )
        )
    return {
        "width": frame.width,
        "height": frame.height,
        "frame_path": mapping.path(
            frame,
            [
                [
                    (frame.west, frame.south),
                    (frame.east, frame.south),
                    (frame.east, frame.north),
                    (frame.west, frame.north),
                ]
            ],
        ),
        "seats": [mapping.marker(frame, s) for s in seats()],
        "bases": bases,
    }
