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
