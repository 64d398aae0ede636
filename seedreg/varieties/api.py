"""JSON API of the 良种 register: every signed-in user reads it, the league admin writes it,
and the xlsx import and export run through the same services as the pages."""

from __future__ import annotations

from typing import Any

from litestar import Response, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody

from seedreg.accounts.web import CurrentActor
from seedreg.core.web import importing
from seedreg.core.web.responses import XLSX, xlsx_response
from seedreg.varieties import rules, services
from seedreg.varieties.importing import VARIETIES, export_xlsx
from seedreg.varieties.schemas import StopIn, VarietyFilters, VarietyIn, VarietyOut

BASE = "/api/varieties"
TAGS = ["林木良种"]


def _out(row: dict[str, Any]) -> VarietyOut:
    return VarietyOut(**row)


@get(BASE, tags=TAGS, summary="林木良种名录（可按树种、状态筛选）")
async def api_list(
    actor: CurrentActor,
    species: FromQuery[str] = "",
    status: FromQuery[rules.VarietyStatus | None] = None,
) -> list[VarietyOut]:
    rows = await services.search(VarietyFilters(species=species[:40], status=status))
    return [_out(r) for r in rows]


@get(f"{BASE}/export.xlsx", tags=TAGS, summary="导出林木良种名录（xlsx）", media_type=XLSX)
async def api_export(
    actor: CurrentActor,
    species: FromQuery[str] = "",
    status: FromQuery[rules.VarietyStatus | None] = None,
) -> Response[bytes]:
    rows = await services.search(VarietyFilters(species=species[:40], status=status))
    return xlsx_response(export_xlsx(rows), "improved-varieties.xlsx")


@get(f"{BASE}/{{variety_id:int}}", tags=TAGS, summary="一个林木良种")
async def api_get(actor: CurrentActor, variety_id: FromPath[int]) -> VarietyOut:
    return _out(await services.get(variety_id))


@post(BASE, tags=TAGS, summary="登记林木良种（管理员）")
async def api_create(actor: CurrentActor, data: JSONBody[VarietyIn]) -> VarietyOut:
    return _out(await services.create(actor, data))


@put(f"{BASE}/{{variety_id:int}}", tags=TAGS, summary="更正林木良种（管理员）")
async def api_update(
    actor: CurrentActor, variety_id: FromPath[int], data: JSONBody[VarietyIn]
) -> VarietyOut:
    return _out(await services.update(actor, variety_id, data))


@post(
    f"{BASE}/{{variety_id:int}}/stop",
    tags=TAGS,
    summary="登记停止推广（管理员，种子法第七十七条第一款第三项）",
    status_code=200,
)
async def api_stop(
    actor: CurrentActor, variety_id: FromPath[int], data: JSONBody[StopIn]
) -> VarietyOut:
    return _out(await services.stop(actor, variety_id, data))


def _answer(result: dict[str, Any]) -> dict[str, Any]:
    """The counts, the saved 良种 as ``ids``."""
    return {k: v for k, v in result.items() if k != "saved"} | {"ids": result["saved"]}


IMPORT_HANDLERS = importing.mount_api(
    VARIETIES,
    base=f"{BASE}/import",
    noun="林木良种",
    tags=TAGS,
    ensure=services.ensure_keeper,
    filename="improved-varieties-template.xlsx",
    actor_type=CurrentActor,
    answer=_answer,
)


HANDLERS = [
    api_list,
    api_export,
    api_get,
    api_create,
    api_update,
    api_stop,
    *IMPORT_HANDLERS,
]
