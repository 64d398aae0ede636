"""The guides' forms and samples (兴署发〔2021〕5号 Arts. 10–11): a public page per matter with
the blank forms, the filled samples, the masked result samples and the QR to the guide; the
PDFs; the printable guide; and the JSON twin. No login: a guide is public."""

from __future__ import annotations

from typing import Any

from litestar import Request, Response, get
from litestar.params import FromPath
from litestar.response import Template

from seedreg.core.qr import qr_png_bytes, qr_svg_data_uri
from seedreg.core.web.openapi import errors
from seedreg.core.web.pages import page
from seedreg.core.web.responses import pdf_response
from seedreg.servicedesk import samples


@get("/guides/{matter:str}", include_in_schema=False)
async def guide_extras_page(request: Request, matter: FromPath[str]) -> Template:
    extras = await samples.guide_extras(matter)
    return page(
        request, "servicedesk/guide_extras.html", qr=qr_svg_data_uri(extras["guide_url"]), **extras
    )


@get("/guides/{matter:str}/forms/{material:str}/blank.pdf", include_in_schema=False)
async def blank_form(matter: FromPath[str], material: FromPath[str]) -> Response[bytes]:
    pdf = await samples.form_pdf(matter, material, filled=False)
    return pdf_response(pdf, f"{matter}-{material}-blank.pdf")


@get("/guides/{matter:str}/forms/{material:str}/sample.pdf", include_in_schema=False)
async def sample_form(matter: FromPath[str], material: FromPath[str]) -> Response[bytes]:
    pdf = await samples.form_pdf(matter, material, filled=True)
    return pdf_response(pdf, f"{matter}-{material}-sample.pdf")


@get("/guides/{matter:str}/results/{index:int}/sample.pdf", include_in_schema=False)
async def result_sample(matter: FromPath[str], index: FromPath[int]) -> Response[bytes]:
    pdf = await samples.result_pdf(matter, index)
    return pdf_response(pdf, f"{matter}-result-{index}-sample.pdf")


@get("/guides/{matter:str}/qr.png", include_in_schema=False)
async def guide_qr(matter: FromPath[str]) -> Response[bytes]:
    """The QR image the guide pages and their print show: it holds the guide's address."""
    extras = await samples.guide_extras(matter)  # 404 for a matter not in the catalogue
    return Response(qr_png_bytes(extras["guide_url"]), media_type="image/png")


@get("/guides/{matter:str}/guide.pdf", include_in_schema=False)
async def printable_guide(matter: FromPath[str]) -> Response[bytes]:
    return pdf_response(await samples.guide_pdf(matter), f"{matter}-guide.pdf")


@get(
    "/api/guides/{matter:str}",
    tags=["办事指南"],
    summary="事项的空表、样表、结果文书样本和办事指南二维码地址",
    responses=errors(404),
)
async def guide_extras_api(matter: FromPath[str]) -> dict[str, Any]:
    extras = await samples.guide_extras(matter)
    return {
        "matter": extras["matter"].code,
        "name": extras["matter"].name,
        "guide_url": extras["guide_url"],
        "printable_url": f"/guides/{matter}/guide.pdf",
        "forms": extras["forms"],
        "results": extras["results"],
    }


HANDLERS = [
    guide_extras_page,
    blank_form,
    sample_form,
    result_sample,
    printable_guide,
    guide_qr,
    guide_extras_api,
]
