"""Pydantic models for grading rows, inspections and 质量检验合格证."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field, computed_field, field_validator

from seedreg.core.inputs import Input
from seedreg.quality.rules import CertificateState
from seedreg.quality.tester_rules import EDUCATION_LEVELS, EDUCATION_REFUSAL

TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


class SeedRowIn(Input):
    """A GB 7908 / DB15/T 281 Table 1 row, as the administrator types it from the standard."""

    species: str = Field(min_length=1, max_length=40, pattern=TEXT, description="树种（名录名称）")
    standard: str = Field(
        min_length=2, max_length=120, pattern=TEXT, description="如 DB15/T 281-2024"
    )
    grade_min: dict[str, dict[str, float]] = Field(
        description='各级下限 %：{"I": {"purity": 95, "germination": 80}, "II": …, "III": …}'
    )
    max_moisture: float = Field(description="各级含水量上限 %")
    table_ref: str = Field(
        min_length=1, max_length=60, pattern=TEXT, description="表号，如 附录A 表A.1"
    )
    row_ref: str = Field(
        min_length=1, max_length=80, pattern=TEXT, description="行，如 红皮云杉 移植苗 2-2"
    )
    source: str = Field(
        default="", max_length=300, pattern=TEXT, description="来源：标准文本（默认）或公开副本网址"
    )
    note: str = Field(default="", max_length=200, pattern=TEXT, description="内部备注，不打印")
    active: bool = True


class SeedlingRowIn(Input):
    """A GB 6000 appendix row or a DB15/T 374-2023 row (with 根幅)."""

    species: str = Field(min_length=1, max_length=40, pattern=TEXT)
    standard: str = Field(min_length=2, max_length=120, pattern=TEXT)
    seedling_type: str = Field(
        min_length=1, max_length=20, pattern=TEXT, description="播种苗、移植苗…"
    )
    age_code: str = Field(min_length=1, max_length=16, description="苗龄，如 2-2")
    grade_I: dict[str, float] = Field(description="I级苗下限：root_collar_cm, height_cm, …")
    grade_II: dict[str, float] = Field(description="II级苗下限")
    min_share_I_II: float = Field(description="I、II级苗百分率下限 %")
    overall: str = Field(default="", max_length=200, pattern=TEXT, description="综合控制指标")
    region: str = Field(default="", max_length=60, pattern=TEXT, description="适用范围")
    table_ref: str = Field(
        min_length=1, max_length=60, pattern=TEXT, description="表号，如 附录A 表A.1"
    )
    row_ref: str = Field(
        min_length=1, max_length=80, pattern=TEXT, description="行，如 红皮云杉 移植苗 2-2"
    )
    source: str = Field(
        default="", max_length=300, pattern=TEXT, description="来源：标准文本（默认）或公开副本网址"
    )
    note: str = Field(default="", max_length=200, pattern=TEXT, description="内部备注，不打印")
    active: bool = True


class RowActiveIn(Input):
    active: bool


class GradingRowOut(BaseModel):
    """What seed and seedling grading rows share: the standard, where in it, who entered and
    who confirmed (issue 14: a certificate only from a confirmed row)."""

    id: int
    species: str
    standard: str
    note: str
    active: bool
    updated_at: datetime
    table_ref: str
    row_ref: str
    reference: str = Field(description="合格证打印的分级依据：标准 表号 行")
    source: str
    confidence: str = Field(description="公开副本的可信度：high / medium / low；空 = 标准文本")
    state: str = Field(description="draft（待确认）/ confirmed（已确认）")
    state_label: str
    complete: bool = Field(description="指标齐全，可用于评定等级")
    entered_by: int | None
    entered_by_name: str
    entered_at: datetime | None
    confirmed_by: int | None
    confirmed_by_name: str
    confirmed_at: datetime | None


class SeedRowOut(GradingRowOut):
    grade_min: dict[str, dict[str, float]]
    second_indicator: str
    max_moisture: float


class SeedlingRowOut(GradingRowOut):
    seedling_type: str
    age_code: str
    grade_I: dict[str, float]
    grade_II: dict[str, float]
    min_share_I_II: float
    overall: str
    region: str


class InspectionIn(Input):
    """Measured indicators. Seed: 净度, one of 发芽率/生活力/优良度, 含水量, 千粒重. Seedlings:
    苗木种类, 苗龄, the representative seedling's 地径/苗高/根系, and the sample's I/II级 shares."""

    inspected_on: date = Field(description="检验日期")
    inspector_name: str = Field(
        default="",
        max_length=60,
        pattern=TEXT,
        description="检验员（种苗站检验；自检选登记的检验员）",
    )
    tester_id: int | None = Field(default=None, description="自检：已经种苗站核验的本单位检验员")
    purity: float | None = Field(default=None, ge=0, le=100, description="净度 %")
    germination: float | None = Field(default=None, ge=0, le=100, description="发芽率 %")
    viability: float | None = Field(default=None, ge=0, le=100, description="生活力 %")
    soundness: float | None = Field(default=None, ge=0, le=100, description="优良度 %")
    moisture: float | None = Field(default=None, ge=0, le=100, description="含水量 %")
    thousand_seed_weight_g: float | None = Field(
        default=None, gt=0, le=5000, description="千粒重 g"
    )
    seedling_type: str | None = Field(default=None, max_length=20, pattern=TEXT)
    age_code: str | None = Field(default=None, max_length=16, description="苗龄，如 2-2")
    root_collar_cm: float | None = Field(default=None, ge=0, le=100, description="地径 cm")
    height_cm: float | None = Field(default=None, ge=0, le=2000, description="苗高 cm")
    root_length_cm: float | None = Field(default=None, ge=0, le=500, description="根系长度 cm")
    lateral_roots: int | None = Field(default=None, ge=0, le=1000, description=">5 cm 一级侧根数")
    root_spread_cm: float | None = Field(default=None, ge=0, le=1000, description="根幅 cm")
    share_I: float | None = Field(default=None, ge=0, le=100, description="样品中 I级苗 %")
    share_II: float | None = Field(default=None, ge=0, le=100, description="样品中 II级苗 %")
    meets_overall: bool = Field(default=True, description="样品符合综合控制指标")


class InspectionOut(BaseModel):
    id: int
    lot_id: int
    by_station: bool
    by_label: str
    inspected_on: date
    inspector_name: str
    tester_id: int | None
    measured: dict
    grading_row: dict | None
    grade: str | None
    grade_label: str
    passed: bool | None
    result_label: str = Field(description="合格 / 不合格 / 无法评定")
    reasons: list[str]
    row_confirmed: bool = Field(description="依据的分级数据行已确认（方可签发合格证）")
    certificate_id: int | None
    issuable: bool = Field(description="合格且可作签发依据（自检须记录已核验的检验员）")
    issuer_role: str = Field(description="可依据本检验签发合格证的角色")
    overruled: list[str] = Field(default=[], description="本次种苗站检验推翻的自检合格证编号")
    created_at: datetime


class RevokeIn(Input):
    reason: str = Field(min_length=4, max_length=1000, pattern=TEXT, description="撤销理由")


class CertificateOut(BaseModel):
    id: int
    number: str
    public_id: str
    lot_id: int
    lot_number: str
    inspection_id: int
    basis: str = Field(description="station（站检）/ self（自检）")
    basis_label: str = Field(description="站检 / 自检")
    division_code: str
    authority: str = Field(description="签发机关（种苗站）或签发单位（自检的生产经营者）")
    grade: str
    grade_label: str
    indicators: dict
    indicators_text: str
    inspector_name: str
    signer_name: str = Field(default="", description="站检：签发人真实姓名")
    tester_id: int | None
    issued_on: date
    valid_to: date
    status: str = Field(description="valid / expired / revoked")
    status_label: str
    status_reason: str
    basis_reference: str = Field(description="分级依据：标准、表号和行")
    overruled_by: int | None = Field(description="推翻该自检合格证的种苗站检验")
    verify_url: str
    created_at: datetime

    @computed_field(description="现在有效（未过期、未撤销）")  # type: ignore[prop-decorator]
    @property
    def in_force(self) -> bool:
        return self.status == CertificateState.VALID

    @computed_field(description="有效期已届满（未撤销）")  # type: ignore[prop-decorator]
    @property
    def lapsed(self) -> bool:
        return self.status == CertificateState.EXPIRED


class TesterIn(Input):
    """A 检验员 the operator registers (种子法第四十七条: 中专以上有关专业学历)."""

    name: str = Field(min_length=2, max_length=60, pattern=TEXT, description="姓名")
    id_number: str = Field(min_length=15, max_length=18, description="身份证号")
    qualification_number: str = Field(
        min_length=4, max_length=40, pattern=TEXT, description="检验员资格证书编号"
    )
    education: str = Field(description="学历：" + "、".join(EDUCATION_LEVELS))
    speciality: str = Field(min_length=2, max_length=60, pattern=TEXT, description="所学专业")

    @field_validator("education")
    @classmethod
    def _art47(cls, value: str) -> str:
        if value not in EDUCATION_LEVELS:
            raise ValueError(EDUCATION_REFUSAL)
        return value


class WithdrawIn(Input):
    reason: str = Field(min_length=4, max_length=1000, pattern=TEXT, description="撤回理由")


class TesterOut(BaseModel):
    id: int
    organisation_id: int
    organisation_name: str
    name: str
    id_number_masked: str
    qualification_number: str
    education: str
    speciality: str
    status: str = Field(description="pending / verified / withdrawn")
    status_label: str
    status_reason: str
    verified_by: str = Field(description="核验的种苗站工作人员")
    verified_at: datetime | None
    actions: list[str] = Field(description="当前账号可做的操作：verify / withdraw")
    created_at: datetime
