"""The whole on-site check as the phone submits it (``CheckIn``) and as the server answers
(``CheckOut``). The page's form fields are named after these fields one to one (nested lists
as ``checklist-<n>-code`` and so on, see check_forms.py), so a client that keeps the form
locally can build this body from it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import AwareDatetime, BaseModel, Field

from seedreg.core.inputs import Input
from seedreg.inspections.check_rules import FindingSource, ItemResult, Origin
from seedreg.inspections.rules import TargetKind
from seedreg.inspections.schemas import PenaltyRangeOut
from seedreg.labels.schemas import FieldScanIn

UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
GOODS_VALUE = Field(default=None, ge=0, le=10_000_000_000, description="货值（元）；不填表示未计算")


class ChecklistAnswer(Input):
    code: str = Field(max_length=12, description="违法行为目录编号，如 V3-2")
    result: ItemResult
    note: str = Field(default="", max_length=500)
    goods_value: Decimal | None = GOODS_VALUE


class FindingIn(Input):
    """A finding the inspector adds beyond the checklist (or accepts from a scan)."""

    code: str = Field(max_length=12)
    text: str = Field(min_length=2, max_length=1000)
    source: FindingSource = FindingSource.OTHER
    scan_key: str = Field(default="", max_length=36)
    goods_value: Decimal | None = GOODS_VALUE


class SampleIn(Input):
    """抽样: one sealed sample taken for laboratory testing."""

    number: str = Field(min_length=1, max_length=40, description="样品编号")
    goods: str = Field(min_length=1, max_length=120, description="样品名称（树种、品种、批次）")
    quantity: str = Field(min_length=1, max_length=40, description="抽样数量（含单位）")
    base_quantity: str = Field(default="", max_length=40, description="被抽样批次数量")
    seal: str = Field(default="", max_length=120, description="封样情况（封条编号、签封人）")


class SeizedGoods(Input):
    goods: str = Field(min_length=1, max_length=120)
    quantity: str = Field(min_length=1, max_length=40)


class SeizureIn(Input):
    """先行登记保存 (行政处罚法 Art. 56): goods, where they are kept, and why."""

    goods: list[SeizedGoods] = Field(min_length=1, max_length=30)
    place: str = Field(min_length=2, max_length=200, description="保存地点")
    reason: str = Field(
        min_length=2, max_length=500, description="证据可能灭失或以后难以取得的情形"
    )


class PhotoRef(Input):
    """A photo declared by the phone. One over the size limit is shrunk on the phone before it
    is sent; the phone then names the camera's original by its SHA-256 and size, so the copy
    on file says which original it was made from."""

    key: str = Field(pattern=UUID, description="手机为每张照片生成的 UUID")
    caption: str = Field(default="", max_length=200)
    original_sha256: str = Field(
        default="",
        pattern=r"^([0-9a-f]{64})?$",
        description="手机压缩前原图的 SHA-256（未压缩时为空）",
    )
    original_size: int | None = Field(
        default=None, ge=1, le=1_000_000_000, description="手机压缩前原图的字节数"
    )


class SignatureIn(Input):
    """The party's signature drawn on screen (a PNG uploaded as a photo with this key), or a
    record that they refused, with the witness."""

    photo_key: str = Field(default="", max_length=36)
    refused: bool = False
    witness: str = Field(default="", max_length=60, description="见证人（拒绝签名时）")
    reason: str = Field(default="", max_length=200)


class CheckIn(Input):
    """The whole check, submitted once (``POST /api/inspections/checks``)."""

    idempotency_key: str = Field(pattern=UUID, description="手机为每次检查生成的 UUID")
    origin: Origin = Origin.AD_HOC
    drawn_visit_id: int | None = Field(default=None, description="双随机抽中的检查对象")
    lead_note: str = Field(default="", max_length=1000, description="线索内容")
    target_kind: TargetKind
    target_id: int
    representative: str = Field(min_length=1, max_length=60, description="被检查单位在场人员")
    representative_role: str = Field(default="", max_length=60)
    place: str = Field(default="", max_length=200)
    inspector_ids: list[int] = Field(max_length=6, description="参加检查的执法人员（至少两名）")
    started_at: AwareDatetime = Field(description="开始时间（带时区，如 +08:00）")
    ended_at: AwareDatetime
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    accuracy_m: float | None = Field(default=None, ge=0, le=100_000)
    checklist: list[ChecklistAnswer] = Field(default_factory=list, max_length=60)
    findings: list[FindingIn] = Field(default_factory=list, max_length=60)
    scans: list[FieldScanIn] = Field(default_factory=list, max_length=200)
    samples: list[SampleIn] = Field(default_factory=list, max_length=30)
    seizure: SeizureIn | None = None
    photos: list[PhotoRef] = Field(default_factory=list, max_length=60)
    signature: SignatureIn = Field(default_factory=SignatureIn)
    note: str = Field(default="", max_length=2000)


class InspectorOut(BaseModel):
    id: int
    name: str
    enforcement_id: str


class FindingOut(BaseModel):
    code: str
    name: str
    text: str
    source: FindingSource
    scan_key: str
    basis: str = Field(description="违反的条款")
    penalty_article: str
    goods_value: Decimal | None
    penalty: PenaltyRangeOut


class PhotoOut(BaseModel):
    key: str
    caption: str
    kind: str
    uploaded: bool
    sha256: str
    size: int
    content_type: str
    original_sha256: str = Field(default="", description="压缩件：手机上原图的 SHA-256")
    original_size: int | None = Field(default=None, description="压缩件：手机上原图的字节数")


class ScanOut(BaseModel):
    key: str
    field_scan_id: int
    serial: str
    hints: list[str]


class CheckOut(BaseModel):
    id: int
    idempotency_key: str
    number: str
    public_id: str
    division_code: str
    origin: Origin
    drawn_visit_id: int | None
    lead_note: str
    target_kind: TargetKind
    target_id: int
    target_name: str
    representative: str
    representative_role: str
    place: str
    inspectors: list[InspectorOut]
    started_at: datetime
    ended_at: datetime
    latitude: float | None
    longitude: float | None
    accuracy_m: float | None
    checklist: list[ChecklistAnswer]
    findings: list[FindingOut]
    scans: list[ScanOut]
    samples: list[SampleIn]
    seizure: SeizureIn | None
    seizure_decision_due: date | None = Field(description="先行登记保存的处理决定期限（7个工作日）")
    rectify_due: date | None = Field(description="责令改正期限（有发现问题时）")
    photos: list[PhotoOut]
    signature: SignatureIn
    note: str
    submitted_at: datetime
    documents: dict[str, str] = Field(description="文书名称 → PDF 地址")
