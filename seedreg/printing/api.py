"""JSON API for label print jobs, and the ops health check."""

from __future__ import annotations

from litestar import get, post
from litestar.params import FromPath, JSONBody
from litestar.response import File

from seedreg.accounts.web import CurrentActor
from seedreg.printing import services
from seedreg.printing.schemas import PrintJobCreate, PrintJobOut

TAGS = ["标签打印"]
BASE = "/api/printing/jobs"


@post(BASE, tags=TAGS, summary="新建标签打印任务（后台生成 PDF）；仅本单位生产经营者")
async def create_job(actor: CurrentActor, data: JSONBody[PrintJobCreate]) -> PrintJobOut:
    return await services.create_job(actor, data)


@get(BASE, tags=TAGS, summary="最近的打印任务：经营者看本单位，工作人员看辖区")
async def list_jobs(actor: CurrentActor) -> list[PrintJobOut]:
    return await services.list_jobs(actor)


@get(f"{BASE}/{{public_id:str}}", tags=TAGS, summary="打印任务状态与进度")
async def job_status(actor: CurrentActor, public_id: FromPath[str]) -> PrintJobOut:
    return await services.get_job(actor, public_id)


@get(
    f"{BASE}/{{public_id:str}}/pdf",
    tags=TAGS,
    summary="下载已完成的打印任务 PDF",
    media_type="application/pdf",
)
async def job_pdf(actor: CurrentActor, public_id: FromPath[str]) -> File:
    path, name = await services.job_file(actor, public_id)
    return File(path=path, filename=name, media_type="application/pdf")


@get("/api/health", tags=["运维"], summary="健康检查（不访问数据库）")
async def health() -> dict[str, str]:
    return {"status": "ok"}


HANDLERS = [create_job, list_jobs, job_status, job_pdf, health]
