"""JSON API: reference data and the working-day calendar."""

from __future__ import annotations

from datetime import date

from litestar import get, post, put
from litestar.params import FromPath, FromQuery, JSONBody
from pydantic import BaseModel, Field

from seedreg.accounts.web import CurrentActor
from seedreg.core import calendar
from seedreg.core.errors import RuleViolation
from seedreg.reference import services
from seedreg.reference.schemas import DivisionOut, SpeciesIn, SpeciesOut

TAGS = ["基础数据"]


@get("/api/reference/divisions", tags=TAGS, summary="行政区划")
async def list_divisions() -> list[DivisionOut]:
    return [DivisionOut(**r) for r in await services.divisions()]


@get("/api/reference/species", tags=TAGS, summary="推荐树种名录")
async def list_species() -> list[SpeciesOut]:
    return [SpeciesOut(**r) for r in await services.species_list()]


@post("/api/reference/species", tags=TAGS, summary="新增树种（管理员）")
async def create_species(actor: CurrentActor, data: JSONBody[SpeciesIn]) -> SpeciesOut:
    return SpeciesOut(**await services.save_species(actor, data))


@put("/api/reference/species/{species_id:int}", tags=TAGS, summary="修改树种（管理员）")
async def update_species(
    actor: CurrentActor, species_id: FromPath[int], data: JSONBody[SpeciesIn]
) -> SpeciesOut:
    return SpeciesOut(**await services.save_species(actor, data, species_id))


@post(
    "/api/reference/species/{species_id:int}/confirm-latin",
    tags=TAGS,
    summary="核实树种的拉丁学名（管理员；核实后标签才印学名）",
    status_code=200,
)
async def confirm_latin(actor: CurrentActor, species_id: FromPath[int]) -> SpeciesOut:
    return SpeciesOut(**await services.confirm_latin(actor, species_id))


class DeadlineOut(BaseModel):
    start: date
    workdays: int
    due: date = Field(description="第N个工作日（起算日不计入）")
    calendar_covers: bool = Field(description="该年度法定节假日安排是否已知")
    provisional: bool = Field(
        description="期限落在或跨越调休安排尚未录入的年度：按放假办法推算，暂定"
    )


@get("/api/calendar/deadline", tags=["工作日"], summary="按工作日计算期限")
async def deadline(start: FromQuery[date], workdays: FromQuery[int]) -> DeadlineOut:
    if not 0 <= workdays <= 366:
        raise RuleViolation("工作日数应在0到366之间", field="workdays")
    cal = await calendar.work_calendar()
    due = cal.add_workdays(start, workdays)
    return DeadlineOut(
        start=start,
        workdays=workdays,
        due=due,
        calendar_covers=cal.covers(start) and cal.covers(due),
        provisional=cal.is_provisional(start, due),
    )


HANDLERS = [
    list_divisions,
    list_species,
    create_species,
    update_species,
    confirm_latin,
    deadline,
]
