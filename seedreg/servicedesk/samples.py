"""Blank forms, filled samples (样表) and masked result-document samples for every matter in
the catalogue, and the printable guide with its QR code (兴署发〔2021〕5号 Arts. 10(二), 11).

Everything is generated from data: the forms from ``fixtures/forms/forms.json`` (a generic form
for a table material it does not describe yet), the result samples from the demo contexts the
PDF samples use, with names and numbers hidden and 样本 across every page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

import anyio.to_thread

from seedreg import pdf_samples
from seedreg.accounts.rules import LEAGUE_CODE
from seedreg.core.errors import NotFound
from seedreg.core.pdf import render_pdf
from seedreg.core.pdfmarks import overlay
from seedreg.licensing.documents import build_licence_context
from seedreg.matters import catalogue
from seedreg.matters.schemas import MatterOut
from seedreg.reference import authorities
from seedreg.reference.authorities import AuthorityKind
from seedreg.servicedesk import guide_rules
from seedreg.servicedesk import result_samples as rs
from seedreg.settings import PROJECT_ROOT, get_settings

FORMS_FILE = PROJECT_ROOT / "fixtures" / "forms" / "forms.json"
# Matters whose full guide is a page of their own domain; the others' guide is /guides/<code>.
GUIDE_PAGES = {"licensing": "/licensing/guide"}


@cache
def _definitions() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(FORMS_FILE.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if not k.startswith("_")}


def guide_path(matter: str) -> str:
    return GUIDE_PAGES.get(matter, f"/guides/{matter}")


def guide_url(matter: str) -> str:
    """What the guide's QR code holds: the public address of the matter's guide."""
    return get_settings().public_base_url + guide_path(matter)


async def _matter(code: str) -> MatterOut:
    try:
        return await catalogue.matter(code)
    except NotFound:
        raise NotFound("没有这个事项") from None


def form_definition(matter: MatterOut, code: str) -> guide_rules.FormDefinition:
    material = next((m for m in matter.materials if m.code == code), None)
    if material is None or not material.table_form:
        raise NotFound("该材料不是表格类材料，没有空表和样表")
    key = f"{matter.code}:{code}"
    data = _definitions().get(key)
    if data is None:
        return guide_rules.generic_definition(key, material.name, material.legal_basis)
    return guide_rules.definition_from(key, data)


def table_materials(matter: MatterOut) -> list[dict[str, Any]]:
    """The matter's form materials, each with its download links."""
    base = f"/guides/{matter.code}/forms"
    return [
        {
            "code": m.code,
            "name": m.name,
            "blank_url": f"{base}/{m.code}/blank.pdf",
            "sample_url": f"{base}/{m.code}/sample.pdf",
        }
        for m in matter.materials
        if m.table_form
    ]


@dataclass(frozen=True)
class ResultSample:
    label: str
    template: str
    context: Callable[[str], dict[str, Any]]  # given the QR's address


def _masked_licence(verify_url: str) -> Any:
    licence = pdf_samples.demo_licence(verify_url=verify_url)
    licence.holder_name = guide_rules.mask_name(licence.holder_name)
    licence.legal_representative = guide_rules.mask_name(licence.legal_representative)
    licence.registered_address = "内蒙古自治区兴安盟乌兰浩特市××路×号"
    licence.number = guide_rules.mask_number(licence.number)
    return licence


def _licence_context(copy: str) -> Callable[[str], dict[str, Any]]:
    return lambda url: build_licence_context(_masked_licence(url), copy, pdf_samples.DEMO_DIVISIONS)


def _notice_context(kind: str) -> Callable[[str], dict[str, Any]]:
    def build(url: str) -> dict[str, Any]:
        content = pdf_samples.DEMO_NOTICES[kind]
        context: dict[str, Any] = pdf_samples.demo_notice_context(kind, content)
        context["organisation"] = {
            "name": guide_rules.mask_name(pdf_samples.demo_organisation().name)
        }
        context["verify_url"] = url
        licence = context.get("licence")
        if isinstance(licence, dict):
            licence["number"] = guide_rules.mask_number(licence["number"])
        return context

    return build


def _filing_receipt(url: str) -> dict[str, Any]:
    return {
        "notice": {"number": "扎林草备〔2026〕×号", "issued_on": date(2026, 11, 27)},
        "title": "林木种子生产经营备案回执",
        "application": {
            "reference": "BA2026000***",
            "submitted_at": datetime(2026, 11, 25, 2, 0, tzinfo=UTC),
        },
        "kind_label": "经营不再分装的包装种子",
        "lines": [("供种者许可证编号", "152201202600**"), ("经营的品种", "樟子松（包装种子）")],
        "basis": "种子法第三十八条第一款",
        "organisation": {"name": "扎赉特旗××种苗经销部"},
        "authority": "扎赉特旗林业和草原局",
        "verify_url": url,
    }


