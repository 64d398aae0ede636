"""Render every PDF document with demo data into build/pdf/ (``make pdf-samples``).

Look at the results before accepting a WeasyPrint upgrade or a template change:
WeasyPrint's output changes between releases.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

from seedreg.core.pdf import render_pdf
from seedreg.licensing import documents as licensing_documents
from seedreg.licensing.common import notice_title
from seedreg.licensing.intake import APPEAL_RIGHTS
from seedreg.licensing.notices import NUMBER_PREFIX
from seedreg.licensing.rules import ApplicationKind, decision_basis
from seedreg.organisations import documents as organisation_documents
from seedreg.reference import authorities
from seedreg.settings import PROJECT_ROOT

OUTPUT_DIR = PROJECT_ROOT / "build" / "pdf"
DEMO_BASE_URL = "https://zhongmiao.xam.gov.cn"
DEMO_PRINTED_ON = date(2026, 11, 27)


def demo_organisation() -> SimpleNamespace:
    """A made-up operator with the attributes of ``OrganisationOut``."""
    return SimpleNamespace(
        public_id="ORG-2026-000123",
        kind_label="企业法人",
        name="兴安盟沨河林木种苗繁育有限公司",
        uscc="91152201MA0N1X2Y39",
        id_number=None,
        legal_representative="包金花",
        division_name="乌兰浩特市",
        address="内蒙古自治区兴安盟乌兰浩特市沨河路1号",
        contact_person="王海东",
        phone="0482-8261234",
        created_at=datetime(2026, 3, 14, 2, 30, tzinfo=UTC),
        updated_at=datetime(2026, 11, 26, 16, 30, tzinfo=UTC),  # 11月27日 in China
    )


DEMO_DIVISIONS = {
    "150000": "内蒙古自治区",
    "152200": "兴安盟",
    "152201": "乌兰浩特市",
    "152202": "阿尔山市",
    "152221": "科尔沁右翼前旗",
    "152222": "科尔沁右翼中旗",
    "152223": "扎赉特旗",
    "152224": "突泉县",
}


def demo_licence(**changes: object) -> SimpleNamespace:
    """A made-up licence with the attributes of ``LicenceOut``. Issued by the region, since
    only the region licenses improved varieties (种子法第三十一条第二款)."""
    fields = {
        "id": 12,
        "number": "15000020260012",
        "public_id": "Lc7uQ2xR9bWm4TfA",
        "organisation_id": 123,
        "holder_name": "兴安盟沨河林木种苗繁育有限公司",
        "legal_representative": "包金花",
        "registered_address": "内蒙古自治区兴安盟乌兰浩特市沨河路1号",
        "production_sites": [
            {
                "division_code": "152201",
                "township": "义勒力特镇",
                "village": "红星村",
                "detail": "3号地块",
            },
            {
                "division_code": "152221",
                "township": "科尔沁镇",
                "village": "平安村",
                "detail": "苗圃东区",
            },
        ],
        "scope": ["seed", "seedling"],
        "species": ["樟子松", "兴安落叶松", "山杏", "文冠果"],
        "varieties": [
            {
                "species": "樟子松",
                "variety": "嫩江樟子松种子园种子",
                "approval_number": "蒙S-CSO-PS-001-2016",
            },
            {"species": "文冠果", "variety": "中石4号", "approval_number": "国S-SV-XS-015-2018"},
        ],
        "valid_area": ["152200"],
        "valid_from": date(2026, 11, 27),
        "valid_to": date(2031, 11, 26),
        "issued_on": date(2026, 11, 27),
        "issuing_division": "150000",
        "issuing_authority": "内蒙古自治区林业和草原局",
        "status": "valid",
        "status_label": "有效",
        "status_reason": "",
        "recorded_only": False,
        "verify_url": f"{DEMO_BASE_URL}/verify/licences/Lc7uQ2xR9bWm4TfA",
    }
    fields |= changes
    # as LicenceOut computes them from the status
    fields |= {"in_force": fields["status"] == "valid", "lapsed": fields["status"] == "expired"}
    return SimpleNamespace(**fields)


def demo_licence_with_long_lists() -> SimpleNamespace:
    """Twelve sites and fifteen varieties: the certificate points to its 附页."""
    sites = [
        {"division_code": code, "township": "示范镇", "village": f"第{n}村", "detail": f"{n}号地块"}
        for n, code in enumerate(["152201", "152202", "152221", "152222"] * 3, start=1)
    ]
    varieties = [
        {
            "species": "樟子松",
            "variety": f"示范品种{n}号",
            "approval_number": f"蒙S-SV-PS-{n:03d}-2026",
        }
        for n in range(1, 16)
    ]
    return demo_licence(production_sites=sites, varieties=varieties)


def demo_notice_context(
    kind: str, content: dict[str, object], application_kind: str = "issue"
) -> dict[str, object]:
    """The shape of ``seedreg.licensing.notices.notice_context`` for one notice."""
    number = NUMBER_PREFIX[kind]
    public_id = f"Nt{kind[:6]}2026x"
    licence = demo_licence(number="15220120260007", valid_to=date(2031, 12, 20))
    return {
        "notice": {
            "kind": kind,
            "number": f"乌林草{number}〔2026〕7号",
            "issued_on": DEMO_PRINTED_ON,
            "content": content,
            "public_id": public_id,
        },
        "title": notice_title(kind, application_kind),
        "decision": decision_basis(application_kind),
        "application": {
            "reference": "SQ2026000042",
            "kind": application_kind,
            "submitted_at": datetime(2026, 11, 2, 1, 15, tzinfo=UTC),
            "received_on": date(2026, 11, 9),
            "accepted_on": date(2026, 11, 10),
            "statutory_due": date(2026, 12, 8),
        },
        "kind_label": ApplicationKind(application_kind).label,
        "licence": {
            "number": licence.number,
            "valid_from": date(2026, 12, 21),
            "valid_to": licence.valid_to,
        }
        if kind == "grant"
        else None,
        "organisation": {"name": demo_organisation().name},
        "authority": "乌兰浩特市林业和草原局",
        "verify_url": f"{DEMO_BASE_URL}/verify/notices/{public_id}",
    }


SAMPLE_CONTACT = (
    "兴安盟林业和草原局（地址：兴安盟政务服务中心林业和草原局窗口；电话：0482-8266000）"
)

DEMO_NOTICES: dict[str, dict[str, object]] = {
    "acceptance": {
        "accepted_on": "2026-11-10",
        "statutory_due": "2026-12-08",
        "promised_due": "2026-11-24",
        "pending": [
            {"code": "A06", "name": "生产、检验、加工、贮藏技术人员基本情况说明及劳动合同"}
        ],
        "pending_deadline": "2026-11-24",
    },
    "supplement": {
        "items": [
            {
                "code": "A04",
                "name": "生产经营场所及生产用地权属和用途证明",
                "problem": "缺少3号地块的土地租赁合同",
            },
            {
                "code": "A06",
                "name": "生产、检验、加工、贮藏技术人员基本情况说明及劳动合同",
                "problem": "劳动合同已过期，请提交现行有效的劳动合同",
            },
            {"code": "A07", "name": "品种权人的书面同意证明", "problem": ""},
        ],
        "deadline": "2026-12-11",
    },
    "rejection": {
        "reasons": "申请生产经营林木良种繁殖材料，不属于本机关的许可权限。",
        "competent_authority": "内蒙古自治区林业和草原局",
        "rights": APPEAL_RIGHTS,
        "contact": SAMPLE_CONTACT,
    },
    "grant": {"licence_id": 7, "deemed": False},
    "refusal": {
        "reasons": "经现场核查，申请人无检疫性有害生物的种子生产地点的条件不具备：\n"
        "1. 3号地块发现检疫性有害生物；\n2. 未提供隔离和培育条件的证明。",
        "rights": APPEAL_RIGHTS,
        "contact": SAMPLE_CONTACT,
    },
    "extension": {
        "reasons": "需要组织专家对良种繁育技术方案进行评审。",
        "statutory_due": "2026-12-22",
    },
    "pause": {"reason": "等待苗木产地检疫检验结果。", "from": "2026-11-20"},
    "forward": {"forwarded_on": "2026-11-20", "issuing_due": "2026-12-18"},
}


def samples() -> dict[str, tuple[str, dict[str, object]]]:
    """Output file name -> (template, context), one entry per document type."""
    return {
        "organisation_record.pdf": (
            organisation_documents.RECORD_TEMPLATE,
            organisation_documents.record_context(
                demo_organisation(),
                base_url=DEMO_BASE_URL,
                printed_on=DEMO_PRINTED_ON,
                authority=authorities.chrome().bureau,
            ),
        ),
        **{
            f"licence_{copy}.pdf": (
                f"licence_{copy}.html",
                licensing_documents.build_licence_context(demo_licence(), copy, DEMO_DIVISIONS),
            )
            for copy in licensing_documents.COPIES
        },
        "licence_original_annex.pdf": (
            "licence_original.html",
            licensing_documents.build_licence_context(
                demo_licence_with_long_lists(), "original", DEMO_DIVISIONS
            ),
        ),
        **{
            f"notice_{kind}.pdf": (f"notice_{kind}.html", demo_notice_context(kind, content))
            for kind, content in DEMO_NOTICES.items()
        },
    }


def main() -> None:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    for filename, (template, context) in samples().items():
        target = OUTPUT_DIR / filename
        target.write_bytes(render_pdf(template, context))
        print(f"{target.relative_to(PROJECT_ROOT)}  {target.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
