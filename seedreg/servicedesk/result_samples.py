"""Masked sample contexts of the result documents of introductions and of the requests (quality
inspection, site and consignment quarantine), in the shape the real documents' builders give
their templates, with names hidden and numbers masked (兴署发〔2021〕5号 Art. 11: 不宜公开的信息).
Each builder is given the QR's address (the matter's guide)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from seedreg import pdf_samples
from seedreg.introductions.documents import scope_lines
from seedreg.introductions.routing_rules import DIRECTIVE, REGION_BUREAU, RouteKind
from seedreg.matters.intake import APPEAL_RIGHTS
from seedreg.matters.notice_names import NOTICE_NAMES
from seedreg.quality import documents as quality_documents
from seedreg.quarantine import documents as quarantine_documents
from seedreg.quarantine.rules import CertificateState
from seedreg.requests.rules import DISPOSAL_LABELS, Disposal
from seedreg.servicedesk.guide_rules import mask_name, mask_number

Builder = Callable[[str], dict[str, Any]]
ISSUED_ON = pdf_samples.DEMO_PRINTED_ON
LEAGUE_BUREAU = "兴安盟林业和草原局"
SEED_STATION = "兴安盟林木种苗站"
QUARANTINE_STATION = "兴安盟森林病虫害防治检疫站"


def _organisation() -> dict[str, str]:
    return {"name": mask_name(pdf_samples.demo_organisation().name)}


def _licence_number() -> str:
    return mask_number(pdf_samples.demo_licence().number)


# --- introductions (seedreg.introductions.documents.notice_context) ---

_SCOPE: dict[str, Any] = {
    "species": "樟子松",
    "variety": "樟子松（普通种）",
    "variety_number": "",
    "origin_code": "150700",
    "supplier": "呼伦贝尔市××林木种苗有限公司",
    "supplier_licence": "150700202600**",
    "quantity": "20000",
    "unit": "株",
    "purpose": "造林使用",
    "sites": [{"division_code": "152223", "place": "××镇××村"}],
    "valid_from": "2027-04-01",
    "valid_to": "2027-06-30",
    "quarantine": "调运前由调出地森林病虫害防治检疫站实施检疫，随货附植物检疫证书",
}


def _introduction(kind: str, content: dict[str, Any], route: RouteKind) -> Builder:
    def build(url: str) -> dict[str, Any]:
        return {
            "notice": {
                "kind": kind,
                "number": "兴林草引〔2026〕×号",
                "issued_on": ISSUED_ON,
                "content": content,
            },
            "title": NOTICE_NAMES[kind],
            "application": {
                "reference": "YZ2026000***",
                "submitted_at": datetime(2026, 11, 2, 1, 15, tzinfo=UTC),
                "accepted_on": date(2026, 11, 3),
            },
            "route_label": route.label,
            "lines": scope_lines(content),
            "approval": None,
            "organisation": _organisation(),
            "authority": LEAGUE_BUREAU,
            "verify_url": url,
        }

    return build


introduction_grant = _introduction(
    "introduction_grant",
    {**_SCOPE, "basis": DIRECTIVE, "conditions": "造林后一年内报告成活情况"},
    RouteKind.OTHER_CITY,
)
introduction_refusal = _introduction(
    "introduction_refusal",
    {
        **_SCOPE,
        "basis": DIRECTIVE,
        "reasons": "供种单位的生产经营许可证已过有效期，不能证明种苗来源合法。",
        "rights": APPEAL_RIGHTS,
        "contact": pdf_samples.SAMPLE_CONTACT,
    },
    RouteKind.OTHER_CITY,
)
introduction_forward = _introduction(
    "introduction_forward",
    {
        **_SCOPE,
        "origin_code": "230100",
        "basis": DIRECTIVE,
        "forwarded_to": REGION_BUREAU,
        "opinion": "材料齐全，引种地点、数量与造林计划相符，建议准予引种。",
    },
    RouteKind.OTHER_PROVINCE,
)


# --- quality (seedreg.quality.documents.build_context) ---


def _lot() -> SimpleNamespace:
    return SimpleNamespace(
        organisation_name=_organisation()["name"],
        licence_number=_licence_number(),
        number="PC2026-000***",
        material="seedling",
        species="樟子松",
        latin_name="Pinus sylvestris var. mongolica",
        variety="",
        improved=False,
        approval_number="",
        origin="内蒙古自治区兴安盟扎赉特旗",
        production_site_text="扎赉特旗××镇××苗圃",
        nursery_base="",
        produced_on=date(2026, 10, 15),
        quantity_text="30000 株",
    )


def quality_certificate(url: str) -> dict[str, Any]:
    cert = SimpleNamespace(
        number="ZJ2026-152200-****",
        basis="station",
        authority=SEED_STATION,
        in_force=True,
        status_label="有效",
        status_reason="",
        grade="I",
        indicators={
            "seedling_type": "播种苗",
            "age_code": "2-0",
            "root_collar_cm": 0.45,
            "height_cm": 20,
            "share_I": 70,
            "share_II": 25,
        },
        basis_reference="GB 6000-1999 附录A 樟子松 播种苗 2-0",
        inspector_name=mask_name("王海东"),
        signer_name=mask_name("包金花"),
        issued_on=ISSUED_ON,
        valid_to=date(2027, 5, 26),
        verify_url=url,
    )
    inspection = SimpleNamespace(inspected_on=date(2026, 11, 20))
    return quality_documents.build_context(cert, _lot(), inspection)


def _result_notice(
    title: str, matter: str, examined: str, lines: list[tuple[str, str]], **facts: Any
) -> dict[str, Any]:
    ordered = facts.pop("ordered")
    shown = facts.pop("shown", (Disposal.TREAT, Disposal.REINSPECT, Disposal.DESTROY))
    return {
        "title": title,
        "notice": {"issued_on": ISSUED_ON},
        "request": {
            "reference": "SQ2026000***",
            "matter_name": matter,
            "examined": examined,
            "accepted_on": date(2026, 11, 18),
        },
        "organisation": _organisation(),
        "lines": lines,
        "disposals": [(DISPOSAL_LABELS[d], d is ordered) for d in shown],
        # a public service, not a licence: why and how to reach the office (兴署发〔2021〕5号
        # Art. 17(二)), not 行政许可法's review and litigation wording
        "rights": "",
        "contact": f"{facts['authority']}，××市××路××号，电话 0482-×××××××",
        **facts,
    }


def quality_result(url: str) -> dict[str, Any]:
    lot = _lot()
    lines = [
        ("批次号", lot.number),
        ("树种", lot.species),
        ("生产地点", lot.production_site_text),
        ("批次数量", lot.quantity_text),
    ]
    return _result_notice(
        "质量检验结果告知书",
        "林木种子苗木质量检验申请",
        "检验",
        lines,
        result="不合格",
        reasons="地径 0.45 cm、苗高 20 cm：达到 I级苗要求；\n"
        "I、II级苗百分率 80%：低于要求（≥ 90%）；\n"
        "结论：I、II级苗百分率达不到要求，该批苗木不合格。",
        basis="GB 6000-1999 附录A 樟子松 播种苗 2-0",
        ordered=Disposal.REINSPECT,
        shown=(Disposal.REINSPECT, Disposal.DESTROY),
        disposal_basis="《中华人民共和国种子法》第四十八条：质量低于国家规定标准的为劣种子，"
        "不得作为合格种苗销售",
        authority=SEED_STATION,
        verify_url=url,
    )


# --- quarantine (seedreg.quarantine.documents.site_context / consignment_context) ---


def _quarantine_lot() -> SimpleNamespace:
    return SimpleNamespace(
        lot_number="PC2026-000***",
        species="樟子松",
        variety="",
        material_label="苗木",
        quantity="30000 株",
        packing="捆装",
    )


def _quarantine_cert(url: str, **fields: Any) -> SimpleNamespace:
    return SimpleNamespace(
        state=CertificateState.VALID,
        state_label="有效",
        status_reason="",
        organisation_name=_organisation()["name"],
        division_name="扎赉特旗",
        findings="未发现检疫对象",
        inspector_name=mask_name("王海东"),
        inspector_qualification="NM-SJ-2026-***",
        issued_on=ISSUED_ON,
        valid_to=date(2027, 5, 26),
        issuing_authority=QUARANTINE_STATION,
        verify_url=url,
        **fields,
    )


def site_certificate(url: str) -> dict[str, Any]:
    cert = _quarantine_cert(
        url,
        number="CD2026-152223-****",
        production_site="扎赉特旗××镇××苗圃 3号地块",
        inspected_on=date(2026, 11, 20),
        lots=[_quarantine_lot()],
    )
    return quarantine_documents.site_context(cert)  # type: ignore[arg-type]


def consignment_certificate(url: str) -> dict[str, Any]:
    cert = _quarantine_cert(
        url,
        number="JY2026-152223-****",
        consignee=mask_name("兴安盟沨河林场"),
        consignee_address="内蒙古自治区兴安盟科尔沁右翼前旗××镇",
        origin="扎赉特旗××镇××苗圃",
        via="",
        destination="科尔沁右翼前旗××镇",
        destination_division="152221",
        destination_province="内蒙古自治区",
        inter_province=False,
        requirement_number="",
        vehicle="蒙F·*****",
        ships_on=date(2026, 11, 28),
        exchanged_from_number="",
        items=[_quarantine_lot()],
    )
    return quarantine_documents.consignment_context(cert)  # type: ignore[arg-type]


def _quarantine_result(matter: str, basis: str, ordered: Disposal) -> Builder:
    def build(url: str) -> dict[str, Any]:
        lot = _quarantine_lot()
        lines = [
            ("批次号", lot.lot_number),
            ("树种", lot.species),
            ("产地", "扎赉特旗××镇××苗圃 3号地块"),
            ("数量", lot.quantity),
        ]
        return _result_notice(
            "检疫结果告知书",
            matter,
            "检疫",
            lines,
            result="发现检疫对象",
            reasons="经现场抽样和室内鉴定，在抽查的苗木中发现检疫对象（名称见鉴定报告），\n"
            "为害株率约 3%。",
            basis=basis,
            ordered=ordered,
            disposal_basis="《植物检疫条例》第八条：能彻底除害处理的，在指定地点处理，"
            "经检查合格后方可签发证书；无法处理的，停止调运，依第十八条可予销毁",
            authority=QUARANTINE_STATION,
            verify_url=url,
        )

    return build


site_quarantine_result = _quarantine_result(
    "产地检疫申请", "《植物检疫条例》第十一条", Disposal.TREAT
)
consignment_quarantine_result = _quarantine_result(
    "调运检疫报检", "《植物检疫条例》第七条", Disposal.DESTROY
)
