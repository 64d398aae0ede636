"""Request values no source settles: the promised working days of each request matter (within
the catalogue's 20 working days; a request is a public service, not a licence, so 行政许可法
Art. 42 is not cited to users) and the fee schedule
(财税〔2017〕20号 abolished plant-quarantine fees: medium confidence; default none)."""

from seedreg.core import rulesettings as rs

GROUP = "检验检疫申请"


def _promised(key: str, label: str, default: int, why: str) -> rs.SettingDef:
    return rs.define(
        rs.SettingDef(
            key=key,
            group=GROUP,
            label=label,
            default=default,
            unit="个工作日",
            minimum=1,
            maximum=20,
            basis=rs.Basis.LOCAL,
            description=f"自受理之日起计算，不得长于事项目录中的办结时限（20个工作日）。{why}",
        )
    )


QUALITY_PROMISED_WORKDAYS = _promised(
    "requests.quality_promised_workdays",
    "质量检验申请承诺办结时限",
    15,
    "未查到规定的检验期限；默认15个工作日，够一次发芽试验。",
)
SITE_PROMISED_WORKDAYS = _promised(
    "requests.site_quarantine_promised_workdays",
    "产地检疫申请承诺办结时限",
    10,
    "外省规章为受理后20日内检疫（中等可信度）；默认10个工作日。",
)
CONSIGNMENT_PROMISED_WORKDAYS = _promised(
    "requests.consignment_promised_workdays",
    "调运检疫报检承诺办结时限",
    3,
    "未查到规定的期限；苗木起运不等人，默认3个工作日。",
)
FEE_SCHEDULE = rs.define(
    rs.SettingDef(
        key="requests.fee_schedule",
        group=GROUP,
        label="检验检疫收费标准",
        default="不收费",
        basis=rs.Basis.LOCAL,
        description="植物检疫费已于2017年停征（财税〔2017〕20号，中等可信度）。"
        "如有依法收费的项目，在此写明项目、标准和依据；办事指南照此显示。",
    )
)

PROMISED = {
    "quality_request": QUALITY_PROMISED_WORKDAYS,
    "site_quarantine_request": SITE_PROMISED_WORKDAYS,
    "consignment_quarantine_request": CONSIGNMENT_PROMISED_WORKDAYS,
}
