"""Quality-certificate values no source settles (facts §4.1: validity and issuer NOT FOUND)."""

from seedreg.core import rulesettings as rs
from seedreg.quality.tester_rules import PATH_CHOICES

CERTIFICATE_VALID_DAYS = rs.define(
    rs.SettingDef(
        key="quality.certificate_valid_days",
        group="质量检验",
        label="质量检验合格证有效期",
        default=180,
        unit="天",
        minimum=1,
        maximum=3650,
        basis=rs.Basis.LOCAL,
        description="自签发之日起计算。现行规定中未查到质量检验合格证的统一有效期，默认180天。",
    )
)
CERTIFICATE_PATHS = rs.define(
    rs.SettingDef(
        key="quality.certificate_paths",
        group="质量检验",
        label="质量检验合格证的签发途径",
        default="both",
        choices=PATH_CHOICES,
        basis=rs.Basis.LOCAL,
        description=(
            "种子法未规定质量检验合格证由谁签发（第四十七条只要求检验员具有中专以上有关专业学历）。"
            "档案管理办法要求保存自检原始记录和合格证，生产经营者经种苗站核验的检验员自检是通常依据；"
            "种苗站的检验为抽检，结论低于自检时推翻自检合格证。默认两条途径都可签发。"
        ),
    )
)
