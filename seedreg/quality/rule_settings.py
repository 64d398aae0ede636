"""Quality-certificate values no source settles (facts §4.1: validity NOT FOUND)."""

from seedreg.core import rulesettings as rs

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
