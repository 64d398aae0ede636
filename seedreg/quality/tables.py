from piccolo.columns import (
    JSON,
    Boolean,
    Date,
    DoublePrecision,
    ForeignKey,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.columns.base import OnDelete
from piccolo.columns.column_types import Serial
from piccolo.table import Table

from seedreg.accounts.tables import User
from seedreg.lots.tables import Lot
from seedreg.organisations.tables import Organisation


class SeedGradingRow(Table, help_text="One seed grading row (GB 7908 / DB15/T 281 structure)."):
    id: Serial  # added by Piccolo; declared for the type checker
    species = Varchar(length=40, index=True)
    standard = Varchar(length=120, help_text="e.g. DB15/T 281-2024")
    grade_min = JSON(default="{}", help_text='{"I": {"purity": 95, "germination": 80}, …}')
    max_moisture = DoublePrecision(help_text="含水量上限 %, all grades")
    note = Varchar(length=200, default="")
    active = Boolean(default=True)
    updated_at = Timestamptz()
    table_ref = Varchar(length=60, default="", help_text="表号, e.g. 附录A 表A.1")
    row_ref = Varchar(length=80, default="", help_text="行, e.g. 红皮云杉 移植苗 2-2")
    source = Varchar(
        length=300, default="", help_text="The standard's text, or a public copy's URL."
    )
    confidence = Varchar(length=12, default="", help_text="A public copy's: high / medium / low.")
    state = Varchar(length=12, default="draft", help_text="draft / confirmed (grading_rules).")
    entered_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    entered_at = Timestamptz(null=True, default=None)
    confirmed_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    confirmed_at = Timestamptz(null=True, default=None)


class SeedlingGradingRow(Table, help_text="One seedling grading row (GB 6000 / DB15/T 374)."):
    id: Serial  # added by Piccolo; declared for the type checker
    species = Varchar(length=40, index=True)
    standard = Varchar(length=120)
    seedling_type = Varchar(length=20, help_text="播种苗 / 移植苗 / 插条苗 …")
    age_code = Varchar(length=16, help_text="苗龄, e.g. 2-2")
    grade_I = JSON(default="{}")
    grade_II = JSON(default="{}")
    min_share_I_II = DoublePrecision(help_text="I、II级苗百分率下限 %")
    overall = Varchar(length=200, default="", help_text="综合控制指标")
    region = Varchar(length=60, default="", help_text="适用范围")
    note = Varchar(length=200, default="")
    active = Boolean(default=True)
    updated_at = Timestamptz()
    table_ref = Varchar(length=60, default="", help_text="表号, e.g. 附录A 表A.1")
    row_ref = Varchar(length=80, default="", help_text="行, e.g. 红皮云杉 移植苗 2-2")
    source = Varchar(
        length=300, default="", help_text="The standard's text, or a public copy's URL."
    )
    confidence = Varchar(length=12, default="", help_text="A public copy's: high / medium / low.")
    state = Varchar(length=12, default="draft", help_text="draft / confirmed (grading_rules).")
    entered_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    entered_at = Timestamptz(null=True, default=None)
    confirmed_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    confirmed_at = Timestamptz(null=True, default=None)


class QualityTester(
    Table, help_text="检验员 of an organisation, verified by the 种苗站 (Art. 47)."
):
    id: Serial  # added by Piccolo; declared for the type checker
    organisation = ForeignKey(Organisation, on_delete=OnDelete.restrict, index=True)
    name = Varchar(length=60)
    id_number = Varchar(length=18, help_text="身份证号; never shown publicly.")
    qualification_number = Varchar(length=40, help_text="检验员资格证书编号")
    education = Varchar(length=12, help_text="学历: 中专 or higher (种子法第四十七条)")
    speciality = Varchar(length=60, help_text="所学专业")
    status = Varchar(length=12, default="pending", help_text="pending / verified / withdrawn")
    status_reason = Text(default="", help_text="Why it was withdrawn.")
    registered_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    verified_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    verified_at = Timestamptz(null=True, default=None)
    withdrawn_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    withdrawn_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()


class QualityInspection(Table, help_text="A quality inspection of a lot: 自检 or by the 种苗站."):
    id: Serial  # added by Piccolo; declared for the type checker
    lot = ForeignKey(Lot, on_delete=OnDelete.restrict, index=True)
    by_station = Boolean(default=False, help_text="False = the operator's self-inspection.")
    inspected_on = Date()
    inspector_name = Varchar(length=60)
    tester = ForeignKey(
        QualityTester, null=True, on_delete=OnDelete.restrict, help_text="自检: the 检验员."
    )
    measured = JSON(default="{}", help_text="Indicators as measured (see quality.rules).")
    grading_row = JSON(null=True, default=None, help_text="Snapshot of the row graded against.")
    grade = Varchar(length=4, null=True, default=None, help_text="I / II / III; null = 不合格")
    passed = Boolean(null=True, default=None, help_text="null = no thresholds for the species.")
    reasons = JSON(default="[]")
    recorded_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    created_at = Timestamptz()


class QualityCertificate(Table, help_text="质量检验合格证 of a lot: 站检 or the operator's 自检."):
    id: Serial  # added by Piccolo; declared for the type checker
    number = Varchar(length=24, unique=True)
    public_id = Varchar(length=24, unique=True)
    lot = ForeignKey(Lot, on_delete=OnDelete.restrict, index=True)
    inspection = ForeignKey(QualityInspection, on_delete=OnDelete.restrict)
    basis = Varchar(length=8, default="station", help_text="station (站检) / self (自检)")
    division_code = Varchar(
        length=6,
        index=True,
        help_text="站检: the station's jurisdiction; 自检: the lot's division.",
    )
    grade = Varchar(length=4)
    indicators = JSON(default="{}", help_text="As printed.")
    inspector_name = Varchar(length=60)
    tester = ForeignKey(QualityTester, null=True, on_delete=OnDelete.restrict)
    issued_by = ForeignKey(User, null=True, on_delete=OnDelete.set_null)
    signer_name = Varchar(
        length=40, default="", help_text="站检: the real name of the official who issued it."
    )
    issued_on = Date()
    valid_to = Date(index=True)
    status = Varchar(length=12, default="valid", help_text="valid / revoked")
    status_reason = Text(default="")
    overruled_by = ForeignKey(
        QualityInspection,
        null=True,
        on_delete=OnDelete.restrict,
        help_text="The station inspection that overruled this 自检 certificate.",
    )
    created_at = Timestamptz()
