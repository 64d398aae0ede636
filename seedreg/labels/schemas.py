"""Pydantic models of the labels API: inputs and outputs."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field

from seedreg.core.inputs import Input
from seedreg.labels.rules import Verdict


class IssueIn(Input):
    """签发标签: N labels, each for ``quantity_each`` (kg for seed, 株 for seedlings)."""

    count: int = Field(ge=1, description="标签张数")
    quantity_each: Decimal = Field(gt=0, description="每张标签的数量：种子 kg，苗木 株")


class VoidIn(Input):
    reason: str = Field(min_length=2, max_length=150, description="作废原因")


class FlagNoteIn(Input):
    note: str = Field(default="", max_length=500, description="处理说明")


class LocationIn(Input):
    """A scanner's optional shared position (decimal degrees, WGS 84)."""

    latitude: float = Field(ge=-90, le=90)
    longitude: float = Field(ge=-180, le=180)


class CertificateRef(BaseModel):
    id: int
    number: str
    valid_to: date
    kind: str = ""


class FixLink(BaseModel):
    """Where a gap in the records is put right (a page of the app)."""

    label: str
    url: str
    items: list[str] = Field(description="所缺的标签必填项")


class ReadinessOut(BaseModel):
    """两证一签 of a lot on a day: complete, or what is missing."""

    lot_id: int
    lot_number: str
    species: str
    material: str
    on: date
    complete: bool
    problems: list[str]
    fixes: list[FixLink] = Field(
        default_factory=list, description="标签必填项在记录中为空时，到哪里补填"
    )
    quantity: str
    labelled: str
    remaining: str
    licence_number: str
    quality_certificate: CertificateRef | None
    quarantine_certificate: CertificateRef | None


class VerdictOut(BaseModel):
    """The public check's verdict as every page shows it (issue 14 item 8: one verdict)."""

    kind: Verdict
    word: str = Field(description="有效 / 无效 / 未找到，与公众核验页相同")
    label: str = Field(description="如：许可证已吊销、批次已召回")
    ok: bool
    tone: str = Field(description="granted（有效）/ refused（无效）")


class LabelOut(BaseModel):
    id: int
    serial: str
    lot_id: int
    issue_id: int
    sequence: int
    version: int
    version_label: str = Field(description="原标签 / 补发标签 N")
    quantity: int = Field(description="g（种子）或 株（苗木）")
    quantity_display: str
    status: str
    void_reason: str
    superseded_by: str
    issued_on: date
    verify_url: str
    verdict: VerdictOut = Field(description="公众核验此刻给出的结论（与 /v/{serial} 相同）")


class IssueOut(BaseModel):
    id: int
    lot_id: int
    lot_number: str
    count: int
    quantity_each: int = Field(description="g（种子）或 株（苗木）")
    quantity_each_display: str
    first_sequence: int
    last_sequence: int
    issued_on: date
    created_at: datetime
    labelled: str
    remaining: str
    content: dict[str, Any]


class LabelPage(BaseModel):
    items: list[LabelOut]
    total: int
    page: int
    page_size: int


class FlagOut(BaseModel):
    id: int
    serial: str
    label_id: int | None
    lot_number: str
    division_code: str
    reason: str
    reason_label: str
    detail: dict[str, Any]
    raised_at: datetime
    status: str
    status_label: str = Field(description="待处理 / 已确认仿冒 / 已排除")
    handled: bool = Field(description="种苗站已确认或排除")
    note: str
    handled_at: datetime | None


class PublicLabel(BaseModel):
    """What the label should say (an individual producer's name, address and phone masked)."""

    category: str
    species: str
    latin_name: str
    variety: str
    variety_right_number: str = Field(
        description="品种权号（授权保护的品种；种子法第四十条第三款）"
    )
    approval_number: str
    quantity: str = Field(description="带单位，如 12.5 kg、3000 株")
    producer: str
    producer_caption: str = Field(
        description="生产经营者；分装的批次为“分装单位”（种子法第三十九条）"
    )
    registered_address: str
    phone: str
    licence_number: str
    lot_number: str
    produced_on: str
    origin: str = Field(description="产地；购进或分装的批次同时写明来源（供应商和批次）")
    origin_caption: str = Field(description="产地，或购进、分装批次的“产地/来源”")
    quality: str
    quality_certificate_number: str
    quarantine_number: str
    suitable_area: str
    suitable_season: str
    instructions: str = Field(
        description="使用说明全文（随标签附送；标签上放不下全文时只印“随附使用说明书”）"
    )
    version: int = Field(description="1 = 原标签，N > 1 = 补发标签 N-1")
    version_label: str = Field(description="原标签 / 补发标签 N")
    issued_on: date


