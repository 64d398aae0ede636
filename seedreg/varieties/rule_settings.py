"""良种 register values no source settles (facts §6, §14: how long a 认定 lasts NOT FOUND)."""

from seedreg.core import rulesettings as rs

RECOGNITION_YEARS = rs.define(
    rs.SettingDef(
        key="varieties.recognition_years",
        group="林木良种",
        label="认定良种的默认有效年数",
        default=5,
        unit="年",
        minimum=1,
        maximum=30,
        basis=rs.Basis.LOCAL,
        description=(
            "认定的良种在认定期满后不再作为良种（种子法第二十三条第二款），但现行资料中未查到"
            "认定的统一有效期。登记认定良种时如公告未写明有效期，按认定年份加本年数的当年"
            "12月31日推定，并在名录中标明“推定”，请以认定公告为准。默认5年。"
        ),
    )
)
