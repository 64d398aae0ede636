"""Which adapter seals, and which printed documents are issued documents (pure)."""

from __future__ import annotations

from enum import StrEnum


class Adapter(StrEnum):
    NONE = "none"
    TEST = "test"
    REGION = "region"

    @property
    def label(self) -> str:
        return ADAPTER_LABELS[self]


ADAPTER_LABELS = {
    Adapter.NONE: "不加盖电子印章（纸质文书在窗口加盖实物印章）",
    Adapter.TEST: "本地测试签章（带“测试”标记，不具法律效力）",
    Adapter.REGION: "自治区统一电子印章系统",
}


# What a document's public verification page says of its seal (Art. 26). Issued PDFs are
# rendered and sealed at download, so the adapter in force is the one on a copy taken now.
VERIFICATION_LINES = {
    Adapter.NONE: "未加盖电子印章，以窗口加盖的实物印章为准",
    Adapter.TEST: "电子文书加盖的是本地测试签章（带“测试”标记），不是合法印章，不具法律效力；"
    "纸质文书以窗口加盖的实物印章为准",
    Adapter.REGION: "电子文书由自治区统一电子印章系统加盖电子印章",
}


class DocumentKind(StrEnum):
    """Kinds of issued documents the seal is applied to; the region's system is told which."""

    LICENCE = "licence"
    NOTICE = "notice"
    FILING = "filing"
    QUALITY_CERTIFICATE = "quality_certificate"
    QUARANTINE_CERTIFICATE = "quarantine_certificate"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    DocumentKind.LICENCE: "林木种子生产经营许可证",
    DocumentKind.NOTICE: "许可文书",
    DocumentKind.FILING: "备案文书",
    DocumentKind.QUALITY_CERTIFICATE: "质量检验合格证",
    DocumentKind.QUARANTINE_CERTIFICATE: "植物检疫证书",
}

# Printed templates that are issued documents (Art. 26: 电子证照 and 电子材料 carry the seal).
# Labels, records and samples are not: they are printed by or for the holder, not issued.
ISSUED_TEMPLATES: dict[str, DocumentKind] = {
    "licence_original.html": DocumentKind.LICENCE,
    "licence_duplicate.html": DocumentKind.LICENCE,
    "filing_receipt.html": DocumentKind.FILING,
    "filing_supplement.html": DocumentKind.FILING,
    "quality_certificate.html": DocumentKind.QUALITY_CERTIFICATE,
    "quarantine_certificate.html": DocumentKind.QUARANTINE_CERTIFICATE,
    "site_quarantine.html": DocumentKind.QUARANTINE_CERTIFICATE,
}


def kind_of_template(template_name: str) -> DocumentKind | None:
    """The issued-document kind a PDF template prints, or None (not an issued document)."""
    if template_name.startswith("notice_"):
        return DocumentKind.NOTICE
    return ISSUED_TEMPLATES.get(template_name)
