"""Helpers for on-site check tests: a team of inspectors (two in 乌兰浩特市, one in 科右前旗, one
at the league), a whole check body, a tiny PNG and JPEG (the JPEG with a GPS EXIF tag)."""

from __future__ import annotations

import asyncio
import io
import uuid
from dataclasses import dataclass

from PIL import Image

from seedreg.accounts.rules import Role
from tests import factories
from tests.fixtures import Api, token_for, unique


def key() -> str:
    return str(uuid.uuid4())


@dataclass
class Team:
    first: Api  # 乌兰浩特市
    second: Api  # 乌兰浩特市
    first_id: int
    second_id: int
    other_banner: Api  # 科右前旗
    other_banner_id: int
    league: Api
    league_id: int
    officer_id: int
    first_username: str = ""
    other_banner_username: str = ""  # a licensing officer of 乌兰浩特市: not an enforcement officer


def _inspector(server: str, where: str, card: str) -> tuple[Api, int, str]:
    name = unique("insp")

    async def make() -> int:
        return await factories.make_user(
            name, Role.INSPECTOR, jurisdiction=where, enforcement_id=card
        )

    user_id = asyncio.run(make())
    return Api(server, token_for(server, name)), user_id, name


def make_team(server: str) -> Team:
    card = lambda: f"1522{uuid.uuid4().int % 10**10:010d}"  # noqa: E731
    first, first_id, first_name = _inspector(server, "152201", card())
    second, second_id, _ = _inspector(server, "152201", card())
    other, other_id, other_name = _inspector(server, "152221", card())
    league, league_id, _ = _inspector(server, "152200", card())
    officer_id = asyncio.run(
        factories.make_user(unique("off"), Role.LICENSING_OFFICER, jurisdiction="152201")
    )
    return Team(
        first, second, first_id, second_id, other, other_id, league, league_id, officer_id,
        first_name, other_name,
    )  # fmt: skip


def body(team: Team, target_id: int, **changes: object) -> dict:
    data: dict = {
        "idempotency_key": key(),
        "origin": "ad_hoc",
        "target_kind": "organisation",
        "target_id": target_id,
        "representative": "王经理",
        "representative_role": "生产负责人",
        "place": "乌兰浩特市义勒力特镇苗圃",
        "inspector_ids": [team.first_id, team.second_id],
        "started_at": "2026-11-27T01:30:00+00:00",
        "ended_at": "2026-11-27T02:45:00+00:00",
        "latitude": 46.0801,
        "longitude": 122.0512,
        "accuracy_m": 12.5,
        "checklist": [
            {"code": "V1-1", "result": "complies", "note": ""},
            {"code": "V3-2", "result": "complies", "note": ""},
        ],
        "signature": {"refused": True, "witness": "村委会主任李四", "reason": "称负责人不在"},
    }
    data.update(changes)
    return data


def png(colour: str = "black", size: tuple[int, int] = (60, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return out.getvalue()


def jpeg_with_location() -> bytes:
    image = Image.new("RGB", (80, 60), "green")
    exif = image.getexif()
    exif[0x0132] = "2026:11:27 09:40:00"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (46.0, 4.0, 48.0), "E", (122.0, 3.0, 4.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()
