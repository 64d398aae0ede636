"""Service-desk values no source settles: 兴署发〔2021〕5号 Arts. 14 and 37 require answers and
complaint handling but name no number of days."""

from seedreg.core import rulesettings as rs

ANSWER_WORKDAYS = rs.define(
    rs.SettingDef(
        key="servicedesk.answer_workdays",
        group="咨询投诉",
        label="网上咨询答复时限",
        default=3,
        unit="个工作日",
        minimum=1,
        maximum=30,
        basis=rs.Basis.LOCAL,
        description="自提出之日起计算。兴署发〔2021〕5号第十四条要求落实首问负责制、有问必答，"
        "未规定天数；默认3个工作日。",
    )
)
COMPLAINT_WORKDAYS = rs.define(
    rs.SettingDef(
        key="servicedesk.complaint_workdays",
        group="咨询投诉",
        label="投诉办理时限",
        default=15,
        unit="个工作日",
        minimum=1,
        maximum=60,
        basis=rs.Basis.LOCAL,
        description="自收到之日起计算。兴署发〔2021〕5号第三十七条要求及时受理、办理、反馈，"
        "未规定天数；默认15个工作日。",
    )
)
ANONYMOUS_PER_CLIENT_DAY = rs.define(
    rs.SettingDef(
        key="servicedesk.anonymous_per_client_day",
        group="咨询投诉",
        label="未登录提交次数上限（每个网络地址每天）",
        default=10,
        unit="次",
        minimum=1,
        maximum=1000,
        basis=rs.Basis.LOCAL,
        description="未登录的咨询、预约、投诉合计计数，防止脚本批量提交；默认每天10次。",
    )
)
