"""Quarantine values no source settles (facts §5.2, §14: validity periods NOT FOUND)."""

from seedreg.core import rulesettings as rs

SITE_CERTIFICATE_VALID_DAYS = rs.define(
    rs.SettingDef(
        key="quarantine.site_certificate_valid_days",
        group="植物检疫",
        label="产地检疫合格证有效期",
        default=180,
        unit="天",
        minimum=1,
        maximum=3650,
        basis=rs.Basis.LOCAL,
        description="自签发之日起计算。现行规定中未查到统一期限；默认180天，覆盖一个生长季。",
    )
)
CONSIGNMENT_CERTIFICATE_VALID_DAYS = rs.define(
    rs.SettingDef(
        key="quarantine.consignment_certificate_valid_days",
        group="植物检疫",
        label="植物检疫证书有效期",
        default=20,
        unit="天",
        minimum=1,
        maximum=365,
        basis=rs.Basis.LOCAL,
        description="一批货物一证，自签发之日起计算。现行规定中未查到统一期限；默认20天，够一次运输。",
    )
)