# Result documents as the catalogue names them -> their samples.
RESULT_SAMPLES: dict[str, list[ResultSample]] = {
    "林木种子生产经营许可证（正本、副本）": [
        ResultSample("许可证正本", "licence_original.html", _licence_context("original")),
        ResultSample("许可证副本", "licence_duplicate.html", _licence_context("duplicate")),
    ],
    "准予行政许可决定书": [
        ResultSample("准予行政许可决定书", "notice_grant.html", _notice_context("grant"))
    ],
    "不予行政许可决定书": [
        ResultSample("不予行政许可决定书", "notice_refusal.html", _notice_context("refusal"))
    ],
    "林木种子生产经营备案回执": [
        ResultSample("林木种子生产经营备案回执", "filing_receipt.html", _filing_receipt)
    ],
    "准予引种决定书": [
        ResultSample("准予引种决定书", "introduction_grant.html", rs.introduction_grant)
    ],
    "不予批准引种决定书": [
        ResultSample("不予批准引种决定书", "introduction_refusal.html", rs.introduction_refusal)
    ],
    "引种申请报送告知书": [
        ResultSample("引种申请报送告知书", "introduction_forward.html", rs.introduction_forward)
    ],
    "质量检验合格证": [
        ResultSample("质量检验合格证", "quality_certificate.html", rs.quality_certificate)
    ],
    "质量检验结果（不合格的说明理由）": [
        ResultSample("质量检验结果告知书（不合格）", "request_result.html", rs.quality_result)
    ],
    "产地检疫合格证": [ResultSample("产地检疫合格证", "site_quarantine.html", rs.site_certificate)],
    "植物检疫证书": [
        ResultSample("植物检疫证书", "quarantine_certificate.html", rs.consignment_certificate)
    ],
}

QUARANTINE_NOTICE = "检疫结果告知（发现检疫对象的，写明除害处理、复检或销毁）"
# A result document several matters name alike, each with its own sample: (matter, name) -> ...
MATTER_RESULT_SAMPLES: dict[tuple[str, str], list[ResultSample]] = {
    ("site_quarantine_request", QUARANTINE_NOTICE): [
        ResultSample("检疫结果告知书（产地检疫）", "request_result.html", rs.site_quarantine_result)
    ],
    ("consignment_quarantine_request", QUARANTINE_NOTICE): [
        ResultSample(
            "检疫结果告知书（调运检疫）", "request_result.html", rs.consignment_quarantine_result
        )
    ],
}


def samples_of(matter: str, name: str) -> list[ResultSample]:
    """The samples of one result document of one matter (none: an empty list)."""
    return MATTER_RESULT_SAMPLES.get((matter, name)) or RESULT_SAMPLES.get(name, [])


def result_samples(matter: MatterOut) -> list[dict[str, Any]]:
    """Each result document with the links to its samples (none yet: an empty list)."""
    out = []
    index = 0
    for name in matter.result_documents:
        links = []
        for sample in samples_of(matter.code, name):
            index += 1
            links.append(
                {"label": sample.label, "url": f"/guides/{matter.code}/results/{index}/sample.pdf"}
            )
        out.append({"name": name, "samples": links})
    return out


def _sample_at(matter: MatterOut, index: int) -> ResultSample:
    samples = [s for name in matter.result_documents for s in samples_of(matter.code, name)]
    if not 1 <= index <= len(samples):
        raise NotFound("没有这份结果文书样本")
    return samples[index - 1]


async def guide_extras(code: str) -> dict[str, Any]:
    """What the guide's forms-and-samples page shows of one matter."""
    matter = await _matter(code)
    return {
        "matter": matter,
        "forms": table_materials(matter),
        "results": result_samples(matter),
        "guide_path": guide_path(code),
        "guide_url": guide_url(code),
        "authority": (await authorities.authority(AuthorityKind.BUREAU, LEAGUE_CODE)).name,
    }


def _render_form(
    definition: guide_rules.FormDefinition,
    matter_name: str,
    url: str,
    filled: bool,
    authority: str = "",
) -> bytes:
    pdf = render_pdf(
        "material_form.html",
        {
            "form": definition,
            "sections": definition.rows(filled=filled),
            "signature": definition.sample_signature if filled else ("", ""),
            "filled": filled,
            "matter_name": matter_name,
            "verify_url": url,
            "authority": authority,
        },
    )
    return overlay(pdf, "sample_mark.html", every_page=True) if filled else pdf


async def form_pdf(code: str, material: str, *, filled: bool) -> bytes:
    """A table material's blank form, or its filled sample marked 样表 on every page."""
    matter = await _matter(code)
    definition = form_definition(matter, material)
    authority = (await authorities.authority(AuthorityKind.BUREAU, LEAGUE_CODE)).name
    return await anyio.to_thread.run_sync(
        _render_form, definition, matter.name, guide_url(code), filled, authority
    )


def _render_result(sample: ResultSample, url: str) -> bytes:
    pdf = render_pdf(sample.template, sample.context(url))
    return overlay(pdf, "sample_mark.html", every_page=True)


async def result_pdf(code: str, index: int) -> bytes:
    """A result document's masked sample; its QR leads to the guide, not to a record."""
    matter = await _matter(code)
    return await anyio.to_thread.run_sync(
        _render_result, _sample_at(matter, index), guide_url(code)
    )


async def guide_pdf(code: str) -> bytes:
    """The guide's printable version from the catalogue, with the QR to its page."""
    extras = await guide_extras(code)
    context = {**extras, "verify_url": extras["guide_url"]}
    return await anyio.to_thread.run_sync(render_pdf, "service_guide.html", context)
