"""JSON API of key afforestation projects (重点工程造林) and their deliveries."""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromPath, FromQuery, JSONBody
from pydantic import BaseModel

from seedreg.accounts.web import CurrentActor
from seedreg.afforestation import services
from seedreg.afforestation.schemas import DeliveryIn, DeliveryOut, LeadOut, ProjectIn, ProjectOut
from seedreg.core.paging import Page
from seedreg.core.web.bounds import PageNo

TAGS = ["重点工程造林"]


class ProjectItem(BaseModel):
    id: int
    name: str
    year: int
    organisation_name: str
    state_funded: bool
    improved_percent: int


class ProjectPage(Page[ProjectItem]):
    """One page of projects, latest year first."""


@get(
    "/api/afforestation",
    tags=TAGS,
    summary="重点工程造林项目（分页）：建设单位看本单位，工作人员看辖区",
)
async def list_projects(actor: CurrentActor, page: PageNo = 1) -> ProjectPage:
    rows, total = await services.projects(actor, page=page)
    return ProjectPage(
        items=[ProjectItem(**{**r, "organisation_name": r["organisation.name"]}) for r in rows],
        total=total,
        page=page,
        page_size=services.PAGE_SIZE,
    )


@post("/api/afforestation", tags=TAGS, summary="登记重点工程造林项目（种苗站）")
async def create_project(actor: CurrentActor, data: JSONBody[ProjectIn]) -> ProjectOut:
    return await services.create(actor, data)


@get("/api/afforestation/{project_id:int}", tags=TAGS, summary="项目详情：供苗核对与良种比例")
async def get_project(actor: CurrentActor, project_id: FromPath[int]) -> ProjectOut:
    return await services.get(actor, project_id)


@post(
    "/api/afforestation/{project_id:int}/deliveries",
    tags=TAGS,
    summary="登记供苗：按标签序列号逐张核对许可证、证书、标签、树种和引种",
)
async def record_deliveries(
    actor: CurrentActor, project_id: FromPath[int], data: JSONBody[DeliveryIn]
) -> list[DeliveryOut]:
    return await services.record_deliveries(actor, project_id, data)


@post(
    "/api/afforestation/{project_id:int}/assess",
    tags=TAGS,
    summary="核算良种使用比例；国家投资项目低于计划的，提出“应当使用良种而未使用良种”线索",
    status_code=200,
)
async def assess(actor: CurrentActor, project_id: FromPath[int]) -> ProjectOut:
    return await services.assess(actor, project_id)


@get("/api/afforestation/leads", tags=TAGS, summary="违法线索（按建设单位）")
async def list_leads(actor: CurrentActor, organisation_id: FromQuery[int]) -> list[LeadOut]:
    found = await services.leads(organisation_id=organisation_id)
    visible = await services.visible_ids(actor, [lead.project_id for lead in found])
    return [lead for lead in found if lead.project_id in visible]


HANDLERS = [list_projects, create_project, get_project, record_deliveries, assess, list_leads]
