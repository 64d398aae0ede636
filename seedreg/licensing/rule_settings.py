"""Licensing values no source settles, edited by the league admin (see core.rulesettings)."""

from seedreg.core import rulesettings as rs

# 兴署发〔2021〕5号 Art. 16(三): 容缺受理 tells the applicant what to supply "and by when", but
# no source gives the number of days.
CONDITIONAL_ACCEPTANCE_WORKDAYS = rs.define(
    rs.SettingDef(
        key="licensing.conditional_acceptance_workdays",
        group="许可",
        label="容缺受理补齐期限",
        default=5,
        unit="个工作日",
        minimum=1,
        maximum=20,
        basis=rs.Basis.LOCAL,
        description="容缺受理后申请人补齐材料的期限，自受理之日起计算。兴署发〔2021〕5号第十六条第三项"
        "只要求一次性告知期限，未规定天数。默认5个工作日：与行政许可法第三十二条告知补正的5日相当，"
        "并在20个工作日的审查期限内留出审查补齐材料的时间；逾期未补齐的，应作出不予批准的决定并说明理由。",
    )
)

RENEWAL_LEAD_DAYS = rs.define(
    rs.SettingDef(
        key="licensing.renewal_lead_days",
        group="许可",
        label="延续申请提前天数",
        default=30,
        unit="日",
        minimum=0,
        maximum=365,
        basis=rs.Basis.STATUTORY,
        source="行政许可法第五十条",
        description="被许可人需要延续许可有效期的，应当在有效期届满30日前提出申请；法律、法规、规章另有"
        "规定的，依照其规定（林木种子生产经营许可证的规章未另作规定）。",
    )
)
LICENCE_VALIDITY_YEARS = rs.define(
    rs.SettingDef(
        key="licensing.licence_validity_years",
        group="许可",
        label="许可证有效期",
        default=5,
        unit="年",
        minimum=1,
        maximum=20,
        basis=rs.Basis.STATUTORY,
        source="国家林业局令第40号第十四条",
        description="林木种子生产经营许可证有效期限为五年，地方性法规、政府规章另有规定的除外。",
    )
)
PROMISED_DECISION_WORKDAYS = rs.define(
    rs.SettingDef(
        key="licensing.promised_decision_workdays",
        group="许可",
        label="承诺办结时限",
        default=10,
        unit="个工作日",
        minimum=1,
        maximum=20,
        basis=rs.Basis.LOCAL,
        description="自受理之日起本机关承诺作出决定的期限，短于法定的20个工作日（兴署发〔2021〕5号"
        "要求公布承诺时限，天数由本机关确定）。",
    )
)
COMPLAINT_LINE = rs.define(
    rs.SettingDef(
        key="licensing.complaint_line",
        group="许可",
        label="监督投诉方式",
        default="12345（政务服务便民热线）",
        basis=rs.Basis.LOCAL,
        description="办事指南公布的监督投诉渠道。",
    )
)