class ChangeOut(BaseModel):
    """Something that changed since the label was issued."""

    kind: Verdict = Field(description="变化的种类（与 verdict 取值相同）")
    on: date | None = Field(description="发生或到期的日期（已知时）")
    text: str = Field(description="如：质量检验合格证已于2026年11月30日到期")
    lapse: bool = Field(
        description="true：签发后自然到期，只作提示，标签仍然真实有效；"
        "false：召回、吊销、撤销等，标签不再有效"
    )


class VerificationOut(BaseModel):
    """The public verification of a serial (the JSON twin of the page ``/v/{serial}``).

    A certificate or licence that ran out after the label was issued does not make the label
    invalid: ``verdict`` stays ``valid`` and ``changes`` / ``notice`` say what ran out and
    when. A recall, a revocation or a voided label makes ``verdict`` red (``ok`` false)."""

    serial: str
    verdict: Verdict
    verdict_label: str
    verdict_word: str = Field(description="有效 / 无效 / 未找到：核验页首先显示的词")
    ok: bool = Field(
        description="标签真实且现在有效（签发后证照自然到期的，仍为 true，另见 notice）"
    )
    checked_on: date
    issued_valid: bool = Field(
        description="标签是登记系统签发的，签发时许可证、质量检验合格证和检疫证书齐全有效"
    )
    changes: list[ChangeOut] = Field(description="签发以后发生的变化，撤销类在前，到期类在后")
    notice: str = Field(
        description="有效标签的证照在签发后到期时的提示，如“标签真实，签发时证照齐全有效；"
        "质量检验合格证已于2026年11月30日到期”；否则为空"
    )
    label: PublicLabel | None
    current_serial: str = Field(description="被补发取代时：现行标签的序列号")
    current_url: str
    recall_reason: str
    public_key_url: str


class FieldScanIn(Input):
    """An official's scan, as the phone queued it: the QR text the camera read, or a typed
    serial; when, where, and what the phone's offline signature check said."""

    idempotency_key: str = Field(
        pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
        description="手机为每次扫码生成的 UUID；同一个键重复提交只记录一次",
    )
    qr_text: str = Field(default="", max_length=1000, description="二维码内容（扫码时）")
    serial: str = Field(default="", max_length=40, description="手工输入的序列号（无二维码时）")
    scanned_at: datetime | None = Field(default=None, description="扫码时间（手机时钟）")
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    phone_result: str = Field(
        default="", pattern=r"^(valid|invalid|)$", description="手机离线核验签名的结果"
    )


class PrintedOut(BaseModel):
    """What the label's signed QR says."""

    serial: str
    lot: str
    licence_number: str
    species: str
    quantity: str
    issued_on: date
    version: int


class SignatureOut(BaseModel):
    checked: bool = Field(description="有二维码可核验（手工输入序列号时为 false）")
    ok: bool
    reason: str
    printed: PrintedOut | None = Field(description="签名有效时：二维码中签名的内容")


class MismatchOut(BaseModel):
    hint: str = Field(description="violation_hint：检查模块据此预填违法行为目录中的条目")
    text: str
    basis: str = Field(description="依据的法条")


class FieldScanOut(BaseModel):
    """One recorded field scan with the registry's truth now, and each difference found."""

    id: int
    idempotency_key: str
    serial: str
    scanned_at: datetime
    received_at: datetime
    latitude: float | None
    longitude: float | None
    phone_result: str
    signature: SignatureOut
    registry: VerificationOut
    mismatches: list[MismatchOut]
    violation_hints: list[str]
    lot_url: str = Field(description="本人有权查看时：批次标签页的地址")
